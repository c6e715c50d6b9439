from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.kilap_score_line import RATING_SELECTION


class KilapScoreRatingWizard(models.TransientModel):
    """Rate the behaviour of all the penilai's subordinates of a period at once."""

    _name = "kilap.score.rating.wizard"
    _description = "Bulk Behaviour Rating"

    period_id = fields.Many2one(
        "kilap.score.period",
        required=True,
        ondelete="cascade",
        domain="[('state', '!=', 'closed')]",
    )
    rating = fields.Selection(
        RATING_SELECTION, string="Behaviour Rating", required=True, default="meets"
    )
    only_unrated = fields.Boolean(
        default=True,
        help="Keep the ratings already given; rate only the lines without one.",
    )
    line_ids = fields.Many2many(
        "kilap.score.line",
        string="Employees",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("period_id", "only_unrated")
    def _compute_line_ids(self):
        me = self.env.user._kilap_employee()
        for wizard in self:
            if not (wizard.period_id and me):
                wizard.line_ids = False
                continue
            domain = [
                ("period_id", "=", wizard.period_id.id),
                ("employee_id.penilai_id", "=", me.id),
                ("employee_id", "!=", me.id),
            ]
            if wizard.only_unrated:
                domain.append(("rating_perilaku", "=", False))
            wizard.line_ids = self.env["kilap.score.line"].search(domain)

    def action_apply(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("There is no employee to rate."))
        if self.period_id.state == "closed":
            raise UserError(self.env._("The period %s is closed.", self.period_id.name))
        if self.line_ids.period_id != self.period_id:
            raise UserError(
                self.env._("All the scores must belong to the chosen period.")
            )
        self.line_ids.write({"rating_perilaku": self.rating})
        return {"type": "ir.actions.act_window_close"}
