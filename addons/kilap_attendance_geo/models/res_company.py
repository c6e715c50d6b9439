from collections import defaultdict
from datetime import timedelta

from odoo import fields, models


class ResCompany(models.Model):
    """Per-pemda attendance limits: every number of the check-in rules is data."""

    _inherit = "res.company"

    kilap_max_accuracy_m = fields.Integer(
        string="Maximum GPS accuracy (m)",
        default=100,
        help="Positions reported with a worse accuracy are refused.",
    )
    kilap_max_speed_kmh = fields.Integer(
        string="Maximum speed between fixes (km/h)",
        default=300,
        help="A faster move since the previous fix flags the attendance for review.",
    )
    kilap_max_ip_distance_km = fields.Integer(
        string="Maximum GPS/IP distance (km)",
        default=100,
        help="A GPS position this far from the IP position flags the attendance for "
        "review.",
    )
    kilap_max_fence_radius_m = fields.Integer(
        string="Maximum geofence radius (m)",
        default=1000,
        help="No geofence of this pemda may be wider.",
    )
    kilap_offline_late_min = fields.Integer(
        string="Offline review delay (minutes)",
        default=30,
        help="A queued check-in received this long after its device time goes to "
        "the review queue.",
    )
    kilap_offline_window_h = fields.Integer(string="Offline window (hours)", default=72)
    kilap_offline_future_min = fields.Integer(
        string="Future tolerance (minutes)", default=5
    )
    kilap_makeup_enabled = fields.Boolean(
        string="Make up lateness by staying longer",
        help="Lateness up to the limit is waived when the employee stays as long after "
        "hours.",
    )
    kilap_makeup_max_min = fields.Integer(string="Make-up limit (minutes)", default=30)
    kilap_minutes_per_day = fields.Integer(
        string="Minutes of TL/PSW per absent day",
        default=450,
        help="Accumulated late and early minutes counted as one day of absence (7.5 "
        "h).",
    )
    kilap_selfie_mode = fields.Selection(
        [("off", "Off"), ("optional", "Optional"), ("required", "Required")],
        string="Selfie at check-in",
        default="off",
        required=True,
        help="Whether the phone page takes a front-camera photo with each check-in "
        "and check-out. Required: a check-in without one is refused.",
    )

    def _kilap_compute_days_chunk(self, employee_ids, date_from=None, date_to=None):
        """One chunk of the daily results (idempotent: a recompute).

        Without dates it is the nightly run: the last two finished days in each
        employee's own time zone, so the server's date (UTC) never decides which day
        of a WITA or WIT office is over.
        """
        employees = self.env["hr.employee"].sudo().browse(employee_ids).exists()
        Day = self.env["kilap.attendance.day"].sudo()
        if date_from and date_to:
            Day._kilap_compute_days(
                employees, fields.Date.to_date(date_from), fields.Date.to_date(date_to)
            )
            return
        by_today = defaultdict(lambda: employees.browse())
        for employee in employees:
            by_today[employee._kilap_today()] |= employee
        for today, group in sorted(by_today.items()):
            Day._kilap_compute_days(
                group, today - timedelta(days=2), today - timedelta(days=1)
            )
