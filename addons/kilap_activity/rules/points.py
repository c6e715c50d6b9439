"""Point formulas of the job-family catalogues, pure Python.

A catalogue item turns a quantity (lesson hours, patients, patrols...) into
points: ``per_unit`` (``rate`` points per unit) or ``tiered`` (the first
``tier_units`` units at ``rate``, the rest at ``tier_rate``). The points of one
item are then capped per day and per month (0 = no cap), as the catalogue says.
"""

FORMULA_KINDS = ("per_unit", "tiered")


def entry_points(kind, qty, rate, tier_units=0.0, tier_rate=0.0):
    """Points of one journal entry of ``qty`` units (never negative)."""
    qty = max(float(qty or 0.0), 0.0)
    if kind == "tiered" and tier_units > 0:
        first = min(qty, tier_units)
        return first * rate + (qty - first) * tier_rate
    return qty * rate


def capped(points, cap):
    """``points`` limited to ``cap`` (no limit when ``cap`` is 0 or less)."""
    return min(points, cap) if cap and cap > 0 else points


def month_points(daily, day_cap=0.0, month_cap=0.0):
    """Points of one item over a month from its points per day: each day capped,
    then the month's sum capped."""
    return capped(sum(capped(points, day_cap) for points in daily), month_cap)
