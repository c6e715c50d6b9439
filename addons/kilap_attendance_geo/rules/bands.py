"""TL/PSW band classification, pure Python.

Bands are data (records in Odoo): each is ``(code, minute_from, minute_to)`` with
inclusive edges, ``minute_to`` None meaning open-ended. A missing check-in/out
falls in the band flagged for it (TL4/PSW4 by default).
"""


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
