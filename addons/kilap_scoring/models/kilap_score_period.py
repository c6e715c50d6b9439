import calendar
import datetime
from collections import defaultdict
from datetime import date

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.kilap_activity.rules import points as point_rules
from odoo.addons.kilap_attendance_geo.rules.bands import BAND_CODES

from ..rules import scoring
from .kilap_org_rating import ORG_TO_HASIL

# who sees the background computation of a period
JOB_GROUPS = "kilap_activity.group_kilap_admin_opd,kilap_activity.group_kilap_auditor"
# fields of the line written by the computation (recompute = same figures)
COMPUTED_FIELDS = (
    "department_id",
    "opd_id",
    "job_family_id",
    "scoring_method",
    "penilai_id",
    "is_unit_head",
    "rhk_count",
    "target_total",
    "realised_total",
    "points_total",
    "expected_points",
    "kinerja_score",
    "working_days",
    "present_days",
    "tk_days",
    "leave_days",
    "sick_days",
    "leave_type_days",
    "field_duty_days",
    "tl1_count",
    "tl2_count",
    "tl3_count",
    "tl4_count",
    "psw1_count",
    "psw2_count",
    "psw3_count",
    "psw4_count",
    "total_cut",
    "disiplin_score",
    "total_score",
    "rating_hasil_auto",
)


