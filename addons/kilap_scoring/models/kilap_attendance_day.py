from odoo import api, models


class KilapAttendanceDay(models.Model):
    """Lock daily attendance results dated inside a closed evaluation period."""

    _inherit = "kilap.attendance.day"

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self.env["kilap.score.period"]._kilap_check_locked(days)
        return days

    def write(self, vals):
        self.env["kilap.score.period"]._kilap_check_locked(self)
        res = super().write(vals)
        if {"date", "company_id"} & set(vals):
            self.env["kilap.score.period"]._kilap_check_locked(self)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_period(self):
        self.env["kilap.score.period"]._kilap_check_locked(self)
