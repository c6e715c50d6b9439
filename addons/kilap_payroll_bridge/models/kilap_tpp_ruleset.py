from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import tpp as tpp_rules

# fields mail.thread and the lock itself may write on a locked rule set
_LOCK_FREE_FIELDS = {"active", "message_main_attachment_id"}


class KilapTppRuleset(models.Model):
    """A version of the pemda's TPP rules (Perbup/Perwali), effective from a date.

    The version in force for a month is the latest ``date_from`` on or before the
    first day of the month. A version used by a sheet is locked; changes go into a
    new version (``action_new_version``), so old sheets keep their figures.
    """

    _name = "kilap.tpp.ruleset"
    _description = "TPP Rule Set"
    _inherit = ["mail.thread"]
    _order = "company_id, date_from desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Effective From", required=True, tracking=True)
    weight_kinerja = fields.Float(default=60.0, tracking=True)
    weight_disiplin = fields.Float(default=40.0, tracking=True)
    cpns_factor = fields.Float(string="CPNS Factor (%)", default=80.0, tracking=True)
    pppk_pw_included = fields.Boolean(
        string="Part-time PPPK Receive TPP",
        tracking=True,
        help="PPPK paruh waktu (since 2025): whether this Perkada pays them TPP.",
    )
    pppk_pw_factor = fields.Float(
        string="Part-time PPPK Factor (%)",
        default=100.0,
        tracking=True,
        help="Share of the TPP base a part-time PPPK receives, when included.",
    )

    active = fields.Boolean(default=True)
    regulation = fields.Char(help="Perbup/Perwali this version implements.")
    perf_mode = fields.Selection(
        [
            ("score", "Continuous score (score / 100, capped)"),
            ("predikat", "Predikat table"),
        ],
        string="Performance Ratio",
        default="score",
        required=True,
        tracking=True,
    )
    perf_cap = fields.Float(
        string="Score Cap (%)",
        default=100.0,
        tracking=True,
        help="Highest performance ratio paid in score mode.",
    )
    cut_base = fields.Selection(
        [
            ("disiplin", "Discipline part (pattern A)"),
            ("whole", "Whole TPP (pattern B)"),
        ],
        string="Cuts Apply To",
        default="disiplin",
        required=True,
        tracking=True,
    )
    cut_cap = fields.Float(string="Cap of Total Cuts (%)", default=100.0, tracking=True)
    tk_pct = fields.Float(string="TK Cut per Day (%)", default=3.0, tracking=True)
    apel_pct = fields.Float(string="Missed Apel Cut (%)", default=2.0, tracking=True)
    tax_mode = fields.Selection(
        [
            ("none", "No PPh 21 withheld"),
            ("golongan", "Rate by golongan"),
            ("employee", "Amount per employee"),
        ],
        string="PPh 21 Mode",
        default="golongan",
        required=True,
        tracking=True,
    )
    bpjs_employee_pct = fields.Float(
        string="BPJS Kesehatan Employee (%)", default=1.0, tracking=True
    )
    bpjs_employer_pct = fields.Float(
        string="BPJS Kesehatan Employer (%)", default=4.0, tracking=True
    )
    bpjs_ceiling = fields.Float(
        string="BPJS Ceiling",
        default=12000000.0,
        tracking=True,
        help="TPP above this amount pays no further BPJS Kesehatan.",
    )
    zakat_pct = fields.Float(string="Zakat (%)", default=2.5, tracking=True)
    rounding = fields.Float(
        default=1.0, tracking=True, help="Amounts are rounded half up to this unit."
    )
    band_line_ids = fields.One2many(
        "kilap.tpp.ruleset.band", "ruleset_id", string="Band Cuts", copy=True
    )
    predikat_line_ids = fields.One2many(
        "kilap.tpp.ruleset.predikat", "ruleset_id", string="Predikat Ratios", copy=True
    )
    leave_line_ids = fields.One2many(
        "kilap.tpp.ruleset.leave", "ruleset_id", string="Leave Effects", copy=True
    )
    tax_line_ids = fields.One2many(
        "kilap.tpp.ruleset.tax", "ruleset_id", string="PPh 21 Rates", copy=True
    )
    sanction_type_ids = fields.One2many(
        "kilap.tpp.sanction.type", "ruleset_id", string="Sanction Types", copy=True
    )
    sheet_ids = fields.One2many("kilap.tpp.sheet", "ruleset_id", string="Sheets")
    is_locked = fields.Boolean(
        compute="_compute_is_locked", help="Used by a TPP sheet: make a new version."
    )

    _company_date_unique = models.Constraint(
        "UNIQUE(company_id, date_from)",
        "There is already a TPP rule set version starting on this date.",
    )

    @api.depends("sheet_ids")
    def _compute_is_locked(self):
        used = self._locked_ids()
        for ruleset in self:
            ruleset.is_locked = ruleset.id in used

    def _locked_ids(self):
        if not self.ids:
            return set()
        groups = (
            self.env["kilap.tpp.sheet"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("ruleset_id", "in", self.ids)], ["ruleset_id"])
        )
        return {ruleset.id for (ruleset,) in groups}

    def _check_not_locked(self):
        locked = self.browse(self._locked_ids())
        if locked:
            raise UserError(
                self.env._(
                    "The TPP rule set %(name)s is used by a TPP sheet and cannot be "
                    "changed. Use 'New Version' to make a new version.",
                    name=", ".join(locked.mapped("name")),
                )
            )

    def write(self, vals):
        self.check_access("write")  # access errors first, then the lock
        if any(
            f not in _LOCK_FREE_FIELDS and not f.startswith("message_") for f in vals
        ):
            self._check_not_locked()
        return super().write(vals)

    def unlink(self):
        self._check_not_locked()
        return super().unlink()

    @api.constrains(
        "weight_kinerja",
        "weight_disiplin",
        "cpns_factor",
        "pppk_pw_factor",
        "perf_cap",
        "cut_cap",
        "tk_pct",
        "apel_pct",
        "bpjs_employee_pct",
        "bpjs_employer_pct",
        "bpjs_ceiling",
        "zakat_pct",
        "rounding",
        "perf_mode",
        "cut_base",
        "tax_mode",
    )
    def _check_values(self):
        for ruleset in self:
            try:
                tpp_rules.check_params(ruleset._tpp_params(check_lines=False))
            except tpp_rules.TppError as err:
                raise ValidationError(self._tpp_error_message(err)) from err
            if ruleset.rounding <= 0:
                raise ValidationError(self.env._("The rounding unit must be positive."))

    @api.model
    def _tpp_error_message(self, err):
        messages = {
            "weights": self.env._(
                "The kinerja and disiplin weights must add up to 100."
            ),
            "negative": self.env._("Percentages and amounts cannot be negative."),
            "over_100": self.env._(
                "The cut cap, the CPNS factor and the part-time PPPK factor cannot "
                "exceed 100 %."
            ),
            "negative_base": self.env._("The TPP base cannot be negative."),
            "negative_count": self.env._("Counts cannot be negative."),
            "rounding": self.env._("The rounding unit must be positive."),
        }
        return messages.get(err.code, self.env._("Invalid TPP rule set: %s", err))

    def _tpp_params(self, check_lines=True):
        """The rule set as ``rules.tpp.TppParams``."""
        self.ensure_one()
        d = tpp_rules.D
        leave_effects = {}
        for line in self.leave_line_ids:
            leave_effects.setdefault(line._leave_key(), []).append(
                (line.day_from, line.day_to or None, d(line.paid_pct))
            )
        return tpp_rules.TppParams(
            weight_kinerja=d(self.weight_kinerja),
            weight_disiplin=d(self.weight_disiplin),
            perf_mode=self.perf_mode,
            perf_cap=d(self.perf_cap),
            predikat_pct={p.predikat: d(p.pct) for p in self.predikat_line_ids},
            band_pct={b.band_code: d(b.pct) for b in self.band_line_ids},
            tk_pct=d(self.tk_pct),
            apel_pct=d(self.apel_pct),
            cut_base=self.cut_base,
            cut_cap=d(self.cut_cap),
            cpns_factor=d(self.cpns_factor),
            pppk_pw_included=self.pppk_pw_included,
            pppk_pw_factor=d(self.pppk_pw_factor),
            leave_effects=leave_effects,
            tax_mode=self.tax_mode,
            bpjs_employee_pct=d(self.bpjs_employee_pct),
            bpjs_employer_pct=d(self.bpjs_employer_pct),
            bpjs_ceiling=d(self.bpjs_ceiling),
            zakat_pct=d(self.zakat_pct),
            rounding=d(self.rounding),
        )

    def _tax_rates(self):
        """{golongan id: rate %} from the PPh 21 lines."""
        self.ensure_one()
        rates = {}
        for line in self.tax_line_ids:
            for golongan in line.golongan_ids:
                rates[golongan.id] = line.rate_pct
        return rates

    @api.model
    def _version_for(self, company, month_start):
        """The version in force on ``month_start``: latest date_from on or before it."""
        return self.search(
            [("company_id", "=", company.id), ("date_from", "<=", month_start)],
            order="date_from desc",
            limit=1,
        )

    def action_new_version(self):
        """Copy this version into a new, unlocked one starting next month."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        start = date(today.year, today.month, 1) + relativedelta(months=1)
        latest = self.search(
            [("company_id", "=", self.company_id.id)], order="date_from desc", limit=1
        )
        if latest and latest.date_from >= start:
            start = latest.date_from + relativedelta(months=1, day=1)
        new = self.copy(
            {"name": self.env._("%s (new version)", self.name), "date_from": start}
        )
        self.message_post(body=self.env._("New version %s created.", new.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }
