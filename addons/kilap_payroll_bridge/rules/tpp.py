"""The monthly TPP formula, free of the ORM (stdlib only, ``Decimal`` throughout).

Every figure an auditor may ask about is returned, so a sheet line stores the whole
computation and a past month can be recomputed to the rupiah.

Order of the computation (percentages are given as numbers of percent, e.g. ``60``)::

    base            = sum of the components (+ acting-post additions), rounded
    tpp_gross       = base x status factor (CPNS 80 %)
    leave_factor    = lowest paid percentage among the leave effects of the month
    tpp_eligible    = tpp_gross x leave_factor
    cuts_pct        = sum(band count x band %) + TK days x TK % + apel x apel %,
                      capped at ``cut_cap``
    kinerja_part    = tpp_eligible x w_kinerja x performance ratio
    pattern A (cut_base "disiplin"):
        disiplin_part = tpp_eligible x w_disiplin x max(0, 1 - cuts_pct)
        discipline_cut = 0
    pattern B (cut_base "whole"):
        disiplin_part = tpp_eligible x w_disiplin
        discipline_cut = tpp_eligible x cuts_pct
    sanction_cut    = (kinerja_part + disiplin_part - discipline_cut) x sanction %
    tpp             = max(0, kinerja_part + disiplin_part - discipline_cut
                             - sanction_cut)
    deductions, in this order, each limited to what is left: PPh 21, BPJS employee,
    zakat; the BPJS employer share is reported, not deducted.
    net             = tpp - PPh 21 - BPJS - zakat  (never below 0)

Leave effects (e.g. sick 1-2 days 100 %, 3-14 days 75 %, 15-30 days 50 %): the tier is
chosen by the number of *working days* of that leave kind inside the month; the
paid percentage of the tier applies to the whole TPP of the month. A sick leave
running across two months counts in each month only the days that fall in it
(28 Jan - 5 Feb with 4 working days in January and 3 in February is "3-14 days" in
both). When several leave
kinds have an effect, the lowest percentage applies (they do not multiply). More days
than the last tier pays the last tier's percentage.

Each money figure is rounded to ``rounding`` (default 1 rupiah, half up) when it is
computed, and later figures are computed from the rounded ones, so the printed figures
always add up.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)

CUT_BASE_DISIPLIN = "disiplin"
CUT_BASE_WHOLE = "whole"
PERF_SCORE = "score"
PERF_PREDIKAT = "predikat"
TAX_NONE = "none"
TAX_GOLONGAN = "golongan"
TAX_EMPLOYEE = "employee"


class TppError(ValueError):
    """Bad parameters or inputs; ``code`` lets the ORM layer translate the message."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def D(value):
    """Decimal from int/float/str/Decimal; floats go through ``str`` to avoid noise."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_money(amount, rounding=1):
    """Round ``amount`` half-up to a multiple of ``rounding`` (1 = whole rupiah)."""
    unit = D(rounding)
    if unit <= 0:
        raise TppError("rounding", "The rounding unit must be positive.")
    return (D(amount) / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit


@dataclass(frozen=True)
class TppParams:
    """The rule-set version in force for the month."""

    weight_kinerja: Decimal = Decimal(60)
    weight_disiplin: Decimal = Decimal(40)
    perf_mode: str = PERF_SCORE
    perf_cap: Decimal = HUNDRED
    predikat_pct: dict = field(default_factory=dict)
    band_pct: dict = field(default_factory=dict)
    tk_pct: Decimal = Decimal(3)
    apel_pct: Decimal = ZERO
    cut_base: str = CUT_BASE_DISIPLIN
    cut_cap: Decimal = HUNDRED
    cpns_factor: Decimal = Decimal(80)
    # PPPK paruh waktu (part-time): each Perkada says whether and how much
    pppk_pw_included: bool = False
    pppk_pw_factor: Decimal = Decimal(100)
    # {leave key: [(day_from, day_to or None, paid %), ...]}
    leave_effects: dict = field(default_factory=dict)
    tax_mode: str = TAX_NONE
    bpjs_employee_pct: Decimal = Decimal(1)
    bpjs_employer_pct: Decimal = Decimal(4)
    bpjs_ceiling: Decimal = Decimal(12000000)
    zakat_pct: Decimal = Decimal("2.5")
    rounding: Decimal = Decimal(1)


@dataclass(frozen=True)
class TppInput:
    """One employee's month: base, status, score and counts."""

    base: Decimal
    asn_status: str = "pns"
    score: Decimal = ZERO
    predikat: str = ""
    band_counts: dict = field(default_factory=dict)
    tk_days: int = 0
    apel_missed: int = 0
    leave_days: dict = field(default_factory=dict)
    sanction_pct: Decimal = ZERO
    tax_rate_pct: Decimal = ZERO
    tax_amount: Decimal = ZERO
    zakat: bool = False


