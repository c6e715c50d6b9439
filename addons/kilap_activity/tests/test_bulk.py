from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KilapActivityCase


class BulkCase(KilapActivityCase):
    """Action plans of one RHK, the rows both bulk methods write in the tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        skp = cls.env["kilap.skp"].create(
            {
                "employee_id": cls.emp_pegawai.id,
                "year": cls.today.year,
                "rhk_ids": [fields.Command.create({"name": "Terkelolanya data"})],
            }
        )
        cls.rhk = skp.rhk_ids
        cls.Action = cls.env["kilap.skp.action"]

    def vals(self, months):
        return [
            {"rhk_id": self.rhk.id, "name": f"Aksi {m}", "month": m} for m in months
        ]


@tagged("post_install", "-at_install")
class TestBulkCreate(BulkCase):
    """``_kilap_bulk_create``: the rows of ``create()``, in a few INSERTs."""

    def test_same_rows_as_create(self):
        bulk = self.Action._kilap_bulk_create(self.vals(range(1, 7)))
        orm = self.Action.create(self.vals(range(7, 13)))
        self.assertEqual(bulk.mapped("month"), [1, 2, 3, 4, 5, 6])  # vals order
        self.assertEqual(len(bulk), 6)
        self.env.invalidate_all()
        for records in (bulk, orm):
            # defaults, stored related fields and magic columns as create() sets them
            self.assertEqual(set(records.mapped("target_qty")), {1.0})
            self.assertEqual(records.employee_id, self.emp_pegawai)
            self.assertEqual(records.company_id, self.company)
            self.assertEqual(records.create_uid, self.env.user)
            self.assertTrue(all(records.mapped("create_date")))
        # the parent's one2many sees the new rows
        self.assertEqual(self.rhk.action_ids, bulk | orm)

    def test_rows_in_cache(self):
        records = self.Action._kilap_bulk_create(self.vals([3, 4]))
        with self.assertQueryCount(0):
            self.assertEqual(records.mapped("name"), ["Aksi 3", "Aksi 4"])
            self.assertEqual(records.mapped("rhk_id"), self.rhk)

    def test_one_insert_per_page(self):
        def queries(page_size):
            before = self.env.cr.sql_log_count
            self.Action._kilap_bulk_create(self.vals(range(1, 13)), page_size=page_size)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries(12)  # warm the caches (defaults, ir.model)
        one_page = queries(12)
        self.assertEqual(queries(5) - one_page, 2)  # 12 rows: 3 INSERTs, not 1
        self.assertEqual(queries(12), one_page)

    def test_constraint_checked(self):
        before = self.Action.search_count([])
        with self.assertRaisesRegex(ValidationError, "must be 1 to 12"):
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                self.Action._kilap_bulk_create(self.vals([5, 13]))
        self.assertEqual(self.Action.search_count([]), before)

    def test_record_rules_checked(self):
        """A pegawai creates action plans for their own RHK only, in bulk too."""
        other = self.env["kilap.skp"].create(
            {
                "employee_id": self.emp_pegawai2.id,
                "year": self.today.year,
                "rhk_ids": [fields.Command.create({"name": "RHK rekan"})],
            }
        )
        Action = self.Action.with_user(self.user_pegawai)
        before = self.Action.search_count([])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Action._kilap_bulk_create(
                self.vals([1]) + [{"rhk_id": other.rhk_ids.id, "name": "X", "month": 2}]
            )
        self.assertEqual(self.Action.search_count([]), before)
        own = Action._kilap_bulk_create(self.vals([1, 2]))
        self.assertEqual(own.employee_id, self.emp_pegawai)

    def test_access_and_create_overrides(self):
        """It is create(): rights, unknown fields and the model's own create()
        checks (here: an SKP action may only be added while its SKP is draft)."""
        with self.assertRaises(AccessError):
            self.env["res.groups"].with_user(self.user_pegawai)._kilap_bulk_create(
                [{"name": "Groep"}]
            )
        with self.assertRaisesRegex(ValueError, "Invalid field"):
            self.Action._kilap_bulk_create([{"nope": 1}])
        self.assertEqual(self.Action._kilap_bulk_create([]), self.Action.browse())
        rhks = self.env["kilap.skp.rhk"]._kilap_bulk_create(
            [
                {
                    "name": "RHK baru",
                    "skp_id": self.rhk.skp_id.id,
                    "action_ids": [fields.Command.create({"name": "A", "month": 4})],
                }
            ]
        )
        self.assertEqual(rhks.action_ids.month, 4)  # x2many commands work too
        skp = self.rhk.skp_id.with_user(self.user_pegawai)
        skp.action_submit()
        with self.assertRaisesRegex(UserError, "use Revise"):
            self.env["kilap.skp.rhk"].with_user(self.user_pegawai)._kilap_bulk_create(
                [{"name": "RHK terlambat", "skp_id": skp.id}]
            )
        self.assertEqual(skp.rhk_ids, self.rhk | rhks)

    def test_page_size_restored(self):
        """The ORM's INSERT batch size is back to 100 after the call, even on error."""
        from odoo.orm import models as orm_models

        with self.assertRaises(ValidationError):
            self.Action._kilap_bulk_create(self.vals([13]))
        self.Action._kilap_bulk_create(self.vals([1]))
        self.assertEqual(orm_models.INSERT_BATCH_SIZE, 100)


