"""Distances on the Earth and coordinate validation, pure Python."""

import math

EARTH_RADIUS_M = 6371008.8  # mean Earth radius (IUGG), metres

ERR_MISSING = "missing"
ERR_NOT_NUMBER = "not_number"
ERR_LAT_RANGE = "lat_range"
ERR_LON_RANGE = "lon_range"


def haversine_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def coordinate_error(latitude, longitude):
    """Return an error code for a bad coordinate pair, or None when usable.

    Rejects None/empty, booleans, strings, NaN/inf and out-of-range values.
    """
    values = (latitude, longitude)
    if any(v is None or v == "" or v is False for v in values):
        return ERR_MISSING
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float):
            return ERR_NOT_NUMBER
        if not math.isfinite(v):
            return ERR_NOT_NUMBER
    if not -90.0 <= latitude <= 90.0:
        return ERR_LAT_RANGE
    if not -180.0 <= longitude <= 180.0:
        return ERR_LON_RANGE
    return None


METRES_PER_DEGREE_LAT = 111320.0


def bounding_box(latitude, longitude, radius_m):
    """Return ``(lat_min, lat_max, lon_min, lon_max)`` enclosing a circle.

    Used as a cheap SQL prefilter before the exact haversine distance; it errs
    on the generous side (never excludes a point inside the circle).
    """
    dlat = radius_m / METRES_PER_DEGREE_LAT * 1.01
    cos_lat = max(math.cos(math.radians(min(abs(latitude) + dlat, 90.0))), 1e-6)
    dlon = min(radius_m / (METRES_PER_DEGREE_LAT * cos_lat) * 1.01, 180.0)
    return (
        max(latitude - dlat, -90.0),
        min(latitude + dlat, 90.0),
        longitude - dlon,
        longitude + dlon,
    )


def nearest(latitude, longitude, fences):
    """Nearest fence as ``(fence_key, distance_m, inside)``, or None.

    ``fences`` is an iterable of ``(key, lat, lon, radius_m)``; ``inside`` is
    True when the point lies within the fence radius (the edge counts as inside).
    Among fences containing the point, the one with the smallest distance wins.
    """
    best = None
    for key, flat, flon, radius in fences:
        dist = haversine_m(latitude, longitude, flat, flon)
        inside = dist <= radius + 1e-6  # the edge is inside; tolerate float noise
        rank = (not inside, dist)
        if best is None or rank < best[0]:
            best = (rank, key, dist, inside)
    if best is None:
        return None
    return best[1], best[2], best[3]


def speed_kmh(distance_m, seconds):
    """Average speed in km/h between two fixes; None when the gap is not positive."""
    if seconds is None or seconds <= 0:
        return None
    return distance_m / seconds * 3.6


def number_error(value, low=None, high=None):
    """Error code for an optional numeric value (accuracy, ...).

    None when usable or absent.
    """
    if value is None or value is False or value == "":
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
    ):
        return ERR_NOT_NUMBER
    if (low is not None and value < low) or (high is not None and value > high):
        return ERR_LAT_RANGE
    return None
