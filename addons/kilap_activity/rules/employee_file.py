"""Reading the BKD/SIASN employee list (CSV or XLSX), pure Python.

The file is read whole before anything is compared: a structural fault (merged
header cells, a missing required column, no rows, too many rows, a NIP that a
spreadsheet turned into scientific notation) refuses the whole file, so a half-
read list never reaches the database. Errors are raised as ``FileError`` with a
code and parameters; the ORM layer turns them into translated messages.
"""

import csv
import datetime
import io
import re

ERR_EMPTY = "empty"
ERR_ENCODING = "encoding"
ERR_XLSX = "xlsx"
ERR_MERGED_HEADER = "merged_header"
ERR_MISSING_COLUMNS = "missing_columns"
ERR_NO_ROWS = "no_rows"
ERR_TOO_MANY_ROWS = "too_many_rows"
ERR_SCIENTIFIC_NIP = "scientific_nip"
ERR_DUPLICATE_HEADER = "duplicate_header"

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
_SCIENTIFIC = re.compile(r"^\s*\d+([.,]\d+)?[eE][+-]?\d+\s*$")


class FileError(Exception):
    """A fault in the file's structure: nothing of it may be imported."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _cell(value):
    """A spreadsheet cell as text: dates as ISO, whole numbers without '.0',
    other floats as Python writes them (so 1.99e+17 stays recognisable)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def _read_xlsx(content):
    import openpyxl  # in Odoo's requirements

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook
        raise FileError(ERR_XLSX, error=str(exc)) from exc
    sheet = book.worksheets[0]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= 1:
            raise FileError(ERR_MERGED_HEADER, cells=str(merged))
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return rows


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(ERR_ENCODING)


def _read_csv(content):
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t", "|"), key=first.count)
    return [
        [cell.strip() for cell in row]
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def read_rows(content, filename, mapping, required, limit):
    """``[(row number, {key: text})]`` of the file.

    ``mapping`` is ``{key: column header}`` (headers compared without case or
    surrounding spaces), ``required`` the keys whose column must be present,
    ``limit`` the most data rows accepted. Blank rows are skipped.
    """
    if not content:
        raise FileError(ERR_EMPTY)
    is_xlsx = content[:2] == b"PK" or (filename or "").lower().endswith(".xlsx")
    rows = _read_xlsx(content) if is_xlsx else _read_csv(content)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise FileError(ERR_EMPTY)
    header = [h.strip().lower() for h in rows[0]]
    seen = set()
    for name in header:
        if name and name in seen:
            raise FileError(ERR_DUPLICATE_HEADER, column=name)
        seen.add(name)
    positions = {}
    for key, column in mapping.items():
        column = (column or "").strip().lower()
        if column and column in header:
            positions[key] = header.index(column)
    missing = [mapping.get(k) or k for k in required if k not in positions]
    if missing:
        raise FileError(ERR_MISSING_COLUMNS, columns=", ".join(missing))
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell for cell in row):
            continue
        values = {
            key: (row[pos] if pos < len(row) else "") for key, pos in positions.items()
        }
        if _SCIENTIFIC.match(values.get("nip", "")):
            raise FileError(ERR_SCIENTIFIC_NIP, row=number, value=values["nip"])
        result.append((number, values))
        if len(result) > limit:
            raise FileError(ERR_TOO_MANY_ROWS, limit=limit)
    if not result:
        raise FileError(ERR_NO_ROWS)
    return result


def parse_date(text):
    """A date written dd/mm/yyyy, yyyy-mm-dd or dd-mm-yyyy; None if blank;
    ValueError if it is none of them."""
    text = (text or "").strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def clean_nip(text):
    """The NIP as digits: spaces (``19800101 200501 1 001``) and a leading
    apostrophe (Excel's text marker) removed."""
    return re.sub(r"[\s']", "", text or "")


# Kedudukan hukum (SIASN ``kedudukanPnsNama``): the one list
KEDUDUKAN = [
    ("active", "Active"),
    ("study", "Study Leave (Tugas Belajar)"),
    ("cltn", "Unpaid Leave (CLTN)"),
    ("suspended", "Temporarily Dismissed"),
    ("mpp", "Pre-retirement (MPP)"),
    ("retired", "Retired"),
    ("dismissed", "Dismissed"),
    ("deceased", "Deceased"),
    ("other", "Other"),
]
# kedudukan of an employee who works and is imported; the others are refused
ACTIVE_KEDUDUKAN = frozenset(("active", "study"))
_KEDUDUKAN_WORDS = [
    ("cltn", ("cltn", "luar tanggungan")),
    ("study", ("tugas belajar",)),
    ("suspended", ("sementara",)),
    ("mpp", ("mpp", "persiapan pensiun")),
    ("retired", ("pensiun",)),
    ("deceased", ("wafat", "meninggal")),
    ("dismissed", ("berhenti", "pemberhentian")),
    ("active", ("aktif",)),
]


def kedudukan_key(text):
    """The KEDUDUKAN key of a SIASN name ("Aktif", "PPPK Aktif", "CLTN",
    "Masa Persiapan Pensiun"...); "active" when blank, "other" when unknown."""
    text = (text or "").strip().lower()
    if not text:
        return "active"
    for key, words in _KEDUDUKAN_WORDS:
        if any(word in text for word in words):
            return key
    return "other"


def status_key(text):
    """The ASN status of SIASN's ``statusPegawai``/``jenisPegawaiNama``, None
    when unknown."""
    text = (text or "").strip().lower().replace("_", " ")
    if "pppk" in text or "p3k" in text:
        return "pppk_pw" if "paruh" in text or "part" in text else "pppk"
    if text == "cpns":
        return "cpns"
    if text == "pns":
        return "pns"
    return None


def sex_key(text):
    """Odoo's sex of SIASN's ``jenisKelamin`` (M/F, L/P, Pria/Wanita)."""
    text = (text or "").strip().lower()
    if text in ("m", "l", "1", "pria", "laki-laki", "male"):
        return "male"
    if text in ("f", "p", "2", "wanita", "perempuan", "female"):
        return "female"
    return None


def jabatan_type_key(text):
    """Position type of SIASN's ``jenisJabatan`` name, None when unknown."""
    text = (text or "").strip().lower()
    for key, words in (
        ("jpt", ("jpt", "pimpinan tinggi")),
        ("administrator", ("administrator",)),
        ("pengawas", ("pengawas",)),
        ("pelaksana", ("pelaksana", "fungsional umum")),
        ("fungsional", ("fungsional",)),
    ):
        if any(word in text for word in words):
            return key
    return None
