"""Plain pytest for kilap_payroll_bridge/rules/tpp.py (no Odoo)."""

from datetime import date
from decimal import Decimal as Dec

import pytest
from conftest import load_rule
from hypothesis import given, settings
from hypothesis import strategies as st

tpp = load_rule("kilap_payroll_bridge", "tpp")

BANDS_A = {
    "TL1": Dec("0.5"),
    "TL2": Dec(1),
    "TL3": Dec("1.25"),
    "TL4": Dec("1.5"),
    "PSW1": Dec("0.5"),
    "PSW2": Dec(1),
    "PSW3": Dec("1.25"),
    "PSW4": Dec("1.5"),
}
SICK = {"sick": [(1, 2, Dec(100)), (3, 14, Dec(75)), (15, 30, Dec(50))]}


def params(**kw):
    values = {"band_pct": BANDS_A, "leave_effects": SICK}
    values.update(kw)
    return tpp.TppParams(**values)


def test_round_money_half_up():
    assert tpp.round_money(Dec("10.5")) == 11
    assert tpp.round_money(Dec("10.49")) == 10
    assert tpp.round_money(Dec("1250"), 100) == 1300
    with pytest.raises(tpp.TppError):
        tpp.round_money(1, 0)


def test_pattern_a_cuts_discipline_part():
    """base 5,000,000; score 90; TL1 x2, PSW2 x1, TK 1 day.

    kinerja = 5,000,000 x 60 % x 90 % = 2,700,000
    cuts = 2 x 0.5 + 1 x 1 + 3 = 5 %; disiplin = 2,000,000 x 95 % = 1,900,000
    tpp = 4,600,000; BPJS 1 % = 46,000; net = 4,554,000
    """
    res = tpp.compute_tpp(
        params(),
        tpp.TppInput(
            base=Dec(5000000),
            score=Dec(90),
            band_counts={"TL1": 2, "PSW2": 1},
            tk_days=1,
        ),
    )
    assert res["kinerja_part"] == 2700000
    assert res["cuts_pct"] == 5
    assert res["disiplin_part"] == 1900000
    assert res["tpp"] == 4600000
    assert res["bpjs_employee"] == 46000
    assert res["bpjs_employer"] == 184000
    assert res["net"] == 4554000


def test_pattern_b_cuts_whole_base():
    """Same month, cuts on the whole: 5 % of 5,000,000 = 250,000."""
    res = tpp.compute_tpp(
        params(cut_base="whole"),
        tpp.TppInput(
            base=Dec(5000000),
            score=Dec(90),
            band_counts={"TL1": 2, "PSW2": 1},
            tk_days=1,
        ),
    )
    assert res["disiplin_part"] == 2000000
    assert res["discipline_cut"] == 250000
    assert res["tpp"] == 4450000


def test_cpns_sick_three_days():
    """CPNS 80 %, 3 sick days -> 75 % of the month."""
    res = tpp.compute_tpp(
        params(),
        tpp.TppInput(
            base=Dec(4000000), asn_status="cpns", score=Dec(100), leave_days={"sick": 3}
        ),
    )
    assert res["tpp_gross"] == 3200000
    assert res["leave_factor"] == Dec("0.75")
    assert res["tpp_eligible"] == 2400000


def test_part_time_pppk_per_rule_set():
    """PPPK paruh waktu: nothing unless the rule set includes them, then its factor."""
    data = tpp.TppInput(base=Dec(4000000), asn_status="pppk_pw", score=Dec(100))
    assert tpp.compute_tpp(params(), data)["tpp"] == 0
    included = params(pppk_pw_included=True, pppk_pw_factor=Dec(50))
    assert tpp.compute_tpp(included, data)["tpp_gross"] == 2000000
    full_pppk = tpp.TppInput(base=Dec(4000000), asn_status="pppk", score=Dec(100))
    assert tpp.compute_tpp(included, full_pppk)["tpp_gross"] == 4000000
    with pytest.raises(tpp.TppError):
        tpp.check_params(params(pppk_pw_included=True, pppk_pw_factor=Dec(101)))
    with pytest.raises(tpp.TppError):
        tpp.check_params(params(pppk_pw_factor=Dec(-1)))


def test_leave_tiers():
    assert tpp.leave_factor(SICK, {"sick": 2}) == 1
    assert tpp.leave_factor(SICK, {"sick": 14}) == Dec("0.75")
    assert tpp.leave_factor(SICK, {"sick": 15}) == Dec("0.5")
    assert tpp.leave_factor(SICK, {"sick": 40}) == Dec("0.5")
    assert tpp.leave_factor(SICK, {"other": 40}) == 1


def test_predikat_mode():
    p = params(perf_mode="predikat", predikat_pct={"baik": Dec(100), "kurang": Dec(50)})
    res = tpp.compute_tpp(p, tpp.TppInput(base=Dec(1000000), predikat="kurang"))
    assert res["kinerja_part"] == 300000
    res = tpp.compute_tpp(p, tpp.TppInput(base=Dec(1000000), predikat=""))
    assert res["kinerja_part"] == 0


