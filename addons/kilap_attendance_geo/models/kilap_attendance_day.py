from odoo import fields, models


class KilapAttendanceDay(models.Model):
    """The attendance result of one employee on one working day.

    Computed from the schedule, attendances, leave, field duty and holidays;
    scoring and TPP read only these rows.
    """

    _name = "kilap.attendance.day"
    _description = "Daily Attendance Result"
    _order = "date desc, employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    department_id = fields.Many2one("hr.department", index=True)
    date = fields.Date(required=True, index=True)
    status = fields.Selection(
        [
            ("present", "Present"),
            ("absent", "Absent without reason (TK)"),
            ("leave", "Leave"),
            ("sick", "Sick leave"),
            ("field_duty", "Field duty"),
            ("training", "Training"),
            ("holiday", "Holiday"),
        ],
        required=True,
        index=True,
    )
    leave_id = fields.Many2one("hr.leave", index="btree_not_null")
    leave_type_id = fields.Many2one("hr.leave.type")
    field_duty_id = fields.Many2one("kilap.field.duty", index="btree_not_null")
    check_in = fields.Datetime()
    check_out = fields.Datetime()
    check_in_local = fields.Float(string="Local Check-in", help="Hours in office time zone.")
    check_out_local = fields.Float(string="Local Check-out")
    scheduled_minutes = fields.Integer()
    worked_minutes = fields.Integer()
    late_minutes = fields.Integer()
    tl_band_id = fields.Many2one("kilap.attendance.band", string="TL Band")
    early_minutes = fields.Integer()
    psw_band_id = fields.Many2one("kilap.attendance.band", string="PSW Band")

    _employee_date_unique = models.Constraint(
        "UNIQUE(employee_id, date)", "There is one attendance result per employee and day."
    )
