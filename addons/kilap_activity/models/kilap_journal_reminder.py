from collections import defaultdict

import pytz
from markupsafe import Markup, escape

from odoo import api, fields, models


class KilapJournalEntry(models.Model):
    """Daily reminders: who has not submitted today, and what waits for supervisors."""

    _inherit = "kilap.journal.entry"

    @api.model
    def _cron_kilap_reminder(self, now=None, force=False):
        """Run hourly; acts once per company per day, after the company's reminder hour.

        ``now`` (naive UTC) and ``force`` let tests run it for a chosen moment.
        """
        now = now or fields.Datetime.now()
        for company in self.env["res.company"].sudo().search([("active", "=", True)]):
            tz = pytz.timezone(company.resource_calendar_id.tz or "Asia/Makassar")
            local = pytz.utc.localize(now).astimezone(tz)
            today = local.date()
            hour = local.hour + local.minute / 60.0
            if not force and (
                hour < company.kilap_reminder_hour
                or company.kilap_reminder_last_date == today
            ):
                continue
            self._kilap_remind_employees(company, today, now=now)
            self._kilap_digest_supervisors(company)
            company.kilap_reminder_last_date = today
        return True

    @api.model
    def _kilap_remind_employees(self, company, today, now=None):
        """Activity (notification, email) for employees without a submitted entry.

        Given ``now`` (naive UTC), each employee's day is their own local date
        (an office in WIT is an hour ahead of one in WITA); else ``today`` for
        all. Skipped: whoever has nothing to do that day -- a non-working day
        of their own calendar (weekend, public holiday), an approved leave or
        field duty (``hr.employee._kilap_excused_ids``).
        """
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("company_id", "=", company.id), ("user_id", "!=", False)])
        )
        if not employees:
            return self.env["hr.employee"]
        days = {
            employee.id: employee._kilap_local_date(now) if now else today
            for employee in employees
        }
        excused = employees._kilap_excused_ids(days)
        working = employees.filtered(lambda e: e.id not in excused)
        done = {
            (employee.id, day)
            for employee, day in self.sudo()._read_group(
                [
                    ("employee_id", "in", working.ids),
                    ("date", "in", list(set(days.values()))),
                    ("state", "in", ("submitted", "approved")),
                ],
                ["employee_id", "date:day"],
            )
        }
        missing = working.filtered(lambda e: (e.id, days[e.id]) not in done)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for employee in missing:
            day = days[employee.id]
            employee.activity_schedule(
                activity_type_id=todo.id,
                date_deadline=day,
                summary=self.env._("Submit today's activity journal"),
                note=self.env._(
                    "No journal entry has been submitted for %(date)s yet.", date=day
                ),
                user_id=employee.user_id.id,
            )
        return missing

    @api.model
    def _kilap_digest_supervisors(self, company):
        """One inbox/email message per supervisor listing entries awaiting approval."""
        groups = self.sudo()._read_group(
            [("company_id", "=", company.id), ("state", "=", "submitted")],
            ["supervisor_id", "employee_id"],
            ["__count"],
        )
        per_supervisor = {}
        for supervisor, employee, count in groups:
            if supervisor.user_id:
                per_supervisor.setdefault(supervisor, []).append((employee, count))
        acting = defaultdict(lambda: self.env["res.partner"])
        for assignment in (
            self.env["kilap.acting.assignment"]
            .sudo()
            .search(
                [
                    ("absent_employee_id", "in", [s.id for s in per_supervisor]),
                    ("state", "=", "active"),
                ]
            )
        ):
            today = assignment.acting_employee_id._kilap_today()
            if assignment.date_from <= today <= assignment.date_to:
                acting[assignment.absent_employee_id] |= (
                    assignment.acting_user_id.partner_id
                )
        for supervisor, rows in per_supervisor.items():
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (escape(employee.name), count)
                for employee, count in rows
            )
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("Journal entries waiting for your approval:"),
                items,
            )
            supervisor.message_notify(
                partner_ids=(supervisor.user_id.partner_id | acting[supervisor]).ids,
                subject=self.env._(
                    "KILAP: %(count)s journal entries to approve",
                    count=sum(c for _e, c in rows),
                ),
                body=body,
            )
        return per_supervisor