def test_cap_and_floor():
    res = tpp.compute_tpp(
        params(cut_cap=Dec(50), cut_base="whole"),
        tpp.TppInput(base=Dec(1000000), score=Dec(100), tk_days=30),
    )
    assert res["cuts_pct_raw"] == 90
    assert res["cuts_pct"] == 50
    assert res["discipline_cut"] == 500000
    assert res["tpp"] == 500000


def test_sanction_and_deductions_order():
    """tpp 1,000,000; sanction 25 % -> 750,000; PPh 5 % 37,500; BPJS 7,500;
    zakat 2.5 % = 18,750."""
    res = tpp.compute_tpp(
        params(tax_mode="golongan"),
        tpp.TppInput(
            base=Dec(1000000),
            score=Dec(100),
            sanction_pct=Dec(25),
            tax_rate_pct=Dec(5),
            zakat=True,
        ),
    )
    assert res["sanction_cut"] == 250000
    assert res["tpp"] == 750000
    assert res["pph21"] == 37500
    assert res["bpjs_employee"] == 7500
    assert res["zakat"] == 18750
    assert res["net"] == 750000 - 37500 - 7500 - 18750


def test_bpjs_ceiling_and_employee_tax_amount():
    res = tpp.compute_tpp(
        params(tax_mode="employee", bpjs_ceiling=Dec(12000000)),
        tpp.TppInput(base=Dec(20000000), score=Dec(100), tax_amount=Dec(19999999)),
    )
    assert res["bpjs_base"] == 12000000
    assert res["pph21"] == 19999999
    assert res["bpjs_employee"] == 1  # limited to what is left
    assert res["net"] == 0


def test_bad_inputs():
    with pytest.raises(tpp.TppError) as err:
        tpp.compute_tpp(params(weight_kinerja=Dec(70)), tpp.TppInput(base=Dec(1)))
    assert err.value.code == "weights"
    with pytest.raises(tpp.TppError) as err:
        tpp.compute_tpp(params(), tpp.TppInput(base=Dec(-1)))
    assert err.value.code == "negative_base"
    with pytest.raises(tpp.TppError):
        tpp.compute_tpp(params(tk_pct=Dec(-1)), tpp.TppInput(base=Dec(1)))
    with pytest.raises(tpp.TppError):
        tpp.compute_tpp(params(), tpp.TppInput(base=Dec(1), tk_days=-1))


def test_allocate_adds_up():
    parts = tpp.allocate(Dec(1000), {"a": Dec(1), "b": Dec(1), "c": Dec(1)})
    assert sum(parts.values()) == 1000
    assert tpp.allocate(Dec(10), {"a": Dec(0)}) == {"a": 0}


def test_overlap_fraction():
    f = tpp.overlap_fraction(
        date(2026, 3, 16), None, date(2026, 3, 1), date(2026, 3, 31)
    )
    assert f == Dec(16) / Dec(31)
    assert (
        tpp.overlap_fraction(
            date(2026, 1, 1), date(2026, 1, 31), date(2026, 3, 1), date(2026, 3, 31)
        )
        == 0
    )


money = st.integers(min_value=0, max_value=50_000_000).map(Dec)
counts = st.integers(min_value=0, max_value=25)


@settings(max_examples=200, deadline=None)
@given(
    base=money,
    score=st.integers(min_value=0, max_value=120),
    tl1=counts,
    tl4=counts,
    tk=counts,
    cpns=st.booleans(),
    pattern=st.sampled_from(["disiplin", "whole"]),
    sick=st.integers(min_value=0, max_value=31),
    sanction=st.sampled_from([0, 25, 50]),
    tax=st.sampled_from(["none", "golongan"]),
    zakat=st.booleans(),
)
def test_properties(
    base, score, tl1, tl4, tk, cpns, pattern, sick, sanction, tax, zakat
):
    p = params(cut_base=pattern, tax_mode=tax)
    data = tpp.TppInput(
        base=base,
        score=Dec(score),
        band_counts={"TL1": tl1, "TL4": tl4},
        tk_days=tk,
        asn_status="cpns" if cpns else "pns",
        leave_days={"sick": sick},
        sanction_pct=Dec(sanction),
        tax_rate_pct=Dec(15),
        zakat=zakat,
    )
    res = tpp.compute_tpp(p, data)
    assert 0 <= res["net"] <= res["tpp"] <= res["tpp_gross"] <= res["base"]
    assert res["net"] == res["tpp"] - res["deductions"]
    assert res["kinerja_max"] + res["disiplin_max"] == res["tpp_eligible"]
    # one more TK day never pays more
    more = tpp.compute_tpp(
        p,
        tpp.TppInput(**{**data.__dict__, "tk_days": tk + 1}),
    )
    assert more["tpp"] <= res["tpp"]
    # a higher score never pays less
    better = tpp.compute_tpp(
        p, tpp.TppInput(**{**data.__dict__, "score": Dec(score + 5)})
    )
    assert better["tpp"] >= res["tpp"]
