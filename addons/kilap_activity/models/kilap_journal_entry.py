import datetime
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import journal as journal_rules
from .kilap_tracking import track_in_batch

# Fields that make up the content of an entry: frozen once it leaves draft/rejected.
CONTENT_FIELDS = {
    "name",
    "employee_id",
    "date",
    "time_start",
    "time_end",
    "description",
    "rhk_id",
    "catalog_id",
    "output_qty",
    "output_uom",
    "journal_type_id",
    "attachment_ids",
    "evidence_url",
    "latitude",
    "longitude",
}


class KilapJournalEntry(models.Model):
    """One line of the daily activity journal: what was done, for which RHK, proof."""

    _name = "kilap.journal.entry"
    _description = "Daily Activity Journal Entry"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kilap.workflow.mixin",
        "kilap.decision.mixin",
    ]
    _order = "date desc, time_start desc, id desc"
    _kilap_workflow_fields = (
        "state",
        "approver_id",
        "approved_date",
        "reject_reason",
        "submitted_date",
        "approval_basis",
        "approved_for_id",
        "acting_assignment_id",
    )

    name = fields.Char(
        string="Activity",
        required=True,
        tracking=True,
        help="Short title of the activity.",
    )
    active = fields.Boolean(default=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user._kilap_employee(),
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, readonly=True
    )
    opd_id = fields.Many2one(
        related="department_id.kilap_opd_id", store=True, index=True, string="OPD"
    )
    supervisor_id = fields.Many2one(
        related="employee_id.parent_id",
        store=True,
        index=True,
        readonly=True,
        string="Supervisor",
    )
    penilai_id = fields.Many2one(
        related="employee_id.penilai_id",
        store=True,
        index=True,
        readonly=True,
        string="Appraiser",
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    time_start = fields.Float(
        string="Start", required=True, default=7.5, aggregator=None
    )
    time_end = fields.Float(string="End", required=True, default=8.5, aggregator=None)
    duration_minutes = fields.Integer(
        compute="_compute_duration_minutes", store=True, string="Minutes"
    )
    description = fields.Text(required=True)
    journal_type_id = fields.Many2one(
        "kilap.journal.type",
        string="Entry Type",
        default=lambda self: self.env["kilap.journal.type"].search([], limit=1),
    )
    evidence_required = fields.Boolean(related="journal_type_id.evidence_required")
    rhk_id = fields.Many2one(
        "kilap.skp.rhk", string="RHK", index="btree_not_null", tracking=True
    )
    rhk_required = fields.Boolean(compute="_compute_rhk_required")
    catalog_id = fields.Many2one("kilap.activity.catalog", string="Catalogue Item")
    output_qty = fields.Float(string="Output Quantity", default=1.0)
    points = fields.Float(compute="_compute_points", store=True)
    output_uom = fields.Char(string="Output Unit")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "kilap_journal_entry_attachment_rel",
        "entry_id",
        "attachment_id",
        string="Evidence",
        help="Photos or documents that prove the activity (bukti dukung).",
    )
    evidence_url = fields.Char(string="Evidence Link")
    latitude = fields.Float(
        digits=(10, 7),
        help="Device position when the entry was written.",
        groups="kilap_activity.group_kilap_location",
    )
    longitude = fields.Float(
        digits=(10, 7), groups="kilap_activity.group_kilap_location"
    )
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
    reject_reason = fields.Text(tracking=True, copy=False)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    can_approve = fields.Boolean(compute="_compute_can_approve")
    day_minutes_logged = fields.Integer(
        compute="_compute_day_minutes", string="Minutes Logged (day)"
    )
    day_minutes_scheduled = fields.Integer(
        compute="_compute_day_minutes", string="Scheduled Minutes (day)"
    )

    _employee_date_idx = models.Index("(employee_id, date)")

    # ------------------------------------------------------------------ computes
    @api.depends("time_start", "time_end")
    def _compute_duration_minutes(self):
        for entry in self:
            entry.duration_minutes = journal_rules.span_minutes(
                entry.time_start, entry.time_end
            )

    @api.depends(
        "catalog_id.formula_kind",
        "catalog_id.points_per_unit",
        "catalog_id.tier_units",
        "catalog_id.tier_points_per_unit",
        "output_qty",
    )
    def _compute_points(self):
        for entry in self:
            entry.points = (
                entry.catalog_id._kilap_points(entry.output_qty)
                if entry.catalog_id
                else 0.0
            )

    @api.depends("employee_id", "date")
    def _compute_rhk_required(self):
        approved = self._kilap_approved_skp_keys()
        for entry in self:
            entry.rhk_required = (
                entry.employee_id.id,
                entry.date and entry.date.year,
            ) in approved

    @api.depends_context("uid")
    @api.depends("employee_id", "state")
    def _compute_can_approve(self):
        rights = self._kilap_decision_rights()
        for entry in self:
            entry.can_approve = entry.id in rights

    @api.depends("employee_id", "date", "duration_minutes", "state")
    def _compute_day_minutes(self):
        days = self.env["kilap.journal.day"]._kilap_minutes_for(
            {(e.employee_id.id, e.date) for e in self if e.employee_id and e.date}
        )
        for entry in self:
            logged, scheduled = days.get((entry.employee_id.id, entry.date), (0, 0))
            entry.day_minutes_logged = logged
            entry.day_minutes_scheduled = scheduled

    def _kilap_approved_skp_keys(self):
        """(employee_id, year) pairs that have an approved SKP, in one query."""
        employees = self.employee_id
        if not employees:
            return set()
        groups = (
            self.env["kilap.skp"]
            .sudo()
            ._read_group(
                [("employee_id", "in", employees.ids), ("state", "=", "approved")],
                ["employee_id", "year"],
            )
        )
        return {(employee.id, year) for employee, year in groups}

    # ------------------------------------------------------------------ constraints
    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for entry in self:
            if not 0 <= entry.time_start < entry.time_end <= 24:
                raise ValidationError(
                    self.env._(
                        "The activity must start before it ends, within the same day."
                    )
                )

    @api.constrains("employee_id", "date", "time_start", "time_end", "state", "active")
    def _check_overlap(self):
        """One search for the whole batch, then a per-day comparison (no n² scan)."""
        entries = self.filtered(lambda e: e.active and e.state != "rejected")
        if not entries:
            return
        others = self.sudo().search_fetch(
            [
                ("employee_id", "in", entries.employee_id.ids),
                ("date", "in", list(set(entries.mapped("date")))),
                ("state", "!=", "rejected"),
            ],
            ["employee_id", "date", "time_start", "time_end", "name"],
        )
        by_day = defaultdict(list)
        for other in others:
            by_day[(other.employee_id.id, other.date)].append(
                (other.id, other.time_start, other.time_end, other.name)
            )
        for entry in entries:
            for other_id, start, end, other_name in by_day[
                (entry.employee_id.id, entry.date)
            ]:
                if other_id != entry.id and journal_rules.spans_overlap(
                    entry.time_start, entry.time_end, start, end
                ):
                    raise ValidationError(
                        self.env._(
                            "The activity %(name)s overlaps %(other)s on the same day; "
                            "time spans of one employee cannot overlap.",
                            name=entry.name,
                            other=other_name,
                        )
                    )

    @api.constrains("catalog_id", "employee_id")
    def _check_catalog(self):
        """A catalogue item of the employee's own company and job family only."""
        for entry in self.sudo().filtered("catalog_id"):
            item, employee = entry.catalog_id, entry.employee_id
            if (item.company_id and item.company_id != employee.company_id) or (
                item.job_family_ids
                and employee.job_family_id not in item.job_family_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The catalogue item %(item)s is not for %(employee)s: choose "
                        "an item of their own company and job family.",
                        item=item.name,
                        employee=employee.name,
                    )
                )

    @api.constrains("rhk_id", "employee_id", "date")
    def _check_rhk(self):
        """Read as superuser: a colleague's RHK is refused, not merely unreadable."""
        approved = self._kilap_approved_skp_keys()
        for entry in self.sudo():
            if entry.rhk_id:
                if entry.rhk_id.employee_id != entry.employee_id:
                    raise ValidationError(
                        self.env._("The RHK must come from the employee's own SKP.")
                    )
                if entry.rhk_id.skp_id.year != entry.date.year:
                    raise ValidationError(
                        self.env._(
                            "The RHK must come from the SKP of the entry's year."
                        )
                    )
            elif (entry.employee_id.id, entry.date.year) in approved:
                raise ValidationError(
                    self.env._(
                        "%(employee)s has an approved SKP for %(year)s: choose the RHK "
                        "this activity serves.",
                        employee=entry.employee_id.name,
                        year=entry.date.year,
                    )
                )

    def _kilap_check_date_window(self):
        """No future dates; past dates only within the working-day window or opening."""
        # imports run as superuser (server code); a context key alone never
        # opens the window: BKPSDM opens it with a journal window record
        if self.env.su and self.env.context.get("kilap_journal_import"):
            return
        Window = self.env["kilap.journal.window"]
        for entry in self:
            employee = entry.employee_id.sudo()
            today = employee._kilap_today()
            if entry.date > today:
                raise ValidationError(
                    self.env._(
                        "A journal entry cannot be written for a future date "
                        "(%(date)s).",
                        date=entry.date,
                    )
                )
            window = employee.company_id.kilap_journal_window_days
            if entry.date == today:
                continue
            minutes = employee._kilap_work_minutes_by_date(entry.date, today)[
                employee.id
            ]
            working_dates = {day for day, value in minutes.items() if value > 0}
            if journal_rules.within_window(entry.date, today, working_dates, window):
                continue
            if Window._kilap_is_open(employee, entry.date, today):
                continue
            raise ValidationError(
                self.env._(
                    "The entry for %(date)s is too late: entries may be written up to "
                    "%(days)s working days after the activity. "
                    "Ask BKPSDM to open a window.",
                    date=entry.date,
                    days=window,
                )
            )

    # ------------------------------------------------------------------ locking
    def _kilap_check_locked(self, operation, vals=None):
        """Refuse changes to entries that left draft; override to add more locks.

        ``operation`` is 'create', 'write' or 'unlink'. kilap_scoring extends this (or
        write/unlink/create) to refuse changes in a closed evaluation period.
        """
        if self.env.su and not self.env.context.get("kilap_enforce_lock"):
            return
        if operation == "unlink":
            locked = self.filtered(lambda e: e.state in ("submitted", "approved"))
            if locked:
                raise UserError(
                    self.env._(
                        "Submitted or approved journal entries cannot be deleted; "
                        "BKPSDM can archive them."
                    )
                )
            return
        if operation != "write" or not vals:
            return
        changed = set(vals)
        if "active" in changed and self.filtered(lambda e: e.state == "approved"):
            if not self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
                raise AccessError(
                    self.env._("Only BKPSDM can archive approved journal entries.")
                )
        content = changed & CONTENT_FIELDS
        if content and self.filtered(lambda e: e.state in ("submitted", "approved")):
            raise UserError(
                self.env._(
                    "Submitted or approved journal entries cannot be changed; "
                    "ask your supervisor to reject the entry first."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries._kilap_check_date_window()
        return entries

    def write(self, vals):
        self._kilap_check_locked("write", vals)
        res = super().write(vals)
        if {"date", "employee_id"} & set(vals):
            self._kilap_check_date_window()
        return res

    def unlink(self):
        self._kilap_check_locked("unlink")
        return super().unlink()

    # ------------------------------------------------------------------ workflow
    def _kilap_user_may_approve(self, user=None):
        """Whether ``user`` may decide this entry (see ``_kilap_decision_rights``)."""
        self.ensure_one()
        return self.id in self._kilap_decision_rights(user)

    def _kilap_decision_rights(self, user=None):
        """``{entry id: (basis, official, assignment)}`` for the submitted entries
        ``user`` may approve or reject, and in which capacity: the shared rule
        ``kilap.acting.assignment._kilap_decider_capacity`` with the employee's
        supervisor and appraiser as officials, escalation counted from the
        submission (docs/security.md, "Who may approve")."""
        user = user or self.env.user
        Assignment = self.env["kilap.acting.assignment"]
        cache = {}
        rights = {}
        for entry in self.sudo():
            if entry.state != "submitted":
                continue
            employee = entry.employee_id
            capacity = Assignment._kilap_decider_capacity(
                employee,
                user,
                waiting_since=entry.submitted_date or entry.create_date,
                officials=employee.parent_id | employee.penilai_id,
                cache=cache,
            )
            if capacity:
                rights[entry.id] = capacity
        return rights

    def _kilap_check_item_evidence(self):
        """The evidence the catalogue item asks for, before the entry is sent."""
        item = self.catalog_id.sudo()
        evidence = item.evidence
        photos = self.attachment_ids.filtered(
            lambda a: (a.mimetype or "").startswith("image/")
        )
        if (evidence == "photo" and not photos) or (
            evidence == "any" and not (self.attachment_ids or self.evidence_url)
        ):
            raise ValidationError(
                self.env._(
                    "%(item)s needs %(evidence)s before the entry is submitted.",
                    item=item.name,
                    evidence=dict(
                        item._fields["evidence"]._description_selection(self.env)
                    )[evidence].lower(),
                )
            )

    def action_submit(self):
        for entry in self:
            if entry.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._("Only draft or rejected entries can be submitted.")
                )
            entry._kilap_check_item_evidence()
            if entry.journal_type_id.evidence_required and not (
                entry.attachment_ids or entry.evidence_url
            ):
                raise ValidationError(
                    self.env._(
                        "Entries of type %(type)s need evidence (a photo, a document "
                        "or a "
                        "link) before they are submitted.",
                        type=entry.journal_type_id.name,
                    )
                )
        self._kilap_check_date_window()
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
        """Refuse the decision unless the caller may decide every entry; returns
        ``_kilap_decision_rights`` for them."""
        rights = self._kilap_decision_rights()
        for entry in self:
            if entry.state != "submitted":
                raise UserError(
                    self.env._(
                        "Only submitted entries can be approved or rejected "
                        "(%(name)s).",
                        name=entry.name,
                    )
                )
            if entry.employee_id in self.env.user.employee_ids:
                raise AccessError(
                    self.env._("You cannot approve or reject your own journal entries.")
                )
            if entry.id not in rights:
                raise AccessError(
                    self.env._(
                        "Only the direct supervisor or the appraiser of "
                        "%(employee)s (or their acting official) can "
                        "approve or reject this entry.",
                        employee=entry.employee_id.sudo().name,
                    )
                )
        return rights

    def _kilap_decide(self, vals, rights):
        """Write the decision with the capacity each entry was decided in, as
        superuser: an acting official may not write a colleague's entry."""
        groups = defaultdict(list)
        for entry in self:
            basis, official, assignment = rights[entry.id]
            groups[(basis, official.id, assignment.id)].append(entry.id)
        for (basis, official_id, assignment_id), ids in groups.items():
            self.browse(ids)._kilap_transition(
                {
                    **vals,
                    "approval_basis": basis,
                    "approved_for_id": official_id
                    if basis in ("acting", "escalated")
                    else False,
                    "acting_assignment_id": assignment_id or False,
                },
                from_states=("submitted",),
                sudo=True,
            )

    def _message_track(self, fields_iter, initial_values_dict):
        # a supervisor decides hundreds of entries at once: their state changes
        # are logged in one batch (kilap_tracking)
        tracking = track_in_batch(self, fields_iter, initial_values_dict)
        if tracking is None:
            return super()._message_track(fields_iter, initial_values_dict)
        return tracking

    def action_approve(self):
        rights = self._kilap_check_can_decide()
        self._kilap_decide(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
                "reject_reason": False,
            },
            rights,
        )
        self._kilap_notify_decision()
        return True

    def action_reject(self, reason):
        if not (reason or "").strip():
            raise UserError(
                self.env._("A reason is required to reject a journal entry.")
            )
        rights = self._kilap_check_can_decide()
        self._kilap_decide(
            {
                "state": "rejected",
                "approver_id": self.env.user.id,
                "reject_reason": reason,
            },
            rights,
        )
        self._kilap_notify_decision()
        return True

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Journal Entries"),
            "res_model": "kilap.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_journal_entry_ids": [fields.Command.set(self.ids)]},
        }

    def action_reset_draft(self):
        for entry in self:
            if entry.state != "rejected":
                raise UserError(
                    self.env._("Only rejected entries can be set back to draft.")
                )
        self._kilap_transition({"state": "draft"}, from_states=("rejected",))
        return True

    def _kilap_notify_decision(self):
        """Tell the employee (chatter + inbox/email) and ask for a fix when rejected.

        Batched: each entry gets its note in the chatter (one grouped insert per
        employee) and each employee one notification for the whole decision, so a
        supervisor approving 1,000 entries does not send 1,000 e-mails.
        """
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        by_employee = defaultdict(list)
        for entry in self.sudo():
            by_employee[entry.employee_id].append(entry)
        for employee, entries in by_employee.items():
            partner = employee.user_id.partner_id
            bodies = {}
            for entry in entries:
                if entry.state == "approved":
                    bodies[entry.id] = self.env._(
                        "Your journal entry %(name)s of %(date)s was approved.",
                        name=entry.name,
                        date=entry.date,
                    )
                else:
                    bodies[entry.id] = self.env._(
                        "Your journal entry %(name)s of %(date)s was rejected: "
                        "%(reason)s",
                        name=entry.name,
                        date=entry.date,
                        reason=entry.reject_reason,
                    )
            records = self.sudo().browse([entry.id for entry in entries])
            records._message_log_batch(
                bodies, partner_ids=partner.ids, message_type="comment"
            )
            if partner:
                body = (
                    bodies[entries[0].id]
                    if len(entries) == 1
                    else Markup("<ul>%s</ul>")
                    % Markup().join(Markup("<li>%s</li>") % b for b in bodies.values())
                )
                records[:1].message_notify(
                    partner_ids=partner.ids,
                    body=body,
                    subject=self.env._("Journal entries reviewed"),
                )
            if employee.user_id and todo:
                for entry in entries:
                    if entry.state == "rejected":
                        entry.activity_schedule(
                            activity_type_id=todo.id,
                            summary=self.env._("Fix the rejected journal entry"),
                            note=entry.reject_reason,
                            user_id=employee.user_id.id,
                        )

    @api.model
    def _kilap_today_domain(self):
        return [("date", "=", fields.Date.context_today(self))]

    @api.model
    def _kilap_week_bounds(self, day=None):
        day = day or fields.Date.context_today(self)
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
