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
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
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