def status_factor_of(params, asn_status):
    """Share of the base paid for an ASN status: CPNS at the CPNS factor, a
    part-time PPPK at its factor or not at all, everyone else in full."""
    if asn_status == "cpns":
        return D(params.cpns_factor) / HUNDRED
    if asn_status == "pppk_pw":
        return D(params.pppk_pw_factor) / HUNDRED if params.pppk_pw_included else ZERO
    return D(1)


def check_params(params):
    """Raise TppError when the rule set cannot give a meaningful amount."""
    wk, wd = D(params.weight_kinerja), D(params.weight_disiplin)
    if wk < 0 or wd < 0 or wk + wd != HUNDRED:
        raise TppError(
            "weights", "The kinerja and disiplin weights must add up to 100."
        )
    if params.cut_base not in (CUT_BASE_DISIPLIN, CUT_BASE_WHOLE):
        raise TppError("cut_base", "Unknown cut base.")
    if params.perf_mode not in (PERF_SCORE, PERF_PREDIKAT):
        raise TppError("perf_mode", "Unknown performance mode.")
    if params.tax_mode not in (TAX_NONE, TAX_GOLONGAN, TAX_EMPLOYEE):
        raise TppError("tax_mode", "Unknown tax mode.")
    percents = [
        params.perf_cap,
        params.tk_pct,
        params.apel_pct,
        params.cut_cap,
        params.cpns_factor,
        params.pppk_pw_factor,
        params.bpjs_employee_pct,
        params.bpjs_employer_pct,
        params.zakat_pct,
        *params.band_pct.values(),
        *params.predikat_pct.values(),
    ]
    if any(D(p) < 0 for p in percents) or D(params.bpjs_ceiling) < 0:
        raise TppError("negative", "Percentages and amounts cannot be negative.")
    capped = (params.cut_cap, params.cpns_factor, params.pppk_pw_factor)
    if max(D(p) for p in capped) > HUNDRED:
        raise TppError(
            "over_100",
            "The cut cap, the CPNS factor and the part-time PPPK factor cannot "
            "exceed 100 %.",
        )


def performance_ratio(params, score=ZERO, predikat=""):
    """Share of the kinerja part earned: score/100 capped, or the predikat's %."""
    if params.perf_mode == PERF_PREDIKAT:
        pct = D(params.predikat_pct.get(predikat or "", ZERO))
    else:
        pct = min(max(D(score), ZERO), D(params.perf_cap))
    return pct / HUNDRED


def leave_factor(effects, leave_days):
    """Paid fraction of the month from leave (see the module docstring)."""
    factor = HUNDRED
    for key, days in leave_days.items():
        tiers = effects.get(key)
        if not tiers or days <= 0:
            continue
        ordered = sorted(tiers, key=lambda t: t[0])
        pct = None
        for day_from, day_to, paid in ordered:
            if days >= day_from and (not day_to or days <= day_to):
                pct = D(paid)
                break
        if pct is None and days > ordered[-1][0]:
            pct = D(ordered[-1][2])  # beyond the last tier: the last tier pays
        if pct is not None:
            factor = min(factor, pct)
    return factor / HUNDRED


def discipline_cuts(params, band_counts, tk_days, apel_missed):
    """Each cut in percent, the raw total and the capped total."""
    detail = {}
    for code, count in sorted(band_counts.items()):
        if count:
            pct = D(params.band_pct.get(code, ZERO))
            detail[code] = (int(count), pct, pct * int(count))
    if tk_days:
        pct = D(params.tk_pct)
        detail["TK"] = (int(tk_days), pct, pct * int(tk_days))
    if apel_missed:
        pct = D(params.apel_pct)
        detail["APEL"] = (int(apel_missed), pct, pct * int(apel_missed))
    total = sum((d[2] for d in detail.values()), ZERO)
    return detail, total, min(total, D(params.cut_cap))


