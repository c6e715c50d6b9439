"""Pure rules of kilap_attendance_geo: geo distances, bands, offline window."""

import math
from datetime import datetime, timedelta

from conftest import load_rule
from hypothesis import given
from hypothesis import strategies as st

geo = load_rule("kilap_attendance_geo", "geo")
bands = load_rule("kilap_attendance_geo", "bands")
offline = load_rule("kilap_attendance_geo", "offline")
device = load_rule("kilap_attendance_geo", "device")

BANDS = [("TL1", 1, 30), ("TL2", 31, 60), ("TL3", 61, 90), ("TL4", 91, None)]
lat_st = st.floats(min_value=-89.0, max_value=89.0)
lon_st = st.floats(min_value=-179.0, max_value=179.0)


def test_band_edges():
    expected = {
        0: None,
        1: "TL1",
        30: "TL1",
        31: "TL2",
        60: "TL2",
        61: "TL3",
        90: "TL3",
        91: "TL4",
        600: "TL4",
    }
    for minutes, code in expected.items():
        assert bands.classify_minutes(minutes, BANDS) == code


@given(st.integers(min_value=1, max_value=10000))
def test_every_positive_minute_has_exactly_one_band(minutes):
    hits = [c for c, lo, hi in BANDS if minutes >= lo and (hi is None or minutes <= hi)]
    assert len(hits) == 1
    assert bands.classify_minutes(minutes, BANDS) == hits[0]


def test_minutes_between_drops_partial_minutes():
    assert bands.minutes_between(7.5, 7.5 + 59 / 3600) == 0
    assert bands.minutes_between(7.5, 7.5 + 1 / 60) == 1
    assert bands.minutes_between(7.5, 7.0) == 0


def test_day_minutes_and_makeup():
    assert bands.day_minutes(7.5, 16.0, 7.5 + 20 / 60, 16.0 + 25 / 60, 30) == (
        0,
        0,
        True,
    )
    assert bands.day_minutes(7.5, 16.0, 7.5 + 20 / 60, 16.0 + 10 / 60, 30) == (
        20,
        0,
        False,
    )
    assert bands.day_minutes(7.5, 16.0, 7.5 + 40 / 60, 17.0, 30) == (40, 0, False)
    assert bands.day_minutes(7.5, 16.0, 7.5, None, 30) == (0, 0, False)
    assert bands.day_minutes(7.5, 16.5, 7.0, 16.0, 0) == (0, 30, False)


def test_discipline_days_and_threshold():
    assert bands.discipline_days(2, 449, 450) == 2
    assert bands.discipline_days(2, 450, 450) == 3
    assert bands.discipline_days(2, 10000, 0) == 2
    table = [("lisan", 3), ("tertulis", 4), ("pecat", 28)]
    assert bands.threshold_for(2, table) is None
    assert bands.threshold_for(3, table) == "lisan"
    assert bands.threshold_for(6, table) == "tertulis"
    assert bands.threshold_for(40, table) == "pecat"


@given(lat_st, lon_st, lat_st, lon_st)
def test_haversine_symmetric_and_bounded(a, b, c, d):
    dist = geo.haversine_m(a, b, c, d)
    assert dist >= 0
    assert math.isclose(dist, geo.haversine_m(c, d, a, b), rel_tol=1e-9, abs_tol=1e-6)
    assert dist <= math.pi * geo.EARTH_RADIUS_M + 1


@given(lat_st, lon_st, st.floats(min_value=1, max_value=50000))
def test_bounding_box_contains_circle(lat, lon, radius):
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(lat, lon, radius)
    for bearing in range(0, 360, 30):
        # a point at distance radius*0.999 towards bearing (small-distance approx.)
        dy = (
            radius * 0.999 * math.cos(math.radians(bearing)) / geo.METRES_PER_DEGREE_LAT
        )
        dx = (
            radius
            * 0.999
            * math.sin(math.radians(bearing))
            / (geo.METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat + dy)), 1e-6))
        )
        if (
            abs(lat + dy) < 89
            and geo.haversine_m(lat, lon, lat + dy, lon + dx) <= radius
        ):
            assert lat_min <= lat + dy <= lat_max
            assert lon_min <= lon + dx <= lon_max


def test_nearest_edge():
    one_metre = 1 / (geo.EARTH_RADIUS_M * math.pi / 180)
    fences = [("office", 0.92, 122.6, 100)]
    assert geo.nearest(0.92 + 100 * one_metre, 122.6, fences)[2] is True
    key, dist, inside = geo.nearest(0.92 + 101 * one_metre, 122.6, fences)
    assert (key, inside) == ("office", False)
    assert math.isclose(dist, 101, abs_tol=1e-3)
    assert geo.nearest(0, 0, []) is None


def test_nearest_prefers_containing_fence():
    fences = [("big", 0.0, 0.0, 10000), ("small", 0.0, 0.001, 10)]
    assert geo.nearest(0.0, 0.00105, fences)[0] == "small"
    assert geo.nearest(0.0, 0.01, fences)[0] == "big"


@given(
    st.one_of(st.none(), st.text(), st.booleans(), st.just(math.nan), st.just(math.inf))
)
def test_coordinate_error_rejects_junk(value):
    assert geo.coordinate_error(value, 122.6) is not None
    assert geo.coordinate_error(0.92, value) is not None


@given(lat_st, lon_st)
def test_coordinate_error_accepts_range(lat, lon):
    assert geo.coordinate_error(lat, lon) is None
    assert geo.coordinate_error(lat + 200, lon) == geo.ERR_LAT_RANGE
    assert geo.coordinate_error(lat, lon + 400) == geo.ERR_LON_RANGE


def test_speed_and_number_error():
    assert geo.speed_kmh(1000, 3.6) == 1000
    assert geo.speed_kmh(1000, 0) is None
    assert geo.number_error(None) is None
    assert geo.number_error("5") == geo.ERR_NOT_NUMBER
    assert geo.number_error(-1, 0) is not None
    assert geo.number_error(12.5, 0) is None


def test_offline_window():
    now = datetime(2025, 3, 10, 8, 0)
    assert offline.device_time_error(now - timedelta(hours=72), now, 72, 5) is None
    assert (
        offline.device_time_error(now - timedelta(hours=72, seconds=1), now, 72, 5)
        == offline.ERR_TOO_OLD
    )
    assert offline.device_time_error(now + timedelta(minutes=5), now, 72, 5) is None
    assert (
        offline.device_time_error(now + timedelta(minutes=6), now, 72, 5)
        == offline.ERR_FUTURE
    )
    assert offline.is_offline(now - timedelta(minutes=30), now)
    assert not offline.is_offline(now - timedelta(minutes=1), now)


def test_device_key_hash():
    import hashlib

    key = "0123456789abcdef" * 4
    assert device.key_hash(key) == hashlib.sha256(key.encode()).hexdigest()
    assert device.key_hash(key) != device.key_hash(key[:-1] + "0")
    for bad in (None, "", "short", "x" * 129, "key with spaces!!", 123, ["a" * 32]):
        assert device.key_hash(bad) is None
    assert device.MAX_SELFIE_BYTES == 100 * 1024


@given(st.text(alphabet="abcdefABCDEF0123456789_-", min_size=16, max_size=128))
def test_device_key_hash_is_hex_sha256(key):
    digest = device.key_hash(key)
    assert len(digest) == 64
    int(digest, 16)
