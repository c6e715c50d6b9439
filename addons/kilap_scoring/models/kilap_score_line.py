from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.kilap_attendance_geo.rules.bands import BAND_CODES, LEAVE_STATUSES

RATING_SELECTION = [
    ("below", "Below expectation"),
    ("meets", "Meets expectation"),
    ("above", "Above expectation"),
]
PREDIKAT_SELECTION = [
    ("sangat_baik", "Sangat Baik"),
    ("baik", "Baik"),
    ("butuh_perbaikan", "Butuh Perbaikan"),
    ("kurang", "Kurang"),
    ("sangat_kurang", "Sangat Kurang"),
]
BERAKHLAK_FIELDS = (
    "value_pelayanan",
    "value_akuntabel",
    "value_kompeten",
    "value_harmonis",
    "value_loyal",
    "value_adaptif",
    "value_kolaboratif",
)
MAIL_FIELDS = frozenset(("message_main_attachment_id",))
# what a pejabat penilai may write on a subordinate's line
RATING_FIELDS = frozenset(
    ("rating_perilaku", "rating_hasil_override", "feedback", *BERAKHLAK_FIELDS)
)


class KilapScoreLine(models.Model):
    """One employee's score for one period, with the counts it was built from.

    kilap_payroll_bridge reads: kinerja_score, disiplin_score, total_score,
    predikat, tk_days, leave_days, tl1_count..tl4_count, psw1_count..psw4_count.
    """

    _name = "kilap.score.line"
    _description = "Employee Monthly Score"
    _inherit = ["mail.thread", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("period_id",))
    _order = "period_id desc, total_score desc"
    _rec_name = "employee_id"

    period_id = fields.Many2one(
        "kilap.score.period", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    # precomputed: the period computes thousands of lines in one INSERT
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one("hr.department", index=True)
    kinerja_score = fields.Float(digits=(6, 2), aggregator="avg")
    disiplin_score = fields.Float(digits=(6, 2), aggregator="avg")
    total_score = fields.Float(digits=(6, 2), aggregator="avg", string="Index")
    rating_hasil = fields.Selection(
        RATING_SELECTION,
        string="Work Result Rating",
        compute="_compute_rating_hasil",
        store=True,
        precompute=True,
        tracking=True,
        help="The penilai's rating when set, otherwise the rating from the kinerja "
        "score "
        "(or the unit's result for a unit head).",
    )
    rating_perilaku = fields.Selection(
        RATING_SELECTION, string="Behaviour Rating", tracking=True
    )
    predikat = fields.Selection(
        PREDIKAT_SELECTION,
        compute="_compute_predikat",
        store=True,
        precompute=True,
        index=True,
        tracking=True,
    )

    # context
    period_state = fields.Selection(related="period_id.state", string="Period State")
    date_from = fields.Date(
        related="period_id.date_from", store=True, precompute=True, string="Month"
    )
    year = fields.Integer(related="period_id.year", store=True, precompute=True)
    quarter = fields.Selection(related="period_id.quarter", store=True, precompute=True)
    opd_id = fields.Many2one("hr.department", string="OPD", index=True)
    job_family_id = fields.Many2one("kilap.job.family")
    scoring_method = fields.Selection(
        [("journal", "Journal output vs RHK targets"), ("points", "Activity points")],
        string="Kinerja Method",
    )
    penilai_id = fields.Many2one("hr.employee", string="Appraiser (Pejabat Penilai)")
    user_id = fields.Many2one(related="employee_id.user_id", string="Employee User")
    is_unit_head = fields.Boolean(string="Unit Head")

    # kinerja inputs
    rhk_count = fields.Integer(string="RHK with Target")
    target_total = fields.Float(digits=(12, 2))
    realised_total = fields.Float(string="Realisation Total", digits=(12, 2))
    points_total = fields.Float(string="Points", digits=(12, 2))
    expected_points = fields.Float(digits=(12, 2))

    # disiplin inputs (counts of the month)
    working_days = fields.Integer()
    present_days = fields.Integer()
    tk_days = fields.Integer(string="TK Days", help="Days absent without valid reason.")
    leave_days = fields.Integer(help="Leave and sick-leave days.")
    sick_days = fields.Integer(help="Sick-leave days (within the leave days).")
    leave_type_days = fields.Json(
        help="Leave days (sick leave apart) per leave type id, for the TPP leave rules."
    )
    field_duty_days = fields.Integer()
    tl1_count = fields.Integer(string="TL1")
    tl2_count = fields.Integer(string="TL2")
    tl3_count = fields.Integer(string="TL3")
    tl4_count = fields.Integer(string="TL4")
    psw1_count = fields.Integer(string="PSW1")
    psw2_count = fields.Integer(string="PSW2")
    psw3_count = fields.Integer(string="PSW3")
    psw4_count = fields.Integer(string="PSW4")
    total_cut = fields.Float(string="Disiplin Cut", digits=(6, 2))

    # ratings
    rating_hasil_auto = fields.Selection(
        RATING_SELECTION, string="Work Result Rating (computed)", readonly=True
    )
    rating_hasil_override = fields.Selection(
        RATING_SELECTION,
        string="Work Result Rating (penilai)",
        tracking=True,
        help="Set by the pejabat penilai to replace the computed rating.",
    )
    value_pelayanan = fields.Selection(
        RATING_SELECTION, string="Berorientasi Pelayanan"
    )
    value_akuntabel = fields.Selection(RATING_SELECTION, string="Akuntabel")
    value_kompeten = fields.Selection(RATING_SELECTION, string="Kompeten")
    value_harmonis = fields.Selection(RATING_SELECTION, string="Harmonis")
    value_loyal = fields.Selection(RATING_SELECTION, string="Loyal")
    value_adaptif = fields.Selection(RATING_SELECTION, string="Adaptif")
    value_kolaboratif = fields.Selection(RATING_SELECTION, string="Kolaboratif")
    feedback = fields.Text(help="Feedback (umpan balik) of the pejabat penilai.")
    rated_by_id = fields.Many2one("res.users", string="Rated by", readonly=True)
    rated_on = fields.Datetime(readonly=True)

    rank = fields.Integer(string="Rank in OPD", readonly=True)
    rank_total = fields.Integer(string="Employees in OPD", readonly=True)
    journal_count = fields.Integer(compute="_compute_input_counts")
    attendance_count = fields.Integer(compute="_compute_input_counts")

    _period_employee_unique = models.Constraint(
        "UNIQUE(period_id, employee_id)", "One score per employee and period."
    )

    @api.depends("rating_hasil_auto", "rating_hasil_override")
    def _compute_rating_hasil(self):
        for line in self:
            line.rating_hasil = line.rating_hasil_override or line.rating_hasil_auto

    @api.depends("rating_hasil", "rating_perilaku", "company_id")
    def _compute_predikat(self):
        matrices = {}
        for line in self:
            if not (line.rating_hasil and line.rating_perilaku):
                line.predikat = False
                continue
            company = line.company_id
            if company.id not in matrices:
                matrices[company.id] = self.env["kilap.predikat.matrix"]._kilap_matrix(
                    company
                )
            line.predikat = matrices[company.id].get(
                (line.rating_hasil, line.rating_perilaku), False
            )

    def _kilap_journal_domain(self):
        self.ensure_one()
        return [
            ("employee_id", "=", self.employee_id.id),
            ("date", ">=", self.period_id.date_from),
            ("date", "<=", self.period_id.date_to),
            ("state", "=", "approved"),
        ]

    def _kilap_attendance_domain(self):
        self.ensure_one()
        return [
            ("employee_id", "=", self.employee_id.id),
            ("date", ">=", self.period_id.date_from),
            ("date", "<=", self.period_id.date_to),
        ]

    def _compute_input_counts(self):
        journal = self.env["kilap.journal.entry"]
        days = self.env["kilap.attendance.day"]
        for line in self:
            line.journal_count = journal.search_count(line._kilap_journal_domain())
            line.attendance_count = days.search_count(line._kilap_attendance_domain())

    # ----------------------------------------------------------------- writes
    @api.model
    def _kilap_tally_values(self, tally):
        """The line's attendance figures from kilap_attendance_geo's monthly
        tally (``kilap.attendance.day._kilap_tally``): what payroll reads."""
        return {
            "working_days": tally.get("days", 0) - tally.get("holiday", 0),
            "present_days": tally.get("present", 0),
            "tk_days": tally.get("absent", 0),
            "leave_days": sum(tally.get(s, 0) for s in LEAVE_STATUSES),
            "sick_days": tally.get("sick", 0),
            "leave_type_days": {
                key[6:]: n
                for key, n in sorted(tally.items())
                if key.startswith("leave:")
            },
            "field_duty_days": tally.get("field_duty", 0),
            **{f"{code.lower()}_count": tally.get(code, 0) for code in BAND_CODES},
        }

    def _kilap_frozen_ranges(self):
        """A closed period freezes its scores (the frozen-month list)."""
        return {
            self._kilap_range(
                ln.period_id.company_id, ln.period_id.date_from, ln.period_id.date_to
            )
            for ln in self
        }

    def _kilap_check_penilai(self):
        """Only the pejabat penilai of the employee (or BKPSDM) may rate."""
        if self.env.su or self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
            return
        me = self.env.user._kilap_employee()
        foreign = self.sudo().filtered(
            lambda ln: not me or ln.employee_id.penilai_id != me or ln.employee_id == me
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "You are not the pejabat penilai of %s: "
                    "you cannot rate this employee.",
                    foreign[0].employee_id.name,
                )
            )

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(
            "kilap_activity.group_kilap_bkpsdm"
        ):
            if set(vals) - RATING_FIELDS - MAIL_FIELDS:
                raise AccessError(
                    self.env._(
                        "Only the ratings and the feedback of a score can be changed."
                    )
                )
        if set(vals) & RATING_FIELDS:
            self._kilap_check_penilai()
            vals = {
                **vals,
                "rated_by_id": self.env.uid,
                "rated_on": fields.Datetime.now(),
            }
        return super().write(vals)

    # ---------------------------------------------------------------- reports
    def _get_report_base_filename(self):
        self.ensure_one()
        return f"Score {self.period_id.name} {self.employee_id.name}"

    def _kilap_label(self, field_name):
        """Translated label of a selection value (for the py3o form)."""
        self.ensure_one()
        selection = dict(self._fields[field_name]._description_selection(self.env))
        return selection.get(self[field_name], "") or ""

    def _kilap_evaluation_rows(self):
        """RHK rows of the evaluation form: indicators, month target, realisation."""
        self.ensure_one()
        period = self.period_id
        rhks = (
            self.env["kilap.skp.rhk"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("skp_id.year", "=", period.year),
                ]
            )
        )
        realised = dict(
            self.env["kilap.journal.entry"]
            .sudo()
            ._read_group(
                [*self._kilap_journal_domain(), ("rhk_id", "in", rhks.ids)],
                ["rhk_id"],
                ["output_qty:sum"],
            )
        )
        rows = []
        for number, rhk in enumerate(rhks, start=1):
            actions = rhk.action_ids.filtered(lambda a: a.month == period.month)
            unit = actions[:1].unit or rhk.indicator_ids[:1].unit or ""
            rows.append(
                {
                    "number": number,
                    "name": rhk.name,
                    "indicators": "; ".join(rhk.indicator_ids.mapped("name")),
                    "target": f"{sum(actions.mapped('target_qty')):g} {unit}".strip(),
                    "realisation": f"{realised.get(rhk, 0.0):g} {unit}".strip(),
                    "feedback": "",
                }
            )
        return rows

    # ---------------------------------------------------------------- actions
    def action_view_journal_entries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approved Journal Entries"),
            "res_model": "kilap.journal.entry",
            "view_mode": "list,form",
            "domain": self._kilap_journal_domain(),
            "context": {"create": False},
        }

    def action_view_attendance_days(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attendance Results"),
            "res_model": "kilap.attendance.day",
            "view_mode": "list,form",
            "domain": self._kilap_attendance_domain(),
            "context": {"create": False},
        }
