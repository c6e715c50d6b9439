"""Point formulas of the job-family catalogues: pytest + hypothesis."""

from conftest import load_rule
from hypothesis import given
from hypothesis import strategies as st

points = load_rule("kilap_activity", "points")

QTY = st.floats(min_value=0, max_value=10_000, allow_nan=False)
RATE = st.floats(min_value=0, max_value=100, allow_nan=False)
CAP = st.floats(min_value=0, max_value=10_000, allow_nan=False)


def test_examples():
    # 24 lesson hours at 1 point, beyond 24 at 0.5: 30 JP make 27 points
    assert points.entry_points("tiered", 30, 1.0, 24, 0.5) == 27.0
    assert points.entry_points("tiered", 10, 1.0, 24, 0.5) == 10.0
    assert points.entry_points("per_unit", 3, 2.5) == 7.5
    assert points.entry_points("per_unit", -4, 2.5) == 0.0
    # at most 8 points a day, 120 a month
    assert points.month_points([10, 5, 8], day_cap=8) == 21
    assert points.month_points([50] * 5, day_cap=0, month_cap=120) == 120


@given(
    kind=st.sampled_from(points.FORMULA_KINDS),
    q1=QTY,
    q2=QTY,
    rate=RATE,
    tier=st.floats(min_value=0, max_value=500),
    tier_rate=RATE,
)
def test_monotone_in_quantity(kind, q1, q2, rate, tier, tier_rate):
    low, high = sorted((q1, q2))
    assert points.entry_points(kind, low, rate, tier, tier_rate) <= (
        points.entry_points(kind, high, rate, tier, tier_rate) + 1e-9
    )


@given(
    daily=st.lists(st.floats(min_value=0, max_value=1000), max_size=31),
    day_cap=CAP,
    month_cap=CAP,
)
def test_caps_respected(daily, day_cap, month_cap):
    total = points.month_points(daily, day_cap, month_cap)
    assert total >= 0
    if month_cap > 0:
        assert total <= month_cap + 1e-9
    if day_cap > 0:
        assert total <= day_cap * len(daily) + 1e-6
    assert total <= sum(daily) + 1e-6


@given(
    qty=QTY, rate=RATE, tier=st.floats(min_value=0.01, max_value=500), tier_rate=RATE
)
def test_tier_between_its_rates(qty, rate, tier, tier_rate):
    value = points.entry_points("tiered", qty, rate, tier, tier_rate)
    low, high = sorted((rate, tier_rate))
    assert qty * low - 1e-6 <= value <= qty * high + 1e-6
