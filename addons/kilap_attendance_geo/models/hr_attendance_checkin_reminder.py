from datetime import datetime, time, timedelta

import pytz

from odoo import api, models


class HrAttendance(models.Model):
    """The check-in reminder for shift workers: at the start of their shift on the
    roster (the weekly schedule is not theirs), unless they checked in within the
    shift's punch window or are on leave or field duty."""

    _inherit = "hr.attendance"

    @api.model
    def _kilap_checkin_reminder_domain(self, company):
        return super()._kilap_checkin_reminder_domain(company) + [
            ("kilap_rostered", "=", False)
        ]

    @api.model
    def _kilap_remind_checkin(self, company, since, now):
        reminded = super()._kilap_remind_checkin(company, since, now)
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("user_id", "!=", False),
                    ("kilap_rostered", "=", True),
                ]
            )
        )
        if not employees:
            return reminded
        rosters = self.env["kilap.shift.roster"]._kilap_by_employee(
            employees,
            (since - timedelta(days=1)).date(),
            (now + timedelta(days=1)).date(),
        )
        days, opens = {}, {}
        for employee in employees:
            tz = pytz.timezone(employee._kilap_tz())
            for day, entry in rosters[employee.id].items():
                if entry.kind != "shift":
                    continue
                shift = entry.shift_type_id
                start = (
                    (
                        tz.localize(datetime.combine(day, time.min))
                        + timedelta(hours=shift.hour_from)
                    )
                    .astimezone(pytz.utc)
                    .replace(tzinfo=None)
                )
                if since < start <= now:
                    days[employee.id] = day
                    opens[employee.id] = start - timedelta(
                        minutes=shift.window_before_min
                    )
        if not days:
            return reminded
        due = employees.browse(list(days))
        excused = due._kilap_excused_ids(days)
        due = due.filtered(lambda e: e.id not in excused)
        checked = {
            attendance.employee_id.id
            for attendance in self.sudo().search_fetch(
                [
                    ("employee_id", "in", due.ids),
                    ("check_in", ">=", min(opens.values())),
                    ("check_in", "<=", now),
                ],
                ["employee_id", "check_in"],
            )
            if attendance.check_in >= opens[attendance.employee_id.id]
        }
        missing = due.filtered(lambda e: e.id not in checked)
        self._kilap_notify_checkin(missing, days)
        return reminded | missing
