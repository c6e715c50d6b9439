from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kilap_attendance_geo.rules.bands import BAND_CODES

from ..rules import tpp as tpp_rules

# OPDs per background job of the month's sheet generation
OPDS_PER_JOB = 10

# figures compared by the differences report (and by "approved recomputes the same")
DIFF_FIELDS = (
    "base_amount",
    "tpp_gross",
    "tpp_eligible",
    "kinerja_part",
    "disiplin_part",
    "discipline_cut",
    "sanction_cut",
    "tpp",
    "pph21",
    "bpjs_employee",
    "zakat",
    "net",
)
# a sheet's workflow: written only through its actions (kilap.workflow.mixin)
WORKFLOW_FIELDS = (
    "state",
    "approved_by_id",
    "approved_date",
    "verified_by_id",
    "paid_date",
    "paid_by_id",
    "preparer_ids",
    "reset_reason",
)
# besides those, what an approved or paid sheet still accepts
_LOCK_FREE_FIELDS = {"active", "message_main_attachment_id"}


class KilapTppSheet(models.Model):
    """TPP of one OPD for one month, generated from a closed scoring period.

    Each line stores every figure and the rule-set version used; an approved sheet
    is locked and can only be compared with what a recompute would give.
    """

    _name = "kilap.tpp.sheet"
    _inherit = ["mail.thread", "mail.activity.mixin", "kilap.workflow.mixin"]
    _description = "TPP Sheet"
    _kilap_workflow_fields = WORKFLOW_FIELDS
    _order = "date_from desc, department_id"

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "kilap.score.period",
        required=True,
        index=True,
        tracking=True,
        domain="[('state', '=', 'closed'), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department",
        string="OPD",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False), ('company_id', 'in', (company_id, False))]",
    )
    date_from = fields.Date(related="period_id.date_from", store=True)
    date_to = fields.Date(related="period_id.date_to", store=True)
    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset",
        string="Rule Set Version",
        readonly=True,
        tracking=True,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("verified", "Verified"),
            ("approved", "Approved"),
            ("paid", "Paid"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many("kilap.tpp.sheet.line", "sheet_id", string="Lines")
    line_count = fields.Integer(compute="_compute_totals", store=True)
    amount_tpp = fields.Monetary(
        string="Total TPP",
        compute="_compute_totals",
        store=True,
        currency_field="currency_id",
    )
    amount_deductions = fields.Monetary(
        compute="_compute_totals", store=True, currency_field="currency_id"
    )
    amount_net = fields.Monetary(
        string="Total Net",
        compute="_compute_totals",
        store=True,
        currency_field="currency_id",
    )
    head_employee_id = fields.Many2one(
        "hr.employee",
        string="Head of OPD",
        compute="_compute_signers",
        store=True,
        readonly=False,
    )
    treasurer_employee_id = fields.Many2one(
        "hr.employee", string="Treasurer (Bendahara)", tracking=True
    )
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(readonly=True, copy=False)
    verified_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    paid_date = fields.Date(readonly=True, copy=False, tracking=True)
    paid_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    preparer_ids = fields.Many2many(
        "res.users",
        "kilap_tpp_sheet_preparer_rel",
        "sheet_id",
        "user_id",
        string="Prepared by",
        readonly=True,
        copy=False,
        help="Users who generated, computed, edited or verified the sheet: with "
        "four-eyes approval on, none of them may approve it.",
    )
    reset_reason = fields.Text(readonly=True, copy=False, tracking=True)

    _period_department_unique = models.Constraint(
        "UNIQUE(period_id, department_id)",
        "There is already a TPP sheet for this OPD and month.",
    )

    @api.depends("department_id", "period_id")
    def _compute_name(self):
        for sheet in self:
            sheet.name = "TPP %s - %s" % (
                sheet.department_id.name or "",
                sheet.period_id.name or "",
            )

    @api.depends("line_ids.tpp", "line_ids.net", "line_ids.deductions")
    def _compute_totals(self):
        for sheet in self:
            sheet.line_count = len(sheet.line_ids)
            sheet.amount_tpp = sum(sheet.line_ids.mapped("tpp"))
            sheet.amount_deductions = sum(sheet.line_ids.mapped("deductions"))
            sheet.amount_net = sum(sheet.line_ids.mapped("net"))

    @api.depends("department_id")
    def _compute_signers(self):
        for sheet in self:
            sheet.head_employee_id = sheet.department_id.manager_id

    # ------------------------------------------------------------------ checks
    def _check_keuangan(self):
        if not self.env.is_superuser() and not self.env.user.has_group(
            "kilap_payroll_bridge.group_kilap_keuangan"
        ):
            raise AccessError(
                self.env._("Only Keuangan (finance) can do this on TPP sheets.")
            )

    @api.constrains("department_id")
    def _check_department(self):
        for sheet in self:
            if sheet.department_id.parent_id:
                raise ValidationError(
                    self.env._(
                        "A TPP sheet is made per OPD: choose a top-level department."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sheets = super().create(vals_list)
        sheets._check_period_closed()
        sheets._kilap_add_preparer()
        # one rule-set lookup per company and month (all OPDs of a month at once)
        todo = sheets.filtered(lambda s: not s.ruleset_id).grouped(
            lambda s: (s.company_id, s.period_id.date_from)
        )
        for (company, month), group in todo.items():
            ruleset = self.env["kilap.tpp.ruleset"]._version_for(company, month)
            if not ruleset:
                raise UserError(
                    self.env._(
                        "No TPP rule set is in force for %(company)s on %(date)s.",
                        company=company.name,
                        date=month,
                    )
                )
            group.ruleset_id = ruleset
        return sheets

    def write(self, vals):
        self.check_access("write")  # access errors first, then the lock
        if any(
            f not in WORKFLOW_FIELDS
            and f not in _LOCK_FREE_FIELDS
            and not f.startswith(("message_", "activity_"))
            for f in vals
        ):
            locked = self.filtered(lambda s: s.state in ("approved", "paid"))
            if locked:
                raise UserError(
                    self.env._(
                        "The TPP sheet %s is approved and locked.", locked[0].name
                    )
                )
            self._kilap_add_preparer()  # whoever edits a sheet may not approve it
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(sheet.state != "draft" for sheet in self):
            raise UserError(self.env._("Only a draft TPP sheet can be deleted."))

    def _kilap_add_preparer(self):
        """Record the acting user as one who prepared these sheets (four-eyes)."""
        if self.env.su or not self:
            return
        self._kilap_transition(
            {"preparer_ids": [fields.Command.link(self.env.uid)]}, sudo=True
        )

    def _check_period_closed(self):
        self._kilap_check_closed(self.period_id)

    @api.model
    def _kilap_check_closed(self, periods):
        for period in periods:
            if period.state != "closed":
                raise UserError(
                    self.env._(
                        "TPP sheets are made from a closed scoring period; "
                        "%s is not closed.",
                        period.name,
                    )
                )

    # ------------------------------------------------------------- workflow
    def action_compute(self):
        """(Re)generate the lines; draft only, from the closed period."""
        self._check_keuangan()
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft TPP sheet can be recomputed (%s).", sheet.name
                    )
                )
            sheet._check_period_closed()
        # every sheet of the selection in one pass: one read per source, three
        # COPYs (lines, components, cuts) and one chatter note per sheet
        self._kilap_add_preparer()
        vals_list = self._prepare_line_vals()
        self.line_ids.unlink()
        self._kilap_insert_lines(vals_list)
        counts = defaultdict(int)
        for vals in vals_list:
            counts[vals["sheet_id"]] += 1
        for ruleset, sheets in self.grouped("ruleset_id").items():
            sheets._message_log_batch(
                {
                    sheet.id: self.env._(
                        "Computed %(count)s lines with rule set %(ruleset)s.",
                        count=counts[sheet.id],
                        ruleset=ruleset.display_name,
                    )
                    for sheet in sheets
                }
            )
        return True

    def _kilap_insert_lines(self, vals_list):
        """The computed lines of these draft sheets, their components and cuts,
        written with COPY (``_kilap_bulk_insert``): at 20,000 employees,
        ``create()``'s per-row work on ~300,000 money values was most of the
        sheets' time. Every value comes from ``_prepare_line_vals``, none from
        the caller; what ``create()`` checks is checked here: the caller's right
        to create lines and details (model access before, record rules on the new
        rows after), the draft state, and the caller is a preparer (four-eyes),
        which ``action_compute`` recorded already."""
        line_model = self.env["kilap.tpp.sheet.line"]
        detail_models = {
            key: self.env[line_model._fields[key].comodel_name]
            for key in ("component_ids", "cut_ids")
        }
        line_model._check_new_lines(vals_list)  # access, draft sheets only
        for model in detail_models.values():
            model.check_access("create")
        details = {key: [] for key in detail_models}
        rows = []
        for vals in vals_list:
            row = dict(vals)
            for key, found in details.items():
                found.append([command[2] for command in row.pop(key, [])])
            rows.append(row)
        lines = line_model.sudo()._kilap_bulk_insert(rows)
        lines.with_env(self.env).check_access("create")
        for key, model in detail_models.items():
            model.sudo()._kilap_bulk_insert(
                [
                    {**detail, "line_id": line.id}
                    for line, found in zip(lines, details[key], strict=True)
                    for detail in found
                ]
            ).with_env(self.env).check_access("create")
        return lines

    @api.model
    def _kilap_generate_in_background(self, period):
        """The month's sheets as background jobs (kilap.job.batch), OPDS_PER_JOB
        OPDs per job; each job generates and computes its OPDs' missing sheets."""
        self._check_keuangan()
        period.ensure_one()
        self._kilap_check_closed(period)
        opds = sorted(self._kilap_missing_opds(period).ids)
        return self.env["kilap.job.batch"]._kilap_start(
            period,
            self.env._("TPP sheets %s", period.name),
            "_kilap_tpp_generate_chunk",
            [opds[n : n + OPDS_PER_JOB] for n in range(0, len(opds), OPDS_PER_JOB)],
            # a failed run (e.g. no rule set in force) stays on record; finance
            # fixes the cause and generates again
            replace_failed=True,
        )

    @api.model
    def _kilap_missing_opds(self, period):
        """OPDs with employees scored in ``period`` and no sheet yet."""
        lines = (
            self.env["kilap.score.line"]
            .sudo()
            .search_fetch([("period_id", "=", period.id)], ["employee_id"])
        )
        opds = lines.employee_id.department_id.kilap_opd_id
        return opds - self.sudo().search([("period_id", "=", period.id)]).department_id

    @api.model
    def _kilap_generate(self, period, opds=None):
        """Draft sheets, computed, for every OPD of ``period`` without one yet.

        An OPD gets a sheet when employees of its department tree are scored in
        the period. All of them in one pass (one create, one computation), so a
        pemda's ~40 OPDs cost the queries of one. Returns the new sheets.
        """
        self._check_keuangan()
        period.ensure_one()
        self._kilap_check_closed(period)
        missing = self._kilap_missing_opds(period)
        opds = missing if opds is None else missing & opds
        sheets = self.create(
            [
                {
                    "period_id": period.id,
                    "department_id": opd_id,
                    "company_id": period.company_id.id,
                }
                for opd_id in sorted(opds.ids)
            ]
        )
        if sheets:
            sheets.action_compute()
        return sheets

    def action_use_version_in_force(self):
        """Draft only: switch to the rule-set version in force today, and recompute.

        The only way a sheet changes version: an explicit, tracked decision.
        """
        self._check_keuangan()
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft TPP sheet can be recomputed (%s).", sheet.name
                    )
                )
            ruleset = self.env["kilap.tpp.ruleset"]._version_for(
                sheet.company_id, sheet.period_id.date_from
            )
            if ruleset and ruleset != sheet.ruleset_id:
                sheet.ruleset_id = ruleset
        return self.action_compute()

    def action_verify(self):
        self._check_keuangan()
        for sheet in self:
            if sheet.state != "draft":
                raise UserError(self.env._("Only a draft TPP sheet can be verified."))
            if not sheet.line_ids:
                raise UserError(
                    self.env._("Compute the TPP sheet before verifying it.")
                )
        self._kilap_add_preparer()
        return self._kilap_transition(
            {"state": "verified", "verified_by_id": self.env.uid},
            from_states=("draft",),
        )

    def action_approve(self):
        """Four-eyes: nobody approves a sheet they generated, edited or verified."""
        self._check_keuangan()
        if any(sheet.state != "verified" for sheet in self):
            raise UserError(self.env._("Only a verified TPP sheet can be approved."))
        if not self.env.su:
            for sheet in self:
                if (
                    sheet.company_id.kilap_tpp_four_eyes
                    and self.env.user in sheet.preparer_ids
                ):
                    raise AccessError(
                        self.env._(
                            "Four-eyes rule: you generated, edited or verified the "
                            "TPP sheet %s, so another finance user must approve it.",
                            sheet.name,
                        )
                    )
        return self._kilap_transition(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            },
            from_states=("verified",),
        )

    def action_mark_paid(self):
        if not self.env.su and not self.env.user.has_group(
            "kilap_payroll_bridge.group_kilap_bendahara"
        ):
            raise AccessError(
                self.env._("Only the treasurer (Bendahara) can mark TPP sheets paid.")
            )
        if any(sheet.state != "approved" for sheet in self):
            raise UserError(
                self.env._("Only an approved TPP sheet can be marked as paid.")
            )
        return self._kilap_transition(
            {
                "state": "paid",
                "paid_date": fields.Date.context_today(self),
                "paid_by_id": self.env.uid,
            },
            from_states=("approved",),
            sudo=True,
        )

    def action_open_reset_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reset TPP Sheet to Draft"),
            "res_model": "kilap.tpp.reset.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sheet_ids": [fields.Command.set(self.ids)]},
        }

    def action_reset_draft(self):
        """Kept for the list's bulk button: a reset always needs a reason."""
        return self.action_open_reset_wizard()

    def _kilap_reset(self, reason):
        """Back to draft with a reason, in the chatter; the approvals are cleared.

        A verified sheet: any finance user. An approved one: the finance manager
        role only. A paid sheet is never reset: corrections go to a later month.
        """
        self._check_keuangan()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for resetting the sheet."))
        for sheet in self:
            if sheet.state == "paid":
                raise UserError(
                    self.env._(
                        "The TPP sheet %s is paid: it cannot be reset. Correct the "
                        "amount in a later month.",
                        sheet.name,
                    )
                )
            if sheet.state == "draft":
                raise UserError(
                    self.env._("The TPP sheet %s is already a draft.", sheet.name)
                )
            if (
                sheet.state == "approved"
                and not self.env.su
                and not self.env.user.has_group(
                    "kilap_payroll_bridge.group_kilap_keuangan_manager"
                )
            ):
                raise AccessError(
                    self.env._(
                        "Only the finance manager can reset an approved TPP sheet."
                    )
                )
        self._kilap_transition(
            {
                "state": "draft",
                "approved_by_id": False,
                "approved_date": False,
                "verified_by_id": False,
                "reset_reason": reason,
            },
            from_states=("verified", "approved"),
            sudo=True,
        )
        self._kilap_add_preparer()
        for sheet in self:
            sheet.message_post(
                body=self.env._("Reset to draft: %s", reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_view_differences(self):
        """What a recompute would change, without changing anything."""
        self.ensure_one()
        wizard = self.env["kilap.tpp.diff"].create({"sheet_id": self.id})
        wizard._fill()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Differences"),
            "res_model": "kilap.tpp.diff",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_export(self):
        self._check_keuangan()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export TPP Sheet"),
            "res_model": "kilap.tpp.export",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sheet_id": self.id},
        }

    # ------------------------------------------------------------ computation
    def _kilap_scores(self):
        """{sheet: score lines of its OPD's employees}, one search for all sheets
        of one period.

        A sheet holds the employees whose department lies under its OPD (the
        department's ``kilap_opd_id``, the root of its tree).
        """
        period = self.period_id
        period.ensure_one()
        by_opd = {sheet.department_id.id: sheet for sheet in self}
        scores = (
            self.env["kilap.score.line"]
            .sudo()
            .search_fetch(
                [
                    ("period_id", "=", period.id),
                    ("employee_id.department_id", "child_of", list(by_opd)),
                ],
                [
                    "employee_id",
                    "kinerja_score",
                    "predikat",
                    "tk_days",
                    "sick_days",
                    "leave_days",
                    "leave_type_days",
                    *(f"{code.lower()}_count" for code in BAND_CODES),
                ],
            )
        )
        scores.employee_id.fetch(["department_id"])
        scores.employee_id.department_id.fetch(["kilap_opd_id"])
        ids = defaultdict(list)
        for score in scores:
            opd_id = score.employee_id.department_id.kilap_opd_id.id
            if opd_id in by_opd:
                ids[by_opd[opd_id]].append(score.id)
        return {sheet: scores.browse(ids[sheet]) for sheet in self}

    def _prepare_line_vals(self):
        """Line values for every employee of every sheet in ``self``, set-based.

        Per period, whatever the number of OPDs and employees: one
        ``_read_group`` on the attendance days and one search per other source.
        Sources are read with sudo (the user already passed the Keuangan check).
        """
        vals_list = []
        for _period, sheets in self.grouped("period_id").items():
            vals_list += sheets._kilap_period_line_vals()
        return vals_list

    def _kilap_period_line_vals(self):
        """``_prepare_line_vals`` of sheets that share one period."""
        env = self.env
        rules = {}
        for ruleset in self.ruleset_id:
            params = ruleset._tpp_params()
            try:
                tpp_rules.check_params(params)
            except tpp_rules.TppError as err:
                raise UserError(ruleset._tpp_error_message(err)) from err
            rules[ruleset] = (params, ruleset._tax_rates())
        date_from, date_to = self.period_id.date_from, self.period_id.date_to
        scores_by_sheet = self._kilap_scores()
        employees = (
            env["kilap.score.line"].concat(*scores_by_sheet.values()).employee_id.sudo()
        )
        employees.fetch(
            [
                "name",
                "company_id",
                "nip",
                "asn_status",
                "golongan_id",
                "jabatan_type",
                "jabatan_name",
                "kelas_jabatan",
                "tpp_tax_amount",
                "tpp_zakat",
            ]
        )
        emp_ids = employees.ids
        # computed by hr per prefetch batch: once for all the OPDs' employees
        banks = {
            employee.id: employee.primary_bank_account_id for employee in employees
        }
        banks_records = env["res.partner.bank"].sudo().concat(*banks.values())
        banks_records.fetch(["acc_number", "bank_id"])

        apel = {
            employee.id: count
            for employee, count in env["kilap.tpp.apel.absence"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", emp_ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["employee_id"],
                ["__count"],
            )
        }

        sanctions = (
            env["kilap.tpp.sanction"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", emp_ids),
                    ("date_start", "<=", date_to),
                    ("date_end", ">=", date_from),
                ],
                ["employee_id", "cut_pct"],
            )
        )
        sanction_pct = defaultdict(float)
        for sanction in sanctions:
            sanction_pct[sanction.employee_id.id] += sanction.cut_pct
        additions = (
            env["kilap.tpp.addition"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", emp_ids),
                    ("date_from", "<=", date_to),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", date_from),
                ],
                ["employee_id", "base_id", "pct", "date_from", "date_to"],
            )
        )
        additions_by_emp = defaultdict(list)
        for addition in additions:
            additions_by_emp[addition.employee_id.id].append(addition)
        sources = {
            "apel": apel,
            "sanction_pct": sanction_pct,
            "additions": additions_by_emp,
            "bases": env["kilap.tpp.base"].sudo()._match_employees(employees),
            "banks": banks,
        }
        vals_list = []
        for sheet in self:
            params, tax_rates = rules[sheet.ruleset_id]
            vals_list.extend(
                sheet._kilap_line_vals(score, sources, params, tax_rates)
                for score in scores_by_sheet[sheet]
            )
        return vals_list

    @api.model
    def _kilap_leave_days(self, score):
        """Leave days of a score line as the TPP leave rules read them (sick, other
        leave, leave per type): payroll never counts the daily results again, the
        score line holds kilap_attendance_geo's tally."""
        return {
            "sick": score.sick_days,
            "leave": score.leave_days - score.sick_days,
            **{f"leave:{key}": n for key, n in (score.leave_type_days or {}).items()},
        }

    def _kilap_line_vals(self, score, sources, params, tax_rates):
        """The values of one line of this sheet, from the gathered sources only."""
        env = self.env
        ruleset = self.ruleset_id
        date_from, date_to = self.period_id.date_from, self.period_id.date_to
        d = tpp_rules.D
        rounding = params.rounding
        employee = score.employee_id.sudo()
        leave_days = self._kilap_leave_days(score)
        base = sources["bases"].get(employee.id) or env["kilap.tpp.base"]
        component_amounts = defaultdict(lambda: tpp_rules.ZERO)
        for line in base.line_ids:
            component_amounts[line.component_id] += d(line.amount)
        addition_amount = tpp_rules.ZERO
        for addition in sources["additions"][employee.id]:
            share = (
                d(addition.pct)
                / 100
                * tpp_rules.overlap_fraction(
                    addition.date_from, addition.date_to, date_from, date_to
                )
            )
            for line in addition.base_id.line_ids:
                part = d(line.amount) * share
                component_amounts[line.component_id] += part
                addition_amount += part
        base_total = sum(component_amounts.values(), tpp_rules.ZERO)
        band_counts = {code: score[f"{code.lower()}_count"] for code in BAND_CODES}
        data = tpp_rules.TppInput(
            base=base_total,
            asn_status=employee.asn_status or "pns",
            score=d(score.kinerja_score),
            predikat=score.predikat or "",
            band_counts=band_counts,
            tk_days=score.tk_days,
            apel_missed=sources["apel"].get(employee.id, 0),
            leave_days=leave_days,
            sanction_pct=d(min(sources["sanction_pct"][employee.id], 100.0)),
            tax_rate_pct=d(tax_rates.get(employee.golongan_id.id, 0.0)),
            tax_amount=d(employee.tpp_tax_amount),
            zakat=employee.tpp_zakat,
        )
        try:
            res = tpp_rules.compute_tpp(params, data)
        except tpp_rules.TppError as err:
            raise UserError(
                self.env._(
                    "%(employee)s: %(error)s",
                    employee=employee.name,
                    error=ruleset._tpp_error_message(err),
                )
            ) from err
        paid = tpp_rules.allocate(
            res["tpp"],
            {comp.id: amount for comp, amount in component_amounts.items()},
            rounding,
        )
        component_cmds = [
            fields.Command.create(
                {
                    "component_id": comp.id,
                    "account_code": comp.account_code,
                    "base_amount": float(tpp_rules.round_money(amount, rounding)),
                    "paid_amount": float(paid[comp.id]),
                }
            )
            for comp, amount in sorted(
                component_amounts.items(), key=lambda i: (i[0].sequence, i[0].id)
            )
        ]
        cut_cmds = [
            fields.Command.create(
                {
                    "code": code,
                    "count": n,
                    "pct": float(pct),
                    "cut_pct": float(total),
                }
            )
            for code, (n, pct, total) in res["cuts"].items()
        ]
        bank = sources["banks"][employee.id]
        vals = {
            "sheet_id": self.id,
            "employee_id": employee.id,
            "nip": employee.nip,
            "asn_status": employee.asn_status or "pns",
            "golongan_id": employee.golongan_id.id,
            "jabatan_name": employee.jabatan_name,
            "kelas_jabatan": employee.kelas_jabatan,
            "bank_account": bank.acc_number or "",
            "bank_name": bank.bank_id.name or "",
            "ruleset_id": ruleset.id,
            "base_id": base.id,
            "note": "" if base else self.env._("No TPP base matches this position."),
            "addition_amount": float(tpp_rules.round_money(addition_amount)),
            "score": score.kinerja_score,
            "predikat": score.predikat,
            "tk_days": score.tk_days,
            "apel_missed": data.apel_missed,
            "sick_days": leave_days["sick"],
            "leave_days": leave_days["leave"],
            "tax_rate_pct": float(data.tax_rate_pct),
            "component_ids": component_cmds,
            "cut_ids": cut_cmds,
            **{
                key: float(res[key])
                for key in (
                    "base",
                    "status_factor",
                    "tpp_gross",
                    "leave_factor",
                    "tpp_eligible",
                    "performance_ratio",
                    "kinerja_max",
                    "disiplin_max",
                    "kinerja_part",
                    "cuts_pct_raw",
                    "cuts_pct",
                    "disiplin_part",
                    "discipline_cut",
                    "sanction_pct",
                    "sanction_cut",
                    "tpp",
                    "pph21",
                    "bpjs_base",
                    "bpjs_employee",
                    "bpjs_employer",
                    "zakat",
                    "deductions",
                    "net",
                )
            },
        }
        vals["base_amount"] = vals.pop("base")
        return vals
