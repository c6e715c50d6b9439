import io
import shutil
import subprocess
import tempfile
import zipfile

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import KilapActivityCase, pdf_text


@tagged("post_install", "-at_install")
class TestReports(KilapActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_pegawai.write(
            {"jabatan_name": "Pengelola Data", "job_title": "Pengelola"}
        )
        cls.day = cls.last_working_day(cls.emp_pegawai)
        entry = cls.env["kilap.journal.entry"].create(
            {
                "name": "Validasi data kunjungan",
                "description": "Memvalidasi 40 data kunjungan pasien",
                "employee_id": cls.emp_pegawai.id,
                "date": cls.day,
                "time_start": 8,
                "time_end": 10,
            }
        )
        entry.action_submit()
        entry.with_user(cls.user_atasan).action_approve()
        cls.data = {
            "date_from": fields.Date.to_string(cls.day.replace(day=1)),
            "date_to": fields.Date.to_string(cls.day),
        }

    def test_monthly_journal_html(self):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "kilap_activity.report_journal_month", self.emp_pegawai.ids, data=self.data
        )
        html = html.decode()
        self.assertIn(self.emp_pegawai.nip, html)
        self.assertIn("Validasi data kunjungan", html)
        self.assertIn("Pengelola Data", html)
        self.assertIn(self.emp_atasan.nip, html, "supervisor signature block")

    def test_opd_recap(self):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "kilap_activity.report_journal_opd", self.opd_a.ids, data=self.data
        )
        html = html.decode()
        self.assertIn(self.emp_pegawai.nip, html)
        self.assertIn(self.emp_atasan.name, html)
        self.assertNotIn(self.emp_staff_b.name, html, "other OPD not in the recap")

    def test_report_wizard_defaults_to_previous_month(self):
        wizard = self.env["kilap.journal.report.wizard"].create(
            {"employee_ids": [fields.Command.set(self.emp_pegawai.ids)]}
        )
        start, end = wizard._kilap_period()
        self.assertEqual(start.day, 1)
        self.assertLess(end, fields.Date.context_today(wizard).replace(day=1))
        action = wizard.action_print()
        # without a configured document layout Odoo first opens the layout wizard
        report_action = (action.get("context") or {}).get("report_action", action)
        self.assertEqual(
            report_action["report_name"], "kilap_activity.report_journal_month"
        )

    def test_skp_py3o_odt(self):
        skp = self.env["kilap.skp"].create(
            {
                "employee_id": self.emp_pegawai.id,
                "year": self.day.year,
                "rhk_ids": [
                    fields.Command.create(
                        {
                            "name": "Tersedianya data pelayanan",
                            "indicator_ids": [
                                fields.Command.create(
                                    {
                                        "name": "Laporan data",
                                        "target_qty": 12,
                                        "unit": "laporan",
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        report = self.env.ref("kilap_activity.action_report_skp_py3o")
        content, kind = report._render(report.report_name, skp.ids)
        self.assertEqual(kind, "odt")
        with zipfile.ZipFile(io.BytesIO(content)) as odt:
            xml = odt.read("content.xml").decode()
        self.assertIn(self.emp_pegawai.nip, xml)
        self.assertIn("Tersedianya data pelayanan", xml)
        self.assertIn("Laporan data", xml)
        self.assertIn(self.emp_atasan.name, xml)


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase):
    """wkhtmltopdf fetches the report assets over HTTP: needs the test server."""

    def test_monthly_journal_pdf(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext not installed")
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        employee = self.env["hr.employee"].create(
            {"name": "Pegawai PDF", "nip": "199001012015032099", "sex": "female"}
        )
        self.env["kilap.journal.entry"].create(
            {
                "name": "Kegiatan PDF",
                "description": "x",
                "employee_id": employee.id,
                "time_start": 8,
                "time_end": 9,
            }
        )
        today = employee._kilap_today()
        data = {
            "date_from": fields.Date.to_string(today.replace(day=1)),
            "date_to": fields.Date.to_string(today),
        }
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "kilap_activity.report_journal_month", employee.ids, data=data
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            tmp.write(pdf)
            tmp.flush()
            info = subprocess.run(
                ["pdfinfo", tmp.name],
                capture_output=True,
                check=True,
                text=True,
                timeout=60,
            ).stdout
        self.assertRegex(info, r"Pages:\s+1\b")
        # a real text layer: the report prints in an embedded system font
        text = pdf_text(self, pdf)
        self.assertIn("199001012015032099", text)
        self.assertIn("Kegiatan PDF", text)