def compute_tpp(params, data):
    """Compute one employee's TPP; returns a dict with every intermediate figure."""
    check_params(params)
    if D(data.base) < 0:
        raise TppError("negative_base", "The TPP base cannot be negative.")
    if min([data.tk_days, data.apel_missed, *data.band_counts.values()] or [0]) < 0:
        raise TppError("negative_count", "Counts cannot be negative.")
    r = params.rounding

    def money(x):
        return round_money(x, r)

    base = money(data.base)
    status_factor = D(status_factor_of(params, data.asn_status))
    tpp_gross = money(base * status_factor)
    lf = leave_factor(params.leave_effects, data.leave_days)
    tpp_eligible = money(tpp_gross * lf)

    wk = D(params.weight_kinerja) / HUNDRED
    ratio = performance_ratio(params, data.score, data.predikat)
    kinerja_max = money(tpp_eligible * wk)
    disiplin_max = tpp_eligible - kinerja_max  # the two shares add up exactly
    kinerja_part = money(kinerja_max * ratio)

    cuts, cuts_raw, cuts_pct = discipline_cuts(
        params, data.band_counts, data.tk_days, data.apel_missed
    )
    cut_fraction = cuts_pct / HUNDRED
    if params.cut_base == CUT_BASE_DISIPLIN:
        disiplin_part = money(disiplin_max * max(ZERO, 1 - cut_fraction))
        discipline_cut = ZERO
    else:
        disiplin_part = disiplin_max
        discipline_cut = money(tpp_eligible * cut_fraction)
    before_sanction = max(ZERO, kinerja_part + disiplin_part - discipline_cut)
    sanction_pct = min(max(D(data.sanction_pct), ZERO), HUNDRED)
    sanction_cut = money(before_sanction * sanction_pct / HUNDRED)
    tpp = max(ZERO, before_sanction - sanction_cut)

    remaining = tpp
    if params.tax_mode == TAX_GOLONGAN:
        pph21 = money(tpp * D(data.tax_rate_pct) / HUNDRED)
    elif params.tax_mode == TAX_EMPLOYEE:
        pph21 = money(max(D(data.tax_amount), ZERO))
    else:
        pph21 = ZERO
    pph21 = min(pph21, remaining)
    remaining -= pph21
    bpjs_base = min(tpp, D(params.bpjs_ceiling))
    bpjs_employee = min(
        money(bpjs_base * D(params.bpjs_employee_pct) / HUNDRED), remaining
    )
    bpjs_employer = money(bpjs_base * D(params.bpjs_employer_pct) / HUNDRED)
    remaining -= bpjs_employee
    zakat = ZERO
    if data.zakat:
        zakat = min(money(tpp * D(params.zakat_pct) / HUNDRED), remaining)
    remaining -= zakat
    net = remaining

    return {
        "base": base,
        "status_factor": status_factor,
        "tpp_gross": tpp_gross,
        "leave_factor": lf,
        "tpp_eligible": tpp_eligible,
        "performance_ratio": ratio,
        "kinerja_max": kinerja_max,
        "disiplin_max": disiplin_max,
        "kinerja_part": kinerja_part,
        "cuts": cuts,
        "cuts_pct_raw": cuts_raw,
        "cuts_pct": cuts_pct,
        "disiplin_part": disiplin_part,
        "discipline_cut": discipline_cut,
        "sanction_pct": sanction_pct,
        "sanction_cut": sanction_cut,
        "tpp": tpp,
        "pph21": pph21,
        "bpjs_base": bpjs_base,
        "bpjs_employee": bpjs_employee,
        "bpjs_employer": bpjs_employer,
        "zakat": zakat,
        "deductions": pph21 + bpjs_employee + zakat,
        "net": net,
    }


def allocate(total, weights, rounding=1):
    """Split ``total`` pro rata over ``weights`` (dict key -> amount), rounded.

    The rounding remainder goes to the largest weight, so the parts add up to
    ``total`` exactly (SIPD needs the sum per account code to equal the sheet total).
    """
    total = D(total)
    keys = [k for k, w in weights.items() if D(w) > 0]
    if not keys:
        return {k: ZERO for k in weights}
    weight_sum = sum(D(weights[k]) for k in keys)
    parts = {k: ZERO for k in weights}
    for k in keys:
        parts[k] = round_money(total * D(weights[k]) / weight_sum, rounding)
    largest = max(keys, key=lambda k: (D(weights[k]), str(k)))
    parts[largest] += total - sum(parts.values())
    return parts


def overlap_fraction(start, end, month_start, month_end):
    """Share of the month's calendar days covered by [start, end] (None = open)."""
    lo = max(start or month_start, month_start)
    hi = min(end or month_end, month_end)
    if hi < lo:
        return ZERO
    days = Decimal((hi - lo).days + 1)
    return days / Decimal((month_end - month_start).days + 1)
