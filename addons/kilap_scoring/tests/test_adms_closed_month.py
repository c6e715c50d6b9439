"""A fingerprint terminal cannot push punches into a closed month (kilap_scoring
owns the period close, so this HTTP test lives here)."""

import base64
import calendar
from datetime import date, datetime, time, timedelta

from odoo.tests import HttpCase, TransactionCase, freeze_time, tagged
from odoo.tools import file_open

SN = "ADMS-CLOSED-0001"


@tagged("post_install", "-at_install")
class TestAdmsClosedMonth(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("kilap_activity.employee_demo_pegawai")
        company = demo.company_id
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Pegawai ADMS Tutup Buku",
                "company_id": company.id,
                "department_id": demo.department_id.id,
                "nip": "199001012015031001",
                "sex": "male",
            }
        )
        location = cls.env["hr.work.location"].create(
            {
                "name": "Kantor ADMS (uji)",
                "address_id": company.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        cls.terminal = (
            cls.env["kilap.attendance.terminal"]
            .sudo()
            .create(
                {
                    "name": "Mesin Lobi",
                    "serial_number": SN,
                    "work_location_id": location.id,
                    "company_id": company.id,
                }
            )
        )
        # the month before last: in the past and within the terminal's year
        first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
        first = (first - timedelta(days=1)).replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        Period = cls.env["kilap.score.period"]
        period = Period.search(
            [("company_id", "=", company.id), ("date_from", "=", first)]
        ) or Period.create(
            {"company_id": company.id, "date_from": first, "date_to": last}
        )
        if period.state != "closed":
            period._kilap_transition({"state": "closed"})
        cls.day = first + timedelta(days=9)

    def test_punch_in_closed_month_refused_and_logged(self):
        stamp = datetime.combine(self.day, time(7, 30)).strftime("%Y-%m-%d %H:%M:%S")
        before = self.env["hr.attendance"].sudo().search_count([])
        response = self.url_open(
            f"/iclock/cdata?SN={SN}&table=ATTLOG&Stamp=1",
            data=f"{self.employee.nip}\t{stamp}\t0\t1\t0\t0\t0\n".encode(),
            headers={"Content-Type": "text/plain"},
        )
        # acknowledged, so the terminal does not resend it forever; never written
        self.assertEqual((response.status_code, response.text), (200, "OK: 1"))
        self.assertEqual(self.env["hr.attendance"].sudo().search_count([]), before)
        self.assertFalse(
            self.env["kilap.attendance.punch"]
            .sudo()
            .search([("employee_id", "=", self.employee.id)])
        )
        log = (
            self.env["kilap.attendance.terminal.log"]
            .sudo()
            .search([("terminal_id", "=", self.terminal.id), ("kind", "=", "refused")])
        )
        self.assertIn("is closed", log.message)


@tagged("post_install", "-at_install")
class TestImportClosedMonth(TransactionCase):
    """A terminal's log file cannot add punches to a closed month either."""

    @freeze_time("2026-02-20 03:00:00")
    def test_file_punches_in_closed_month_refused(self):
        demo = self.env.ref("kilap_activity.employee_demo_pegawai")
        company = demo.company_id
        employee = self.env["hr.employee"].create(
            {
                "name": "Pegawai Impor Tutup Buku",
                "company_id": company.id,
                "department_id": demo.department_id.id,
                "nip": "199001012015031001",
                "sex": "male",
            }
        )
        location = self.env["hr.work.location"].create(
            {
                "name": "Kantor Impor (uji)",
                "address_id": company.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        terminal = (
            self.env["kilap.attendance.terminal"]
            .sudo()
            .create(
                {
                    "name": "Mesin Impor",
                    "serial_number": "IMPORT-CLOSED-1",
                    "work_location_id": location.id,
                    "company_id": company.id,
                }
            )
        )
        Period = self.env["kilap.score.period"]
        period = Period.search(
            [("company_id", "=", company.id), ("date_from", "=", date(2026, 2, 1))]
        ) or Period.create(
            {
                "company_id": company.id,
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
            }
        )
        if period.state != "closed":
            period._kilap_transition({"state": "closed"})
        with file_open(
            "kilap_attendance_geo/tests/data/template_semicolon_bom.csv", "rb"
        ) as handle:
            content = handle.read()
        wizard = (
            self.env["kilap.attendance.import"]
            .with_company(company)
            .create(
                {
                    "terminal_id": terminal.id,
                    "file": base64.b64encode(content),
                    "filename": "rekap.csv",
                }
            )
        )
        wizard.action_kilap_import()
        self.assertIn("Punches imported: 0", wizard.report)
        self.assertIn("is closed", wizard.report)
        self.assertFalse(
            self.env["hr.attendance"].search([("employee_id", "=", employee.id)])
        )
        self.assertFalse(
            self.env["kilap.attendance.punch"].search(
                [("employee_id", "=", employee.id)]
            )
        )
        log = self.env["kilap.attendance.terminal.log"].search(
            [("terminal_id", "=", terminal.id)]
        )
        self.assertTrue(log and all(k == "refused" for k in log.mapped("kind")))
