from odoo import fields, models


class KilapSkpAction(models.Model):
    """Rencana aksi: the month's share of an RHK, the target kinerja is scored against."""

    _name = "kilap.skp.action"
    _description = "RHK Monthly Action Plan"
    _order = "rhk_id, month, id"

    name = fields.Char(required=True)
    rhk_id = fields.Many2one("kilap.skp.rhk", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(
        related="rhk_id.employee_id", store=True, index=True, readonly=True
    )
    month = fields.Integer(required=True, help="1 to 12")
    target_qty = fields.Float(string="Target Quantity", default=1.0)
    unit = fields.Char()
