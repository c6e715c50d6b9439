"""Bulk rows written straight into the tables, the way the ORM would store them (stored
computed columns included): one multi-row INSERT per few thousand rows.  The generator
and benchmark B3 write their journal entries through ``insert_journal_entries``."""

import datetime

JOURNAL_COLUMNS = (
    "employee_id",
    "company_id",
    "department_id",
    "supervisor_id",
    "penilai_id",
    "duration_minutes",
    "journal_type_id",
    "rhk_id",
    "approver_id",
    "create_uid",
    "write_uid",
    "name",
    "output_uom",
    "state",
    "date",
    "description",
    "reject_reason",
    "active",
    "approved_date",
    "create_date",
    "write_date",
    "time_start",
    "time_end",
    "output_qty",
    "points",
)
JOURNAL_DEFAULTS = {
    "approver_id": None,
    "reject_reason": None,
    "approved_date": None,
    "output_uom": "kegiatan",
    "output_qty": 1.0,
    "points": 0.0,
    "active": True,
}


def now():
    return datetime.datetime.now().replace(microsecond=0)


def bulk_insert(cr, table, columns, rows, page=5000, returning=False):
    """Multi-row INSERT in pages (one statement per ``page`` rows); ids when asked."""
    ids = []
    sql = 'INSERT INTO "%s" (%s) VALUES %%s%s' % (
        table,
        ", ".join('"%s"' % c for c in columns),
        " RETURNING id" if returning else "",
    )
    for start in range(0, len(rows), page):
        chunk = rows[start : start + page]
        res = cr.execute_values(sql, chunk, page_size=len(chunk), fetch=returning)
        if returning:
            ids.extend(r[0] for r in res)
    return ids


def insert_journal_entries(cr, entries, uid):
    """Write journal entries given as dicts (employee, company, department, supervisor,
    penilai, journal type, RHK, date, name, description, state, time_start/time_end and
    optionally the decision fields): the creator, the timestamps and the duration are
    filled in here. Returns the number of entries."""
    stamp = now()
    base = dict(
        JOURNAL_DEFAULTS,
        create_uid=uid,
        write_uid=uid,
        create_date=stamp,
        write_date=stamp,
    )
    rows = []
    for entry in entries:
        values = {**base, **entry}
        minutes = (values["time_end"] - values["time_start"]) * 60
        values["duration_minutes"] = int(round(minutes))
        rows.append(tuple(values[column] for column in JOURNAL_COLUMNS))
    bulk_insert(cr, "kilap_journal_entry", JOURNAL_COLUMNS, rows)
    return len(rows)
