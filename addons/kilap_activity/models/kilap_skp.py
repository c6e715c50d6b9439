from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class KilapSkp(models.Model):
    """Annual performance plan (Sasaran Kinerja Pegawai) of one employee."""

    _name = "kilap.skp"
    _description = "SKP (Annual Performance Plan)"
    _inherit = ["mail.thread", "mail.activity.mixin", "kilap.workflow.mixin"]
    _order = "year desc, employee_id"
    _kilap_workflow_fields = (
        "state",
        "approver_id",
        "approved_date",
        "revision",
        "revision_reason",
    )

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, readonly=True
    )
    penilai_id = fields.Many2one(
        "hr.employee",
        string="Appraiser",
        tracking=True,
        compute="_compute_penilai_id",
        store=True,
        readonly=False,
    )
    year = fields.Integer(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    rhk_ids = fields.One2many("kilap.skp.rhk", "skp_id", string="RHK")
    revision = fields.Integer(default=0, tracking=True, readonly=True, copy=False)
    revision_reason = fields.Text(tracking=True, readonly=True, copy=False)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    rhk_count = fields.Integer(compute="_compute_rhk_count")

    _employee_year_unique = models.Constraint(
        "UNIQUE(employee_id, year)", "An employee has one SKP per year."
    )

    @api.depends("year", "employee_id.name")
    def _compute_name(self):
        for skp in self:
            skp.name = f"SKP {skp.year} - {skp.employee_id.name or ''}"

    @api.depends("employee_id")
    def _compute_penilai_id(self):
        for skp in self:
            if not skp.penilai_id:
                skp.penilai_id = skp.employee_id.penilai_id

    @api.depends("rhk_ids")
    def _compute_rhk_count(self):
        for skp in self:
            skp.rhk_count = len(skp.rhk_ids)

    def _kilap_check_penilai_vals(self, vals):
        """The appraiser comes from the employee's HR record: only Admin OPD or
        BKPSDM set another one (nobody picks their own approver)."""
        if "penilai_id" not in vals or (
            self.env.su
            or self.env.user.has_group("kilap_activity.group_kilap_admin_opd")
        ):
            return
        Employee = self.env["hr.employee"].sudo()
        employees = (
            Employee.browse(vals["employee_id"])
            if vals.get("employee_id")
            else self.sudo().employee_id
        )
        if not employees or any(
            (vals["penilai_id"] or False) != (emp.penilai_id.id or False)
            for emp in employees
        ):
            raise AccessError(
                self.env._(
                    "The appraiser of an SKP is the one of the employee's HR record; "
                    "only Admin OPD or BKPSDM can set another."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kilap_check_penilai_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kilap_check_penilai_vals(vals)
        if {"employee_id", "year", "penilai_id"} & set(vals):
            self._kilap_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if self.filtered(lambda s: s.state != "draft") and not self.env.su:
            raise UserError(self.env._("Only draft SKPs can be deleted."))

    def _kilap_check_editable(self):
        """An SKP under review or approved changes only through a revision."""
        if self.env.su and not self.env.context.get("kilap_enforce_lock"):
            return
        locked = self.filtered(lambda s: s.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The SKP %(name)s is submitted or approved: "
                    "use Revise to change it.",
                    name=locked[0].name,
                )
            )

    def action_submit(self):
        for skp in self:
            if skp.state != "draft":
                raise UserError(self.env._("Only draft SKPs can be submitted."))
            if not skp.rhk_ids:
                raise UserError(
                    self.env._("Add at least one RHK before submitting the SKP.")
                )
        self._kilap_transition({"state": "submitted"}, from_states=("draft",))
        return True

    def action_approve(self):
        my_employees = self.env.user.employee_ids
        for skp in self:
            if skp.state != "submitted":
                raise UserError(self.env._("Only submitted SKPs can be approved."))
            if skp.employee_id in my_employees:
                raise AccessError(self.env._("You cannot approve your own SKP."))
            appraiser = skp.sudo().penilai_id or skp.sudo().employee_id.parent_id
            if appraiser not in my_employees and not (
                not appraiser
                and self.env.user.has_group("kilap_activity.group_kilap_bkpsdm")
            ):
                raise AccessError(
                    self.env._(
                        "Only the appraiser of %(employee)s can approve this SKP.",
                        employee=skp.sudo().employee_id.name,
                    )
                )
        self._kilap_transition(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            },
            from_states=("submitted",),
        )
        return True

    def action_revise(self, reason):
        """Reopen an approved or submitted SKP as a new revision; logs the reason."""
        if not (reason or "").strip():
            raise UserError(self.env._("A reason is required to revise an SKP."))
        for skp in self:
            if skp.state == "draft":
                raise UserError(self.env._("A draft SKP can be edited directly."))
            skp._kilap_transition(
                {
                    "state": "draft",
                    "revision": skp.revision + 1,
                    "revision_reason": reason,
                    "approver_id": False,
                    "approved_date": False,
                },
                from_states=("submitted", "approved"),
            )
            skp.message_post(
                body=self.env._(
                    "Revision %(rev)s opened: %(reason)s",
                    rev=skp.revision,
                    reason=reason,
                )
            )
        return True

    def action_open_revise_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Revise SKP"),
            "res_model": "kilap.skp.revise.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_skp_id": self.id},
        }
