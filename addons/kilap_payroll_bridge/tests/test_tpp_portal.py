from odoo.tests import HttpCase, tagged

from odoo.addons.kilap_activity.tests.common import pdf_text

from .common import MARCH, KilapTppCase


@tagged("post_install", "-at_install")
class TestTppPortal(KilapTppCase, HttpCase):
    def test_my_tpp_shows_own_lines_only(self):
        march = self.make_period(
            MARCH, {self.emp_a: (90, "baik"), self.emp_c: (80, "baik")}, {}
        )
        self.approve(self.make_sheet(march))
        self.authenticate("tpp_test_pegawai", "tpp_test_pegawai")
        response = self.url_open("/my/tpp")
        self.assertEqual(response.status_code, 200)
        own = self.line_of(
            march.env["kilap.tpp.sheet"].search([("period_id", "=", march.id)]),
            self.emp_a,
        )
        other = self.line_of(own.sheet_id, self.emp_c)
        self.assertIn("o_kilap_tpp_line", response.text)
        self.assertEqual(response.text.count("o_kilap_tpp_line"), 1)
        self.assertIn(f"{own.net:,.2f}", response.text)
        self.assertNotIn(f"{other.net:,.2f}", response.text)

    def test_my_tpp_needs_login(self):
        response = self.url_open("/my/tpp", allow_redirects=False)
        self.assertIn(response.status_code, (301, 302, 303))


@tagged("post_install", "-at_install")
class TestTppReport(KilapTppCase, HttpCase):
    """wkhtmltopdf fetches the report assets from the test server: HttpCase."""

    def test_pdf_recap(self):
        march = self.make_period(
            MARCH, {self.emp_a: (90, "baik"), self.emp_c: (80, "baik")}, {}
        )
        self.opd.manager_id = self.emp_a
        sheet = self.make_sheet(march)
        sheet.treasurer_employee_id = self.emp_c
        self.sheet = self.approve(sheet)
        self.assertEqual(sheet.head_employee_id, self.emp_a)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, fmt = report._render_qweb_pdf(
            "kilap_payroll_bridge.action_report_tpp_sheet", self.sheet.ids
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = report._render_qweb_html(
            "kilap_payroll_bridge.action_report_tpp_sheet", self.sheet.ids
        )[0].decode()
        self.assertIn("Treasurer (Bendahara)", html)
        self.assertIn("Head of OPD", html)
        self.assertIn("Citra CPNS", html)
        # printed in an embedded system font: the PDF has text, and stays small
        text = pdf_text(self, pdf)
        self.assertIn("Citra CPNS", text)
        self.assertIn(self.emp_a.name, text)
        self.assertLess(len(pdf), 500_000)

    def test_pdf_recap_in_indonesian(self):
        """Printed by a user who reads Indonesian, as every demo user does: Indonesian
        headings, day/month/year dates and dots between thousands."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["kilap_payroll_bridge", "kilap_scoring", "kilap_activity"], ["id_ID"]
        )
        march = self.make_period(
            MARCH, {self.emp_a: (90, "baik"), self.emp_c: (80, "baik")}, {}
        )
        sheet = self.approve(self.make_sheet(march))
        report = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="id_ID")
            .with_user(self.env.user)
        )
        self.env.user.lang = "id_ID"
        pdf, _fmt = report._render_qweb_pdf(
            "kilap_payroll_bridge.action_report_tpp_sheet", sheet.ids
        )
        text = " ".join(pdf_text(self, pdf).split())
        self.assertIn("Rekapitulasi Tambahan Penghasilan Pegawai", text)
        self.assertIn("TPP Bruto", text)
        self.assertNotIn("Gross TPP", text)
        self.assertIn("(01/03/2026 - 31/03/2026)", text)
        net = f"{sheet.line_ids[0].net:,.0f}".replace(",", ".")
        self.assertIn(net, text)
