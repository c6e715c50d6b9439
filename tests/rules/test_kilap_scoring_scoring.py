"""Plain pytest for kilap_scoring's pure rules (rules/scoring.py, rules/predikat.py)."""

import pytest
from conftest import load_rule
from hypothesis import given
from hypothesis import strategies as st

scoring = load_rule("kilap_scoring", "scoring")
predikat = load_rule("kilap_scoring", "predikat")

scores = st.floats(min_value=0, max_value=200, allow_nan=False)
counts = st.integers(min_value=0, max_value=31)


def test_kinerja_from_targets_mean_of_capped_ratios():
    assert scoring.kinerja_from_targets([(2, 4), (3, 2)], cap=1.2) == 85.0
    assert scoring.kinerja_from_targets([(2, 4), (3, 2)], cap=1.0) == 75.0
    assert scoring.kinerja_from_targets([(4, 4)]) == 100.0


def test_kinerja_ignores_rhk_without_target():
    assert scoring.kinerja_from_targets([(5, 0), (1, 2)]) == 50.0
    assert scoring.kinerja_from_targets([]) == 0.0
    assert scoring.kinerja_from_targets([(3, 0)]) == 0.0


def test_kinerja_bad_cap():
    with pytest.raises(ValueError):
        scoring.kinerja_from_targets([(1, 1)], cap=0)
    with pytest.raises(ValueError):
        scoring.kinerja_from_points(1, 1, cap=-1)


def test_kinerja_from_points():
    assert scoring.kinerja_from_points(30, 40) == 75.0
    assert scoring.kinerja_from_points(100, 40, cap=1.2) == 120.0
    assert scoring.kinerja_from_points(10, 0) == 0.0


@given(
    st.lists(st.tuples(scores, st.floats(min_value=0.01, max_value=100)), max_size=8),
    st.floats(min_value=0.5, max_value=2),
)
def test_kinerja_bounded_by_cap(pairs, cap):
    value = scoring.kinerja_from_targets(pairs, cap)
    assert 0 <= value <= round(cap * 100, 2) + 0.01


def test_disiplin_pattern_a():
    counts_ = {"TL1": 2, "TL3": 1, "PSW4": 1, "TK": 1}
    assert scoring.total_cut(counts_) == 6.75
    assert scoring.disiplin(counts_) == 93.25
    assert scoring.disiplin({"TK": 40}) == 0.0
    assert scoring.disiplin({"XYZ": 3}) == 100.0


@given(st.dictionaries(st.sampled_from(sorted(scoring.DEFAULT_CUTS)), counts))
def test_disiplin_between_0_and_100_and_monotone(tally):
    value = scoring.disiplin(tally)
    assert 0 <= value <= 100
    more = dict(tally, TK=tally.get("TK", 0) + 1)
    assert scoring.disiplin(more) <= value


def test_combined_weights():
    assert scoring.combined(85, 93.25) == 88.3
    assert scoring.combined(85, 93.25, 50, 50) == 89.13  # half rounded up
    assert scoring.combined(80, 0, 100, 0) == 80.0
    with pytest.raises(ValueError):
        scoring.combined(1, 1, 0, 0)
    with pytest.raises(ValueError):
        scoring.combined(1, 1, -1, 2)


@given(
    scores,
    scores,
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0.1, max_value=100),
)
def test_combined_between_inputs(kinerja, disiplin, w_k, w_d):
    value = scoring.combined(kinerja, disiplin, w_k, w_d)
    assert min(kinerja, disiplin) - 0.01 <= value <= max(kinerja, disiplin) + 0.01


def test_rating_threshold_edges():
    thresholds = {"below": 0, "meets": 80, "above": 110}
    assert scoring.rating_from_score(79.99, thresholds) == "below"
    assert scoring.rating_from_score(80, thresholds) == "meets"
    assert scoring.rating_from_score(109.99, thresholds) == "meets"
    assert scoring.rating_from_score(110, thresholds) == "above"
    assert scoring.rating_from_score(-5, thresholds) == "below"
    assert scoring.rating_from_score(50) == "below"


