from odoo import fields, models


class KilapSkpIndicator(models.Model):
    """Indicator of an RHK with its quantity, quality and time targets."""

    _name = "kilap.skp.indicator"
    _description = "RHK Indicator"
    _order = "rhk_id, id"

    name = fields.Char(required=True)
    rhk_id = fields.Many2one("kilap.skp.rhk", required=True, index=True, ondelete="cascade")
    target_qty = fields.Float(string="Target Quantity", default=1.0)
    unit = fields.Char()
    target_quality = fields.Char()
    target_time = fields.Char()
