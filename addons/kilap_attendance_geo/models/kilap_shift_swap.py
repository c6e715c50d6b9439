from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class KilapShiftSwap(models.Model):
    """Two rostered employees exchange their shifts of a date (or of two dates),
    once the requester's supervisor approves; the roster entries change then, and
    only then."""

    _name = "kilap.shift.swap"
    _description = "Shift Swap Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kilap.workflow.mixin",
        "kilap.decision.mixin",
    ]
    _order = "date desc, id desc"
    _kilap_workflow_fields = (
        "state",
        "approver_id",
        "submitted_date",
        "approval_basis",
        "approved_for_id",
        "acting_assignment_id",
    )

    employee_id = fields.Many2one(
        "hr.employee",
        string="Requested by",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user._kilap_employee(),
    )
    partner_id = fields.Many2one(
        "hr.employee", string="Swap with", required=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    date = fields.Date(string="My date", required=True, tracking=True)
    partner_date = fields.Date(
        string="Their date",
        tracking=True,
        help="Empty: the same date (each takes the other's shift that day).",
    )
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True)

    def write(self, vals):
        content = {
            name
            for name in vals
            if name not in self._kilap_workflow_fields
            and not name.startswith(("message_", "activity_"))
        }
        if content and self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("A submitted or decided shift swap cannot be changed.")
            )
        return super().write(vals)

    def _kilap_entries(self):
        """(my entry, their entry) of the two dates; refused when one is missing."""
        self.ensure_one()
        Roster = self.env["kilap.shift.roster"].sudo()
        mine = Roster.search(
            [("employee_id", "=", self.employee_id.id), ("date", "=", self.date)]
        )
        theirs = Roster.search(
            [
                ("employee_id", "=", self.partner_id.id),
                ("date", "=", self.partner_date or self.date),
            ]
        )
        if not mine or not theirs:
            raise UserError(
                self.env._(
                    "Both employees need a roster entry on the dates to swap them."
                )
            )
        return mine, theirs

    def action_submit(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only draft requests can be submitted."))
        for swap in self:
            if swap.employee_id.sudo().user_id != self.env.user:
                raise AccessError(
                    self.env._("Only the employee who asks can submit the swap.")
                )
            if swap.partner_id == swap.employee_id:
                raise UserError(self.env._("Choose another employee to swap with."))
            if swap.partner_id.sudo().company_id != swap.employee_id.sudo().company_id:
                raise UserError(self.env._("Both employees must be of the same pemda."))
            swap._kilap_entries()
        self._kilap_transition(
            {"state": "submitted", "submitted_date": fields.Datetime.now()},
            from_states=("draft",),
        )
        for swap in self:
            manager = swap.employee_id.sudo().parent_id.user_id
            if manager:
                swap.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Shift swap to approve"),
                )
        return True

    def _check_approver(self):
        """Refuse unless the user may decide every swap; returns ``{swap id:
        (basis, official, assignment)}``: the requester's supervisor or their
        acting official (``kilap.acting.assignment._kilap_decider_capacity``),
        else Admin OPD of the requester."""
        user = self.env.user
        Assignment = self.env["kilap.acting.assignment"]
        cache = {}
        capacities = {}
        for swap in self:
            if user in (
                swap.employee_id.sudo().user_id,
                swap.partner_id.sudo().user_id,
            ):
                raise AccessError(self.env._("You cannot decide on your own swap."))
            capacity = Assignment._kilap_decider_capacity(
                swap.employee_id,
                user,
                waiting_since=swap.submitted_date,
                cache=cache,
            )
            if capacity and capacity[0] == "bkpsdm":
                capacity = None  # BKPSDM decides as Admin OPD, in its scope
            if not capacity and user.has_group("kilap_activity.group_kilap_admin_opd"):
                scope = self.env["hr.employee"]._kilap_scope_domain()
                if self.env["hr.employee"].search_count(
                    scope + [("id", "=", swap.employee_id.id)]
                ):
                    capacity = ("admin_opd", self.env["hr.employee"], Assignment)
            if not capacity:
                raise AccessError(
                    self.env._(
                        "Only the supervisor (or their acting official) or Admin "
                        "OPD can decide on this swap."
                    )
                )
            capacities[swap.id] = capacity
        return capacities

    def action_approve(self):
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be approved."))
        capacities = self._check_approver()
        for swap in self:
            mine, theirs = swap._kilap_entries()
            mine_vals = {"kind": mine.kind, "shift_type_id": mine.shift_type_id.id}
            theirs_vals = {
                "kind": theirs.kind,
                "shift_type_id": theirs.shift_type_id.id,
            }
            mine.write(theirs_vals)
            theirs.write(mine_vals)
            swap._kilap_decide("approved", capacities[swap.id])
        return True

    def action_refuse(self):
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be refused."))
        capacities = self._check_approver()
        for swap in self:
            swap._kilap_decide("refused", capacities[swap.id])
        return True

    @api.depends("employee_id", "partner_id", "date")
    def _compute_display_name(self):
        for swap in self:
            swap.display_name = self.env._(
                "%(me)s ↔ %(them)s, %(date)s",
                me=swap.employee_id.sudo().name or "",
                them=swap.partner_id.sudo().name or "",
                date=swap.date or "",
            )
