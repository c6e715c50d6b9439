from odoo import fields, models


class KilapSchedulePeriodLine(models.Model):
    """Within a special period, the replacement of one usual schedule by its own
    special one: a 6-day school week keeps six days in Ramadan, with Ramadan hours,
    instead of taking the office's five."""

    _name = "kilap.schedule.period.line"
    _description = "Special Schedule Period Replacement"
    _order = "period_id, id"

    period_id = fields.Many2one(
        "kilap.schedule.period", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Usual Schedule",
        required=True,
        help="The schedule the employees usually work.",
    )
    special_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Schedule in the Period",
        required=True,
        help="What they work instead within the period's dates.",
    )

    _period_calendar_unique = models.Constraint(
        "UNIQUE(period_id, calendar_id)",
        "A usual schedule is replaced once per period.",
    )

    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.calendar_id.display_name} → "
                f"{line.special_calendar_id.display_name}"
            )