@given(scores, scores)
def test_rating_monotone(a, b):
    order = {"below": 0, "meets": 1, "above": 2}
    low, high = sorted((a, b))
    assert (
        order[scoring.rating_from_score(low)] <= order[scoring.rating_from_score(high)]
    )


def test_rank_competition_ties():
    assert scoring.rank({"a": 90, "b": 80, "c": 90, "d": 70}) == {
        "a": 1,
        "c": 1,
        "b": 3,
        "d": 4,
    }
    assert scoring.rank({}) == {}


def test_distribution_breaches():
    limits = [("sangat_baik", None, 70)]
    assert scoring.distribution_breaches({"sangat_baik": 7, "baik": 3}, limits) == []
    assert scoring.distribution_breaches({"sangat_baik": 8, "baik": 2}, limits) == [
        ("sangat_baik", 80.0, None, 70)
    ]
    at_least = [("butuh_perbaikan", 60, None)]
    assert scoring.distribution_breaches(
        {"butuh_perbaikan": 1, "baik": 1}, at_least
    ) == [("butuh_perbaikan", 50.0, 60, None)]
    assert scoring.distribution_breaches({}, limits) == []
    assert scoring.distribution_breaches({"baik": 5}, [("sangat_baik", None, 0)]) == []


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        ("above", "below", "kurang"),
        ("above", "meets", "baik"),
        ("above", "above", "sangat_baik"),
        ("meets", "below", "kurang"),
        ("meets", "meets", "baik"),
        ("meets", "above", "baik"),
        ("below", "below", "sangat_kurang"),
        ("below", "meets", "butuh_perbaikan"),
        ("below", "above", "butuh_perbaikan"),
    ],
)
def test_predikat_nine_cells(hasil, perilaku, expected):
    assert predikat.predikat(hasil, perilaku) == expected


def test_predikat_unknown_rating():
    with pytest.raises(KeyError):
        predikat.predikat("excellent", "meets")


def test_open_ranges():
    from datetime import date

    march = (date(2025, 3, 1), date(2025, 3, 31))
    assert scoring.open_ranges(date(2025, 3, 25), date(2025, 4, 4), [march]) == [
        (date(2025, 4, 1), date(2025, 4, 4))
    ]
    assert scoring.open_ranges(date(2025, 2, 27), date(2025, 4, 2), [march]) == [
        (date(2025, 2, 27), date(2025, 2, 28)),
        (date(2025, 4, 1), date(2025, 4, 2)),
    ]
    assert scoring.open_ranges(date(2025, 3, 2), date(2025, 3, 5), [march]) == []
    assert scoring.open_ranges(date(2025, 3, 2), date(2025, 3, 5), []) == [
        (date(2025, 3, 2), date(2025, 3, 5))
    ]


@given(
    st.dates(),
    st.integers(min_value=0, max_value=90),
    st.lists(st.tuples(st.dates(), st.integers(min_value=0, max_value=40)), max_size=4),
)
def test_open_ranges_cover_exactly_the_open_days(start, length, closed_raw):
    from datetime import timedelta

    end = start + timedelta(days=length) if start.year < 9999 else start
    closed = [(a, a + timedelta(days=n)) for a, n in closed_raw if a.year < 9999]
    covered = {
        day
        for a, b in closed
        for day in (a + timedelta(days=i) for i in range((b - a).days + 1))
    }
    wanted = {
        start + timedelta(days=i)
        for i in range((end - start).days + 1)
        if start + timedelta(days=i) not in covered
    }
    got = set()
    for a, b in scoring.open_ranges(start, end, closed):
        got |= {a + timedelta(days=i) for i in range((b - a).days + 1)}
    assert got == wanted
