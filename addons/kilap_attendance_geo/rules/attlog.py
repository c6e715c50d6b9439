"""Parsers of fingerprint-terminal attendance logs, pure Python (no Odoo).

Three inputs give the same rows ``(line, user_code, local_time, state)``:

* a ZKTeco ``*_attlog.dat`` USB export, tab separated:
  ``user_id  YYYY-MM-DD HH:MM:SS  verify  state  workcode ...``;
* an ADMS push ``ATTLOG`` body, tab separated:
  ``PIN  YYYY-MM-DD HH:MM:SS  state  verify  workcode ...``;
* the KILAP CSV/XLSX template: a header row with a user column (``user_id``,
  ``pin`` or ``nip``), a time (``timestamp``, or ``date`` and ``time``) and an
  optional ``state`` column.

``local_time`` is a naive datetime in the terminal's time zone. A structural
problem raises :class:`AttlogError` (the whole file is refused); a bad row is
returned in the issue list and skipped.
"""

import csv
import io
import re
from datetime import date, datetime, time

# structural errors: the whole file is refused
ERR_ENCODING = "encoding"
ERR_EMPTY = "empty"
ERR_COLUMNS = "columns"
ERR_TOO_MANY = "too_many"
ERR_SCIENTIFIC = "scientific"
ERR_FORMAT = "format"
# row issues: the row is reported and skipped
ROW_DATE = "date"
ROW_USER = "user"

DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
)
USER_COLUMNS = ("user_id", "pin", "nip", "userid", "user id", "id")
TIME_COLUMNS = ("timestamp", "datetime", "waktu", "date_time", "checktime")
DATE_COLUMNS = ("date", "tanggal")
HOUR_COLUMNS = ("time", "jam")
STATE_COLUMNS = ("state", "status", "in_out", "inout")
SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
USER_CODE = re.compile(r"^[0-9A-Za-z_-]{1,24}$")
STATES = {"0": "in", "1": "out", "in": "in", "out": "out", "masuk": "in"}
STATES.update({"pulang": "out", "i": "in", "o": "out", "4": "in", "5": "out"})
DEFAULT_LIMIT = 100_000


