from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KilapScorePeriod(models.Model):
    """A month of evaluation; closing it locks the journals and attendance behind it."""

    _name = "kilap.score.period"
    _description = "Evaluation Period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(required=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("computed", "Computed"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("kilap.score.line", "period_id", string="Scores")

    _company_month_unique = models.Constraint(
        "UNIQUE(company_id, date_from)", "There is already a period for this month."
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(_("A period cannot end before it starts."))
