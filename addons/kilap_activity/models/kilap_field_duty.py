from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty


class KilapFieldDuty(models.Model):
    """Field duty (dinas luar) backed by an SPT: a place and a reason to be away.

    kilap_attendance_geo accepts check-ins at the destination of an approved duty
    and counts its days as field duty instead of absence.
    """

    _name = "kilap.field.duty"
    _description = "Field Duty (Dinas Luar)"
    _inherit = ["mail.thread", "mail.activity.mixin", "kilap.workflow.mixin"]
    _order = "date_from desc, id desc"
    _kilap_workflow_fields = ("state", "approver_id", "reject_reason", "report_date")

    name = fields.Char(
        string="SPT Number",
        required=True,
        tracking=True,
        help="Assignment letter number.",
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
        default=lambda self: self.env.user._kilap_employee(),
        tracking=True,
    )
    date_from = fields.Date(required=True, tracking=True, index=True)
    date_to = fields.Date(required=True, tracking=True, index=True)
    destination = fields.Char(required=True, tracking=True)
    latitude = fields.Float(digits=(10, 7), tracking=True)
    longitude = fields.Float(digits=(10, 7), tracking=True)
    radius = fields.Integer(
        string="Radius (m)",
        default=200,
        tracking=True,
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
    reject_reason = fields.Text(tracking=True, copy=False)
    report_narrative = fields.Html(string="Report", copy=False)
    report_date = fields.Date(readonly=True, copy=False, tracking=True)
    report_attachment_ids = fields.Many2many(
        "ir.attachment",
        "kilap_field_duty_attachment_rel",
        "duty_id",
        "attachment_id",
        string="Report Evidence",
        copy=False,
    )
    department_id = fields.Many2one(
        related="requester_id.department_id", store=True, index=True, readonly=True
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")

    @api.depends_context("uid")
    @api.depends("requester_id", "state")
    def _compute_can_approve(self):
        for duty in self:
            duty.can_approve = (
                duty.state == "submitted" and duty._kilap_user_may_approve()
            )

    @api.constrains("latitude", "longitude", "allow_anywhere")
    def _check_destination(self):
        for duty in self:
            if duty.allow_anywhere:
                continue
            if not duty.latitude and not duty.longitude:
                raise ValidationError(
                    self.env._(
                        "Give the destination coordinates of %(name)s, "
                        "or allow check-in anywhere.",
                        name=duty.name,
                    )
                )
            if not (-90 <= duty.latitude <= 90 and -180 <= duty.longitude <= 180):
                raise ValidationError(
                    self.env._("The destination coordinates are out of range.")
                )

    def _kilap_user_may_approve(self, user=None):
        """The requester's direct supervisor or appraiser, never a participant."""
        self.ensure_one()
        user = user or self.env.user
        mine = user.employee_ids
        if not mine or mine & (self.employee_ids | self.requester_id):
            return False
        requester = (self.requester_id or self.employee_ids[:1]).sudo()
        if requester.parent_id in mine or requester.penilai_id in mine:
            return True
        return not requester.parent_id and user.has_group(
            "kilap_activity.group_kilap_bkpsdm"
        )

    def _kilap_is_admin(self):
        return self.env.su or self.env.user.has_group(
            "kilap_activity.group_kilap_admin_opd"
        )

    @api.model_create_multi
    def create(self, vals_list):
        """Employees are linked with sudo (staff cannot read hr.employee), then the
        record rules decide whether this user may create such a duty at all.

        Staff request duties for themselves: the requester (whose supervisor
        decides) is the caller's own employee.
        """
        if self.env.su:
            return super().create(vals_list)
        if not self._kilap_is_admin():
            mine = self.env.user._kilap_employee()
            for vals in vals_list:
                if vals.get("requester_id", mine.id) != mine.id:
                    raise AccessError(
                        self.env._(
                            "You request field duties as yourself; your supervisor "
                            "decides on them."
                        )
                    )
        duties = super(KilapFieldDuty, self.sudo()).create(vals_list).sudo(False)
        duties.check_access("create")
        return duties

    def write(self, vals):
        self._kilap_workflow_check_write(vals)
        # content is frozen from submission on (BKPSDM may still amend an
        # approved duty); checked before the sudo link of the employees below
        locked_fields = set(vals) - {
            "report_narrative",
            "report_attachment_ids",
            *self._kilap_workflow_fields,
        }
        if (
            locked_fields
            and not self.env.su
            and self.filtered(
                lambda d: d.state in ("submitted", "approved", "reported")
            )
            and not self.env.user.has_group("kilap_activity.group_kilap_bkpsdm")
        ):
            raise UserError(
                self.env._(
                    "A submitted or approved field duty cannot be changed; ask for "
                    "it to be rejected, or cancel it."
                )
            )
        if "requester_id" in vals and not self._kilap_is_admin():
            raise AccessError(
                self.env._("Only Admin OPD or BKPSDM can change the requester.")
            )
        if "employee_ids" in vals and not self.env.su:
            self.check_access("write")
            rest = dict(vals)
            employee_cmds = rest.pop("employee_ids")
            super(KilapFieldDuty, self.sudo()).write({"employee_ids": employee_cmds})
            self.check_access("write")
            return self.write(rest) if rest else True
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if not self.env.su and self.filtered(
            lambda d: d.state in ("approved", "reported")
        ):
            raise UserError(self.env._("An approved field duty cannot be deleted."))

    def action_submit(self):
        for duty in self:
            if duty.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._("Only draft or rejected field duties can be submitted.")
                )
        self._kilap_transition(
            {"state": "submitted", "reject_reason": False},
            from_states=("draft", "rejected"),
        )
        return True

    def _kilap_check_can_decide(self):
        mine = self.env.user.employee_ids
        for duty in self:
            if duty.state != "submitted":
                raise UserError(
                    self.env._(
                        "Only submitted field duties can be approved or rejected."
                    )
                )
            if mine & (duty.employee_ids | duty.requester_id):
                raise AccessError(
                    self.env._("You cannot approve or reject your own field duty.")
                )
            if not duty._kilap_user_may_approve():
                raise AccessError(
                    self.env._(
                        "Only the supervisor of the requester can decide on %(name)s.",
                        name=duty.name,
                    )
                )

    def action_approve(self):
        self._kilap_check_can_decide()
        self._kilap_transition(
            {"state": "approved", "approver_id": self.env.user.id},
            from_states=("submitted",),
        )
        self._kilap_notify(self.env._("Your field duty %(name)s was approved."))
        return True

    def action_reject(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("A reason is required to reject a field duty."))
        self._kilap_check_can_decide()
        self._kilap_transition(
            {
                "state": "rejected",
                "approver_id": self.env.user.id,
                "reject_reason": reason,
            },
            from_states=("submitted",),
        )
        self._kilap_notify(self.env._("Your field duty %(name)s was rejected."))
        return True

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Field Duty"),
            "res_model": "kilap.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_field_duty_ids": [fields.Command.set(self.ids)]},
        }

    def action_report(self):
        """File the report after return: narrative and evidence are both required."""
        for duty in self:
            if duty.state != "approved":
                raise UserError(
                    self.env._("Only approved field duties can be reported.")
                )
            if duty.date_to > fields.Date.context_today(self):
                raise UserError(
                    self.env._(
                        "The report can only be filed on or after the last day "
                        "of the duty."
                    )
                )
            if is_html_empty(duty.report_narrative):
                raise ValidationError(
                    self.env._("Write the report narrative before filing it.")
                )
            if not duty.report_attachment_ids:
                raise ValidationError(
                    self.env._("Attach at least one photo or document as evidence.")
                )
        self._kilap_transition(
            {"state": "reported", "report_date": fields.Date.context_today(self)},
            from_states=("approved",),
        )
        return True

    def action_cancel(self):
        for duty in self:
            if duty.state == "reported":
                raise UserError(
                    self.env._("A reported field duty cannot be cancelled.")
                )
        self._kilap_transition(
            {"state": "cancelled"},
            from_states=("draft", "submitted", "approved", "rejected"),
        )
        return True

    def action_draft(self):
        for duty in self:
            if duty.state not in ("rejected", "cancelled"):
                raise UserError(
                    self.env._(
                        "Only rejected or cancelled field duties go back to draft."
                    )
                )
        self._kilap_transition(
            {"state": "draft"}, from_states=("rejected", "cancelled")
        )
        return True

    def _kilap_notify(self, template):
        for duty in self:
            partners = (
                duty.employee_ids.user_id | duty.requester_id.user_id
            ).partner_id
            duty.sudo().message_post(
                body=template % {"name": duty.name},
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_note",
            )

    @api.constrains("employee_ids", "company_id")
    def _check_employee_company(self):
        for duty in self.sudo():
            foreign = duty.employee_ids.filtered(
                lambda e, d=duty: e.company_id != d.company_id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not work for %(company)s: a field duty "
                        "lists employees of its own company only.",
                        employee=foreign[0].name,
                        company=duty.company_id.name,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for duty in self:
            if duty.date_to < duty.date_from:
                raise ValidationError(
                    self.env._("The field duty cannot end before it starts.")
                )

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
