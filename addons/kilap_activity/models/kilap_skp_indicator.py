from odoo import fields, models


class KilapSkpIndicator(models.Model):
    """Indicator of an RHK with its quantity, quality and time targets."""

    _name = "kilap.skp.indicator"
    _description = "RHK Indicator"
    _inherit = ["kilap.skp.lock.mixin"]
    _order = "rhk_id, id"

    name = fields.Char(required=True)
    rhk_id = fields.Many2one(
        "kilap.skp.rhk", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(
        related="rhk_id.employee_id", store=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="rhk_id.company_id", store=True, readonly=True)
    target_qty = fields.Float(string="Target Quantity", default=1.0)
    unit = fields.Char()
    target_quality = fields.Char()
    target_time = fields.Char()

    def _kilap_skp(self):
        return self.rhk_id.skp_id
