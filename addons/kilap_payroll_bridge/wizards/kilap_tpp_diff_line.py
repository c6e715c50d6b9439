from odoo import api, fields, models


class KilapTppDiffLine(models.TransientModel):
    """One figure that a recompute would change."""

    _name = "kilap.tpp.diff.line"
    _description = "TPP Sheet Difference"

    diff_id = fields.Many2one("kilap.tpp.diff", required=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee")
    field_name = fields.Char()
    field_label = fields.Char(string="Figure")
    current_amount = fields.Float(string="Current")
    recomputed_amount = fields.Float(string="After Recompute")
    difference = fields.Float(compute="_compute_difference")

    @api.depends("current_amount", "recomputed_amount")
    def _compute_difference(self):
        for line in self:
            line.difference = line.recomputed_amount - line.current_amount
