from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapAttendanceTerminalUser(models.Model):
    """Which employee a device user id of a terminal is (when it is not the NIP)."""

    _name = "kilap.attendance.terminal.user"
    _description = "Fingerprint Terminal User"
    _order = "terminal_id, user_code"

    terminal_id = fields.Many2one(
        "kilap.attendance.terminal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="terminal_id.company_id", store=True)
    opd_id = fields.Many2one(related="terminal_id.opd_id", store=True)
    user_code = fields.Char(string="Device User ID", required=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade"
    )

    _code_unique = models.Constraint(
        "UNIQUE(terminal_id, user_code)",
        "This device user id is already mapped on this terminal.",
    )

    @api.constrains("employee_id", "terminal_id")
    def _check_employee(self):
        for line in self:
            if not line.terminal_id._kilap_serves(line.employee_id):
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not an employee of the company and OPD of "
                        "the terminal %(terminal)s.",
                        employee=line.employee_id.name,
                        terminal=line.terminal_id.name,
                    )
                )

    @api.constrains("user_code")
    def _check_user_code(self):
        for line in self:
            code = line.user_code or ""
            if not code.isalnum() or len(code) > 24:
                raise ValidationError(
                    self.env._(
                        "A device user id is at most 24 letters or digits, e.g. 105."
                    )
                )
