"""NIP rules of kilap_activity: plain pytest + hypothesis, no Odoo."""

import datetime

from conftest import load_rule
from hypothesis import assume, given
from hypothesis import strategies as st

nip = load_rule("kilap_activity", "nip")

births = st.dates(datetime.date(1950, 1, 1), datetime.date(2005, 12, 31))
gaps = st.integers(min_value=18 * 12, max_value=40 * 12)
genders = st.sampled_from(["1", "2"])
sequences = st.integers(min_value=1, max_value=999)


def make_nip(birth, months_after, gender_digit, seq):
    total = birth.year * 12 + birth.month - 1 + months_after
    tmt_year, tmt_month = divmod(total, 12)
    return f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month + 1:02d}{gender_digit}{seq:03d}"


@given(births, gaps, genders, sequences)
def test_generated_nips_are_valid(birth, gap, gender_digit, seq):
    value = make_nip(birth, gap, gender_digit, seq)
    gender = "male" if gender_digit == "1" else "female"
    assert len(value) == 18
    assert nip.nip_errors(value) == []
    assert nip.nip_errors(value, gender) == []
    assert nip.nip_birth_date(value) == birth


@given(births, gaps, genders, sequences)
def test_gender_mismatch_detected(birth, gap, gender_digit, seq):
    value = make_nip(birth, gap, gender_digit, seq)
    other = "female" if gender_digit == "1" else "male"
    assert nip.nip_errors(value, other) == [nip.ERR_GENDER_MISMATCH]
    # 'other' gender or unknown never conflicts
    assert nip.nip_errors(value, "other") == []


@given(st.text(max_size=30))
def test_wrong_length_or_non_digits(value):
    assume(not (len(value.strip()) == 18 and value.strip().isdigit()))
    assert nip.nip_errors(value) == [nip.ERR_LENGTH]
    assert nip.parse_nip(value) is None


@given(births, gaps, sequences, st.sampled_from("034567890"))
def test_bad_gender_digit(birth, gap, seq, digit):
    value = make_nip(birth, gap, "1", seq)
    value = value[:14] + digit + value[15:]
    assert nip.ERR_GENDER_DIGIT in nip.nip_errors(value)


def test_examples():
    assert nip.nip_errors("199202302017031006") == [nip.ERR_BIRTH_DATE]
    assert nip.nip_errors("199201012017131006") == [nip.ERR_TMT]
    assert nip.nip_errors("199201011990011006") == [nip.ERR_TMT_BEFORE_BIRTH]
    assert nip.nip_errors("199201012017033006") == [nip.ERR_GENDER_DIGIT]
    assert nip.nip_errors(None) == [nip.ERR_LENGTH]
    assert nip.nip_birth_date("bad") is None


# NI PPPK: birth date, year of first appointment as PPPK, a two-digit code that is
# never a month (21 for most PPPK, 24 seen for part-time), gender digit, sequence
PPPK_NI = "199203152022212001"


def test_ni_pppk_valid_for_pppk_only():
    assert nip.nip_errors(PPPK_NI, "female", "pppk") == []
    assert nip.nip_errors(PPPK_NI, "female", "pppk_pw") == []
    assert nip.nip_errors("199203152025242001", None, "pppk_pw") == []  # code 24
    # read as a PNS NIP, digits 13-14 (21) are no month
    assert nip.nip_errors(PPPK_NI, "female", "pns") == [nip.ERR_TMT]
    assert nip.nip_errors(PPPK_NI, "female") == [nip.ERR_TMT]


def test_ni_pppk_rules():
    # year of appointment not after the year of birth
    assert nip.nip_errors("199203151992212001", None, "pppk") == [nip.ERR_PPPK_YEAR]
    assert nip.nip_errors("199203150000212001", None, "pppk") == [nip.ERR_PPPK_YEAR]
    # birth date, gender digit and gender are still checked
    assert nip.nip_errors("199202302022212001", None, "pppk") == [nip.ERR_BIRTH_DATE]
    assert nip.nip_errors("199203152022213001", None, "pppk") == [nip.ERR_GENDER_DIGIT]
    assert nip.nip_errors(PPPK_NI, "male", "pppk") == [nip.ERR_GENDER_MISMATCH]


@given(births, gaps, genders, sequences, st.integers(min_value=0, max_value=99))
def test_generated_ni_pppk_valid_whatever_the_code(birth, gap, gender_digit, seq, code):
    year = birth.year + 18 + gap % 20
    value = f"{birth:%Y%m%d}{year:04d}{code:02d}{gender_digit}{seq:03d}"
    assert nip.nip_errors(value, None, "pppk") == []


def test_asn_statuses_defined_once():
    assert [code for code, _label in nip.ASN_STATUSES] == [
        "pns",
        "cpns",
        "pppk",
        "pppk_pw",
    ]
    assert {"pppk", "pppk_pw"} == nip.PPPK_STATUSES
