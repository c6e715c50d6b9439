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
        help="Replaces the employees' own schedule within the dates, unless their "
        "schedule has its own replacement below.",
    )
    line_ids = fields.One2many(
        "kilap.schedule.period.line",
        "period_id",
        string="Replacements per Schedule",
        copy=True,
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

    def _kilap_special_calendar(self, calendar):
        """The schedule that replaces ``calendar`` within this period."""
        self.ensure_one()
        line = self.line_ids.filtered(lambda line: line.calendar_id == calendar)[:1]
        return line.special_calendar_id or self.calendar_id
