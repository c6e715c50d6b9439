from odoo import models


class HrAttendance(models.Model):
    """Raw attendance (and its review) of a closed month is frozen, every path."""

    _name = "hr.attendance"
    _inherit = ["hr.attendance", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("check_in", "check_out", "employee_id"))
    _kilap_retention_fields = frozenset(
        (
            "in_latitude",
            "in_longitude",
            "out_latitude",
            "out_longitude",
            "in_kilap_ip_latitude",
            "in_kilap_ip_longitude",
            "out_kilap_ip_latitude",
            "out_kilap_ip_longitude",
            "in_ip_address",
            "out_ip_address",
            "in_browser",
            "out_browser",
            "in_kilap_selfie",
            "out_kilap_selfie",
            "in_kilap_device",
            "out_kilap_device",
        )
    )

    def _kilap_frozen_ranges(self):
        ranges = set()
        for attendance in self:
            employee = attendance.employee_id
            for when in (attendance.check_in, attendance.check_out):
                if when:
                    ranges.add(
                        self._kilap_range(
                            employee.company_id,
                            self._kilap_local_date(employee, when),
                        )
                    )
        return ranges