class AttlogError(ValueError):
    """A structural problem: ``code`` and the ``params`` of its message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def decode(data):
    """Text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252 (Excel's CSV on Windows). Binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise AttlogError(ERR_ENCODING) from None
    if b"\x00" in data:
        raise AttlogError(ERR_ENCODING)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise AttlogError(ERR_ENCODING)
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise AttlogError(ERR_ENCODING)
    return text


def parse_time(value):
    """A naive datetime from a cell (datetime, or text in one of three formats:
    ``2025-01-31 07:25[:00]``, ``31/01/2025 07:25`` or ``31-01-2025 07:25``)."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if not isinstance(value, str):
        return None
    value = " ".join(value.strip().replace("T", " ").split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def user_code(value):
    """The device user id / NIP of a cell as text; ``None`` when malformed.

    Raises ``ERR_SCIENTIFIC`` for ``1.99E+17``: a spreadsheet turned the NIP into
    a number and lost its digits, so the whole file is refused.
    """
    if isinstance(value, float):
        if value != int(value) or value >= 1e15:
            raise AttlogError(ERR_SCIENTIFIC, value=repr(value))
        value = str(int(value))
    elif isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip().lstrip("'")
    if SCIENTIFIC.match(value):
        raise AttlogError(ERR_SCIENTIFIC, value=value)
    return value if USER_CODE.match(value) else None


def _check_count(count, limit):
    if not count:
        raise AttlogError(ERR_EMPTY)
    if count > limit:
        raise AttlogError(ERR_TOO_MANY, count=count, limit=limit)


def parse_attlog(text, limit=DEFAULT_LIMIT, push=False):
    """Rows and issues of a ZKTeco attlog (USB ``.dat`` or ADMS push body).

    The USB export carries the punch state in the fourth column, the push body in
    the third.
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    _check_count(len(lines), limit)
    rows, issues = [], []
    state_col = 2 if push else 3
    for number, line in lines:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2:
            cells = line.split()
            cells = [cells[0], " ".join(cells[1:3])] + cells[3:] if cells else []
        if len(cells) < 2:
            if number == lines[0][0]:
                raise AttlogError(ERR_FORMAT, line=number)
            issues.append((number, ROW_DATE, line.strip()[:40]))
            continue
        code = user_code(cells[0])
        when = parse_time(cells[1])
        if when is None and number == lines[0][0] and code is None:
            raise AttlogError(ERR_FORMAT, line=number)
        if code is None:
            issues.append((number, ROW_USER, cells[0][:40]))
            continue
        if when is None:
            issues.append((number, ROW_DATE, cells[1][:40]))
            continue
        state = cells[state_col] if len(cells) > state_col else ""
        rows.append((number, code, when, STATES.get(state.lower(), False)))
    return rows, issues


def _header_index(header):
    names = [str(h or "").strip().lower().lstrip("\ufeff") for h in header]

    def find(candidates):
        for candidate in candidates:
            if candidate in names:
                return names.index(candidate)
        return None

    index = {
        "user": find(USER_COLUMNS),
        "timestamp": find(TIME_COLUMNS),
        "date": find(DATE_COLUMNS),
        "time": find(HOUR_COLUMNS),
        "state": find(STATE_COLUMNS),
    }
    missing = []
    if index["user"] is None:
        missing.append("user_id / nip")
    if index["timestamp"] is None and (index["date"] is None or index["time"] is None):
        missing.append("timestamp")
    if missing:
        raise AttlogError(ERR_COLUMNS, columns=", ".join(missing))
    return index


def _cell_time(cells, index):
    def cell(key):
        i = index[key]
        return cells[i] if i is not None and i < len(cells) else None

    if index["timestamp"] is not None and cell("timestamp") not in (None, ""):
        return parse_time(cell("timestamp"))
    day, hour = cell("date"), cell("time")
    if isinstance(day, datetime):
        day = day.date()
    if isinstance(day, date) and isinstance(hour, time):
        return datetime.combine(day, hour).replace(microsecond=0)
    if isinstance(day, date):
        day = day.strftime("%Y-%m-%d")
    if isinstance(hour, time):
        hour = hour.strftime("%H:%M:%S")
    if isinstance(day, str) and isinstance(hour, str):
        return parse_time(f"{day} {hour}")
    return None


def parse_table(table, limit=DEFAULT_LIMIT):
    """Rows and issues of a header + rows table (CSV or XLSX cells)."""
    table = [r for r in table if any(c not in (None, "") for c in r)]
    if not table:
        raise AttlogError(ERR_EMPTY)
    index = _header_index(table[0])
    body = table[1:]
    _check_count(len(body), limit)
    rows, issues = [], []
    for number, cells in enumerate(body, 2):
        raw_user = cells[index["user"]] if index["user"] < len(cells) else None
        code = user_code(raw_user)
        if code is None:
            issues.append((number, ROW_USER, str(raw_user or "")[:40]))
            continue
        when = _cell_time(cells, index)
        if when is None:
            raw = cells[index["timestamp"] or index["date"] or 0]
            issues.append((number, ROW_DATE, str(raw or "")[:40]))
            continue
        state = ""
        if index["state"] is not None and index["state"] < len(cells):
            state = str(cells[index["state"]] or "").strip().lower()
        rows.append((number, code, when, STATES.get(state, False)))
    return rows, issues


def parse_csv(text, limit=DEFAULT_LIMIT):
    """The CSV template; comma, semicolon (Excel in Indonesian) or tab."""
    sample = text[:4096]
    first = sample.splitlines()[0] if sample.strip() else ""
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return parse_table(list(reader), limit=limit)


def looks_like_attlog(text):
    """A ZKTeco attlog has no header: its first line starts with a user id and a
    ``YYYY-MM-DD HH:MM:SS`` time separated by a tab."""
    for line in text.splitlines():
        if line.strip():
            cells = [c.strip() for c in line.split("\t")]
            return len(cells) >= 2 and parse_time(cells[1]) is not None
    return False


def parse_adms_body(text):
    """Punch rows of an ADMS ``ATTLOG`` push; an empty body gives no rows."""
    if not text.strip():
        return [], []
    return parse_attlog(text, limit=DEFAULT_LIMIT, push=True)


# ---------------------------------------------------------------- monthly recap
RECAP_STATUSES = {
    "present": "present",
    "hadir": "present",
    "h": "present",
    "absent": "absent",
    "tk": "absent",
    "alpa": "absent",
    "leave": "leave",
    "cuti": "leave",
    "c": "leave",
    "sick": "sick",
    "sakit": "sick",
    "s": "sick",
    "field_duty": "field_duty",
    "dl": "field_duty",
    "dinas luar": "field_duty",
    "training": "training",
    "diklat": "training",
    "holiday": "holiday",
    "libur": "holiday",
}
ROW_STATUS = "status"
ROW_MINUTES = "minutes"
RECAP_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(value):
    """A date from a cell: a date, or text in the three formats of parse_time."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    for fmt in RECAP_DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _minutes(value):
    if value in (None, ""):
        return 0
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1440:
        return value
    return None


def parse_recap(table, limit=DEFAULT_LIMIT):
    """Rows ``(line, nip, date, status, late, early)`` and issues of a monthly
    recap: columns nip, date, status and optionally late_minutes, early_minutes.
    """
    table = [list(r) for r in table if any(c not in (None, "") for c in r)]
    if not table:
        raise AttlogError(ERR_EMPTY)
    names = [str(h or "").strip().lower().lstrip("\ufeff") for h in table[0]]

    def find(*candidates):
        return next((names.index(c) for c in candidates if c in names), None)

    index = {
        "nip": find("nip", "user_id"),
        "date": find("date", "tanggal"),
        "status": find("status", "keterangan"),
        "late": find("late_minutes", "terlambat", "tl"),
        "early": find("early_minutes", "pulang_cepat", "psw"),
    }
    missing = [k for k in ("nip", "date", "status") if index[k] is None]
    if missing:
        raise AttlogError(ERR_COLUMNS, columns=", ".join(missing))
    body = table[1:]
    _check_count(len(body), limit)
    rows, issues = [], []
    for number, cells in enumerate(body, 2):
        cells = cells + [None] * (len(names) - len(cells))
        nip = user_code(cells[index["nip"]])
        if nip is None:
            issues.append((number, ROW_USER, str(cells[index["nip"]] or "")[:40]))
            continue
        day = parse_date(cells[index["date"]])
        if day is None:
            issues.append((number, ROW_DATE, str(cells[index["date"]] or "")[:40]))
            continue
        raw_status = str(cells[index["status"]] or "").strip().lower()
        status = RECAP_STATUSES.get(raw_status)
        if status is None:
            issues.append((number, ROW_STATUS, raw_status[:40]))
            continue
        late = _minutes(cells[index["late"]]) if index["late"] is not None else 0
        early = _minutes(cells[index["early"]]) if index["early"] is not None else 0
        if late is None or early is None:
            issues.append((number, ROW_MINUTES, ""))
            continue
        rows.append((number, nip, day, status, late, early))
    return rows, issues
