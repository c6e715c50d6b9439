from odoo import fields, models


class KilapTppGenerate(models.TransientModel):
    """Generate the month's TPP sheets of every OPD at once, from a closed period."""

    _name = "kilap.tpp.generate"
    _description = "Generate TPP Sheets"

    period_id = fields.Many2one(
        "kilap.score.period",
        string="Scoring Period",
        required=True,
        domain="[('state', '=', 'closed')]",
        default=lambda self: self.env["kilap.score.period"].search(
            [
                ("state", "=", "closed"),
                ("company_id", "in", self.env.companies.ids),
            ],
            order="date_from desc",
            limit=1,
        ),
        help="A closed month: each OPD with scored employees and no sheet yet gets "
        "a draft sheet, computed.",
    )

    def action_generate(self):
        """Start the generation in the background and open the month's sheets,
        which appear as each job finishes (the period's Background Work)."""
        self.ensure_one()
        self.env["kilap.tpp.sheet"]._kilap_generate_in_background(self.period_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_payroll_bridge.kilap_tpp_sheet_action"
        )
        action["domain"] = [("period_id", "=", self.period_id.id)]
        return action
