"""The BKD/SIASN employee list reader (addons/kilap_activity/rules/employee_file.py)."""

import datetime

import pytest
from conftest import load_rule

ef = load_rule("kilap_activity", "employee_file")

MAPPING = {"nip": "nipBaru", "name": "nama", "unit": "unorNama", "birthday": "tglLahir"}
REQUIRED = ("nip", "name", "unit")


def read(text, limit=10, encoding="utf-8"):
    return ef.read_rows(text.encode(encoding), "x.csv", MAPPING, REQUIRED, limit)


def test_comma_semicolon_bom_and_windows_encoding_read_alike():
    rows = [
        read("nipBaru,nama,unorNama\n198505152010011002,Budi,Dinas B\n"),
        read("\ufeffnipBaru;nama;unorNama\r\n198505152010011002;Budi;Dinas B\r\n"),
        read("NIPBARU ; Nama ; unorNama\n198505152010011002;Budi;Dinas B\n"),
    ]
    assert all(
        r == [(2, {"nip": "198505152010011002", "name": "Budi", "unit": "Dinas B"})]
        for r in rows
    )
    cp = read("nipBaru;nama;unorNama\n1;Désiré;X\n", encoding="cp1252")
    assert cp[0][1]["name"] == "Désiré"


@pytest.mark.parametrize(
    "text,limit,code",
    [
        ("", 10, ef.ERR_EMPTY),
        ("nipBaru,nama\n1,a\n", 10, ef.ERR_MISSING_COLUMNS),
        ("nipBaru,nama,unorNama\n", 10, ef.ERR_NO_ROWS),
        ("nipBaru,nama,unorNama\n1.98505E+17,a,b\n", 10, ef.ERR_SCIENTIFIC_NIP),
        ("nipBaru,nama,unorNama,nama\n1,a,b,c\n", 10, ef.ERR_DUPLICATE_HEADER),
        ("nipBaru,nama,unorNama\n1,a,b\n2,a,b\n3,a,b\n", 2, ef.ERR_TOO_MANY_ROWS),
    ],
)
def test_structural_faults(text, limit, code):
    with pytest.raises(ef.FileError) as info:
        read(text, limit)
    assert info.value.code == code


def test_dates_in_three_formats():
    for text in ("15/05/1985", "1985-05-15", "15-05-1985", "1985-05-15 00:00:00"):
        assert ef.parse_date(text) == datetime.date(1985, 5, 15)
    assert ef.parse_date("") is None
    with pytest.raises(ValueError):
        ef.parse_date("05/15/1985")


def test_codes():
    assert ef.kedudukan_key("Aktif") == "active"
    assert ef.kedudukan_key("PPPK Aktif") == "active"
    assert ef.kedudukan_key("CLTN") == "cltn"
    assert ef.kedudukan_key("Masa Persiapan Pensiun") == "mpp"
    assert ef.kedudukan_key("Pensiun") == "retired"
    assert ef.kedudukan_key("Tugas Belajar") == "study"
    assert ef.status_key("PPPK Paruh Waktu") == "pppk_pw"
    assert ef.status_key("CPNS") == "cpns"
    assert ef.status_key("Honorer") is None
    assert ef.sex_key("Wanita") == "female"
    assert ef.jabatan_type_key("Fungsional Umum") == "pelaksana"
    assert ef.jabatan_type_key("JPT Pratama") == "jpt"
    assert ef.clean_nip("'19850515 201001 1 002") == "198505152010011002"
