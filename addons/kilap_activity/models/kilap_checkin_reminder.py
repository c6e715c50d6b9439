import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models


class HrAttendance(models.Model):
    """Check-in reminder: at the start of their working day, whoever has not
    checked in yet is told so (off unless the company turns it on)."""

    _inherit = "hr.attendance"

    @api.model
    def _cron_kilap_checkin_reminder(self, now=None):
        """Run every 15 minutes: remind those whose day started since the last run.

        ``now`` (naive UTC) lets tests run it for a chosen moment.
        """
        now = now or fields.Datetime.now()
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("kilap_checkin_reminder", "=", True), ("active", "=", True)])
        )
        reminded = self.env["hr.employee"]
        for company in companies:
            since = company.kilap_checkin_reminder_last_run or (
                now - datetime.timedelta(minutes=15)
            )
            # a server down for a day does not remind yesterday's late comers
            since = max(since, now - datetime.timedelta(hours=6))
            reminded |= self._kilap_remind_checkin(company, since, now)
            company.kilap_checkin_reminder_last_run = now
        return reminded

    @api.model
    def _kilap_checkin_reminder_domain(self, company):
        """The employees the check-in reminder looks at."""
        return [("company_id", "=", company.id), ("user_id", "!=", False)]

    @api.model
    def _kilap_remind_checkin(self, company, since, now):
        """Remind the employees of ``company`` whose working day started in
        (``since``, ``now``] (``_kilap_checkin_starts``) and who have not checked
        in since it opened; excused as the journal reminder excuses
        (``hr.employee._kilap_excused_ids``)."""
        starts = self._kilap_checkin_starts(company, since, now)
        due = self.env["hr.employee"].sudo().browse(list(starts))
        if not due:
            return due
        days = {employee_id: day for employee_id, (day, _open) in starts.items()}
        opens = {employee_id: at for employee_id, (_day, at) in starts.items()}
        excused = due._kilap_excused_ids(days)
        due = due.filtered(lambda e: e.id not in excused)
        if not due:
            return due
        checked = {
            attendance.employee_id.id
            for attendance in self.sudo().search_fetch(
                [
                    ("employee_id", "in", due.ids),
                    ("check_in", ">=", min(opens[e.id] for e in due)),
                    ("check_in", "<=", now),
                ],
                ["employee_id", "check_in"],
            )
            if attendance.check_in >= opens[attendance.employee_id.id]
        }
        missing = due.filtered(lambda e: e.id not in checked)
        self._kilap_notify_checkin(missing, days)
        return missing

    @api.model
    def _kilap_checkin_starts(self, company, since, now):
        """``{employee id: (day, opens)}``: the employees whose first working
        hour of ``day`` started in (``since``, ``now``], and from when (naive
        UTC) a check-in counts for it: the local midnight of that day."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(self._kilap_checkin_reminder_domain(company))
        )
        # the schedule of the day (history, Ramadan), as the daily results read it
        today = since.date()
        plan = employees._kilap_calendar_plan(
            today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)
        )
        by_calendar = defaultdict(lambda: self.env["hr.employee"].sudo())
        for employee in employees:
            calendar = next(
                (c for first, last, c in plan[employee.id] if first <= today <= last),
                None,
            )
            if calendar:
                by_calendar[calendar] |= employee
        starts = {}
        utc_since, utc_now = pytz.utc.localize(since), pytz.utc.localize(now)
        for calendar, group in by_calendar.items():
            tz = pytz.timezone(calendar.tz or "Asia/Makassar")
            local_since = utc_since.astimezone(tz)
            start = tz.localize(
                datetime.datetime.combine(local_since.date(), datetime.time.min)
            )
            intervals = calendar._work_intervals_batch(start, utc_now, tz=tz)[False]
            firsts = {}
            for begin, _end, _meta in intervals:
                day = begin.astimezone(tz).date()
                firsts[day] = min(firsts.get(day, begin), begin)
            for day, begin in firsts.items():
                if utc_since < begin <= utc_now:
                    midnight = (
                        tz.localize(datetime.datetime.combine(day, datetime.time.min))
                        .astimezone(pytz.utc)
                        .replace(tzinfo=None)
                    )
                    for employee in group:
                        starts[employee.id] = (day, midnight)
        return starts

    @api.model
    def _kilap_notify_checkin(self, employees, days):
        """Tell ``employees`` their working day ``days[id]`` started without a
        check-in from them."""
        for employee in employees:
            employee.message_notify(
                partner_ids=employee.user_id.partner_id.ids,
                subject=self.env._("KILAP: you have not checked in yet"),
                body=self.env._(
                    "Your working day of %(date)s has started and KILAP has no "
                    "check-in from you yet.",
                    date=days[employee.id],
                ),
            )
