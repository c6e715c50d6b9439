import io
import threading
from contextlib import contextmanager

from odoo import api, models
from odoo.orm import models as orm_models
from odoo.tools import SQL

# rows per INSERT of _kilap_bulk_create (the ORM's create() sends 100 per query)
# and per COPY of _kilap_bulk_insert
BULK_PAGE_SIZE = 5000
ORM_PAGE_SIZE = orm_models.INSERT_BATCH_SIZE

# column types _kilap_bulk_insert writes as COPY text
COPY_TYPES = frozenset(
    (
        "int4",
        "int8",
        "float8",
        "numeric",
        "varchar",
        "text",
        "date",
        "timestamp",
        "bool",
    )
)
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value):
    """A Python value as PostgreSQL's COPY text format writes it."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    return str(value)


_LOCK = threading.Lock()
_running = 0  # bulk creations running in this process (threaded server)


@contextmanager
def _insert_page_size(page_size):
    """Let the ORM's ``_create()`` send ``page_size`` rows per INSERT.

    The only place where KILAP touches an ORM internal. The batch size changes
    how many INSERTs carry the rows, never which rows: a create() of another
    thread that runs meanwhile gets the same records in fewer queries.
    """
    global _running  # noqa: PLW0603 - one counter per process, under the lock
    with _LOCK:
        previous = orm_models.INSERT_BATCH_SIZE
        orm_models.INSERT_BATCH_SIZE = page_size
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            orm_models.INSERT_BATCH_SIZE = previous if _running else ORM_PAGE_SIZE


class Base(models.AbstractModel):
    """Bulk creation for month-end volumes.

    A regency's month is ~110,000 daily results, 5,000 score and TPP lines and
    20,000 payslip inputs; ``create()`` inserts them 100 rows per query, so the
    close's query count grows with the number of employees.
    """

    _inherit = "base"

    @api.model
    def _kilap_bulk_create(self, vals_list, page_size=BULK_PAGE_SIZE):
        """``create()`` with one INSERT per ``page_size`` rows instead of 100.

        It *is* ``create()``: every override of the model runs (its checks cannot
        be forgotten by a new model, and no model overrides this method), with
        access rights, record rules, defaults, constraints and x2many commands.
        Only the chatter is left out (``tracking_disable``): month-end rows are
        computed, not typed. Returns the new records in the order of ``vals_list``.
        """
        if not vals_list:
            return self.browse()
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True)
        with _insert_page_size(page_size):
            return quiet.create(vals_list).with_env(self.env)

    @api.model
    def _kilap_bulk_insert(self, vals_list, page_size=BULK_PAGE_SIZE):
        """Rows computed by the server, written with PostgreSQL's COPY, one per
        ``page_size`` rows, and none of the ORM's per-row work (defaults, cache,
        constraints) nor psycopg2's per-value quoting.

        For rows whose values the server computes from checked sources, never
        typed (the daily attendance results, a draft TPP sheet's lines). Every
        column given must be a plain stored column of a simple type (no computed,
        related, translated, company-dependent, x2many or JSON field): that is
        checked; the stored related fields ``create()`` precomputes are filled.
        Access is the caller's: use it after the caller's own checks, with sudo.
        A model with a frozen month checks the new rows as ``create()`` does
        (kilap.frozen.month.mixin). Returns the new records in the order of
        ``vals_list``.
        """
        if not vals_list:
            return self.browse()
        names = sorted(set().union(*vals_list))
        columns = [self._fields[name] for name in names]
        unfit = [
            field.name
            for field in columns
            if field.column_type is None
            or field.column_type[0] not in COPY_TYPES
            or field.compute
            or field.translate
            or field.company_dependent
            or field.name in (*orm_models.LOG_ACCESS_COLUMNS, "id")
        ]
        if unfit:
            raise ValueError(
                "%s: not plain columns: %s" % (self._name, ", ".join(unfit))
            )
        vals_list, filled = self._kilap_related_values(vals_list, names)
        names += filled
        columns += [self._fields[name] for name in filled]
        self.flush_model()
        cr = self.env.cr
        audit = "\t".join(map(_copy_text, (self.env.uid, cr.now()) * 2))
        copy = SQL(
            "COPY %s (%s) FROM STDIN",
            SQL.identifier(self._table),
            SQL(", ").join(
                SQL.identifier(name)
                for name in ("id", *names, *orm_models.LOG_ACCESS_COLUMNS)
            ),
        ).code
        # the ids of every row in one query, then one COPY per page
        cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                "%s_id_seq" % self._table,
                len(vals_list),
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        for start in range(0, len(vals_list), page_size):
            page = vals_list[start : start + page_size]
            # memoised per page: the memory of a page, not of the whole call
            converters = [self._kilap_copy_converter(field, names) for field in columns]
            text = "".join(
                "%s\t%s\t%s\n"
                % (
                    record_id,
                    "\t".join(
                        convert(vals.get(field.name), vals)
                        for field, convert in zip(columns, converters, strict=True)
                    ),
                    audit,
                )
                for record_id, vals in zip(
                    ids[start : start + page_size], page, strict=True
                )
            )
            cr.copy_expert(copy, io.StringIO(text))
            cr.sql_log_count += 1  # COPY bypasses the cursor's query count
        records = self.browse(ids)
        # the one2many caches of the rows' parents no longer hold every child
        for field in columns:
            inverses = self.pool.field_inverses[field]
            if inverses:
                self.env[field.comodel_name].invalidate_model(
                    [inverse.name for inverse in inverses], flush=False
                )
        # as create() does: the related fields filled are not recomputed, what
        # depends on the written columns is (only computed fields need the
        # protection: a frozenset of every new id per protected field)
        with self.env.protecting([self._fields[name] for name in filled], records):
            records.modified(names, create=True)
        return records

    @api.model
    def _kilap_copy_converter(self, field, names):
        """``(value, row values) -> COPY text`` of one column, as ``create()``
        converts it. Memoised per value: a month's columns repeat few values
        (states, dates, ids, zeros). Not for a monetary field whose currency
        can come from the row's other values."""

        def convert(value, vals):
            return _copy_text(field.convert_to_column_insert(value, self, vals))

        if field.type == "monetary":
            currency = self._fields[field.get_currency_field(self)]
            if currency.name in names or (
                currency.related and currency.related.split(".")[0] in names
            ):
                return convert
        memo = {}

        def memoised(value, vals):
            # a float by its repr: 0.0 and -0.0 are equal keys, not equal texts
            key = (type(value), repr(value) if type(value) is float else value)
            try:
                return memo[key]
            except KeyError:
                text = memo[key] = convert(value, vals)
                return text
            except TypeError:  # an unhashable value
                return convert(value, vals)

        return memoised

    @api.model
    def _kilap_related_values(self, vals_list, names):
        """The values with the stored related fields that ``create()`` precomputes
        (e.g. a line's company from its sheet), read once per distinct record at
        the head of their path, so the new rows are not updated right after.
        Returns the values and the names of the fields added."""
        related = [
            field
            for field in self._fields.values()
            if field.store
            and field.related
            and field.precompute
            and field.related.split(".")[0] in names
            and field.column_type
            and field.column_type[0] in COPY_TYPES
        ]
        if not related:
            return vals_list, []
        # (name, head, {head id: value}) of each field, its path walked once
        # per distinct head record
        filled = []
        for field in related:
            head, *path = field.related.split(".")
            found = {}
            for record in (
                self.env[self._fields[head].comodel_name]
                .sudo()
                .browse({vals.get(head) for vals in vals_list} - {None, False})
            ):
                value = record
                for name in path:
                    value = value[name]
                found[record.id] = field.convert_to_write(value, self)
            filled.append((field.name, head, found))
        vals_list = [
            {
                **vals,
                **{
                    name: found.get(vals.get(head), False)
                    for name, head, found in filled
                },
            }
            for vals in vals_list
        ]
        return vals_list, [field.name for field in related]
