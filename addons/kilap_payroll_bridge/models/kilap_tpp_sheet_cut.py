from odoo import fields, models


class KilapTppSheetCut(models.Model):
    """One discipline cut of a line: count x percentage (TL1.., PSW1.., TK, APEL)."""

    _name = "kilap.tpp.sheet.cut"
    _inherit = ["kilap.tpp.sheet.detail.mixin"]
    _description = "TPP Sheet Cut"
    _order = "line_id, code"

    line_id = fields.Many2one(
        "kilap.tpp.sheet.line", required=True, ondelete="cascade", index=True
    )
    code = fields.Char(required=True)
    count = fields.Integer()
    pct = fields.Float(string="Cut per Occurrence (%)", digits=(6, 3))
    cut_pct = fields.Float(string="Cut (%)", digits=(6, 3))
