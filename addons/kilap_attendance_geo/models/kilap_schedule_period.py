from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapSchedulePeriod(models.Model):
    """A date range with its own working schedule (Ramadan, emergency hours)."""

    _name = "kilap.schedule.period"
    _description = "Special Schedule Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Schedule",
        required=True,
        tracking=True,
        help="Replaces the employees' own schedule within the dates.",
    )
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    active = fields.Boolean(default=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._("The period cannot end before it starts.")
                )
