from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapShiftRoster(models.Model):
    """One date of a rostered employee: a shift, or an off day.

    A rostered employee is judged by this, not by the weekly schedule; a date
    without an entry is *unscheduled* (flagged to Admin OPD, never judged by the
    office calendar). Admin OPD edits the roster of its own OPD (record rules);
    a change recomputes the daily results of past dates at once.
    """

    _name = "kilap.shift.roster"
    _description = "Roster Entry"
    _inherit = ["mail.thread"]
    _order = "date desc, employee_id"
    _rec_name = "employee_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    date = fields.Date(required=True, index=True, tracking=True)
    kind = fields.Selection(
        [("shift", "Shift"), ("off", "Off day")],
        required=True,
        default="shift",
        tracking=True,
    )
    shift_type_id = fields.Many2one(
        "kilap.shift.type", string="Shift", tracking=True, index="btree_not_null"
    )
    color = fields.Integer(related="shift_type_id.color")

    _employee_date_unique = models.Constraint(
        "UNIQUE(employee_id, date)", "An employee has one roster entry per date."
    )

    @api.constrains("kind", "shift_type_id", "employee_id")
    def _check_shift(self):
        for entry in self:
            employee = entry.employee_id.sudo()
            shift = entry.shift_type_id.sudo()
            if not employee.kilap_rostered:
                raise ValidationError(
                    self.env._(
                        "%s does not work on a roster: mark the employee as rostered "
                        "first.",
                        employee.name,
                    )
                )
            if entry.kind == "shift" and not shift:
                raise ValidationError(self.env._("Choose the shift of the day."))
            if entry.kind == "off" and shift:
                raise ValidationError(self.env._("An off day has no shift."))
            if shift and shift.company_id != employee.company_id:
                raise ValidationError(self.env._("The shift belongs to another pemda."))
            if shift.department_id and not (
                employee.department_id
                and employee.department_id.parent_path.startswith(
                    shift.department_id.parent_path
                )
            ):
                raise ValidationError(
                    self.env._(
                        "Shift %(shift)s is only for %(opd)s.",
                        shift=shift.display_name,
                        opd=shift.department_id.display_name,
                    )
                )

    @api.depends("kind", "shift_type_id")
    def _compute_display_name(self):
        for entry in self:
            label = (
                entry.shift_type_id.code if entry.kind == "shift" else self.env._("Off")
            )
            entry.display_name = f"{entry.employee_id.name} {entry.date}: {label}"

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries._kilap_recompute_days()
        return entries

    def write(self, vals):
        before = {(entry.employee_id, entry.date) for entry in self}
        result = super().write(vals)
        self._kilap_recompute_days(before)
        return result

    def unlink(self):
        before = {(entry.employee_id, entry.date) for entry in self}
        result = super().unlink()
        self.browse()._kilap_recompute_days(before)
        return result

    def _kilap_recompute_days(self, extra=()):
        """The daily results of the touched dates that are already over or today."""
        touched = {(entry.employee_id, entry.date) for entry in self} | set(extra)
        past = [
            (employee, day)
            for employee, day in touched
            if employee.exists() and day <= employee._kilap_today()
        ]
        if past:
            employees = self.env["hr.employee"].union(*(e for e, _d in past))
            days = [day for _e, day in past]
            self.env["kilap.attendance.day"].sudo()._kilap_compute_days(
                employees, min(days), max(days)
            )

    @api.model
    def _kilap_by_employee(self, employees, date_from, date_to):
        """``{employee id: {date: entry}}`` for the rostered among ``employees``
        (an empty dict for a rostered employee without entries); one query."""
        rostered = employees.sudo().filtered("kilap_rostered")
        result = {employee.id: {} for employee in rostered}
        if not rostered:
            return result
        for entry in self.sudo().search_fetch(
            [
                ("employee_id", "in", rostered.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["employee_id", "date", "kind", "shift_type_id"],
        ):
            result[entry.employee_id.id][entry.date] = entry
        return result
