from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppSanctionType(models.Model):
    """A disciplinary sanction that cuts TPP (PP 94/2021), e.g. 25 % for 6 months."""

    _name = "kilap.tpp.sanction.type"
    _inherit = ["kilap.tpp.ruleset.line.mixin"]
    _description = "TPP Sanction Type"
    _order = "ruleset_id, months, cut_pct"

    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    cut_pct = fields.Float(string="TPP Cut (%)", required=True)
    months = fields.Integer(string="Duration (months)", required=True, default=6)

    @api.constrains("cut_pct", "months")
    def _check_values(self):
        for sanction_type in self:
            if not 0 <= sanction_type.cut_pct <= 100 or sanction_type.months < 1:
                raise ValidationError(
                    self.env._("A sanction cuts 0 to 100 % for at least one month.")
                )
