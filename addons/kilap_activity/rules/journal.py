"""Daily-journal rules, pure Python (no Odoo): date window, overlaps, minutes.

The ORM layer gathers the employee's working dates (resource calendar minus public
holidays) and existing time spans, then asks these functions; tests need no database.
"""

import datetime


def late_working_days(entry_date, today, working_dates):
    """Number of working days after ``entry_date`` up to and including ``today``.

    ``working_dates`` is any container of :class:`datetime.date` that are working days.
    An entry written on its own day is 0 days late; one for yesterday (a working day
    before a working today) is 1 day late. Non-working days never count.
    """
    if entry_date >= today:
        return 0
    count = 0
    day = entry_date + datetime.timedelta(days=1)
    while day <= today:
        if day in working_dates:
            count += 1
        day += datetime.timedelta(days=1)
    return count


def within_window(entry_date, today, working_dates, window_days):
    """True when an entry for ``entry_date`` may still be written on ``today``.

    Future dates are never within the window; past dates are when at most
    ``window_days`` working days have passed since.
    """
    if entry_date > today:
        return False
    return late_working_days(entry_date, today, working_dates) <= max(window_days, 0)


def spans_overlap(start_a, end_a, start_b, end_b):
    """Half-open spans [start, end): 08:00-09:00 and 09:00-10:00 do not overlap."""
    return start_a < end_b and start_b < end_a


def first_overlap(span, others):
    """The first span of ``others`` overlapping ``span`` (a (start, end) pair)."""
    for other in others:
        if spans_overlap(span[0], span[1], other[0], other[1]):
            return other
    return None


def span_minutes(start_hour, end_hour):
    """Minutes of a span given in float hours (8.5 = 08:30), never negative."""
    return max(0, round((end_hour - start_hour) * 60))


def merged_minutes(spans):
    """Minutes covered by ``spans`` (float-hour pairs), counting overlaps once."""
    total = 0.0
    current_start = current_end = None
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return round(total * 60)
