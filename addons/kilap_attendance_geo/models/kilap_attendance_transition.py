from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapAttendanceTransition(models.Model):
    """A date range in which a company (or one OPD) still keeps attendance by
    hand: its monthly recap is imported as the daily results, and the nightly
    computation leaves those rows alone."""

    _name = "kilap.attendance.transition"
    _description = "Attendance Transition Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department",
        string="OPD",
        tracking=True,
        help="Empty: the whole company. Else only this department and below.",
    )
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for transition in self:
            if transition.date_to < transition.date_from:
                raise ValidationError(
                    self.env._("The transition period cannot end before it starts.")
                )

    @api.model
    def _kilap_covers(self, employee, day):
        """True when a transition period of the employee's company (and OPD)
        includes ``day``."""
        employee = employee.sudo()
        for transition in self.sudo().search(
            [
                ("company_id", "=", employee.company_id.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ]
        ):
            department = transition.department_id
            if not department or (
                employee.department_id
                and employee.department_id.parent_path.startswith(
                    department.parent_path
                )
            ):
                return True
        return False
