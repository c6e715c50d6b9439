from odoo import fields, models


class KilapAttendancePunch(models.Model):
    """One fingerprint punch as received, per employee and minute: makes every
    terminal import and ADMS push idempotent (a replay creates nothing)."""

    _name = "kilap.attendance.punch"
    _description = "Fingerprint Punch"
    _order = "punch_time desc, id desc"
    _rec_name = "employee_id"

    terminal_id = fields.Many2one(
        "kilap.attendance.terminal",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    punch_time = fields.Datetime(
        required=True, readonly=True, help="UTC, to the minute."
    )
    state = fields.Selection(
        [("in", "Check-in"), ("out", "Check-out")],
        readonly=True,
        help="What the employee pressed on the terminal; informative only, the "
        "first and last punch of the day make the attendance.",
    )
    source = fields.Selection(
        [("file", "File import"), ("adms", "ADMS push")],
        required=True,
        readonly=True,
    )
    attendance_id = fields.Many2one(
        "hr.attendance", readonly=True, index="btree_not_null", ondelete="set null"
    )

    _employee_minute_unique = models.Constraint(
        "UNIQUE(employee_id, punch_time)",
        "This employee already has a punch at this minute.",
    )
