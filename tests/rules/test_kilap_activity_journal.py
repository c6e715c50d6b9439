"""Journal rules of kilap_activity (window, overlaps, minutes): pytest + hypothesis."""

import datetime

from conftest import load_rule
from hypothesis import given
from hypothesis import strategies as st

journal = load_rule("kilap_activity", "journal")

MONDAY = datetime.date(2026, 11, 2)


def weekdays(start, days):
    return {
        start + datetime.timedelta(days=i)
        for i in range(days)
        if (start + datetime.timedelta(days=i)).weekday() < 5
    }


WORKING = weekdays(datetime.date(2026, 9, 1), 120)


def test_window_examples():
    thursday = MONDAY + datetime.timedelta(days=3)
    assert journal.late_working_days(MONDAY, thursday, WORKING) == 3
    assert journal.within_window(MONDAY, thursday, WORKING, 3)
    previous_friday = MONDAY - datetime.timedelta(days=3)
    assert journal.late_working_days(previous_friday, thursday, WORKING) == 4
    assert not journal.within_window(previous_friday, thursday, WORKING, 3)
    # the weekend does not count: Friday entry on Monday is 1 day late
    assert journal.late_working_days(previous_friday, MONDAY, WORKING) == 1
    # a holiday on Tuesday extends the window
    holiday = MONDAY + datetime.timedelta(days=1)
    assert journal.within_window(previous_friday, thursday, WORKING - {holiday}, 3)


def test_future_never_within_window():
    assert not journal.within_window(
        MONDAY + datetime.timedelta(days=1), MONDAY, WORKING, 99
    )
    assert journal.within_window(MONDAY, MONDAY, WORKING, 0)


@given(
    st.dates(datetime.date(2026, 9, 1), datetime.date(2026, 12, 20)),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=10),
)
def test_window_monotonic(day, back, window):
    """Older dates are never more acceptable than newer ones."""
    today = datetime.date(2026, 12, 24)
    older = day - datetime.timedelta(days=back)
    late_new = journal.late_working_days(day, today, WORKING)
    late_old = journal.late_working_days(older, today, WORKING)
    assert late_old >= late_new
    if journal.within_window(older, today, WORKING, window):
        assert journal.within_window(day, today, WORKING, window)
    assert late_new <= (today - day).days


spans = (
    st.tuples(
        st.integers(min_value=0, max_value=95), st.integers(min_value=1, max_value=96)
    )
    .filter(lambda s: s[0] < s[1])
    .map(lambda s: (s[0] / 4, s[1] / 4))
)


@given(spans, spans)
def test_overlap_symmetric(a, b):
    assert journal.spans_overlap(*a, *b) == journal.spans_overlap(*b, *a)
    assert journal.spans_overlap(*a, *a)


def test_touching_spans_do_not_overlap():
    assert not journal.spans_overlap(8, 9, 9, 10)
    assert journal.first_overlap((8, 10), [(10, 11), (9.5, 12)]) == (9.5, 12)
    assert journal.first_overlap((8, 10), [(10, 11)]) is None


@given(st.lists(spans, max_size=8))
def test_merged_minutes_bounds(items):
    merged = journal.merged_minutes(items)
    total = sum(journal.span_minutes(s, e) for s, e in items)
    assert 0 <= merged <= total + len(items)
    if items:
        assert merged >= max(journal.span_minutes(s, e) for s, e in items) - 1
    assert merged <= 24 * 60


def test_span_minutes():
    assert journal.span_minutes(7.5, 9.0) == 90
    assert journal.span_minutes(9, 8) == 0
