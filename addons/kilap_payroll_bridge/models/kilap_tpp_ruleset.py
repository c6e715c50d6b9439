from odoo import fields, models


class KilapTppRuleset(models.Model):
    """A version of the pemda's TPP rules (Perbup/Perwali), effective from a date."""

    _name = "kilap.tpp.ruleset"
    _description = "TPP Rule Set"
    _inherit = ["mail.thread"]
    _order = "company_id, date_from desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Effective From", required=True, tracking=True)
    weight_kinerja = fields.Float(default=60.0, tracking=True)
    weight_disiplin = fields.Float(default=40.0, tracking=True)
    cpns_factor = fields.Float(string="CPNS Factor (%)", default=80.0, tracking=True)
