from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapSkpAction(models.Model):
    """Rencana aksi: the month's share of an RHK; kinerja is scored against it."""

    _name = "kilap.skp.action"
    _description = "RHK Monthly Action Plan"
    _inherit = ["kilap.skp.lock.mixin"]
    _order = "rhk_id, month, id"

    name = fields.Char(required=True)
    rhk_id = fields.Many2one(
        "kilap.skp.rhk", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="rhk_id.employee_id", store=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="rhk_id.company_id", store=True, readonly=True)
    month = fields.Integer(required=True, help="1 to 12")
    target_qty = fields.Float(string="Target Quantity", default=1.0)
    unit = fields.Char()

    def _kilap_skp(self):
        return self.rhk_id.skp_id

    @api.constrains("month")
    def _check_month(self):
        for action in self:
            if not 1 <= action.month <= 12:
                raise ValidationError(
                    self.env._("The month of an action plan must be 1 to 12.")
                )
