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
            self._kilap_remind_employees(company, today)
            self._kilap_digest_supervisors(company)
            company.kilap_reminder_last_date = today
        return True

    @api.model
    def _kilap_remind_employees(self, company, today):
        """Activity (notification, email) for employees without a submitted entry."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("company_id", "=", company.id), ("user_id", "!=", False)])
        )
        if not employees:
            return self.env["hr.employee"]
        minutes = employees._kilap_work_minutes_by_date(today, today)
        working = employees.filtered(lambda e: minutes.get(e.id, {}).get(today))
        done = {
            employee.id
            for [employee] in self.sudo()._read_group(
                [
                    ("employee_id", "in", working.ids),
                    ("date", "=", today),
                    ("state", "in", ("submitted", "approved")),
                ],
                ["employee_id"],
            )
        }
        missing = working.filtered(lambda e: e.id not in done)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for employee in missing:
            employee.activity_schedule(
                activity_type_id=todo.id,
                date_deadline=today,
                summary=self.env._("Submit today's activity journal"),
                note=self.env._(
                    "No journal entry has been submitted for %(date)s yet.", date=today
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
                partner_ids=supervisor.user_id.partner_id.ids,
                subject=self.env._(
                    "KILAP: %(count)s journal entries to approve",
                    count=sum(c for _e, c in rows),
                ),
                body=body,
            )
        return per_supervisor