@tagged("post_install", "-at_install")
class TestBulkInsert(BulkCase):
    """``_kilap_bulk_insert``: computed rows, plain columns, one COPY per page."""

    def test_insert_rows(self):
        vals = [
            {"rhk_id": self.rhk.id, "name": f"Aksi {m}", "month": m, "target_qty": 2.0}
            for m in (2, 1, 3)
        ]
        # what COPY's text format must escape, and a value left out
        vals[0]["name"] = "Tab\there \\N back\\slash\nnew line"
        vals[1]["unit"] = None
        records = self.Action._kilap_bulk_insert(vals)
        self.assertEqual(records.mapped("month"), [2, 1, 3])  # vals order
        self.env.invalidate_all()
        self.assertEqual(records[0].name, "Tab\there \\N back\\slash\nnew line")
        self.assertFalse(records[1].unit)
        self.assertEqual(set(records.mapped("target_qty")), {2.0})
        self.assertEqual(records.create_uid, self.env.user)
        self.assertTrue(all(records.mapped("create_date")))
        # stored fields computed from the inserted columns are computed as usual
        self.assertEqual(records.employee_id, self.emp_pegawai)
        self.assertEqual(records.company_id, self.company)
        self.assertEqual(self.rhk.action_ids, records)
        self.assertEqual(self.Action._kilap_bulk_insert([]), self.Action.browse())

    def test_parent_sees_new_rows(self):
        """A parent whose children were read before sees the inserted ones too
        (the one2many cache is not left stale)."""
        before = self.rhk.action_ids
        records = self.Action._kilap_bulk_insert(self.vals([4, 5]))
        self.assertEqual(self.rhk.action_ids, before | records)

    def test_repeated_values(self):
        """Values converted once and reused: equal values of other types, and
        0.0 and -0.0, keep their own text."""
        vals = self.vals([1, 2, 3, 4])
        for row, qty in zip(vals, (1, 1.0, 0.0, -0.0), strict=True):
            row["target_qty"] = qty
        records = self.Action._kilap_bulk_insert(vals)
        self.env.invalidate_all()
        self.assertEqual(records.mapped("target_qty"), [1.0, 1.0, 0.0, 0.0])
        self.assertEqual(records.mapped("month"), [1, 2, 3, 4])

    def test_one_insert_per_page(self):
        self.Action._kilap_bulk_insert(self.vals([1]))  # warm the caches
        self.env.flush_all()

        def queries(page_size):
            before = self.env.cr.sql_log_count
            self.Action._kilap_bulk_insert(self.vals(range(1, 13)), page_size)
            self.env.flush_all()  # the stored related fields of the new rows
            return self.env.cr.sql_log_count - before

        # 12 rows: 3 COPYs, not 1 (the ids: one query either way)
        self.assertEqual(queries(5) - queries(12), 2)

    def test_only_plain_columns(self):
        """A computed or related column is refused before anything is written."""
        before = self.Action.search_count([])
        for field in ("employee_id", "display_name", "id", "create_uid"):
            with self.assertRaisesRegex(ValueError, field):
                self.Action._kilap_bulk_insert([{**self.vals([1])[0], field: 1}])
        self.assertEqual(self.Action.search_count([]), before)
