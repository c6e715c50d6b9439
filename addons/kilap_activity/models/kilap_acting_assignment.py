import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# in which capacity an approval was decided (stored on each approvable record)
APPROVAL_BASIS = [
    ("supervisor", "Supervisor or appraiser"),
    ("acting", "Acting official (Plt/Plh)"),
    ("escalated", "Escalated to the next supervisor"),
    ("bkpsdm", "BKPSDM (no supervisor)"),
    ("admin_opd", "Admin OPD"),
]

# what an assignment says: fixed once it is activated (end or cancel it instead)
CONTENT_FIELDS = {
    "kind",
    "absent_employee_id",
    "acting_employee_id",
    "date_from",
    "date_to",
    "reason",
}


class KilapActingAssignment(models.Model):
    """A Plt/Plh: who decides in an absent official's place, and from when to when.

    While an assignment is active and today (the acting official's) lies within
    its dates, the acting official may approve or reject what waits for the
    absent official (docs/security.md, "Who may approve").
    """

    _name = "kilap.acting.assignment"
    _description = "Acting Official Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "kilap.workflow.mixin"]
    _order = "date_from desc, id desc"
    _kilap_workflow_fields = ("state", "activated_by_id", "activated_on", "ended_on")

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(
        [("plh", "Plh (Pelaksana Harian)"), ("plt", "Plt (Pelaksana Tugas)")],
        required=True,
        default="plh",
        tracking=True,
        help="Plh: the official is away for a short time (leave, duty travel); "
        "Plt: the position is vacant or the official is away for long.",
    )
    absent_employee_id = fields.Many2one(
        "hr.employee",
        string="Absent Official",
        required=True,
        index=True,
        tracking=True,
    )
    acting_employee_id = fields.Many2one(
        "hr.employee",
        string="Acting Official",
        required=True,
        index=True,
        tracking=True,
    )
    acting_user_id = fields.Many2one(
        related="acting_employee_id.user_id", store=True, index=True, string="User"
    )
    company_id = fields.Many2one(
        related="absent_employee_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="absent_employee_id.department_id", store=True, index=True
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    reason = fields.Text(
        required=True,
        tracking=True,
        help="Why the official is absent and the decree (SK/SPT) naming the "
        "acting official.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    activated_by_id = fields.Many2one(
        "res.users", readonly=True, tracking=True, copy=False
    )
    activated_on = fields.Datetime(readonly=True, copy=False)
    ended_on = fields.Date(readonly=True, tracking=True, copy=False)

    @api.depends("kind", "acting_employee_id", "absent_employee_id")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for assignment in self.sudo():
            assignment.name = self.env._(
                "%(kind)s %(absent)s: %(acting)s",
                kind=(kinds.get(assignment.kind) or "").split(" ")[0],
                absent=assignment.absent_employee_id.name or "",
                acting=assignment.acting_employee_id.name or "",
            )

    @api.constrains("date_from", "date_to", "absent_employee_id", "acting_employee_id")
    def _check_assignment(self):
        for assignment in self.sudo():
            if assignment.date_to < assignment.date_from:
                raise ValidationError(
                    self.env._("An acting assignment cannot end before it starts.")
                )
            if assignment.absent_employee_id == assignment.acting_employee_id:
                raise ValidationError(
                    self.env._("An official cannot act in their own place.")
                )
            if (
                assignment.acting_employee_id.company_id
                != assignment.absent_employee_id.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The acting official must work in the same company as the "
                        "absent official."
                    )
                )

    def write(self, vals):
        if CONTENT_FIELDS & set(vals) and self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._(
                    "An activated acting assignment cannot be changed: end or cancel "
                    "it and create a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered(lambda a: a.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "An activated acting assignment is kept for the record: end or "
                    "cancel it instead."
                )
            )

    # ----------------------------------------------------------------- actions
    def _kilap_check_manager(self):
        """Admin OPD (both officials in their scope) or BKPSDM; never a party."""
        user = self.env.user
        if not user.has_group("kilap_activity.group_kilap_admin_opd"):
            raise AccessError(
                self.env._("Only Admin OPD or BKPSDM manage acting assignments.")
            )
        mine = user.employee_ids
        bkpsdm = user.has_group("kilap_activity.group_kilap_bkpsdm")
        my_opds = mine.sudo().department_id.kilap_opd_id
        # read as superuser: an assignment outside the scope is refused with
        # this message, not merely unreadable
        for assignment in self.sudo():
            parties = assignment.absent_employee_id | assignment.acting_employee_id
            if parties & mine:
                raise AccessError(
                    self.env._(
                        "You cannot activate, end or cancel an acting assignment in "
                        "which you are the absent or the acting official."
                    )
                )
            # BKPSDM: their companies; Admin OPD: their OPD, as the record rules
            in_scope = (
                parties.company_id <= user.company_ids
                if bkpsdm
                else bool(my_opds)
                and parties.department_id.kilap_opd_id <= my_opds
                and all(party.department_id for party in parties)
            )
            if not in_scope:
                raise AccessError(
                    self.env._(
                        "This acting assignment names an official outside your scope."
                    )
                )

    def action_activate(self):
        self._kilap_check_manager()
        for assignment in self.sudo():
            clash = self.sudo().search(
                [
                    ("id", "!=", assignment.id),
                    ("absent_employee_id", "=", assignment.absent_employee_id.id),
                    ("state", "=", "active"),
                    ("date_from", "<=", assignment.date_to),
                    ("date_to", ">=", assignment.date_from),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(absent)s already has an active acting official for these "
                        "dates (%(other)s): end or cancel it first.",
                        absent=assignment.absent_employee_id.name,
                        other=clash.name,
                    )
                )
        self._kilap_transition(
            {
                "state": "active",
                "activated_by_id": self.env.uid,
                "activated_on": fields.Datetime.now(),
            },
            from_states=("draft",),
        )
        for assignment in self.sudo():
            partner = assignment.acting_user_id.partner_id
            if partner:
                assignment.message_notify(
                    partner_ids=partner.ids,
                    subject=self.env._("KILAP: you are the acting official"),
                    body=self.env._(
                        "From %(date_from)s to %(date_to)s you decide the journal "
                        "entries, attendance corrections, field duties and shift "
                        "swaps waiting for %(absent)s.",
                        date_from=assignment.date_from,
                        date_to=assignment.date_to,
                        absent=assignment.absent_employee_id.name,
                    ),
                )
        return True

    def action_end(self):
        """End early (the official is back): the assignment stops counting today."""
        self._kilap_check_manager()
        self._kilap_transition(
            {"state": "ended", "ended_on": fields.Date.context_today(self)},
            from_states=("active",),
        )
        return True

    def action_cancel(self):
        self._kilap_check_manager()
        self._kilap_transition({"state": "cancelled"}, from_states=("draft", "active"))
        return True

    # ----------------------------------------------------------------- helpers
    @api.model
    def _kilap_acting_for(self, user=None):
        """``{absent employee: assignment}`` ``user`` acts for today (their day)."""
        user = user or self.env.user
        found = {}
        assignments = self.sudo().search(
            [("acting_user_id", "=", user.id), ("state", "=", "active")]
        )
        for assignment in assignments:
            today = assignment.acting_employee_id._kilap_today()
            if assignment.date_from <= today <= assignment.date_to:
                found[assignment.absent_employee_id] = assignment
        return found

    @api.model
    def _kilap_decider_capacity(
        self, employee, user=None, waiting_since=None, officials=None, cache=None
    ):
        """In which capacity ``user`` may decide what ``employee`` asks for, as
        ``(basis, official, assignment)``, or ``None`` (docs/security.md, "Who
        may approve"). The one rule of every supervisor's approval:

        * ``supervisor``: one of ``officials`` (default: the employee's direct
          supervisor) is the user's employee;
        * ``acting``: the user is the acting official (Plt/Plh) of one of them,
          while the assignment is active and today (theirs) lies within it;
        * ``escalated``: the user supervises one of them, and the request has
          waited since ``waiting_since`` (naive UTC) more than the company's
          escalation working days (``kilap_escalate_after_days``, in the late
          official's calendar, public holidays excluded); no date: never;
        * ``bkpsdm``: BKPSDM, when the employee has no such official.

        Nobody decides for themselves. ``official`` is the one decided for.
        ``cache`` (a dict) is shared by the calls of one batch.
        """
        user = user or self.env.user
        cache = {} if cache is None else cache
        employee = employee.sudo()
        mine = user.employee_ids
        Employee = self.env["hr.employee"]
        Assignment = self.env["kilap.acting.assignment"]
        if not employee or employee in mine:
            return None
        if officials is None:
            officials = employee.parent_id
        officials = officials.sudo()
        direct = officials & mine
        if direct:
            return ("supervisor", Employee.browse(direct[:1].id), Assignment)
        if not officials:
            if user.has_group("kilap_activity.group_kilap_bkpsdm"):
                return ("bkpsdm", Employee, Assignment)
            return None
        acting = cache.get(("acting", user.id))
        if acting is None:
            acting = cache[("acting", user.id)] = self._kilap_acting_for(user)
        absent = officials.filtered(lambda o: o in acting)
        if absent:
            official = absent[:1]
            return ("acting", Employee.browse(official.id), acting[official])
        late = officials.filtered(lambda o: o.parent_id & mine)[:1]
        limit = employee.company_id.kilap_escalate_after_days
        if late and self._kilap_waited_days(late, waiting_since, limit, cache):
            return ("escalated", Employee.browse(late.id), Assignment)
        return None

    @api.model
    def _kilap_waited_days(self, official, waiting_since, limit, cache):
        """Whether a request waiting since ``waiting_since`` waited ``limit``
        (the company's escalation days) or more for ``official``: whole working
        days of the official's calendar (public holidays excluded) after the
        submission day and before today, both in the official's time zone.
        0 days in the settings, or no date: never."""
        official = official.sudo()
        if limit <= 0 or not waiting_since:
            return False
        tz = pytz.timezone(official._kilap_tz())
        since = pytz.utc.localize(waiting_since).astimezone(tz).date()
        today = official._kilap_today()
        key = ("days", official.id, since, today)
        if key not in cache:
            first = since + datetime.timedelta(days=1)
            last = today - datetime.timedelta(days=1)
            days = 0
            if first <= last:
                minutes = official._kilap_work_minutes_by_date(first, last)[official.id]
                days = sum(1 for value in minutes.values() if value > 0)
            cache[key] = days
        return cache[key] >= limit

    @api.model
    def _kilap_capacity_vals(self, capacity):
        """The stored capacity of a decision (approval_basis, approved_for_id,
        acting_assignment_id) from ``_kilap_decider_capacity``'s answer."""
        basis, official, assignment = capacity
        return {
            "approval_basis": basis,
            "approved_for_id": official.id
            if basis in ("acting", "escalated")
            else False,
            "acting_assignment_id": assignment.id or False,
        }

    @api.model
    def _kilap_note_capacity(self, records, capacity):
        """Post on ``records`` who decided and, when someone else decided in the
        official's place, for whom and as what."""
        basis, official, assignment = capacity
        user = self.env.user
        # as superuser: staff may not read the officials' private fields
        official, assignment = official.sudo(), assignment.sudo()
        if basis == "acting":
            kinds = dict(assignment._fields["kind"]._description_selection(self.env))
            body = self.env._(
                "Decided by %(user)s as acting official (%(kind)s) for %(official)s.",
                user=user.name,
                kind=(kinds.get(assignment.kind) or "").split(" ")[0],
                official=official.name,
            )
        elif basis == "escalated":
            body = self.env._(
                "Decided by %(user)s as next supervisor: %(official)s did not "
                "decide in time.",
                user=user.name,
                official=official.name,
            )
        else:
            return
        records.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _cron_kilap_end_assignments(self):
        """Active assignments whose last day has passed are marked ended."""
        today = fields.Date.context_today(self)
        done = self.sudo().search([("state", "=", "active"), ("date_to", "<", today)])
        done = done.filtered(lambda a: a.date_to < a.acting_employee_id._kilap_today())
        for assignment in done:
            assignment._kilap_transition(
                {"state": "ended", "ended_on": assignment.date_to},
                from_states=("active",),
                sudo=True,
            )
        return done
