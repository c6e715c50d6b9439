"""Employee list import (SIASN / BKD): dry run, confirm, re-import, refused rows,
refused files, reconciliation, background apply and user accounts.

The files under tests/data/siasn_*.csv|xlsx are synthetic: made-up people with
NIPs valid under rules/nip.py, laid out with SIASN's data-utama column names.
"""

import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import kilap_employee_import as import_module
from .common import KilapActivityCase, KilapRpcCase, data_file, pdf_text, run_kilap_jobs

NEW_NIP = "198505152010011002"
PPPK_NIP = "199203102023212001"


class EmployeeImportMixin:
    def new_import(self, filename, user=None, **vals):
        content = data_file(filename) if filename else b""
        return (
            self.env["kilap.employee.import"]
            .with_user(user or self.user_bkpsdm)
            .create(
                {
                    "data": base64.b64encode(content),
                    "filename": filename,
                    **vals,
                }
            )
        )

    def counts(self, batch):
        return {
            "new": batch.count_new,
            "changed": batch.count_changed,
            "unchanged": batch.count_unchanged,
            "missing": batch.count_missing,
            "refused": batch.count_refused,
        }


@tagged("post_install", "-at_install")
class TestEmployeeImport(EmployeeImportMixin, KilapActivityCase):
    def employee_count(self):
        return (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search_count([("company_id", "=", self.company.id)])
        )

    def by_nip(self, nip):
        return self.env["hr.employee"].search(
            [("nip", "=", nip), ("company_id", "=", self.company.id)]
        )

    # ------------------------------------------------------------ dry run
    def test_dry_run_writes_nothing(self):
        before = self.employee_count()
        snapshot = self.emp_pegawai.read(["name", "golongan_id", "asn_status"])
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        self.assertEqual(batch.state, "checked")
        # 4 rows: 2 new, 2 changed; the 7 other test employees are not in the file
        self.assertEqual(
            self.counts(batch),
            {"new": 2, "changed": 2, "unchanged": 0, "missing": 7, "refused": 0},
        )
        self.assertEqual(self.employee_count(), before)
        self.emp_pegawai.invalidate_recordset()
        self.assertEqual(
            self.emp_pegawai.read(["name", "golongan_id", "asn_status"]), snapshot
        )
        changed = batch.line_ids.filtered(lambda line: line.nip == self.emp_pegawai.nip)
        self.assertEqual(changed.state, "changed")
        self.assertIn("Golongan:  → III/a", changed.changes)
        self.assertIn("Pegawai A1 → Pegawai A1, S.Kom", changed.changes)
        missing = batch.line_ids.filtered(lambda line: line.state == "missing")
        self.assertIn(self.emp_staff_b, missing.employee_id)
        self.assertIn("2 new, 2 changed", batch.summary)

    def test_confirm_writes(self):
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        batch.action_confirm()
        self.assertEqual(batch.state, "done")
        budi = self.by_nip(NEW_NIP)
        self.assertEqual(budi.name, "Dr. Budi Santoso, M.Si")
        self.assertEqual(budi.kilap_siasn_id, "8ae4828800000000e040640a04000002")
        self.assertEqual(budi.department_id, self.opd_b)
        self.assertEqual(budi.golongan_id.code, "IV/a")
        self.assertEqual(str(budi.birthday), "1985-05-15")
        self.assertEqual(str(budi.kilap_tmt_golongan), "2020-04-01")
        self.assertEqual(budi.jabatan_type, "administrator")
        self.assertEqual(budi.kelas_jabatan, 11)
        self.assertEqual(budi.place_of_birth, "Kwandang")
        rina = self.by_nip(PPPK_NIP)
        self.assertEqual(rina.asn_status, "pppk")
        self.assertEqual(rina.golongan_id.kind, "pppk")
        self.assertEqual(rina.department_id, self.unit_a1)
        self.assertEqual(str(rina.birthday), "1992-03-10")  # dd-mm-yyyy
        self.emp_pegawai.invalidate_recordset()
        self.assertEqual(self.emp_pegawai.golongan_id.code, "III/a")
        self.assertEqual(self.emp_pegawai.kilap_kedudukan, "active")
        self.assertEqual(str(self.emp_pegawai.kilap_tmt_golongan), "2019-03-01")
        # employees missing from the file are listed, never archived or deleted
        self.assertTrue(self.emp_staff_b.active)

    def test_reimport_changes_nothing(self):
        first = self.new_import("siasn_valid.csv")
        first.action_dry_run()
        first.action_confirm()
        before = self.employee_count()
        again = self.new_import("siasn_valid.csv")
        again.action_dry_run()
        self.assertEqual(
            self.counts(again),
            {"new": 0, "changed": 0, "unchanged": 4, "missing": 7, "refused": 0},
        )
        self.assertIn("Nothing to change", again.summary)
        with self.assertRaisesRegex(UserError, "Nothing to import"):
            again.action_confirm()
        self.assertEqual(self.employee_count(), before)

    def test_archived_employee_in_file_is_reactivated(self):
        self.emp_head.action_archive()
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        line = batch.line_ids.filtered(lambda line: line.nip == self.emp_head.nip)
        self.assertEqual(line.employee_id, self.emp_head)
        self.assertIn("Archived → active again", line.changes)
        batch.action_confirm()
        self.assertTrue(self.emp_head.active)

    def test_semicolon_bom_and_xlsx_read_alike(self):
        for filename in ("siasn_semicolon_bom.csv", "siasn_valid.xlsx"):
            with self.subTest(filename=filename):
                batch = self.new_import(filename)
                batch.action_dry_run()
                self.assertEqual(
                    self.counts(batch),
                    {
                        "new": 2,
                        "changed": 2,
                        "unchanged": 0,
                        "missing": 7,
                        "refused": 0,
                    },
                )
                budi = batch.line_ids.filtered(lambda line: line.nip == NEW_NIP)
                self.assertEqual(budi.name, "Dr. Budi Santoso, M.Si")
                self.assertEqual(budi.vals["birthday"], "1985-05-15")

    def test_windows_encoding_accepted(self):
        batch = self.new_import("siasn_cp1252.csv")
        batch.action_dry_run()
        line = batch.line_ids.filtered(lambda line: line.state == "new")
        self.assertEqual(line.name, "Dr. Budi Santoso Désiré, M.Si")

    # ------------------------------------------------------------ refused rows
    def test_refused_rows_never_written(self):
        batch = self.new_import("siasn_refused.csv")
        batch.action_dry_run()
        self.assertEqual(batch.count_refused, 7)
        self.assertEqual(batch.count_new, 1)
        reasons = {
            line.name: line.reason
            for line in batch.line_ids.filtered(lambda line: line.state == "refused")
        }
        self.assertIn("Invalid NIP (no real birth date", reasons["NIP Salah"])
        self.assertIn("Unknown golongan 'V/z'", reasons["Golongan Asing"])
        self.assertIn("Unknown unit Dinas Z", reasons["Unit Asing"])
        self.assertIn("more than once", reasons["Kembar Satu"])
        self.assertIn("more than once", reasons["Kembar Dua"])
        self.assertIn("Inactive legal standing", reasons["Sedang CLTN"])
        self.assertIn("gender digit does not match", reasons["Kelamin Beda"])
        before = self.employee_count()
        batch.action_confirm()
        self.assertEqual(self.employee_count(), before + 1)
        self.assertTrue(self.by_nip("198909092014031003"))
        for nip in ("198707072012121001", "198808082013031002", "198404042009041003"):
            self.assertFalse(self.by_nip(nip))

    def test_new_file_after_dry_run_needs_a_new_dry_run(self):
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        batch.data = base64.b64encode(data_file("siasn_refused.csv"))
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.line_ids)
        with self.assertRaisesRegex(UserError, "Run the dry run first"):
            batch.action_confirm()

    def test_bad_date_refuses_the_row(self):
        batch = self.new_import("siasn_bad_date.csv")
        batch.action_dry_run()
        self.assertEqual(batch.count_refused, 1)
        self.assertIn("Unreadable date '15.05.1985'", batch.line_ids[0].reason)

    def test_unknown_unit_created_on_request(self):
        batch = self.new_import("siasn_new_unit.csv")
        batch.action_dry_run()
        self.assertEqual(batch.count_refused, 1)
        Department = self.env["hr.department"]
        self.assertFalse(Department.search([("name", "=", "Seksi Baru")]))
        batch.create_departments = True
        batch.action_dry_run()
        self.assertEqual(batch.count_new, 1)
        self.assertFalse(Department.search([("name", "=", "Seksi Baru")]))
        batch.action_confirm()
        unit = Department.search([("name", "=", "Seksi Baru")])
        self.assertEqual(unit.parent_id.name, "Dinas Baru")
        self.assertEqual(unit.company_id, self.company)
        self.assertEqual(self.by_nip("198202022007011006").department_id, unit)

    # ------------------------------------------------------------ refused files
    def test_structural_errors_write_nothing(self):
        cases = [
            ("siasn_scientific_nip.csv", {}, "scientific notation"),
            ("siasn_missing_column.csv", {}, "Required columns are missing: unorNama"),
            ("siasn_header_only.csv", {}, "no data rows"),
            ("siasn_merged_header.xlsx", {}, "merged cells"),
            ("siasn_valid.csv", {"row_limit": 2}, "more than 2 rows"),
            (False, {}, "Upload the employee list first"),
            ("broken.jpg", {}, "not a readable XLSX|Required columns"),
        ]
        before = self.employee_count()
        for filename, vals, message in cases:
            with self.subTest(filename=filename):
                batch = self.new_import(filename, **vals)
                with self.assertRaisesRegex(UserError, message):
                    batch.action_dry_run()
                self.assertEqual(batch.state, "draft")
                self.assertFalse(batch.line_ids)
        self.assertEqual(self.employee_count(), before)

    def test_date_formats(self):
        from ..rules import employee_file

        for text in ("15/05/1985", "1985-05-15", "15-05-1985"):
            self.assertEqual(str(employee_file.parse_date(text)), "1985-05-15")
        with self.assertRaises(ValueError):
            employee_file.parse_date("05/15/1985")

    # ------------------------------------------------------------ reconciliation
    def test_reconciliation(self):
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        rec = batch._kilap_reconciliation()
        by_opd = {row[0]: row[1:] for row in rec["by_opd"]}
        # Dinas A: head, admin OPD, supervisor and 2 staff in Odoo; 3 rows in file
        self.assertEqual(by_opd["Dinas A"], (3, 5, -2))
        self.assertEqual(by_opd["Dinas B"], (1, 4, -3))
        self.assertEqual((rec["file_total"], rec["odoo_total"]), (4, 9))
        by_kedudukan = {row[0]: row[1:] for row in rec["by_kedudukan"]}
        self.assertEqual(by_kedudukan["Active"], (4, 0, 4))
        self.assertEqual(by_kedudukan["(not set)"], (0, 9, -9))
        sections = dict(rec["sections"])
        self.assertEqual(len(sections["In Odoo, not in the file (to archive)"]), 7)
        pdf = (
            self.env["ir.actions.report"]
            .with_user(self.user_bkpsdm)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "kilap_activity.action_report_kilap_employee_import", batch.ids
            )[0]
        )
        text = pdf_text(self, pdf)
        self.assertIn("Employee List Reconciliation", text)
        self.assertIn("Staf B", text)
        action = batch.with_user(self.user_bkpsdm).action_export_reconciliation_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertIn(("Dinas A", 3, 5, -2), rows)
        differences = list(book.worksheets[2].iter_rows(values_only=True))
        self.assertEqual(len(differences), 1 + 2 + 7 + 2)
        # Admin OPD: its own OPD only, in the counts and in the lists
        mine = batch.with_user(self.user_admin_opd)._kilap_reconciliation()
        self.assertEqual([row[0] for row in mine["by_opd"]], ["Dinas A"])
        self.assertEqual(mine["by_opd"][0][1:], (3, 5, -2))
        self.assertNotIn(
            "Staf B",
            dict(mine["sections"])["In Odoo, not in the file (to archive)"].mapped(
                "name"
            ),
        )

    # ------------------------------------------------------------ background
    def test_large_file_runs_in_background_chunks(self):
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        with patch.object(import_module, "CHUNK_SIZE", 1):
            batch.action_confirm()
        self.assertEqual(batch.state, "running")
        self.assertEqual(batch.job_chunk_count, 4)
        self.assertFalse(self.by_nip(NEW_NIP))
        run_kilap_jobs(self.env)
        batch.invalidate_recordset()
        self.assertEqual(batch.state, "done")
        self.assertTrue(self.by_nip(NEW_NIP))
        self.assertTrue(all(batch.line_ids.filtered("vals").mapped("applied")))

    # ------------------------------------------------------------ accounts
    def test_user_accounts_login_is_nip(self):
        batch = self.new_import("siasn_valid.csv")
        batch.action_dry_run()
        batch.action_confirm()
        Wizard = self.env["kilap.employee.import.user.wizard"].with_user(
            self.user_bkpsdm
        )
        short = Wizard.create({"import_id": batch.id, "password": "abc"})
        with self.assertRaisesRegex(UserError, "at least 8"):
            short.action_create()
        wizard = Wizard.create({"import_id": batch.id, "password": "Gorut2026!"})
        wizard.action_create()
        budi = self.by_nip(NEW_NIP)
        self.assertEqual(budi.user_id.login, NEW_NIP)
        self.assertTrue(budi.user_id.has_group("kilap_activity.group_kilap_pegawai"))
        self.assertTrue(budi.user_id._is_internal())
        self.assertEqual(self.by_nip(PPPK_NIP).user_id.login, PPPK_NIP)
        # the employee who had an account keeps it
        self.assertEqual(self.emp_pegawai.user_id, self.user_pegawai)
        self.assertFalse(wizard.password)

    def test_views_open_per_role(self):
        for user in (self.user_bkpsdm, self.user_admin_opd, self.user_auditor):
            with self.subTest(user=user.login):
                for model, kinds in (
                    ("kilap.employee.import", ("list", "form")),
                    ("kilap.employee.import.line", ("list", "search")),
                ):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, kind) for kind in kinds])
                    )
                    self.assertEqual(set(views["views"]), set(kinds))

    # ------------------------------------------------------------ access
    def test_only_bkpsdm_imports(self):
        batch = self.new_import("siasn_valid.csv")
        for user in (self.user_pegawai, self.user_admin_opd, self.user_auditor):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.new_import("siasn_valid.csv", user=user)
                with self.assertRaises(AccessError):
                    batch.with_user(user).action_dry_run()
        self.assertFalse(batch.line_ids)
        batch.action_dry_run()
        # Admin OPD reads the lines of its own OPD only
        lines = self.env["kilap.employee.import.line"].with_user(self.user_admin_opd)
        seen = lines.search([("import_id", "=", batch.id)])
        self.assertTrue(seen)
        self.assertEqual(set(seen.opd_id.mapped("name")), {"Dinas A"})
        with self.assertRaises(AccessError):
            batch.with_user(self.user_admin_opd).action_confirm()
        with self.assertRaises(AccessError):
            seen[:1].write({"vals": {"name": "Forged"}})


