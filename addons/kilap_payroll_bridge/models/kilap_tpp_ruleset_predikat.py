from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppRulesetPredikat(models.Model):
    """Performance ratio per predikat, used when the rule set works by predikat."""

    _name = "kilap.tpp.ruleset.predikat"
    _inherit = ["kilap.tpp.ruleset.line.mixin"]
    _description = "TPP Predikat Ratio"
    _order = "ruleset_id, pct desc"

    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset", required=True, ondelete="cascade", index=True
    )
    predikat = fields.Selection(
        selection=lambda self: (
            self.env["kilap.score.line"]
            ._fields["predikat"]
            ._description_selection(self.env)
        ),
        required=True,
    )
    pct = fields.Float(string="Kinerja Paid (%)")

    _ruleset_predikat_unique = models.Constraint(
        "UNIQUE(ruleset_id, predikat)", "A predikat appears once per rule set."
    )

    @api.constrains("pct")
    def _check_pct(self):
        if any(line.pct < 0 for line in self):
            raise ValidationError(
                self.env._("Percentages and amounts cannot be negative.")
            )
