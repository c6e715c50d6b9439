from odoo import api, models


class KilapTppRulesetLineMixin(models.AbstractModel):
    """Lines of a rule set follow its lock: a version used by a sheet never changes."""

    _name = "kilap.tpp.ruleset.line.mixin"
    _description = "TPP Rule Set Line (lock)"

    @api.model_create_multi
    def create(self, vals_list):
        rulesets = self.env["kilap.tpp.ruleset"].browse(
            [vals["ruleset_id"] for vals in vals_list if vals.get("ruleset_id")]
        )
        rulesets._check_not_locked()
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        self.ruleset_id._check_not_locked()
        if vals.get("ruleset_id"):
            self.env["kilap.tpp.ruleset"].browse(vals["ruleset_id"])._check_not_locked()
        return super().write(vals)

    def unlink(self):
        self.ruleset_id._check_not_locked()
        return super().unlink()
