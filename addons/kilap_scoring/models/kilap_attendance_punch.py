import pytz

from odoo import models


class KilapAttendancePunch(models.Model):
    """Fingerprint punches of a closed month are frozen with their attendances."""

    _name = "kilap.attendance.punch"
    _inherit = ["kilap.attendance.punch", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("punch_time", "employee_id"))

    def _kilap_frozen_ranges(self):
        ranges = set()
        for punch in self:
            tz = pytz.timezone(punch.terminal_id.tz or "Asia/Jakarta")
            local = pytz.utc.localize(punch.punch_time).astimezone(tz).date()
            ranges.add(self._kilap_range(punch.employee_id.company_id, local))
        return ranges
