"""Pure parsers of fingerprint-terminal logs (kilap_attendance_geo/rules/attlog.py)."""

from datetime import date, datetime, time

import pytest
from conftest import load_rule
from hypothesis import given
from hypothesis import strategies as st

attlog = load_rule("kilap_attendance_geo", "attlog")


def test_three_date_formats():
    expected = datetime(2026, 2, 9, 7, 30)
    for text in ("2026-02-09 07:30", "09/02/2026 07:30:00", "09-02-2026 07:30"):
        assert attlog.parse_time(text) == expected
    assert attlog.parse_time("2026-02-30 07:30") is None
    assert attlog.parse_time("besok pagi") is None


def test_attlog_usb_and_push_columns():
    usb = "  105\t2026-02-09 07:45:00\t1\t1\t1\t0\n"
    rows, issues = attlog.parse_attlog(usb)
    assert rows == [(1, "105", datetime(2026, 2, 9, 7, 45), "out")] and not issues
    push = "105\t2026-02-09 07:45:00\t1\t0\t0\n"
    rows, _issues = attlog.parse_adms_body(push)
    assert rows[0][3] == "out"
    assert attlog.parse_adms_body("  \n") == ([], [])


def test_scientific_nip_refused():
    for value in ("1.99E+17", "1,99E+17", 1.99001012015031e17):
        with pytest.raises(attlog.AttlogError) as error:
            attlog.user_code(value)
        assert error.value.code == attlog.ERR_SCIENTIFIC
    assert attlog.user_code(105.0) == "105"
    assert attlog.user_code("'199001012015031001") == "199001012015031001"


def test_encodings():
    assert attlog.decode("\ufeffnip;timestamp".encode()) == "nip;timestamp"
    assert attlog.decode("nip,ø".encode("utf-16")) == "nip,ø"
    assert attlog.decode("Café".encode("cp1252")) == "Café"
    for data in ("nip".encode("utf-16-le"), b"PK\x03\x04\x00\x01"):
        with pytest.raises(attlog.AttlogError):
            attlog.decode(data)


def test_csv_structure():
    rows, _ = attlog.parse_csv("nip;date;time\n105;2026-02-09;07:30\n")
    assert rows == [(2, "105", datetime(2026, 2, 9, 7, 30), False)]
    with pytest.raises(attlog.AttlogError) as error:
        attlog.parse_csv("name,when\nx,y\n")
    assert error.value.code == attlog.ERR_COLUMNS
    with pytest.raises(attlog.AttlogError) as error:
        attlog.parse_csv("nip,timestamp\n")
    assert error.value.code == attlog.ERR_EMPTY
    with pytest.raises(attlog.AttlogError) as error:
        attlog.parse_csv("nip,timestamp\n" + "105,2026-02-09 07:30\n" * 3, limit=2)
    assert error.value.params == {"count": 3, "limit": 2}


def test_recap():
    table = [
        ["NIP", "Tanggal", "Status", "TL", "PSW"],
        ["105", date(2026, 2, 9), "Hadir", 20.0, None],
        ["105", "10/02/2026", "DL", "", ""],
        ["105", "11/02/2026", "izin", 0, 0],
        ["105", "12/02/2026", "hadir", -5, 0],
    ]
    rows, issues = attlog.parse_recap(table)
    assert rows == [
        (2, "105", date(2026, 2, 9), "present", 20, 0),
        (3, "105", date(2026, 2, 10), "field_duty", 0, 0),
    ]
    assert [i[:2] for i in issues] == [(4, "status"), (5, "minutes")]


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=99999),
            st.datetimes(
                min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)
            ),
            st.sampled_from(["0", "1"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_attlog_round_trip(punches):
    text = "".join(
        f"{user}\t{when.replace(microsecond=0):%Y-%m-%d %H:%M:%S}\t1\t{state}\t0\n"
        for user, when, state in punches
    )
    rows, issues = attlog.parse_attlog(text)
    assert not issues
    assert [(r[1], r[2]) for r in rows] == [
        (str(u), w.replace(microsecond=0)) for u, w, _s in punches
    ]
    assert all(isinstance(r[2].time(), time) for r in rows)
