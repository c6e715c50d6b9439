from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class KilapAttendanceDevice(models.Model):
    """The one phone an employee checks in from: the first device key the phone
    page sends registers it; another phone's check-ins go to the review queue.

    Only a SHA-256 of the browser's random key is stored, never a hardware id.
    Nobody creates or edits these rows over RPC: the check-in registers them and
    Admin OPD or BKPSDM reset them with :meth:`action_kilap_reset`.
    """

    _name = "kilap.attendance.device"
    _description = "Registered Check-in Phone"
    _inherit = ["mail.thread"]
    _order = "last_seen desc, id desc"
    _rec_name = "employee_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="cascade"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", string="Department"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    key_hash = fields.Char(
        string="Key Fingerprint",
        required=True,
        readonly=True,
        index=True,
        help="SHA-256 of the random key the phone page keeps in the browser.",
    )
    key_short = fields.Char(string="Fingerprint", compute="_compute_key_short")
    first_seen = fields.Datetime(readonly=True)
    last_seen = fields.Datetime(readonly=True)
    active = fields.Boolean(default=True, readonly=True, tracking=True)
    reset_by_id = fields.Many2one(
        "res.users", string="Reset by", readonly=True, tracking=True
    )
    reset_date = fields.Datetime(readonly=True)

    _one_active_per_employee = models.UniqueIndex(
        "(employee_id) WHERE active",
        "An employee has only one registered phone at a time.",
    )

    @api.depends("key_hash")
    def _compute_key_short(self):
        for device in self:
            device.key_short = (device.key_hash or "")[:12]

    def action_kilap_reset(self):
        """Unregister these phones: the next check-in registers the new one.

        Admin OPD within their OPD (the record rules), BKPSDM everywhere; never
        one's own phone.
        """
        if not self.env.user.has_group("kilap_activity.group_kilap_admin_opd"):
            raise AccessError(
                self.env._("Only Admin OPD or BKPSDM may reset a registered phone.")
            )
        self.check_access("read")
        devices = self.sudo()
        if devices.employee_id & self.env.user.employee_ids:
            raise AccessError(self.env._("You cannot reset your own phone."))
        if devices.filtered(lambda d: not d.active):
            raise UserError(self.env._("This phone was already reset."))
        devices.write(
            {
                "active": False,
                "reset_by_id": self.env.uid,
                "reset_date": fields.Datetime.now(),
            }
        )
        for device in devices:
            device.message_post(
                body=self.env._(
                    "Phone reset by %s: the next phone used for a check-in is "
                    "registered.",
                    self.env.user.name,
                )
            )
        return True
