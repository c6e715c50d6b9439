"""Monthly score arithmetic (kinerja, disiplin, index, ratings, ranking), pure Python.

Every number is an argument: the ORM layer reads the pemda's settings and data
(cap, weights, band cuts, thresholds, distribution limits) and passes them in,
so past months recompute with the values they were closed with.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

BELOW, MEETS, ABOVE = "below", "meets", "above"

# The default pattern of docs/domain.md (points cut from a 100-point discipline score).
DEFAULT_CUTS = {
    "TL1": 0.5,
    "TL2": 1.0,
    "TL3": 1.25,
    "TL4": 1.5,
    "PSW1": 0.5,
    "PSW2": 1.0,
    "PSW3": 1.25,
    "PSW4": 1.5,
    "TK": 3.0,
}
DEFAULT_CAP = 1.2
DEFAULT_WEIGHTS = (60.0, 40.0)
# rating -> minimum kinerja score (inclusive)
DEFAULT_THRESHOLDS = {BELOW: 0.0, MEETS: 80.0, ABOVE: 110.0}


def _round(value):
    """Two decimals, halves rounded up (89.125 -> 89.13), as people do by hand."""
    return float(
        Decimal(repr(value + 0.0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    )


def kinerja_from_targets(pairs, cap=DEFAULT_CAP):
    """Kinerja score from ``(realised, target)`` pairs, one per RHK of the month.

    Each RHK counts ``min(realised / target, cap)``; the mean of them ×100.
    Pairs with a non-positive target are ignored; no pair gives 0.
    """
    if cap <= 0:
        raise ValueError("cap must be positive")
    ratios = [
        min(max(realised, 0.0) / target, cap)
        for realised, target in pairs
        if target > 0
    ]
    if not ratios:
        return 0.0
    return _round(100.0 * sum(ratios) / len(ratios))


def kinerja_from_points(points, expected, cap=DEFAULT_CAP):
    """Kinerja score of a point-based job: ``min(points / expected, cap)`` ×100."""
    if cap <= 0:
        raise ValueError("cap must be positive")
    if expected <= 0:
        return 0.0
    return _round(100.0 * min(max(points, 0.0) / expected, cap))


def disiplin(counts, cuts=None):
    """100 minus the sum of ``count × cut`` per band code, floored at 0.

    ``counts`` maps a band code (TL1..PSW4, TK) to how often it occurred;
    codes without a cut cost nothing.
    """
    cuts = DEFAULT_CUTS if cuts is None else cuts
    total_cut = sum(count * cuts.get(code, 0.0) for code, count in counts.items())
    return _round(max(0.0, 100.0 - total_cut))


def total_cut(counts, cuts=None):
    """Sum of the cuts, unfloored (shown on the score line)."""
    cuts = DEFAULT_CUTS if cuts is None else cuts
    return _round(sum(count * cuts.get(code, 0.0) for code, count in counts.items()))


def combined(kinerja, disiplin_score, weight_kinerja=60.0, weight_disiplin=40.0):
    """Weighted index of the two scores; weights are relative (60/40 = 3/2)."""
    if (
        weight_kinerja < 0
        or weight_disiplin < 0
        or weight_kinerja + weight_disiplin <= 0
    ):
        raise ValueError("weights must be non-negative with a positive sum")
    return _round(
        (kinerja * weight_kinerja + disiplin_score * weight_disiplin)
        / (weight_kinerja + weight_disiplin)
    )


def rating_from_score(score, thresholds=None):
    """Rating whose minimum is the highest one not above ``score``.

    ``thresholds`` maps rating -> minimum score (inclusive); below a ratings'
    lowest minimum the lowest rating applies.
    """
    thresholds = DEFAULT_THRESHOLDS if thresholds is None else thresholds
    ordered = sorted(thresholds.items(), key=lambda item: item[1])
    rating = ordered[0][0]
    for name, minimum in ordered:
        if score >= minimum:
            rating = name
    return rating


def rank(scores):
    """Competition ranking (1, 2, 2, 4) of ``{key: score}``, highest first.

    Ties share a rank; ordering among ties does not change the figure.
    """
    ordered = sorted(scores.values(), reverse=True)
    first_position = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return {key: first_position[value] for key, value in scores.items()}


def distribution_breaches(counts, limits):
    """Distribution limits that a unit's predikat counts break.

    ``counts`` maps predikat -> number of employees; ``limits`` is a list of
    ``(predikat, min_pct, max_pct)`` (``None`` = no bound). Returns a list of
    ``(predikat, share_pct, min_pct, max_pct)`` for every limit not met.
    """
    total = sum(counts.values())
    if not total:
        return []
    breaches = []
    for predikat, min_pct, max_pct in limits:
        share = _round(100.0 * counts.get(predikat, 0) / total)
        if (min_pct is not None and share < min_pct) or (
            max_pct is not None and share > max_pct
        ):
            breaches.append((predikat, share, min_pct, max_pct))
    return breaches


def open_ranges(start, end, closed):
    """Sub-ranges of the dates ``[start, end]`` outside the ``closed`` ranges.

    ``closed`` is a list of inclusive ``(date_from, date_to)`` pairs; the result
    is a sorted list of inclusive ``(date_from, date_to)`` pairs.
    """
    ranges = []
    cursor = start
    for closed_from, closed_to in sorted(closed):
        if closed_from > cursor:
            ranges.append((cursor, min(end, closed_from - timedelta(days=1))))
        cursor = max(cursor, closed_to + timedelta(days=1))
        if cursor > end:
            break
    if cursor <= end:
        ranges.append((cursor, end))
    return [(a, b) for a, b in ranges if a <= b]
