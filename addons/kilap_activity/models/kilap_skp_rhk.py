from odoo import fields, models


class KilapSkpRhk(models.Model):
    """Rencana Hasil Kerja: a planned result of the SKP, main or additional."""

    _name = "kilap.skp.rhk"
    _description = "RHK (Planned Work Result)"
    _order = "skp_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    skp_id = fields.Many2one("kilap.skp", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(
        related="skp_id.employee_id", store=True, index=True, readonly=True
    )
    kind = fields.Selection(
        [("main", "Main"), ("additional", "Additional")], required=True, default="main"
    )
    parent_rhk_id = fields.Many2one(
        "kilap.skp.rhk",
        string="Supports Supervisor RHK",
        index="btree_not_null",
        ondelete="set null",
    )
    indicator_ids = fields.One2many("kilap.skp.indicator", "rhk_id", string="Indicators")
    action_ids = fields.One2many("kilap.skp.action", "rhk_id", string="Action Plan")
