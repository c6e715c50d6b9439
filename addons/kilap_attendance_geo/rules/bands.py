"""TL/PSW band classification, pure Python.

Bands are data (records in Odoo): each is ``(code, minute_from, minute_to)`` with
inclusive edges, ``minute_to`` None meaning open-ended. A missing check-in/out
falls in the band flagged for it (TL4/PSW4 by default).
"""

# the band codes, defined here only: scoring stores one count per code on the
# score line, payroll reads those counts (docs/architecture.md)
BAND_CODES = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")
# daily statuses that are leave (paid by the leave rules, never TK)
LEAVE_STATUSES = ("leave", "sick")
# daily statuses on which lateness and early leave are counted
BAND_STATUSES = ("present", "field_duty")


def classify_minutes(minutes, bands):
    """Return the code of the band holding ``minutes`` (>0), else None.

    ``bands`` is an iterable of ``(code, minute_from, minute_to)``.
    """
    if not minutes or minutes <= 0:
        return None
    for code, lo, hi in bands:
        if minutes >= lo and (hi is None or minutes <= hi):
            return code
    return None


def minutes_between(start_hour, actual_hour):
    """Whole minutes by which ``actual_hour`` is after ``start_hour``, >= 0.

    Both are float hours.

    Partial minutes are dropped: 07:30:59 against 07:30 is 0 minutes late, 07:31 is 1.
    """
    if actual_hour is None or start_hour is None:
        return 0
    seconds = round((actual_hour - start_hour) * 3600)
    return max(0, seconds // 60)


def day_minutes(start, end, check_in, check_out, makeup_limit=0):
    """Late and early minutes of a present day, with optional make-up.

    All values are float hours in local time; ``check_in``/``check_out`` may be
    None (missing record). Lateness up to ``makeup_limit`` minutes is waived when
    the employee stayed after ``end`` at least as long as they were late.
    Returns ``(late, early, made_up)``.
    """
    late = minutes_between(start, check_in) if check_in is not None else 0
    early = minutes_between(check_out, end) if check_out is not None else 0
    made_up = False
    if (
        makeup_limit
        and check_in is not None
        and check_out is not None
        and 0 < late <= makeup_limit
    ):
        if minutes_between(end, check_out) >= late:
            late, made_up = 0, True
    return late, early, made_up


def discipline_days(absent_days, late_early_minutes, minutes_per_day):
    """Days of absence for PP 94/2021: TK days plus whole days of TL+PSW minutes."""
    if not minutes_per_day or minutes_per_day <= 0:
        return absent_days
    return absent_days + int(late_early_minutes // minutes_per_day)


def threshold_for(days, thresholds):
    """Key of the highest threshold reached by ``days``, or None.

    ``thresholds`` is an iterable of ``(key, from_days)``.
    """
    best = None
    for key, from_days in thresholds:
        if days >= from_days and (best is None or from_days > best[1]):
            best = (key, from_days)
    return best and best[0]
