from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppRulesetTax(models.Model):
    """PPh 21 rate withheld from TPP for a group of golongan."""

    _name = "kilap.tpp.ruleset.tax"
    _inherit = ["kilap.tpp.ruleset.line.mixin"]
    _description = "TPP PPh 21 Rate"
    _order = "ruleset_id, rate_pct"

    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True)
    golongan_ids = fields.Many2many("kilap.golongan")
    rate_pct = fields.Float(string="Rate (%)")

    @api.constrains("rate_pct")
    def _check_rate(self):
        if any(not 0 <= line.rate_pct <= 100 for line in self):
            raise ValidationError(self.env._("A tax rate must be between 0 and 100 %."))
