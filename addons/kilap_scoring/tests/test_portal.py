from datetime import date

from odoo.tests.common import HttpCase, tagged

from odoo.addons.kilap_activity.tests.common import make_user, role_groups


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    def test_my_scores(self):
        company = self.env["res.company"].create({"name": "Pemda Portal"})
        _, me = make_user(
            self.env,
            "skor_portal",
            role_groups("pegawai"),
            employee={"name": "Pegawai Portal"},
            password="skor_portal_pw",
            company_id=company.id,
            company_ids=[(6, 0, [company.id])],
        )
        other = self.env["hr.employee"].create(
            {"name": "Orang Lain", "company_id": company.id}
        )
        period = self.env["kilap.score.period"].create(
            {
                "company_id": company.id,
                "date_from": date(2025, 3, 1),
                "date_to": date(2025, 3, 31),
            }
        )
        period._kilap_compute(refresh_attendance=False)
        self.assertEqual(set(period.line_ids.employee_id.ids), {me.id, other.id})
        self.authenticate("skor_portal", "skor_portal_pw")
        response = self.url_open("/my/scores")
        self.assertEqual(response.status_code, 200)
        self.assertIn("2025-03", response.text)
        self.assertEqual(response.text.count("o_kilap_score_row"), 1)
        self.assertNotIn("Orang Lain", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/scores", home.text)
        mine = period.line_ids.filtered(lambda ln: ln.employee_id == me)
        theirs = period.line_ids - mine
        report = self.url_open(f"/my/scores/{mine.id}/report?report_type=html")
        self.assertEqual(report.status_code, 200)
        self.assertIn("Pegawai Portal", report.text)
        forbidden = self.url_open(f"/my/scores/{theirs.id}/report?report_type=html")
        self.assertEqual(forbidden.status_code, 404)
        self.assertNotIn("Orang Lain", forbidden.text)
