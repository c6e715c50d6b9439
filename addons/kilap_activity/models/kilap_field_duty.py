from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KilapFieldDuty(models.Model):
    """Field duty (dinas luar) backed by an SPT: a place and a reason to be away.

    kilap_attendance_geo accepts check-ins at the destination of an approved duty
    and counts its days as field duty instead of absence.
    """

    _name = "kilap.field.duty"
    _description = "Field Duty (Dinas Luar)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(
        string="SPT Number", required=True, tracking=True, help="Assignment letter number."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "kilap_field_duty_employee_rel",
        "duty_id",
        "employee_id",
        string="Employees",
        required=True,
        tracking=True,
    )
    requester_id = fields.Many2one(
        "hr.employee",
        string="Requested by",
        default=lambda self: self.env.user.employee_id,
        tracking=True,
    )
    date_from = fields.Date(required=True, tracking=True, index=True)
    date_to = fields.Date(required=True, tracking=True, index=True)
    destination = fields.Char(required=True, tracking=True)
    latitude = fields.Float(digits=(10, 7), tracking=True)
    longitude = fields.Float(digits=(10, 7), tracking=True)
    radius = fields.Integer(
        string="Radius (m)", default=200, tracking=True,
        help="Check-ins within this distance of the destination are accepted.",
    )
    allow_anywhere = fields.Boolean(
        help="Accept check-ins anywhere during this duty (e.g. travel days).",
        tracking=True,
    )
    purpose = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("reported", "Reported"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for duty in self:
            if duty.date_to < duty.date_from:
                raise ValidationError(_("The field duty cannot end before it starts."))

    @api.model
    def _kilap_approved_duties(self, employees, date_from, date_to=None):
        """Approved (or reported) duties of ``employees`` overlapping the dates.

        One search for the whole set: callers group the result per employee.
        """
        date_to = date_to or date_from
        return self.sudo().search(
            [
                ("state", "in", ("approved", "reported")),
                ("employee_ids", "in", employees.ids),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