@tagged("post_install", "-at_install")
class TestEmployeeImportAttacks(KilapRpcCase):
    """A pegawai or Admin OPD over JSON-RPC cannot start or confirm an import."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("kilap_activity.company_demo_gorut")
        bkpsdm = cls.env.ref("kilap_activity.user_demo_bkpsdm")
        cls.batch = (
            cls.env["kilap.employee.import"]
            .with_user(bkpsdm)
            .create(
                {
                    "company_id": cls.company.id,
                    "data": base64.b64encode(data_file("siasn_new_unit.csv")),
                    "filename": "siasn_new_unit.csv",
                    "create_departments": True,
                }
            )
        )
        cls.batch.action_dry_run()

    def test_pegawai_and_admin_opd_refused(self):
        Employee = self.env["hr.employee"].with_context(active_test=False)
        employees = Employee.search_count([])
        lines = self.batch.line_ids
        before = self.snapshot(self.batch, ["state"])
        data = base64.b64encode(data_file("siasn_valid.csv")).decode()
        for login in ("pegawai", "adminopd"):
            with self.subTest(login=login):
                self.assertRefused(
                    login,
                    "kilap.employee.import",
                    "create",
                    [{"data": data, "filename": "x.csv"}],
                )
                self.assertRefused(
                    login, "kilap.employee.import", "action_confirm", [self.batch.ids]
                )
                self.assertRefused(
                    login, "kilap.employee.import", "action_dry_run", [self.batch.ids]
                )
                self.assertRefused(
                    login,
                    "kilap.employee.import.line",
                    "create",
                    [{"import_id": self.batch.id, "state": "new", "vals": {}}],
                )
                self.assertRefused(
                    login,
                    "kilap.employee.import.user.wizard",
                    "create",
                    [{"import_id": self.batch.id, "password": "12345678"}],
                )
        # Admin OPD reads the lines of its own OPD only, also through the import
        admin = self.env.ref("kilap_activity.user_demo_adminopd")
        own_opd = (
            self.env["hr.employee"]
            .search([("user_id", "=", admin.id)])
            .department_id.kilap_opd_id
        )
        result, error = self.call_kw(
            "adminopd",
            "kilap.employee.import.line",
            "search_read",
            [[("import_id", "=", self.batch.id)]],
            {"fields": ["opd_id"]},
        )
        self.assertFalse(error)
        self.assertTrue(result)
        self.assertEqual({r["opd_id"][0] for r in result}, set(own_opd.ids))
        self.assertLess(len(result), len(lines.filtered("opd_id")))
        # BKPSDM itself cannot forge what the dry run computed, nor the state
        self.assertRefused(
            "bkpsdm",
            "kilap.employee.import.line",
            "write",
            [lines.ids, {"vals": {"name": "Forged"}}],
        )
        self.assertRefused(
            "bkpsdm",
            "kilap.employee.import",
            "write",
            [self.batch.ids, {"state": "done"}],
        )
        self.assertEqual(self.snapshot(self.batch, ["state"]), before)
        self.assertEqual(Employee.search_count([]), employees)
        self.assertFalse(
            self.env["hr.department"].search([("name", "=", "Seksi Baru")])
        )


@tagged("post_install", "-at_install")
class TestImportedUserFirstLogin(EmployeeImportMixin, KilapRpcCase):
    """An account made by the import must change its first password."""

    def test_first_login_goes_to_change_password(self):
        company = self.env.ref("kilap_activity.company_demo_gorut")
        bkpsdm = self.env.ref("kilap_activity.user_demo_bkpsdm")
        batch = self.new_import(
            "siasn_new_unit.csv", user=bkpsdm, company_id=company.id
        )
        batch.create_departments = True
        batch.action_dry_run()
        batch.action_confirm()
        self.env["kilap.employee.import.user.wizard"].with_user(bkpsdm).create(
            {"import_id": batch.id, "password": "Pertama2026"}
        ).action_create()
        user = self.env["res.users"].search([("login", "=", "198202022007011006")])
        self.assertTrue(user.kilap_must_change_password)
        self.authenticate("198202022007011006", "Pertama2026")
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/my/security", response.headers["Location"])
        # the flag is not the user's to clear over RPC
        self.assertRefused(
            "198202022007011006",
            "res.users",
            "write",
            [user.ids, {"kilap_must_change_password": False}],
        )
        self.env["res.users"].with_user(user).change_password(
            "Pertama2026", "Baru-Sekali-2026"
        )
        user.invalidate_recordset()
        self.assertFalse(user.kilap_must_change_password)
        self.authenticate("198202022007011006", "Baru-Sekali-2026")
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertNotIn("/my/security", response.headers.get("Location", ""))
