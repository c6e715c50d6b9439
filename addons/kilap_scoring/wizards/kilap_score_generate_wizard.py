from odoo import fields, models
from odoo.exceptions import UserError


class KilapScoreGenerateWizard(models.TransientModel):
    """Create the twelve monthly periods of a year for a company."""

    _name = "kilap.score.generate.wizard"
    _description = "Generate Monthly Periods"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)

    def action_generate(self):
        self.ensure_one()
        if not 2000 <= self.year <= 2100:
            raise UserError(self.env._("Give a year between 2000 and 2100."))
        periods = self.env["kilap.score.period"]._kilap_generate_months(
            self.year, self.company_id
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evaluation Periods"),
            "res_model": "kilap.score.period",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("year", "=", self.year),
            ],
            "context": {"created": len(periods)},
        }
