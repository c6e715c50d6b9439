from odoo import models


class KilapAttendanceCorrection(models.Model):
    """Corrections of a closed month can be neither filed nor decided."""

    _name = "kilap.attendance.correction"
    _inherit = ["kilap.attendance.correction", "kilap.frozen.month.mixin"]

    def _kilap_frozen_ranges(self):
        return {self._kilap_range(req.company_id, req.date) for req in self}
