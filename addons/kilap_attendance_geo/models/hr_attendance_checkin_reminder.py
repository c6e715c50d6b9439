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
    def _kilap_checkin_starts(self, company, since, now):
        """Shift workers' days start with their shift on the roster; a check-in
        counts from the opening of the shift's punch window."""
        starts = super()._kilap_checkin_starts(company, since, now)
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
            return starts
        rosters = self.env["kilap.shift.roster"]._kilap_by_employee(
            employees,
            (since - timedelta(days=1)).date(),
            (now + timedelta(days=1)).date(),
        )
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
                    starts[employee.id] = (
                        day,
                        start - timedelta(minutes=shift.window_before_min),
                    )
        return starts
