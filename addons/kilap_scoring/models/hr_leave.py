from odoo import fields, models


class HrLeave(models.Model):
    """Leaves overlapping a closed month are frozen: their effect on the daily
    results (and so on the score and TPP) was settled at the close."""

    _name = "hr.leave"
    _inherit = ["hr.leave", "kilap.frozen.month.mixin"]

    def _kilap_frozen_ranges(self):
        return {
            self._kilap_range(
                leave.employee_id.company_id,
                fields.Date.to_date(leave.date_from),
                fields.Date.to_date(leave.date_to),
            )
            for leave in self
        }
