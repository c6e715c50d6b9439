from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class KilapAttendanceComputeWizard(models.TransientModel):
    """Recompute the daily results for chosen dates (after late leave or correction)."""

    _name = "kilap.attendance.compute.wizard"
    _description = "Compute Daily Attendance Results"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    department_ids = fields.Many2many("hr.department", string="Departments")
    employee_ids = fields.Many2many("hr.employee", string="Employees")

    def action_compute(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The end date cannot be before the start date."))
        if self.date_to > self.date_from + relativedelta(years=1):
            raise UserError(self.env._("Compute at most one year at a time."))
        Employee = self.env["hr.employee"].sudo()
        scope = Employee._kilap_scope_domain(self.env.user)
        outside = self.employee_ids - Employee.search(
            [*scope, ("id", "in", self.employee_ids.ids)]
        )
        if outside or (
            self.department_ids
            and not Employee.search_count(
                [*scope, ("department_id", "child_of", self.department_ids.ids)]
            )
        ):
            raise AccessError(
                self.env._(
                    "You may only recompute the days of employees you manage "
                    "(%(names)s is not one of them).",
                    names=", ".join(
                        (outside.mapped("name") or self.department_ids.mapped("name"))[
                            :3
                        ]
                    ),
                )
            )
        domain = [*scope, ("company_id", "in", self.env.companies.ids)]
        if self.employee_ids:
            domain.append(("id", "in", self.employee_ids.ids))
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        employees = Employee.search(domain)
        days = self.env["kilap.attendance.day"]._kilap_compute_days(
            employees, self.date_from, self.date_to
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Daily Attendance Results"),
            "res_model": "kilap.attendance.day",
            "view_mode": "list,pivot,graph,form",
            "domain": [("id", "in", days.ids)],
        }
