import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from odoo.tests.common import tagged

from odoo.addons.kilap_activity.tests.common import pdf_text

from .common import KilapScoringHttpCase


@tagged("post_install", "-at_install")
class TestReports(KilapScoringHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_pegawai.penilai_id = cls.emp_atasan
        (cls.rhk,) = cls._skp(cls.emp_pegawai, [4])
        cls.env["kilap.skp.indicator"].create(
            {
                "name": "Jumlah laporan",
                "rhk_id": cls.rhk.id,
                "target_qty": 48,
                "unit": "laporan",
            }
        )
        cls._journal(cls.emp_pegawai, date(2025, 3, 3), 3, cls.rhk)
        cls.period = cls._period()
        cls.period._kilap_compute(refresh_attendance=False)
        cls.line = cls._line(cls, cls.period, cls.emp_pegawai)
        cls.line.write({"rating_perilaku": "meets", "feedback": "Pertahankan kinerja"})

    def _pdf(self, xmlid, records):
        report = self.env.ref(xmlid)
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return content

    def test_opd_report_pdf(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("kilap_scoring.report_kilap_score_opd", self.period.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Dinas A", html)
        self.assertIn("Dinas B", html)
        self.assertIn("Pegawai A1", html)
        content = self._pdf("kilap_scoring.action_report_kilap_score_opd", self.period)
        # printed in an embedded system font: the PDF has a text layer
        self.assertIn("Pegawai A1", pdf_text(self, content))
        if shutil.which("pdftoppm"):
            with tempfile.TemporaryDirectory() as tmp:
                pdf = Path(tmp, "opd.pdf")
                pdf.write_bytes(content)
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "50",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        str(pdf),
                        str(Path(tmp, "page")),
                    ],
                    check=True,
                    timeout=60,
                )
                pages = list(Path(tmp).glob("page*.png"))
                self.assertEqual(len(pages), 1)
                self.assertGreater(pages[0].stat().st_size, 1000)
                keep = os.environ.get("KILAP_SCORING_PNG_DIR")
                if keep:  # to look at the page by eye
                    shutil.copy(pages[0], Path(keep, "kilap_score_opd.png"))

    def test_employee_report_pdf(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "kilap_scoring.report_kilap_score_employee", self.line.ids
            )[0]
            .decode()
        )
        self.assertIn("Pegawai A1", html)
        self.assertIn("Pertahankan kinerja", html)
        self._pdf("kilap_scoring.action_report_kilap_score_employee", self.line)

    def test_evaluation_form_odt(self):
        rows = self.line._kilap_evaluation_rows()
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["indicators"], "Jumlah laporan")
        self.assertEqual(rows[0]["realisation"], "3 laporan")
        report = self.env.ref("kilap_scoring.action_report_kilap_evaluation_form")
        content, kind = report._render_py3o(report.report_name, self.line.ids, {})
        self.assertEqual(kind, "odt")
        with zipfile.ZipFile(io.BytesIO(content)) as odt:
            text = odt.read("content.xml").decode()
        self.assertIn("Pegawai A1", text)
        self.assertIn("Kepala Bidang A1", text)
        self.assertIn(self.rhk.name, text)
        self.assertIn("Pertahankan kinerja", text)
        self.assertIn("Sesuai", text) if self.env.lang == "id_ID" else self.assertIn(
            "Meets expectation", text
        )
        self.assertNotIn("py3o://", text)
