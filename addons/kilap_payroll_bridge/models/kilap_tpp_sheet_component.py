from odoo import api, fields, models


class KilapTppSheetComponent(models.Model):
    """A line's base and paid TPP for one component, for the SIPD budget export."""

    _name = "kilap.tpp.sheet.component"
    _inherit = ["kilap.tpp.sheet.detail.mixin"]
    _description = "TPP Sheet Component"
    _order = "line_id, id"

    line_id = fields.Many2one(
        "kilap.tpp.sheet.line", required=True, ondelete="cascade", index=True
    )
    sheet_id = fields.Many2one(
        related="line_id.sheet_id", store=True, index=True, precompute=True
    )
    component_id = fields.Many2one("kilap.tpp.component", required=True)
    account_code = fields.Char(string="Budget Account Code")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    base_amount = fields.Monetary(string="Base")
    paid_amount = fields.Monetary(string="TPP Paid")

    @api.depends("line_id.sheet_id.currency_id")
    def _compute_currency_id(self):
        for component in self:
            component.currency_id = component.line_id.sheet_id.currency_id
