from odoo import fields, models
from odoo.exceptions import UserError

from .hr_attendance import KILAP_ACTION


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    kilap_discipline_event_ids = fields.One2many(
        "kilap.discipline.event",
        "employee_id",
        string="Discipline History",
        groups="hr.group_hr_user",
    )

    def _kilap_tz(self):
        """Time zone of the employee's office: work location, then employee, company."""
        self.ensure_one()
        employee = self.sudo()
        return (
            employee.work_location_id.kilap_tz
            or employee.tz
            or employee.resource_calendar_id.tz
            or employee.company_id.partner_id.tz
            or "Asia/Jakarta"
        )

    def _attendance_action_change(self, geo_information=None):
        """Run Odoo's check-in/out inside the KILAP action so the fence applies."""
        employee = self
        if self.env.user._kilap_employee() == self:
            # employees have no write access to attendances;
            # the action itself is allowed
            employee = self.sudo()
        token = KILAP_ACTION.set(True)
        try:
            return super(HrEmployee, employee)._attendance_action_change(
                geo_information
            )
        finally:
            KILAP_ACTION.reset(token)

    def _kilap_attendance_at(self, kind, when, geo_information):
        """Check in or out at a given (device) time: the offline sync path.

        Same validation as every other path; ``kind`` is ``in`` or ``out``.
        """
        self.ensure_one()
        attendance_model = self.env["hr.attendance"]
        geo_vals = {f"{kind}_{key}": value for key, value in geo_information.items()}
        token = KILAP_ACTION.set(True)
        try:
            if kind == "in":
                return attendance_model.create(
                    {"employee_id": self.id, "check_in": when, **geo_vals}
                )
            attendance = attendance_model.search(
                [
                    ("employee_id", "=", self.id),
                    ("check_out", "=", False),
                    ("check_in", "<=", when),
                ],
                order="check_in desc",
                limit=1,
            )
            if not attendance:
                raise UserError(
                    self.env._(
                        "There is no open check-in before %(time)s to check out from.",
                        time=when,
                    )
                )
            attendance.write({"check_out": when, **geo_vals})
            return attendance
        finally:
            KILAP_ACTION.reset(token)
