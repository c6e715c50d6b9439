from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapShiftType(models.Model):
    """A shift of a round-the-clock service (RSUD ward, puskesmas, fire station,
    Satpol PP): a rostered employee is judged against its own start and end.

    Every number is data: the hours, the break, the window in which a punch
    belongs to the shift, and how many TK days a missed shift counts.
    """

    _name = "kilap.shift.type"
    _description = "Shift Type"
    _inherit = ["mail.thread"]
    _order = "company_id, hour_from, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used in roster patterns, e.g. P, S, M or 24.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="OPD",
        help="Only rosters of this OPD (and its units) may use the shift. Empty: "
        "every OPD of the pemda.",
    )
    hour_from = fields.Float(string="Start", required=True, tracking=True)
    hour_to = fields.Float(
        string="End",
        required=True,
        tracking=True,
        help="An end at or before the start crosses midnight; equal to the start is "
        "a 24-hour shift.",
    )
    duration_hours = fields.Float(compute="_compute_duration", store=True)
    crosses_midnight = fields.Boolean(compute="_compute_duration", store=True)
    break_minutes = fields.Integer(string="Break (minutes)", tracking=True)
    apel = fields.Boolean(help="The shift starts with the assembly (apel).")
    window_before_min = fields.Integer(
        string="Punch window before start (minutes)",
        default=120,
        help="A check-in this long before the start still belongs to the shift.",
    )
    window_after_min = fields.Integer(
        string="Punch window after end (minutes)",
        default=240,
        help="A check-out this long after the end still belongs to the shift.",
    )
    absence_days = fields.Integer(
        string="TK days when missed",
        default=1,
        tracking=True,
        help="A rostered shift with no attendance counts as this many days of "
        "absence without reason (e.g. 1 or 3 for a 24-hour shift, as the Perkada "
        "says).",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _company_code_unique = models.Constraint(
        "UNIQUE(company_id, code)", "A shift code is used once per pemda."
    )

    @api.depends("hour_from", "hour_to")
    def _compute_duration(self):
        for shift in self:
            duration = (shift.hour_to - shift.hour_from) % 24 or 24.0
            shift.duration_hours = duration
            shift.crosses_midnight = shift.hour_from + duration > 24

    @api.constrains(
        "hour_from",
        "hour_to",
        "break_minutes",
        "window_before_min",
        "window_after_min",
        "absence_days",
    )
    def _check_numbers(self):
        for shift in self:
            if not (0 <= shift.hour_from < 24 and 0 <= shift.hour_to < 24):
                raise ValidationError(
                    self.env._("A shift starts and ends between 00:00 and 23:59.")
                )
            if shift.break_minutes < 0 or shift.break_minutes >= (
                shift.duration_hours * 60
            ):
                raise ValidationError(
                    self.env._("The break must be shorter than the shift.")
                )
            if (
                min(shift.window_before_min, shift.window_after_min) < 0
                or max(shift.window_before_min, shift.window_after_min) > 12 * 60
            ):
                raise ValidationError(
                    self.env._("A punch window is between 0 and 720 minutes.")
                )
            if shift.absence_days < 1:
                raise ValidationError(
                    self.env._("A missed shift counts as at least one TK day.")
                )

    def _kilap_work_minutes(self):
        """Minutes to work in the shift: its length without the break."""
        self.ensure_one()
        return round(self.duration_hours * 60) - self.break_minutes

    @api.depends("code", "name")
    def _compute_display_name(self):
        for shift in self:
            shift.display_name = (
                f"[{shift.code}] {shift.name}" if shift.code else shift.name
            )
