import base64

from babel.dates import format_date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty
from odoo.tools.image import image_process

# states in which each paper may be printed
_PRINTABLE = {"spt": ("approved", "reported"), "travel": ("reported",)}


class KilapFieldDuty(models.Model):
    """Field duty (dinas luar) backed by an SPT: a place and a reason to be away.

    kilap_attendance_geo accepts check-ins at the destination of an approved duty
    and counts its days as field duty instead of absence.
    """

    _name = "kilap.field.duty"
    _description = "Field Duty (Dinas Luar)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kilap.workflow.mixin",
        "kilap.decision.mixin",
    ]
    _order = "date_from desc, id desc"
    _rec_names_search = ["name", "spt_number"]
    _check_company_auto = True
    _kilap_workflow_fields = (
        "state",
        "approver_id",
        "reject_reason",
        "report_date",
        "spt_number",
        "spt_date",
        "submitted_date",
        "approval_basis",
        "approved_for_id",
        "acting_assignment_id",
    )

    name = fields.Char(
        string="Subject",
        required=True,
        tracking=True,
        help="Short title of the assignment; the SPT number is given on approval.",
    )
    spt_number = fields.Char(
        string="SPT Number",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Number of the assignment letter (Surat Perintah Tugas), from the "
        "pemda's yearly register when the duty is approved; never reassigned.",
    )
    spt_date = fields.Date(
        string="SPT Date",
        readonly=True,
        copy=False,
        tracking=True,
        help="Date of the assignment letter: the day the duty was approved.",
    )
    signatory_id = fields.Many2one(
        "hr.employee",
        string="Signed by",
        compute="_compute_signatory_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        help="Official who signs the SPT: by default the head of the requester's "
        "OPD. Whoever decides on the duty may choose another until it is approved.",
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
    can_set_signatory = fields.Boolean(compute="_compute_can_approve")

    _spt_number_unique = models.Constraint(
        "UNIQUE(company_id, spt_number)",
        "An SPT number is given once per pemda.",
    )

    @api.depends_context("uid")
    @api.depends("requester_id", "state")
    def _compute_can_approve(self):
        for duty in self:
            may_approve = bool(duty.requester_id or duty.employee_ids) and (
                duty._kilap_user_may_approve()
            )
            duty.can_approve = duty.state == "submitted" and may_approve
            duty.can_set_signatory = may_approve and duty._kilap_signatory_open()

    @api.depends("requester_id")
    def _compute_signatory_id(self):
        for duty in self:
            if not duty._kilap_signatory_open() and duty.signatory_id:
                duty.signatory_id = duty.signatory_id
                continue
            duty.signatory_id = duty._kilap_default_signatory(duty.requester_id)

    def _kilap_default_signatory(self, requester):
        """The head of the requester's OPD, else of their department, else their
        supervisor: the first of them who is not the requester."""
        requester = requester.sudo()
        department = requester.department_id
        for head in (
            department.kilap_opd_id.manager_id,
            department.manager_id,
            requester.parent_id,
        ):
            if head and head != requester:
                return self.env["hr.employee"].browse(head.id)
        return self.env["hr.employee"]

    def _kilap_signatory_open(self):
        """The signatory may change until the duty is first approved."""
        self.ensure_one()
        return self.state in ("draft", "submitted", "rejected") and not self.spt_number

    def _kilap_check_signatory(self, signatory_id, requester):
        """A signatory other than the default is chosen by whoever decides, before
        approval: nobody picks the official who signs their own assignment."""
        for duty in self:
            if not duty._kilap_signatory_open():
                raise UserError(
                    self.env._(
                        "The SPT of %(name)s is approved: its signatory is fixed.",
                        name=duty.name,
                    )
                )
            default = duty._kilap_default_signatory(requester or duty.requester_id)
            if (signatory_id or False) != (default.id or False) and not (
                duty._kilap_user_may_approve()
            ):
                raise AccessError(
                    self.env._(
                        "Only whoever decides on %(name)s chooses the official who "
                        "signs its SPT.",
                        name=duty.name,
                    )
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
        """Whether ``user`` may decide this duty (``_kilap_decision_capacity``)."""
        return bool(self._kilap_decision_capacity(user))

    def _kilap_decision_capacity(self, user=None, cache=None):
        """``(basis, official, assignment)`` in which ``user`` may decide this
        duty, or ``None``: the requester's supervisor or appraiser, their acting
        official, or the next supervisor after the escalation days
        (``kilap.acting.assignment._kilap_decider_capacity``); never a
        participant."""
        self.ensure_one()
        user = user or self.env.user
        mine = user.employee_ids
        duty = self.sudo()
        if not mine or mine & (duty.employee_ids | duty.requester_id):
            return None
        requester = duty.requester_id or duty.employee_ids[:1]
        return self.env["kilap.acting.assignment"]._kilap_decider_capacity(
            requester,
            user,
            waiting_since=duty.submitted_date if duty.state == "submitted" else None,
            officials=requester.parent_id | requester.penilai_id,
            cache=cache,
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
        for duty, vals in zip(duties, vals_list, strict=True):
            if "signatory_id" in vals:
                duty._kilap_check_signatory(vals["signatory_id"], duty.requester_id)
        return duties

    def write(self, vals):
        self._kilap_workflow_check_write(vals)
        # content is frozen from submission on (BKPSDM may still amend an
        # approved duty); checked before the sudo link of the employees below
        if "signatory_id" in vals and not self.env.su:
            requester = self.env["hr.employee"].browse(vals.get("requester_id"))
            self._kilap_check_signatory(vals["signatory_id"], requester)
        locked_fields = set(vals) - {
            "report_narrative",
            "report_attachment_ids",
            "signatory_id",
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
            {
                "state": "submitted",
                "reject_reason": False,
                "submitted_date": fields.Datetime.now(),
                "approval_basis": False,
                "approved_for_id": False,
                "acting_assignment_id": False,
            },
            from_states=("draft", "rejected"),
        )
        return True

    def _kilap_check_can_decide(self):
        """Refuse unless the user may decide every duty; returns ``{duty id:
        (basis, official, assignment)}``."""
        mine = self.env.user.employee_ids
        cache = {}
        capacities = {}
        for duty in self:
            if duty.state != "submitted":
                raise UserError(
                    self.env._(
                        "Only submitted field duties can be approved or rejected."
                    )
                )
            # as superuser: staff may not read private employee fields, which
            # a cold cache fetches with the participants
            people = duty.sudo().employee_ids | duty.sudo().requester_id
            if mine & people:
                raise AccessError(
                    self.env._("You cannot approve or reject your own field duty.")
                )
            capacity = duty._kilap_decision_capacity(cache=cache)
            if not capacity:
                raise AccessError(
                    self.env._(
                        "Only the supervisor of the requester (or their acting "
                        "official) can decide on %(name)s.",
                        name=duty.name,
                    )
                )
            capacities[duty.id] = capacity
        return capacities

    def _kilap_decide(self, vals, capacities):
        """Write the decision with the capacity of each duty, as superuser: an
        acting official may not write a colleague's duty."""
        Assignment = self.env["kilap.acting.assignment"]
        for duty in self:
            duty._kilap_transition(
                {**vals, **Assignment._kilap_capacity_vals(capacities[duty.id])},
                from_states=("submitted",),
                sudo=True,
            )
            Assignment._kilap_note_capacity(duty, capacities[duty.id])

    def action_approve(self):
        capacities = self._kilap_check_can_decide()
        self._kilap_decide(
            {"state": "approved", "approver_id": self.env.user.id}, capacities
        )
        # decided: an acting official no longer reads the duty
        duties = self.sudo()
        duties._kilap_assign_spt_number(fields.Date.context_today(self))
        duties._kilap_notify(self.env._("Your field duty %(name)s was approved."))
        return True

    def _kilap_assign_spt_number(self, on_date=None):
        """Number each duty that has no SPT number yet, once, from its pemda's
        register of the year of the letter (``on_date``; for system-made duties
        the first day of the duty, or today if that is later)."""
        today = fields.Date.context_today(self)
        for duty in self.filtered(lambda d: not d.spt_number).sorted("id"):
            date = on_date or min(today, duty.date_from)
            sequence = duty.company_id._kilap_spt_sequence()
            number = sequence.next_by_id(sequence_date=date)
            duty._kilap_transition({"spt_number": number, "spt_date": date}, sudo=True)

    @api.model
    def _kilap_create_in_state(self, vals_list):
        """Duties made approved or reported by system code get their number too."""
        duties = super()._kilap_create_in_state(vals_list)
        duties.filtered(
            lambda d: d.state in _PRINTABLE["spt"]
        )._kilap_assign_spt_number()
        return duties

    # ------------------------------------------------------------- printing
    def _kilap_check_printable(self, paper):
        """The SPT exists once the duty is approved, the travel report once it
        is reported: nothing is printed before (button, menu, URL or RPC)."""
        for duty in self:
            if duty.state not in _PRINTABLE[paper] or (
                paper == "spt" and not duty.spt_number
            ):
                if paper == "spt":
                    message = self.env._(
                        "The SPT of %(name)s can only be printed once the field "
                        "duty is approved.",
                        name=duty.name,
                    )
                else:
                    message = self.env._(
                        "The travel report of %(name)s can only be printed once "
                        "it is filed.",
                        name=duty.name,
                    )
                raise UserError(message)

    def _kilap_print(self, paper, xmlid):
        self.check_access("read")
        self._kilap_check_printable(paper)
        return self.env.ref(xmlid).report_action(self)

    def action_print_spt(self):
        return self._kilap_print("spt", "kilap_activity.action_report_field_duty_spt")

    def action_print_travel_report(self):
        return self._kilap_print(
            "travel", "kilap_activity.action_report_field_duty_travel"
        )

    @api.model
    def _kilap_date_id(self, date):
        """``date`` in Indonesian long form ("1 Desember 2026"), whatever the
        user's language: the letters are Indonesian documents."""
        return format_date(date, format="long", locale="id_ID") if date else ""

    def _kilap_period_id(self):
        """The dates of the duty in Indonesian, and its length in days."""
        self.ensure_one()
        days = (self.date_to - self.date_from).days + 1
        if days == 1:
            return self._kilap_date_id(self.date_from), days
        return (
            f"{self._kilap_date_id(self.date_from)} s.d. "
            f"{self._kilap_date_id(self.date_to)}",
            days,
        )

    def _kilap_report_evidence(self):
        """``(photos, others)``: the report's images as scaled JPEG data URIs for
        the PDF, and the names of the other attachments (documents, images that
        do not decode)."""
        self.ensure_one()
        photos, others = [], []
        for attachment in self.sudo().report_attachment_ids.sorted("id"):
            if (attachment.mimetype or "").startswith("image/"):
                try:
                    data = image_process(
                        attachment.raw, size=(1024, 1024), output_format="JPEG"
                    )
                except (UserError, ValueError, OSError):
                    data = None
                if data:
                    photos.append(
                        {
                            "name": attachment.name,
                            "src": "data:image/jpeg;base64,"
                            + base64.b64encode(data).decode(),
                        }
                    )
                    continue
            others.append(attachment.name)
        return photos, others

    def action_reject(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("A reason is required to reject a field duty."))
        capacities = self._kilap_check_can_decide()
        self._kilap_decide(
            {
                "state": "rejected",
                "approver_id": self.env.user.id,
                "reject_reason": reason,
            },
            capacities,
        )
        self.sudo()._kilap_notify(self.env._("Your field duty %(name)s was rejected."))
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
            # the last day as the employees live it (WIB/WITA/WIT), not the
            # server's or the browser's date
            today = max(
                (emp._kilap_today() for emp in duty.sudo().employee_ids),
                default=fields.Date.context_today(self),
            )
            if duty.date_to > today:
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
