from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kilap_attendance_geo.rules.bands import BAND_CODES


class KilapTppRulesetBand(models.Model):
    """Cut in percent per occurrence of a TL/PSW band."""

    _name = "kilap.tpp.ruleset.band"
    _inherit = ["kilap.tpp.ruleset.line.mixin"]
    _description = "TPP Band Cut"
    _order = "ruleset_id, band_code"

    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset", required=True, ondelete="cascade", index=True
    )
    band_code = fields.Char(required=True, help="Band code: TL1..TL4, PSW1..PSW4")
    pct = fields.Float(string="Cut per Occurrence (%)", digits=(6, 3))

    _ruleset_code_unique = models.Constraint(
        "UNIQUE(ruleset_id, band_code)", "A band appears once per rule set."
    )

    @api.constrains("band_code", "pct")
    def _check_band(self):
        for line in self:
            if line.pct < 0:
                raise ValidationError(
                    self.env._("Percentages and amounts cannot be negative.")
                )
            if line.band_code not in BAND_CODES:
                raise ValidationError(
                    self.env._(
                        "Unknown band code %s: use TL1..TL4 or PSW1..PSW4.",
                        line.band_code,
                    )
                )
