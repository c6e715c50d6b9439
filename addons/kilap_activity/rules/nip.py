"""NIP (Nomor Induk Pegawai) and NI PPPK validation, pure Python.

An 18-digit NIP of a PNS/CPNS embeds the birth date (YYYYMMDD), the TMT CPNS month
(YYYYMM), a gender digit (1 male, 2 female) and a 3-digit sequence. The Nomor Induk
of a PPPK has the same length and the same birth date, gender and sequence, but
digits 9-12 are the year of first appointment as PPPK and digits 13-14 a code that
is never a month (docs/domain.md, "Employee identity"). The ORM layer turns the
error codes returned here into translated messages, so this module stays free of Odoo.
"""

import datetime

NIP_LENGTH = 18

ERR_LENGTH = "length"
ERR_BIRTH_DATE = "birth_date"
ERR_TMT = "tmt"
ERR_GENDER_DIGIT = "gender_digit"
ERR_GENDER_MISMATCH = "gender_mismatch"
ERR_TMT_BEFORE_BIRTH = "tmt_before_birth"
ERR_PPPK_YEAR = "pppk_year"

GENDER_DIGITS = {"1": "male", "2": "female"}

# ASN status: the one list (employee, public profile, TPP line)
ASN_STATUSES = [
    ("pns", "PNS"),
    ("cpns", "CPNS"),
    ("pppk", "PPPK"),
    ("pppk_pw", "PPPK Part-time"),
]
# statuses identified by a Nomor Induk PPPK rather than a NIP
PPPK_STATUSES = frozenset(("pppk", "pppk_pw"))


def parse_nip(nip):
    """Split a NIP into its parts; return None if it is not 18 digits."""
    nip = (nip or "").strip()
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return None
    return {
        "birth": nip[0:8],
        "tmt": nip[8:14],
        "gender": nip[14],
        "sequence": nip[15:18],
    }


def nip_errors(nip, gender=None, status=None):
    """Return the list of error codes for ``nip`` (empty when it is valid).

    ``gender`` is Odoo's employee gender ('male', 'female', 'other' or None);
    it is only compared when it is male or female. ``status`` is the ASN status:
    a PPPK's number carries the year of appointment and a free two-digit code
    where a PNS's carries the TMT CPNS month.
    """
    parts = parse_nip(nip)
    if parts is None:
        return [ERR_LENGTH]
    errors = []
    birth = None
    try:
        birth = datetime.datetime.strptime(parts["birth"], "%Y%m%d").date()
    except ValueError:
        errors.append(ERR_BIRTH_DATE)
    if status in PPPK_STATUSES:
        year = int(parts["tmt"][:4])
        if year < 1900 or (birth and year <= birth.year):
            errors.append(ERR_PPPK_YEAR)
    else:
        tmt = None
        try:
            tmt = datetime.datetime.strptime(parts["tmt"] + "01", "%Y%m%d").date()
        except ValueError:
            errors.append(ERR_TMT)
        if birth and tmt and tmt <= birth:
            errors.append(ERR_TMT_BEFORE_BIRTH)
    digit_gender = GENDER_DIGITS.get(parts["gender"])
    if not digit_gender:
        errors.append(ERR_GENDER_DIGIT)
    elif gender in ("male", "female") and gender != digit_gender:
        errors.append(ERR_GENDER_MISMATCH)
    return errors


def nip_birth_date(nip):
    """Birth date embedded in a valid NIP, else None."""
    parts = parse_nip(nip)
    if not parts:
        return None
    try:
        return datetime.datetime.strptime(parts["birth"], "%Y%m%d").date()
    except ValueError:
        return None
