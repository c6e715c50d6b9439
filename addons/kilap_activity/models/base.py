from psycopg2 import sql

from odoo import api, models
from odoo.tools import OrderedSet

# rows per INSERT of _kilap_bulk_create (the ORM's create() sends 100 per query)
BULK_PAGE_SIZE = 5000


class Base(models.AbstractModel):
    """Bulk creation for month-end volumes.

    A regency's month is ~110,000 daily results, 5,000 score and TPP lines and
    20,000 payslip inputs; ``create()`` inserts them 100 rows per query, so the
    close's query count grows with the number of employees.
    """

    _inherit = "base"

    @api.model
    def _kilap_bulk_create(self, vals_list, page_size=BULK_PAGE_SIZE):
        """``create()`` for plain rows, with one INSERT per ``page_size`` rows.

        Same preparation and checks as ``create()``: access rights, field access,
        defaults, precomputed fields, magic columns, company consistency, Python
        constraints, recomputation of the fields that depend on the new rows. For
        plain rows only (a ``ValueError`` otherwise): stored column fields, no
        x2many, translated or company-dependent value, no ``_inherits`` or parent
        store. Overrides of ``create()`` do not run: a model that needs their
        checks overrides this method too. No chatter message is logged (as with
        ``tracking_disable``). Returns the new records, in the order of
        ``vals_list``.
        """
        if not vals_list:
            return self.browse()
        self = self.browse()
        self.check_access("create")
        if self._inherits or self._parent_store:
            raise ValueError(f"{self._name}: bulk creation of plain rows only")
        given = OrderedSet(name for vals in vals_list for name in vals)
        for name in given:
            field = self._fields.get(name)
            if field is None:
                raise ValueError(f"Invalid field {name!r} in {self._name!r}")
            self._check_field_access(field, "write")
        prepared = self._prepare_create_values(vals_list)
        columns, protected = [], set()
        for name in OrderedSet(name for vals in prepared for name in vals):
            if name == "__precomputed__":
                continue
            field = self._fields[name]
            if not field.store:
                if name in given:
                    raise ValueError(f"{self._name}.{name}: not a stored field")
                continue  # a default of a non-stored field
            if (
                not field.column_type
                or field.translate
                or field.company_dependent
                or field.type == "properties"
            ):
                raise ValueError(f"{self._name}.{name}: not a plain column")
            columns.append(field)
            if field.compute:  # given or precomputed: not computed again
                protected.update(self.pool.field_computed.get(field, [field]))
        rows = [
            tuple(
                field.convert_to_column_insert(vals.get(field.name), self, vals)
                if field.name in vals
                else None
                for field in columns
            )
            for vals in prepared
        ]
        query = sql.SQL("INSERT INTO {} ({}) VALUES %s RETURNING id, {}").format(
            sql.Identifier(self._table),
            sql.SQL(", ").join(sql.Identifier(field.name) for field in columns),
            sql.SQL(", ").join(sql.Identifier(field.name) for field in columns),
        )
        inserted = self.env.cr.execute_values(
            query, rows, page_size=page_size, fetch=True
        )
        column_values = zip(*inserted, strict=True)
        records = self.browse(next(column_values))
        # the rows as read back by PostgreSQL, in cache as a fetch() puts them: the
        # checks below and the caller's next reads cost no query
        for field, values in zip(columns, column_values, strict=True):
            field._insert_cache(records, values)
        # one2many caches of the parents (e.g. employee.x_ids) no longer hold
        for field in columns:
            for inverse in self.pool.field_inverses[field]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        with self.env.protecting(protected, records):
            records.modified(self._fields, create=True)  # as create() does
        records._validate_fields(field.name for field in columns)
        if self._check_company_auto:
            records._check_company()
        records.check_access("create")  # the record rules, on the new rows
        return records