class KilapScorePeriod(models.Model):
    """A month of evaluation; closing it locks the journals and attendance behind it."""

    _name = "kilap.score.period"
    _description = "Evaluation Period"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kilap.workflow.mixin",
        "kilap.job.owner.mixin",
    ]
    _order = "date_from desc"
    _kilap_workflow_fields = (
        "state",
        "closed_on",
        "closed_by_id",
        "reopen_reason",
        "reopen_count",
    )
    _kilap_initial_state = "open"

    name = fields.Char(
        required=True,
        tracking=True,
        compute="_compute_name",
        store=True,
        readonly=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(required=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("computed", "Computed"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("kilap.score.line", "period_id", string="Scores")
    year = fields.Integer(compute="_compute_calendar", store=True)
    month = fields.Integer(compute="_compute_calendar", store=True)
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        compute="_compute_calendar",
        store=True,
    )
    employee_total = fields.Integer(
        string="Employees",
        readonly=True,
        help="Employees in scope at the last computation.",
    )
    # counted when read, not stored: the OPD jobs of a computation run at the
    # same time, and a stored count would make each of them update the period
    # row (serialization failures, whole chunks computed again)
    computed_count = fields.Integer(
        string="Computed",
        compute="_compute_progress",
        help="Score lines computed so far.",
    )
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    computed_on = fields.Datetime(readonly=True, tracking=True, copy=False)
    weight_kinerja = fields.Float(
        readonly=True, help="Kinerja weight used by the last computation."
    )
    weight_disiplin = fields.Float(
        readonly=True, help="Disiplin weight used by the last computation."
    )
    kinerja_cap = fields.Float(
        readonly=True, help="Kinerja cap used by the last computation."
    )
    closed_on = fields.Datetime(readonly=True, tracking=True, copy=False)
    closed_by_id = fields.Many2one(
        "res.users", readonly=True, tracking=True, copy=False
    )
    reopen_reason = fields.Text(readonly=True, tracking=True, copy=False)
    reopen_count = fields.Integer(readonly=True, copy=False)
    close_date = fields.Date(
        string="Planned Close Date",
        tracking=True,
        copy=False,
        help="When BKPSDM plans to close the month; supervisors are reminded of the "
        "entries still waiting for them a few days before. Empty: the month end "
        "plus the journal window (the last day an entry of the month may be "
        "written).",
    )
    close_reminder_date = fields.Date(
        string="Close Reminder Sent",
        readonly=True,
        copy=False,
        help="Technical: the day the supervisors were reminded before the close.",
    )
    pending_approval_count = fields.Integer(
        string="Pending Approvals",
        compute="_compute_pending_approval_count",
        help="Journal entries of the month still waiting for approval.",
    )
    org_rating_ids = fields.One2many(
        "kilap.org.rating", "period_id", string="Organisation Ratings"
    )
    warning_html = fields.Html(
        string="Warnings", compute="_compute_warnings", sanitize=False
    )
    warning_count = fields.Integer(compute="_compute_warnings")

    # the latest background computation and its progress: who may follow it
    job_batch_id = fields.Many2one(groups=JOB_GROUPS)
    job_state = fields.Selection(groups=JOB_GROUPS)
    job_chunk_ids = fields.One2many(groups=JOB_GROUPS)
    job_chunk_count = fields.Integer(groups=JOB_GROUPS)
    job_chunk_done = fields.Integer(groups=JOB_GROUPS)
    job_chunk_failed = fields.Integer(groups=JOB_GROUPS)
    job_item_count = fields.Integer(groups=JOB_GROUPS)
    job_item_done = fields.Integer(groups=JOB_GROUPS)

    _company_month_unique = models.Constraint(
        "UNIQUE(company_id, date_from)", "There is already a period for this month."
    )

    # ------------------------------------------------------------------ computes
    def _compute_pending_approval_count(self):
        Entry = self.env["kilap.journal.entry"]
        for period in self:
            period.pending_approval_count = (
                Entry.search_count(period._kilap_pending_domain())
                if period.id and period.date_from and period.date_to
                else 0
            )

    def action_retry_failed(self):
        self._kilap_check_bkpsdm()
        return super().action_retry_failed()

    @api.depends("date_from")
    def _compute_name(self):
        for period in self:
            if period.date_from and not period.name:
                period.name = period.date_from.strftime("%Y-%m")

    @api.depends("date_from")
    def _compute_calendar(self):
        for period in self:
            start = period.date_from
            period.year = start.year if start else 0
            period.month = start.month if start else 0
            period.quarter = str((start.month - 1) // 3 + 1) if start else False

    @api.depends("line_ids", "employee_total")
    def _compute_progress(self):
        counts = (
            dict(
                self.env["kilap.score.line"]
                .sudo()
                ._read_group(
                    [("period_id", "in", self.ids)], ["period_id"], ["__count"]
                )
            )
            if self.ids
            else {}
        )
        for period in self:
            period.computed_count = counts.get(period._origin, 0) if period.id else 0
            period.progress = (
                100.0 * period.computed_count / period.employee_total
                if period.employee_total
                else 0.0
            )

    @api.depends(
        "state",
        "line_ids.predikat",
        "line_ids.rating_perilaku",
        "org_rating_ids.rating",
    )
    def _compute_warnings(self):
        for period in self:
            warnings = period._kilap_warnings() if period.id else []
            period.warning_count = len(warnings)
            period.warning_html = (
                Markup("<ul>%s</ul>")
                % Markup().join(Markup("<li>%s</li>") % escape(w) for w in warnings)
                if warnings
                else False
            )

    # ------------------------------------------------------------- constraints
    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._("A period cannot end before it starts.")
                )
            last_day = calendar.monthrange(
                period.date_from.year, period.date_from.month
            )[1]
            if period.date_from.day != 1 or period.date_to != period.date_from.replace(
                day=last_day
            ):
                raise ValidationError(
                    self.env._(
                        "An evaluation period is one calendar month: "
                        "from its first to its last day."
                    )
                )

    def _kilap_check_duplicates(self, vals_list):
        """Refuse a second period for the same company and month, clearly."""
        wanted = set()
        for vals in vals_list:
            if vals.get("date_from"):
                company_id = vals.get("company_id") or self.env.company.id
                key = (company_id, fields.Date.to_date(vals["date_from"]))
                if key in wanted:
                    raise ValidationError(
                        self.env._("There is already a period for this month.")
                    )
                wanted.add(key)
        if not wanted:
            return
        existing = self.sudo().search_fetch(
            [
                ("company_id", "in", list({c for c, _d in wanted})),
                ("date_from", "in", list({d for _c, d in wanted})),
                ("id", "not in", self.ids),
            ],
            ["company_id", "date_from", "name"],
        )
        for period in existing:
            if (period.company_id.id, period.date_from) in wanted:
                raise ValidationError(
                    self.env._(
                        "There is already a period for this month: %s.", period.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._kilap_check_duplicates(vals_list)
        for vals in vals_list:
            if not vals.get("name") and vals.get("date_from"):
                vals["name"] = fields.Date.to_date(vals["date_from"]).strftime("%Y-%m")
        return super().create(vals_list)

    def write(self, vals):
        if "date_from" in vals or "company_id" in vals:
            if self.filtered(lambda p: p.state != "open"):
                raise UserError(
                    self.env._("Only an open period can change its month or company.")
                )
            for period in self:
                period._kilap_check_duplicates(
                    [
                        {
                            "date_from": vals.get("date_from", period.date_from),
                            "company_id": vals.get("company_id", period.company_id.id),
                        }
                    ]
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(self.env._("A closed period cannot be deleted."))

    # ----------------------------------------------------------------- helpers
    @api.model
    def _kilap_month_bounds(self, day):
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    @api.model
    def _kilap_generate_months(self, year, company=None):
        """Create the missing monthly periods of ``year`` for ``company``."""
        company = company or self.env.company
        existing = set(
            self.sudo()
            .search([("company_id", "=", company.id), ("year", "=", year)])
            .mapped("month")
        )
        vals_list = []
        for month in range(1, 13):
            if month in existing:
                continue
            start, end = self._kilap_month_bounds(date(year, month, 1))
            vals_list.append(
                {
                    "company_id": company.id,
                    "date_from": start,
                    "date_to": end,
                    "name": start.strftime("%Y-%m"),
                }
            )
        return self.create(vals_list)

    @api.model
    def _kilap_check_locked(
        self, records, date_field="date", company_field="company_id"
    ):
        """Refuse changes to ``records`` dated inside a closed period of their company.

        One query for the whole batch, whatever its size.
        """
        self._kilap_check_locked_dates(
            {
                (rec[company_field].id, rec[date_field])
                for rec in records
                if rec[date_field] and rec[company_field]
            }
        )

    def _kilap_check_locked_dates(self, pairs):
        """Refuse any (company id, date) of ``pairs`` inside a closed period."""
        self._kilap_check_locked_ranges({(c, d, d) for c, d in pairs})

    def _kilap_check_locked_ranges(self, ranges):
        """Refuse any (company id, first date, last date) overlapping a closed
        period. One query for the whole batch, whatever its size."""
        ranges = {r for r in ranges if r}
        if not ranges:
            return
        periods = self.sudo().search_fetch(
            [
                ("state", "=", "closed"),
                ("company_id", "in", list({c for c, _s, _e in ranges})),
                ("date_from", "<=", max(e for _c, _s, e in ranges)),
                ("date_to", ">=", min(s for _c, s, _e in ranges)),
            ],
            ["company_id", "date_from", "date_to", "name"],
        )
        for period in periods:
            for company_id, first, last in sorted(ranges):
                if (
                    company_id == period.company_id.id
                    and first <= period.date_to
                    and last >= period.date_from
                ):
                    raise UserError(
                        self.env._(
                            "The evaluation period %(period)s is closed: records dated "
                            "%(date)s can no longer be created, changed or deleted. "
                            "Ask BKPSDM to reopen the period.",
                            period=period.name,
                            date=max(first, period.date_from),
                        )
                    )

    def _kilap_scope_employees(self, employees=None):
        self.ensure_one()
        domain = Domain("company_id", "=", self.company_id.id)
        if employees is not None:
            domain &= Domain("id", "in", employees.ids)
        return (
            self.env["hr.employee"].sudo().with_context(active_test=True).search(domain)
        )

    # ------------------------------------------------------------- computation
    def _kilap_compute(self, employees=None, refresh_attendance=True, finish=True):
        """Compute (or recompute) the score lines of this period, set-based.

        ``employees`` limits the run to those employees; without it the whole
        company is computed and lines of employees no longer in scope go away.
        ``refresh_attendance`` first recomputes the daily attendance results
        (kilap_attendance_geo) of the month; False scores the rows as they are.
        ``finish=False`` is a chunk of a background run: the period itself is
        not written (``_kilap_compute_finish`` does it once, at the end).
        Queries do not grow with the number of employees: one grouped read per
        source (journal, action plan, attendance days) and batched create/write.
        """
        self.ensure_one()
        if self.state == "closed":
            raise UserError(
                self.env._(
                    "The period %s is closed: it cannot be computed again.", self.name
                )
            )
        self.check_access("write")
        period = self.sudo()
        company = period.company_id
        scope = period._kilap_scope_employees(employees)
        scope.fetch(["department_id", "job_family_id", "penilai_id", "parent_id"])
        if refresh_attendance and scope:
            days = self.env["kilap.attendance.day"].sudo()
            if hasattr(days, "_kilap_compute_days"):
                days._kilap_compute_days(scope, period.date_from, period.date_to)
                self.env.flush_all()
        realised, points = period._kilap_gather_journal(scope)
        targets = period._kilap_gather_targets(scope)
        attendance = period._kilap_gather_attendance(scope)
        settings = {
            "cuts": self.env["kilap.score.cut"]._kilap_cuts(company),
            "thresholds": self.env["kilap.score.threshold"]._kilap_thresholds(company),
            "cap": company.kilap_kinerja_cap,
            "w_kinerja": company.kilap_weight_kinerja,
            "w_disiplin": company.kilap_weight_disiplin,
        }
        values = {}
        for employee in scope:
            pairs = [
                (realised.get((employee.id, rhk_id), 0.0), target)
                for rhk_id, target in targets.get(employee.id, {}).items()
            ]
            values[employee.id] = self._kilap_line_values(
                employee, pairs, points[employee.id], attendance[employee.id], settings
            )
        if company.kilap_head_takes_unit_result:
            period._kilap_apply_unit_heads(scope, values, settings["thresholds"])
        period._kilap_rank(values, full=employees is None)
        saved = period._kilap_save_lines(values, full=employees is None)
        # the matrix is data: a recompute applies its current cells (a chunk: to
        # its own lines)
        lines = period.line_ids if finish else saved
        self.env.add_to_compute(lines._fields["predikat"], lines)
        if finish:
            period._kilap_mark_computed(scope if employees is None else None)
        return True

    def _kilap_mark_computed(self, scope=None):
        """Record a finished computation and move the period to Computed; with
        the ``scope`` of a whole-company run, also the head count and the
        settings it used."""
        period = self.sudo()
        company = period.company_id
        vals = {"computed_on": fields.Datetime.now()}
        if scope is not None:
            vals.update(
                employee_total=len(scope),
                weight_kinerja=company.kilap_weight_kinerja,
                weight_disiplin=company.kilap_weight_disiplin,
                kinerja_cap=company.kilap_kinerja_cap,
            )
        period.write(vals)
        if period.state == "open":
            period._kilap_transition({"state": "computed"}, from_states=("open",))

    def _kilap_month_domain(self, scope):
        return [
            ("employee_id", "in", scope.ids),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]

    def _kilap_gather_journal(self, scope):
        """Approved output per (employee, RHK) and points per employee, two
        queries. Points are summed per catalogue item and day, then capped per
        day and per month as the item says (``rules/points.py``)."""
        realised = defaultdict(float)
        points = defaultdict(float)
        Entry = self.env["kilap.journal.entry"].sudo()
        approved = [*self._kilap_month_domain(scope), ("state", "=", "approved")]
        for employee, rhk, qty in Entry._read_group(
            approved + [("rhk_id", "!=", False)],
            ["employee_id", "rhk_id"],
            ["output_qty:sum"],
        ):
            realised[employee.id, rhk.id] += qty
        daily = defaultdict(list)
        for employee, item, _day, pts in Entry._read_group(
            approved + [("catalog_id", "!=", False)],
            ["employee_id", "catalog_id", "date:day"],
            ["points:sum"],
        ):
            daily[employee.id, item].append(pts)
        for (employee_id, item), values in daily.items():
            points[employee_id] += point_rules.month_points(
                values, item.cap_per_day, item.cap_per_month
            )
        return realised, points

    def _kilap_gather_targets(self, scope):
        """Rencana aksi targets of the month per employee and RHK, from approved
        SKPs only: one query."""
        targets = defaultdict(dict)
        for employee, rhk, qty in (
            self.env["kilap.skp.action"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", scope.ids),
                    ("month", "=", self.date_from.month),
                    ("rhk_id.skp_id.year", "=", self.date_from.year),
                    # a draft (revised, never resubmitted) SKP sets no target
                    ("rhk_id.skp_id.state", "=", "approved"),
                ],
                ["employee_id", "rhk_id"],
                ["target_qty:sum"],
            )
        ):
            targets[employee.id][rhk.id] = qty
        return targets

    def _kilap_gather_attendance(self, scope):
        """The month's attendance tally per employee (kilap_attendance_geo's)."""
        return self.env["kilap.attendance.day"]._kilap_tally(
            scope.ids, self.date_from, self.date_to
        )

    @api.model
    def _kilap_line_values(self, employee, pairs, points, tally, settings):
        """The computed figures of one employee's line, from gathered data only."""
        family = employee.job_family_id
        method = family.scoring_method if family else "journal"
        cap = settings["cap"]
        if method == "points":
            kinerja = scoring.kinerja_from_points(points, family.expected_points, cap)
        else:
            kinerja = scoring.kinerja_from_targets(pairs, cap)
        counts = {code: tally.get(code, 0) for code in BAND_CODES}
        counts["TK"] = tally.get("absent", 0)
        disiplin = scoring.disiplin(counts, settings["cuts"])
        department = employee.department_id
        return {
            "department_id": department.id,
            "opd_id": department.kilap_opd_id.id,
            "job_family_id": family.id,
            "scoring_method": method,
            "penilai_id": employee.penilai_id.id,
            "is_unit_head": False,
            "rhk_count": len([p for p in pairs if p[1] > 0]),
            "target_total": sum(p[1] for p in pairs),
            "realised_total": sum(p[0] for p in pairs),
            "points_total": points,
            "expected_points": family.expected_points if method == "points" else 0.0,
            "kinerja_score": kinerja,
            **self.env["kilap.score.line"]._kilap_tally_values(tally),
            "total_cut": scoring.total_cut(counts, settings["cuts"]),
            "disiplin_score": disiplin,
            "total_score": scoring.combined(
                kinerja, disiplin, settings["w_kinerja"], settings["w_disiplin"]
            ),
            "rating_hasil_auto": scoring.rating_from_score(
                kinerja, settings["thresholds"]
            ),
        }

    def _kilap_save_lines(self, values, full):
        """Create missing lines in one batch; write only changed figures.

        Writes stay in the cache and are flushed as grouped UPDATEs. With
        ``full``, lines of employees no longer in scope are removed. Returns the
        lines of the employees in ``values``.
        """
        self.ensure_one()
        lines = self.env["kilap.score.line"].sudo()
        domain = Domain("period_id", "=", self.id)
        if not full:  # a chunk reads its own lines, not the period's (20,000)
            domain &= Domain("employee_id", "in", list(values))
        existing = lines.search_fetch(
            domain, ["employee_id", *COMPUTED_FIELDS, "rank", "rank_total"]
        )
        by_employee = {line.employee_id.id: line for line in existing}
        to_create = []
        for employee_id, vals in values.items():
            line = by_employee.get(employee_id)
            if not line:
                to_create.append(
                    {"period_id": self.id, "employee_id": employee_id, **vals}
                )
                continue
            current = line.read(list(vals), load=None)[0]
            changed = {key: val for key, val in vals.items() if current[key] != val}
            if changed:
                line.write(changed)
        # a regency's month is thousands of new lines: one INSERT, no chatter
        created = lines._kilap_bulk_create(to_create)
        kept = existing.filtered(lambda ln: ln.employee_id.id in values)
        if full:
            (existing - kept).unlink()
        return kept | created

    def _kilap_apply_unit_heads(self, scope, values, thresholds):
        """Give each department head the result of their unit (rating hasil kerja).

        The unit's organisation rating of this period wins when set; otherwise
        the mean kinerja score of the unit's other employees (this run's figures,
        stored lines for those outside it) through the thresholds.
        """
        self.ensure_one()
        heads = scope.filtered(
            lambda e: e.department_id and e.department_id.manager_id == e
        )
        if not heads:
            return
        org = {r.department_id.id: r.rating for r in self.sudo().org_rating_ids}
        stored = (
            self.env["kilap.score.line"]
            .sudo()
            .search_fetch(
                [
                    ("period_id", "=", self.id),
                    ("department_id", "child_of", heads.department_id.ids),
                ],
                ["employee_id", "kinerja_score", "department_id"],
            )
        )
        kinerja = {
            line.employee_id.id: (line.kinerja_score, line.department_id)
            for line in stored
        }
        for emp_id, vals in values.items():
            kinerja[emp_id] = (
                vals["kinerja_score"],
                self.env["hr.department"].browse(vals["department_id"]),
            )
        for head in heads:
            dept = head.department_id
            values[head.id]["is_unit_head"] = True
            if dept.id in org:
                values[head.id]["rating_hasil_auto"] = ORG_TO_HASIL[org[dept.id]]
                continue
            prefix = dept.parent_path
            scores = [
                score
                for emp_id, (score, emp_dept) in kinerja.items()
                if emp_id != head.id
                and emp_dept
                and emp_dept.parent_path.startswith(prefix)
            ]
            if scores:
                values[head.id]["rating_hasil_auto"] = scoring.rating_from_score(
                    round(sum(scores) / len(scores), 2), thresholds
                )

    def _kilap_rank(self, values, full):
        """Rank every line of the period within its OPD (ties share a rank).

        The ranks of the lines about to be saved go into ``values``, so new lines
        are inserted ranked; stored lines outside ``values`` (a partial run) are
        written only when their rank moves.
        """
        self.ensure_one()
        others = self.env["kilap.score.line"].sudo()
        if not full:
            domain = Domain("period_id", "=", self.id) & Domain(
                "employee_id", "not in", list(values)
            )
            if values:  # ranks are per OPD: only the OPDs of this run can move
                domain &= Domain(
                    "opd_id", "in", list({vals["opd_id"] for vals in values.values()})
                )
            others = others.search_fetch(
                domain, ["opd_id", "total_score", "rank", "rank_total"]
            )
        groups = defaultdict(dict)
        for employee_id, vals in values.items():
            groups[vals["opd_id"]][employee_id] = vals["total_score"]
        for line in others:
            groups[line.opd_id.id][line] = line.total_score
        for group in groups.values():
            for key, position in scoring.rank(group).items():
                ranked = {"rank": position, "rank_total": len(group)}
                if isinstance(key, int):
                    values[key].update(ranked)
                elif (key.rank, key.rank_total) != (position, len(group)):
                    key.write(ranked)

    def _kilap_warnings(self):
        """Human-readable warnings shown before closing (distribution, unrated)."""
        self.ensure_one()
        warnings = []
        lines = self.env["kilap.score.line"].sudo()
        if self.state == "open":
            return warnings
        unrated = lines.search_count(
            [("period_id", "=", self.id), ("rating_perilaku", "=", False)]
        )
        if unrated:
            warnings.append(
                self.env._(
                    "%s employees have no behaviour rating yet (no predikat).", unrated
                )
            )
        limits = self.env["kilap.distribution.limit"]._kilap_limits(self.company_id)
        predikat_labels = dict(
            lines._fields["predikat"]._description_selection(self.env)
        )
        counts = defaultdict(dict)
        for opd, predikat, count in lines._read_group(
            [("period_id", "=", self.id), ("predikat", "!=", False)],
            ["opd_id", "predikat"],
            ["__count"],
        ):
            counts[opd.id][predikat] = count
        for org in self.sudo().org_rating_ids:
            breaches = scoring.distribution_breaches(
                counts.get(org.department_id.id, {}), limits.get(org.rating, [])
            )
            for predikat, share, min_pct, max_pct in breaches:
                bound = (
                    self.env._("at least %s %%", min_pct)
                    if min_pct is not None and share < min_pct
                    else self.env._("at most %s %%", max_pct)
                )
                warnings.append(
                    self.env._(
                        "%(opd)s (organisation rating %(rating)s): "
                        "%(share)s %% %(predikat)s, "
                        "the limit is %(bound)s.",
                        opd=org.department_id.display_name,
                        rating=dict(
                            org._fields["rating"]._description_selection(self.env)
                        )[org.rating],
                        share=share,
                        predikat=predikat_labels[predikat],
                        bound=bound,
                    )
                )
        return warnings

    # ----------------------------------------------------------------- actions
    def _kilap_check_bkpsdm(self):
        if not self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
            raise UserError(
                self.env._(
                    "Only BKPSDM can compute, close or reopen an evaluation period."
                )
            )

    def action_compute(self):
        """Compute in the background, one job per OPD (queue_job, KILAP channel):
        daily results and score lines of its employees; the period is ranked and
        moves to Computed when the last OPD is done."""
        self._kilap_check_bkpsdm()
        for period in self:
            if period.state == "closed":
                raise UserError(
                    self.env._(
                        "The period %s is closed: it cannot be computed again.",
                        period.name,
                    )
                )
            period.check_access("write")
            by_opd = defaultdict(list)
            for employee in period._kilap_scope_employees():
                by_opd[employee.department_id.kilap_opd_id.id].append(employee.id)
            self.env["kilap.job.batch"]._kilap_start(
                period,
                self.env._("Compute %s", period.name),
                "_kilap_compute_chunk",
                [by_opd[opd] for opd in sorted(by_opd, key=lambda o: o or 0)],
                finish="_kilap_compute_finish",
            )
        return True

    def _kilap_compute_chunk(self, employee_ids):
        """One OPD of a background computation (idempotent: lines are upserted)."""
        employees = self.env["hr.employee"].sudo().browse(employee_ids).exists()
        return self._kilap_compute(employees=employees, finish=False)

    def _kilap_compute_finish(self):
        """After the last chunk: drop lines of employees no longer in scope, keep
        the settings used and move the period to Computed (each chunk ranked its
        own OPD)."""
        self.ensure_one()
        period = self.sudo()
        scope = period._kilap_scope_employees()
        # one query, not a membership test of each line in a 20,000-record set
        gone = (
            self.env["kilap.score.line"]
            .sudo()
            .search(
                [("period_id", "=", period.id), ("employee_id", "not in", scope.ids)]
            )
        )
        if gone:
            gone.unlink()
            period._kilap_rank({}, full=False)  # the OPD ranks without them
        period._kilap_mark_computed(scope)
        return True

    def _kilap_check_idle(self):
        """Close and reopen wait for the background computation to finish."""
        for period in self:
            self.env["kilap.job.batch"]._kilap_check_idle(
                period,
                self.env._(
                    "The period %s is being computed in the background: wait for "
                    "the computation to finish (or retry its failed chunks).",
                    period.name,
                ),
            )

    def action_close(self):
        """Close: refused while journal entries of the month wait for approval;
        the confirmation wizard (*Close Period* on the form) lists them and
        closes anyway. No context key lifts this."""
        self._kilap_check_bkpsdm()
        for period in self:
            pending = period.sudo()._kilap_pending_counts()
            if pending:
                raise UserError(
                    self.env._(
                        "%(count)s journal entries of %(period)s still wait for "
                        "approval: open the period, click Close Period to see them "
                        "and confirm the close there.",
                        count=sum(pending.values()),
                        period=period.name,
                    )
                )
        return self._kilap_close()

    def _kilap_close(self):
        """The close itself (private: RPC cannot call it); ``action_close`` and the
        confirmation wizard call it after their checks."""
        self._kilap_check_bkpsdm()
        self._kilap_check_idle()
        for period in self:
            if period.state != "computed":
                raise UserError(
                    self.env._(
                        "Only a computed period can be closed (%s).", period.name
                    )
                )
        self._kilap_transition(
            {
                "state": "closed",
                "closed_on": fields.Datetime.now(),
                "closed_by_id": self.env.uid,
            },
            from_states=("computed",),
            sudo=True,
        )
        return True

    def action_open_close_wizard(self):
        """*Close Period* on the form: the pending approvals first, then close."""
        self.ensure_one()
        self._kilap_check_bkpsdm()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close Period"),
            "res_model": "kilap.score.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }

    # ------------------------------------------------------- pending approvals
    def _kilap_pending_domain(self):
        """Journal entries of the month (and company) still waiting for approval."""
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
            ("state", "=", "submitted"),
        ]

    def _kilap_pending_counts(self):
        """``{(opd, supervisor): count}`` of the pending entries, in one query."""
        self.ensure_one()
        return {
            (opd, supervisor): count
            for opd, supervisor, count in self.env["kilap.journal.entry"]._read_group(
                self._kilap_pending_domain(), ["opd_id", "supervisor_id"], ["__count"]
            )
        }

    def action_view_pending(self):
        """The entries still waiting, per OPD and on whose desk they sit."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pending Approvals %s", self.name),
            "res_model": "kilap.journal.entry",
            "view_mode": "list,pivot,form",
            "views": [
                (
                    self.env.ref(
                        "kilap_scoring.kilap_journal_entry_view_list_pending"
                    ).id,
                    "list",
                ),
                (
                    self.env.ref(
                        "kilap_scoring.kilap_journal_entry_view_pivot_pending"
                    ).id,
                    "pivot",
                ),
                (False, "form"),
            ],
            "domain": self._kilap_pending_domain(),
            "context": {"group_by": ["opd_id", "supervisor_id"]},
        }

    def _kilap_expected_close_date(self):
        """The planned close date, else the month end plus the journal window
        (working days of the company's calendar, public holidays excluded)."""
        self.ensure_one()
        if self.close_date:
            return self.close_date
        company = self.company_id
        window = max(company.kilap_journal_window_days, 0)
        calendar = company.resource_calendar_id
        if not window or not calendar:
            return self.date_to
        tz = pytz.timezone(calendar.tz or "Asia/Makassar")
        start = tz.localize(
            datetime.datetime.combine(
                self.date_to + relativedelta(days=1), datetime.time.min
            )
        )
        end = start + relativedelta(days=window * 3 + 14)
        intervals = calendar._work_intervals_batch(start, end, tz=tz)[False]
        days = sorted({begin.astimezone(tz).date() for begin, _e, _m in intervals})
        return days[window - 1] if len(days) >= window else self.date_to

    @api.model
    def _cron_kilap_close_reminder(self, today=None):
        """Daily: a few days before a period's close, remind each supervisor of
        the entries of the month still waiting for them (once per period).
        ``today`` lets tests run it for a chosen day."""
        reminded = self.browse()
        periods = self.sudo().search(
            [("state", "in", ("open", "computed")), ("close_reminder_date", "=", False)]
        )
        for period in periods:
            days = period.company_id.kilap_close_reminder_days
            if days <= 0:
                continue
            tz = pytz.timezone(
                period.company_id.resource_calendar_id.tz or "Asia/Makassar"
            )
            day = today or datetime.datetime.now(tz).date()
            close = period._kilap_expected_close_date()
            if close - relativedelta(days=days) <= day <= close:
                period._kilap_remind_close(close)
                reminded |= period
        return reminded

    def _kilap_remind_close(self, close):
        """One message per official (supervisor, else appraiser) with the count of
        entries waiting for them, and their acting official in copy."""
        self.ensure_one()
        period = self.sudo()
        per_official = {}
        for employee, supervisor, penilai, count in (
            self.env["kilap.journal.entry"]
            .sudo()
            ._read_group(
                period._kilap_pending_domain(),
                ["employee_id", "supervisor_id", "penilai_id"],
                ["__count"],
            )
        ):
            official = supervisor or penilai
            if official.user_id:
                per_official.setdefault(official, []).append((employee, count))
        acting = defaultdict(lambda: self.env["res.partner"])
        assignments = (
            self.env["kilap.acting.assignment"]
            .sudo()
            .search(
                [
                    ("absent_employee_id", "in", [o.id for o in per_official]),
                    ("state", "=", "active"),
                ]
            )
        )
        for assignment in assignments:
            today = assignment.acting_employee_id._kilap_today()
            if assignment.date_from <= today <= assignment.date_to:
                acting[assignment.absent_employee_id] |= (
                    assignment.acting_user_id.partner_id
                )
        for official, rows in per_official.items():
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (escape(employee.name), count)
                for employee, count in rows
            )
            official.message_notify(
                partner_ids=(official.user_id.partner_id | acting[official]).ids,
                subject=self.env._(
                    "KILAP: %(count)s journal entries to approve before %(date)s",
                    count=sum(count for _e, count in rows),
                    date=close,
                ),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._(
                        "The evaluation period %(period)s closes on %(date)s. These "
                        "journal entries still wait for your approval:",
                        period=period.name,
                        date=close,
                    ),
                    items,
                ),
            )
        period.close_reminder_date = fields.Date.context_today(self)
        period.message_post(
            body=self.env._(
                "Close reminder sent to %(count)s supervisors.", count=len(per_official)
            )
        )
        return per_official

    def action_open_reopen_wizard(self):
        self.ensure_one()
        self._kilap_check_bkpsdm()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Period"),
            "res_model": "kilap.score.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }

    def _kilap_reopen(self, reason):
        """Reopen a closed period: BKPSDM only, with a reason kept in the chatter."""
        self._kilap_check_bkpsdm()
        self._kilap_check_idle()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for reopening the period."))
        for period in self:
            if period.state != "closed":
                raise UserError(
                    self.env._(
                        "Only a closed period can be reopened (%s).", period.name
                    )
                )
            period._kilap_transition(
                {
                    "state": "open",
                    "reopen_reason": reason.strip(),
                    "reopen_count": period.reopen_count + 1,
                },
                from_states=("closed",),
                sudo=True,
            )
            period.message_post(body=self.env._("Period reopened: %s", reason.strip()))
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_scoring.kilap_score_line_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_opd": 1}
        return action

    def action_open_rating_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rate Behaviour"),
            "res_model": "kilap.score.rating.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }
