from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class KilapAttendanceCorrection(models.Model):
    """Koreksi presensi: the only way an employee's own attendance times change."""

    _name = "kilap.attendance.correction"
    _description = "Attendance Correction Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kilap.workflow.mixin",
        "kilap.decision.mixin",
    ]
    _order = "date desc, id desc"
    _kilap_workflow_fields = (
        "state",
        "attendance_id",
        "approver_id",
        "submitted_date",
        "approval_basis",
        "approved_for_id",
        "acting_assignment_id",
    )

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user._kilap_employee(),
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True
    )
    date = fields.Date(required=True, tracking=True)
    check_in = fields.Datetime(required=True, tracking=True)
    check_out = fields.Datetime(tracking=True)
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    attendance_id = fields.Many2one("hr.attendance", readonly=True, tracking=True)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True)

    @api.depends("employee_id", "date")
    def _compute_name(self):
        for request in self:
            request.name = (
                f"{request.employee_id.name or ''} {request.date or ''}".strip()
            )

    @api.constrains("check_in", "check_out")
    def _check_times(self):
        for request in self:
            if request.check_out and request.check_out <= request.check_in:
                raise ValidationError(
                    self.env._("The corrected check-out must be after the check-in.")
                )
            if request.check_in > fields.Datetime.now() + timedelta(minutes=5):
                raise ValidationError(
                    self.env._("A correction cannot be in the future.")
                )

    def write(self, vals):
        content = {
            name
            for name in vals
            if name not in self._kilap_workflow_fields
            and not name.startswith(("message_", "activity_"))
        }
        if content and self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted or decided attendance correction cannot be changed."
                )
            )
        return super().write(vals)

    def action_submit(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only draft requests can be submitted."))
        self._kilap_transition(
            {"state": "submitted", "submitted_date": fields.Datetime.now()},
            from_states=("draft",),
        )
        for request in self:
            manager = request.employee_id.sudo().parent_id.user_id
            if manager:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Attendance correction to approve"),
                )
        return True

    def _check_approver(self):
        """Refuse unless the user may decide every request; returns ``{request
        id: (basis, official, assignment)}``: the supervisor, their acting
        official or, after the escalation days, the next supervisor
        (``kilap.acting.assignment._kilap_decider_capacity``), else Admin OPD."""
        user = self.env.user
        Assignment = self.env["kilap.acting.assignment"]
        admin_opd = user.has_group("kilap_activity.group_kilap_admin_opd")
        cache = {}
        capacities = {}
        for request in self:
            employee = request.employee_id.sudo()
            if employee.user_id == user:
                raise AccessError(
                    self.env._("You cannot approve your own attendance correction.")
                )
            capacity = Assignment._kilap_decider_capacity(
                employee,
                user,
                waiting_since=request.sudo().submitted_date,
                cache=cache,
            )
            if not capacity and admin_opd:
                capacity = ("admin_opd", self.env["hr.employee"], Assignment)
            if not capacity:
                raise AccessError(
                    self.env._(
                        "Only the supervisor (or their acting official) or Admin "
                        "OPD can decide on this correction."
                    )
                )
            capacities[request.id] = capacity
        return capacities

    def action_approve(self):
        """Write the corrected attendance and recompute.

        The attendance may lie outside the fence: the reason goes with it.
        """
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be approved."))
        capacities = self._check_approver()
        attendance_model = self.env["hr.attendance"].sudo()
        for request in self:
            reason = self.env._(
                "Correction approved by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=request.reason,
            )
            employee = request.employee_id.sudo()
            start = fields.Datetime.to_datetime(request.date) - timedelta(hours=14)
            stop = start + timedelta(hours=38)
            existing = attendance_model.search(
                [
                    ("employee_id", "=", employee.id),
                    ("check_in", ">=", start),
                    ("check_in", "<", stop),
                ]
            ).filtered(
                lambda a, e=employee, d=request.date: (
                    a._kilap_local_date(e, a.check_in) == d
                )
            )[:1]
            vals = {
                "check_in": request.check_in,
                "check_out": request.check_out,
                "kilap_manual_reason": reason,
            }
            if existing:
                existing.write(vals)
                attendance = existing
            else:
                attendance = attendance_model.create(
                    {"employee_id": employee.id, **vals}
                )
            request._kilap_decide(
                "approved", capacities[request.id], attendance_id=attendance.id
            )
            # decided: an acting official no longer reads the request
            request = request.sudo()
            self.env["kilap.attendance.day"].sudo()._kilap_compute_days(
                employee, request.date, request.date
            )
        return True

    def action_reject(self):
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only submitted requests can be rejected."))
        capacities = self._check_approver()
        for request in self:
            request._kilap_decide("rejected", capacities[request.id])
        return True
