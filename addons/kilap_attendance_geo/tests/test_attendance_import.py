"""Fingerprint log files: the ZKTeco attlog, the CSV/XLSX template, bad input.

Every file is a real one under tests/data/; the clock is frozen on 20 February
2026 so that their February punches are recent and March ones in the future.
"""

import base64
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import file_open

from odoo.addons.kilap_activity.tests.common import KilapRpcCase

from .common import KilapGeoCase

NIP = "199001012015031001"
NOW = "2026-02-20 03:00:00"


def data(name):
    with file_open(f"kilap_attendance_geo/tests/data/{name}", "rb") as handle:
        return handle.read()


class TerminalMixin:
    @classmethod
    def make_terminal(cls, **vals):
        if "kilap.score.period" in cls.env:
            cls.env["kilap.score.period"].search(
                [("state", "=", "closed")]
            )._kilap_transition({"state": "open"})
        return (
            cls.env["kilap.attendance.terminal"]
            .sudo()
            .create(
                {
                    "name": "Mesin Lobi",
                    "serial_number": "TEST-SN-0001",
                    "work_location_id": cls.location.id,
                    "department_id": cls.opd.id,
                    **vals,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestAttendanceImport(TerminalMixin, KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pegawai.write({"nip": NIP, "sex": "male"})
        cls.terminal = cls.make_terminal()
        cls.env["kilap.attendance.terminal.user"].create(
            {
                "terminal_id": cls.terminal.id,
                "user_code": "105",
                "employee_id": cls.atasan.id,
            }
        )

    def wizard(self, name, user="admin"):
        return (
            self.env["kilap.attendance.import"]
            .with_user(self.users[user])
            .create(
                {
                    "terminal_id": self.terminal.id,
                    "file": base64.b64encode(data(name)),
                    "filename": name,
                }
            )
        )

    def punches(self):
        return self.env["kilap.attendance.punch"].sudo().search([])

    def attendances(self, employee):
        return (
            self.env["hr.attendance"]
            .sudo()
            .search([("employee_id", "=", employee.id)], order="check_in")
        )

    @freeze_time(NOW)
    def test_attlog_check_then_import(self):
        """The USB attlog: same minute once, unknown user and wrong clock reported,
        pairs in the terminal's time zone, daily results recomputed."""
        wizard = self.wizard("terminal_attlog.dat")
        wizard.action_kilap_check()
        self.assertEqual(wizard.state, "checked")
        self.assertIn("Punches to import: 5", wizard.report)
        self.assertFalse(self.punches(), "a check writes nothing")
        wizard.action_kilap_import()
        report = wizard.report
        self.assertIn("Punches imported: 5", report)
        self.assertIn("Already known (skipped): 1", report)
        self.assertIn("Line 7: unknown device user 999", report)
        self.assertIn("Line 8: refused", report)
        self.assertIn("in the future", report)
        self.assertIn("Line 9: refused", report)
        self.assertIn("more than a year old", report)
        first, second = self.attendances(self.pegawai)
        self.assertEqual(first.check_in, self.wita(date(2026, 2, 9), 7, 28))
        self.assertEqual(first.check_out, self.wita(date(2026, 2, 9), 16, 5))
        self.assertEqual(first.in_mode, "kilap_terminal")
        self.assertEqual(first.kilap_terminal_id, self.terminal)
        self.assertEqual(first.kilap_review_state, "none")
        # one punch: check-in and check-out at the same minute, to be corrected
        self.assertEqual(second.check_in, second.check_out)
        boss = self.attendances(self.atasan)
        self.assertEqual(boss.check_out, self.wita(date(2026, 2, 9), 16, 30))
        day = self.env["kilap.attendance.day"].search(
            [("employee_id", "=", self.pegawai.id), ("date", "=", date(2026, 2, 9))]
        )
        self.assertEqual(day.status, "present")
        self.assertEqual(day.check_in, first.check_in)
        # a re-import creates nothing
        again = self.wizard("terminal_attlog.dat")
        again.action_kilap_import()
        self.assertIn("Punches imported: 0", again.report)
        self.assertEqual(len(self.punches()), 5)
        self.assertEqual(len(self.attendances(self.pegawai)), 2)

    @freeze_time(NOW)
    def test_csv_semicolon_bom_three_date_formats(self):
        """Excel's Indonesian CSV: UTF-8 BOM, semicolons, three date formats; a
        row with a bad date is reported and skipped."""
        wizard = self.wizard("template_semicolon_bom.csv")
        wizard.action_kilap_import()
        self.assertIn("Punches imported: 3", wizard.report)
        self.assertIn("Line 5: not a date is not a date and time", wizard.report)
        first, second = self.attendances(self.pegawai)
        self.assertEqual(first.check_in, self.wita(date(2026, 2, 9), 7, 30))
        self.assertEqual(first.check_out, self.wita(date(2026, 2, 9), 16, 10))
        self.assertEqual(second.check_in, self.wita(date(2026, 2, 10), 7, 25))

    @freeze_time(NOW)
    def test_xlsx_template(self):
        wizard = self.wizard("template.xlsx")
        wizard.action_kilap_import()
        self.assertIn("Punches imported: 3", wizard.report)
        attendance = self.attendances(self.pegawai)
        self.assertEqual(attendance.check_in, self.wita(date(2026, 2, 9), 7, 29))
        self.assertEqual(attendance.check_out, self.wita(date(2026, 2, 9), 16, 2))
        self.assertEqual(
            self.attendances(self.atasan).check_in, self.wita(date(2026, 2, 10), 7, 50)
        )

    @freeze_time(NOW)
    def test_bad_files_write_nothing(self):
        """Each structural error refuses the whole file with a clear message."""
        self.env["ir.config_parameter"].sudo().set_param(
            "kilap_attendance_geo.import_max_rows", "5"
        )
        cases = {
            "utf16_no_bom.dat": "not readable text",
            "missing_columns.csv": "Required columns are missing: user_id / nip, "
            "timestamp",
            "no_rows.csv": "contains no punch rows",
            "too_many.csv": "The file has 6 rows; at most 5 are accepted",
            "nip_scientific.csv": "1.99E\\+17 is in scientific notation",
            "nip_number.xlsx": "is in scientific notation",
        }
        for name, message in cases.items():
            with self.subTest(name=name):
                wizard = self.wizard(name)
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_kilap_import()
                self.assertEqual(wizard.state, "draft")
        self.assertFalse(self.punches())
        self.assertFalse(self.attendances(self.pegawai))

    def test_terminal_maps_only_its_opd(self):
        with self.assertRaisesRegex(ValidationError, "not an employee of the company"):
            self.env["kilap.attendance.terminal.user"].create(
                {
                    "terminal_id": self.terminal.id,
                    "user_code": "106",
                    "employee_id": self.outsider.id,
                }
            )

    @freeze_time(NOW)
    def test_pegawai_cannot_import(self):
        with self.assertRaisesRegex(Exception, "Only BKPSDM or Admin OPD"):
            self.wizard("terminal_attlog.dat", user="pegawai")
        self.assertFalse(self.punches())


@tagged("post_install", "-at_install")
class TestTerminalAttacks(KilapRpcCase):
    """Terminals and imports over JSON-RPC as the demo roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.location = cls.env["hr.work.location"].create(
            {
                "name": "Kantor Dinkes (uji)",
                "address_id": cls.env.ref(
                    "kilap_activity.employee_demo_adminopd"
                ).company_id.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        cls.own_dept = cls.env.ref("kilap_activity.department_demo_dinkes_sekretariat")
        cls.other_dept = cls.env.ref("kilap_activity.department_demo_setda_umum")
        cls.terminal = (
            cls.env["kilap.attendance.terminal"]
            .sudo()
            .create(
                {
                    "name": "Mesin Dinkes",
                    "serial_number": "RPC-SN-1",
                    "work_location_id": cls.location.id,
                    "department_id": cls.own_dept.id,
                    "company_id": cls.own_dept.company_id.id,
                }
            )
        )
        cls.other = (
            cls.env["kilap.attendance.terminal"]
            .sudo()
            .create(
                {
                    "name": "Mesin Setda",
                    "serial_number": "RPC-SN-2",
                    "work_location_id": cls.location.id,
                    "department_id": cls.other_dept.id,
                    "company_id": cls.other_dept.company_id.id,
                }
            )
        )

    def terminal_vals(self, dept, serial="RPC-NEW"):
        return {
            "name": "Mesin baru",
            "serial_number": serial,
            "work_location_id": self.location.id,
            "department_id": dept.id,
        }

    def count(self, model):
        return self.env[model].sudo().with_context(active_test=False).search_count([])

    def test_pegawai_cannot_register_terminal_or_import(self):
        before = self.count("kilap.attendance.terminal")
        self.assertRefused(
            "pegawai",
            "kilap.attendance.terminal",
            "create",
            [self.terminal_vals(self.own_dept)],
        )
        self.assertRefused(
            "pegawai",
            "kilap.attendance.import",
            "create",
            [
                {
                    "terminal_id": self.terminal.id,
                    "file": base64.b64encode(data("terminal_attlog.dat")).decode(),
                    "filename": "x.dat",
                }
            ],
        )
        self.assertEqual(self.count("kilap.attendance.terminal"), before)
        self.assertEqual(self.count("kilap.attendance.import"), 0)
        self.assertEqual(self.count("kilap.attendance.punch"), 0)

    def test_admin_opd_is_kept_to_own_opd(self):
        before = self.snapshot(self.other, ["name", "serial_number", "allowed_ips"])
        self.assertRefused(
            "adminopd",
            "kilap.attendance.terminal",
            "create",
            [self.terminal_vals(self.other_dept)],
        )
        self.assertRefused(
            "adminopd",
            "kilap.attendance.terminal",
            "write",
            [self.other.ids, {"allowed_ips": "0.0.0.0/0"}],
        )
        self.assertRefused(
            "adminopd",
            "kilap.attendance.terminal",
            "action_kilap_open_import",
            [self.other.ids],
        )
        self.assertEqual(
            self.snapshot(self.other, ["name", "serial_number", "allowed_ips"]), before
        )
        # their own OPD's terminal: allowed, but never its "last seen"
        result, error = self.call_kw(
            "adminopd",
            "kilap.attendance.terminal",
            "write",
            [self.terminal.ids, {"allowed_ips": "10.1.0.0/16"}],
        )
        self.assertFalse(error, error)
        self.assertRefused(
            "adminopd",
            "kilap.attendance.terminal",
            "write",
            [self.terminal.ids, {"last_seen": "2026-01-01 00:00:00"}],
        )

    def test_recap_and_manual_flag_over_rpc(self):
        self.assertRefused(
            "pegawai",
            "kilap.attendance.recap.import",
            "create",
            [{"file": base64.b64encode(data("manual_recap.xlsx")).decode()}],
        )
        self.assertRefused(
            "pegawai",
            "kilap.attendance.transition",
            "create",
            [{"name": "x", "date_from": "2026-01-01", "date_to": "2026-01-31"}],
        )
        day = self.env["kilap.attendance.day"].sudo().search([], limit=1)
        if day:
            before = self.snapshot(day, ["kilap_manual", "kilap_imported_by"])
            self.assertRefused(
                "bkpsdm",
                "kilap.attendance.day",
                "write",
                [day.ids, {"kilap_manual": True}],
            )
            self.assertEqual(
                self.snapshot(day, ["kilap_manual", "kilap_imported_by"]), before
            )
        self.assertEqual(self.count("kilap.attendance.recap.import"), 0)
        self.assertEqual(self.count("kilap.attendance.transition"), 0)

    def test_admin_opd_cannot_import_on_another_opds_terminal(self):
        result, error = self.call_kw(
            "adminopd",
            "kilap.attendance.import",
            "create",
            [
                {
                    "terminal_id": self.other.id,
                    "file": base64.b64encode(data("terminal_attlog.dat")).decode(),
                    "filename": "x_attlog.dat",
                }
            ],
        )
        self.assertFalse(error, error)
        wizard_id = result[0] if isinstance(result, list) else result
        for method in ("action_kilap_check", "action_kilap_import"):
            self.assertRefused(
                "adminopd", "kilap.attendance.import", method, [[wizard_id]]
            )
        self.assertEqual(self.count("kilap.attendance.punch"), 0)

    def test_nobody_forges_a_terminal_attendance(self):
        pegawai = self.env.ref("kilap_activity.employee_demo_pegawai")
        before = self.count("hr.attendance")
        self.assertRefused(
            "adminopd",
            "hr.attendance",
            "create",
            [
                {
                    "employee_id": pegawai.id,
                    "check_in": "2026-01-05 00:00:00",
                    "in_mode": "kilap_terminal",
                    "kilap_terminal_id": self.terminal.id,
                    "kilap_manual_reason": "mesin rusak",
                }
            ],
        )
        self.assertRefused(
            "pegawai",
            "kilap.attendance.punch",
            "create",
            [
                {
                    "terminal_id": self.terminal.id,
                    "employee_id": pegawai.id,
                    "punch_time": "2026-01-05 00:00:00",
                    "source": "adms",
                }
            ],
        )
        self.assertEqual(self.count("hr.attendance"), before)


@tagged("post_install", "-at_install")
class TestTransitionRecap(TerminalMixin, KilapGeoCase):
    """Transition mode: a manual monthly recap becomes the daily results."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_terminal()  # reopens the demo's closed months
        cls.pegawai.write({"nip": NIP, "sex": "male"})
        cls.transition = cls.env["kilap.attendance.transition"].create(
            {
                "name": "Masa transisi Dinas Uji",
                "company_id": cls.company.id,
                "department_id": cls.opd.id,
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
            }
        )

    def recap(self, name, user="bkpsdm"):
        return (
            self.env["kilap.attendance.recap.import"]
            .with_user(self.users[user])
            .create({"file": base64.b64encode(data(name)), "filename": name})
        )

    def days(self):
        return self.env["kilap.attendance.day"].search(
            [("employee_id", "=", self.pegawai.id), ("kilap_manual", "=", True)],
            order="date",
        )

    def test_recap_imported_and_kept_by_the_computation(self):
        wizard = self.recap("manual_recap.xlsx")
        wizard.action_kilap_import()
        self.assertIn("Daily results imported: 2", wizard.report)
        self.assertIn("Line 4: unknown status izin ke pasar", wizard.report)
        self.assertIn("no employee has the NIP 888888888888888888", wizard.report)
        present, sick = self.days()
        self.assertEqual(
            (present.date, present.status, present.late_minutes),
            (date(2026, 2, 9), "present", 20),
        )
        self.assertEqual(present.tl_band_id, self.band("TL1"))
        self.assertEqual(present.kilap_imported_by, self.users["bkpsdm"])
        self.assertEqual((sick.date, sick.status), (date(2026, 2, 10), "sick"))
        # the nightly computation leaves manual rows as imported
        self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai, date(2026, 2, 9), date(2026, 2, 10)
        )
        self.assertEqual(self.days(), present | sick)
        self.assertEqual(sick.status, "sick")
        self.assertEqual(present.late_minutes, 20)

    def test_outside_transition_refused(self):
        wizard = self.recap("manual_recap_outside.xlsx")
        with self.assertRaisesRegex(
            UserError, "2026-03-02 is outside every transition period"
        ):
            wizard.action_kilap_import()
        self.assertFalse(self.days())

    def test_nobody_marks_a_result_manual_by_hand(self):
        day = (
            self.env["kilap.attendance.day"]
            .sudo()
            .create(
                {
                    "employee_id": self.pegawai.id,
                    "company_id": self.company.id,
                    "date": date(2026, 2, 9),
                    "status": "absent",
                }
            )
        )
        with self.assertRaisesRegex(Exception, "Only the recap import"):
            day.with_user(self.users["bkpsdm"]).write({"kilap_manual": True})
        with self.assertRaisesRegex(Exception, "Only BKPSDM or Admin OPD"):
            self.recap("manual_recap.xlsx", user="pegawai")
        self.assertFalse(self.days())
