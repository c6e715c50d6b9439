"""Field duty paperwork: the SPT register and signatory, the SPT and the travel
report as PDFs, and who may print them."""

import datetime
import shutil
import subprocess
import tempfile

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import KilapActivityCase, KilapRpcCase, data_file, pdf_text, role_groups

DEC_1 = datetime.date(2026, 12, 1)
# office hours in WITA (UTC+8): the frozen clocks never sit near midnight
LATE_2025 = "2025-12-30 03:00:00"
EARLY_2026 = "2026-01-05 03:00:00"
NOV_2026 = "2026-11-20 03:00:00"


class FieldDutySptMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opd_a.manager_id = cls.emp_head
        golongan = cls.env.ref("kilap_activity.golongan_iii_a")
        cls.emp_head.write({"jabatan_name": "Kepala Dinas A"})
        cls.emp_pegawai.write(
            {"jabatan_name": "Pengelola Data", "golongan_id": golongan.id}
        )
        cls.emp_pegawai2.write({"jabatan_name": "Analis Kebijakan"})

    def _duty(self, user=None, **vals):
        values = {
            "name": "Supervisi imunisasi",
            "company_id": self.company.id,
            "employee_ids": [
                fields.Command.set((self.emp_pegawai | self.emp_pegawai2).ids)
            ],
            "requester_id": self.emp_pegawai.id,
            "date_from": DEC_1,
            "date_to": DEC_1 + datetime.timedelta(days=2),
            "destination": "Puskesmas Atinggola",
            "latitude": 0.85,
            "longitude": 123.0,
            "purpose": "Supervisi pelayanan imunisasi dan validasi data",
        }
        values.update(vals)
        Duty = self.env["kilap.field.duty"]
        if user:
            Duty = Duty.with_user(user)
        return Duty.create(values)

    def _approve(self, duty, approver=None):
        duty.action_submit()
        duty.with_user(approver or self.user_atasan).action_approve()
        return duty


@tagged("post_install", "-at_install")
class TestFieldDutySpt(FieldDutySptMixin, KilapActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a second pemda with its own supervisor and employee
        cls.other_company.write(
            {"kilap_spt_classification": "800", "kilap_spt_unit_code": "DINKES"}
        )
        cls.opd_other = cls.env["hr.department"].create(
            {"name": "Dinas Lain", "company_id": cls.other_company.id}
        )
        cls.user_atasan_x, cls.emp_atasan_x = cls.make_user(
            "t_atasan_x",
            role_groups("atasan"),
            employee={"name": "Atasan X", "department_id": cls.opd_other.id},
            company_id=cls.other_company.id,
            company_ids=[fields.Command.set(cls.other_company.ids)],
        )
        cls.emp_x = cls.env["hr.employee"].create(
            {
                "name": "Pegawai X",
                "company_id": cls.other_company.id,
                "department_id": cls.opd_other.id,
                "parent_id": cls.emp_atasan_x.id,
            }
        )

    def _other_duty(self):
        return self.env["kilap.field.duty"].create(
            {
                "name": "Koordinasi",
                "company_id": self.other_company.id,
                "employee_ids": [fields.Command.set(self.emp_x.ids)],
                "requester_id": self.emp_x.id,
                "date_from": DEC_1,
                "date_to": DEC_1,
                "destination": "Kota Gorontalo",
                "allow_anywhere": True,
                "purpose": "Koordinasi",
            }
        )

    def test_number_per_company_and_year(self):
        with freeze_time(LATE_2025):
            first = self._approve(self._duty())
            second = self._approve(self._duty())
        with freeze_time(EARLY_2026):
            third = self._approve(self._duty())
            other = self._approve(self._other_duty(), self.user_atasan_x)
        self.assertEqual(first.spt_number, "094/001/SPT/2025")
        self.assertEqual(second.spt_number, "094/002/SPT/2025")
        self.assertEqual(first.spt_date, datetime.date(2025, 12, 30))
        # a new year starts the register again; each pemda has its own
        self.assertEqual(third.spt_number, "094/001/SPT/2026")
        self.assertEqual(third.spt_date, datetime.date(2026, 1, 5))
        self.assertEqual(other.spt_number, "800/001/SPT/DINKES/2026")
        # the number is found by search and by name
        Duty = self.env["kilap.field.duty"]
        self.assertEqual(Duty.search([("spt_number", "=", "094/002/SPT/2025")]), second)
        self.assertIn(second.id, [r[0] for r in Duty.name_search("094/002/SPT")])
        # the unit code, once set, goes into the next numbers
        self.company.kilap_spt_unit_code = "BKPSDM"
        with freeze_time(EARLY_2026):
            fourth = self._approve(self._duty())
        self.assertEqual(fourth.spt_number, "094/002/SPT/BKPSDM/2026")
        with self.assertRaisesRegex(
            ValidationError, "digits, letters, dots and dashes"
        ):
            self.company.kilap_spt_classification = "094/%(year)s"

    def test_number_given_once(self):
        with freeze_time(LATE_2025):
            duty = self._approve(self._duty())
            number = duty.spt_number
            with self.assertRaisesRegex(UserError, "Only submitted"):
                duty.with_user(self.user_atasan).action_approve()
            duty.action_cancel()
            duty.action_draft()
            self._approve(duty)
            self.assertEqual(duty.spt_number, number, "never reassigned")
            self.assertEqual(duty.spt_date, datetime.date(2025, 12, 30))
            following = self._approve(self._duty())
        self.assertEqual(following.spt_number, "094/002/SPT/2025", "no number spent")
        # nobody writes it, not even BKPSDM or the superuser, nor creates it
        for env in (self.env, self.env(user=self.user_bkpsdm)):
            with self.assertRaisesRegex(UserError, "action buttons"):
                duty.with_env(env).write({"spt_number": "094/999/SPT/2025"})
        with self.assertRaisesRegex(UserError, "first state"):
            self._duty(spt_number="094/999/SPT/2025")
        self.assertEqual(duty.spt_number, number)
        self.assertFalse(duty.copy().spt_number)

    def test_system_made_duties_are_numbered(self):
        """Demo data, generators and imports create approved duties too."""
        with freeze_time(EARLY_2026):
            duty = self.env["kilap.field.duty"]._kilap_create_in_state(
                [
                    {
                        "name": "Impor",
                        "company_id": self.company.id,
                        "employee_ids": [fields.Command.set(self.emp_pegawai.ids)],
                        "date_from": datetime.date(2025, 11, 3),
                        "date_to": datetime.date(2025, 11, 4),
                        "destination": "Gorontalo",
                        "allow_anywhere": True,
                        "purpose": "Koordinasi",
                        "state": "approved",
                    }
                ]
            )
        self.assertEqual(duty.spt_number, "094/001/SPT/2025")
        self.assertEqual(duty.spt_date, datetime.date(2025, 11, 3))

    def test_signatory(self):
        duty = self._duty(user=self.user_pegawai)
        self.assertEqual(duty.signatory_id, self.emp_head, "head of the OPD")
        # the requester does not pick who signs their assignment
        with self.assertRaisesRegex(AccessError, "chooses the official"):
            duty.with_user(self.user_pegawai).signatory_id = self.emp_admin_opd
        with self.assertRaisesRegex(AccessError, "chooses the official"):
            self._duty(user=self.user_pegawai, signatory_id=self.emp_admin_opd.id)
        # ...the default is accepted, as the form sends it
        self._duty(user=self.user_pegawai, signatory_id=self.emp_head.id)
        duty.with_user(self.user_pegawai).action_submit()
        self.assertTrue(duty.with_user(self.user_atasan).can_set_signatory)
        self.assertFalse(duty.with_user(self.user_pegawai).can_set_signatory)
        duty.with_user(self.user_atasan).signatory_id = self.emp_admin_opd
        self.assertEqual(duty.signatory_id, self.emp_admin_opd)
        duty.with_user(self.user_atasan).action_approve()
        for user in (self.user_atasan, self.user_bkpsdm):
            with self.assertRaisesRegex(UserError, "signatory is fixed"):
                duty.with_user(user).signatory_id = self.emp_head
        self.assertEqual(duty.signatory_id, self.emp_admin_opd)
        # another pemda's official cannot sign
        other = self._duty()
        with self.assertRaises(UserError):
            other.signatory_id = self.emp_x
        # without an OPD head, the head of the unit, else the supervisor
        self.opd_a.manager_id = False
        self.assertEqual(
            other._kilap_default_signatory(self.emp_pegawai), self.emp_atasan
        )

    def test_forms(self):
        """The requester sees the signatory, the approver may change it."""
        form = Form(self.env["kilap.field.duty"].with_user(self.user_pegawai))
        form.name = "Pendataan posyandu"
        form.employee_ids.add(self.emp_pegawai)
        form.date_from = DEC_1
        form.date_to = DEC_1
        form.destination = "Kecamatan Tomilito"
        form.allow_anywhere = True
        form.purpose = "Pendataan posyandu"
        self.assertEqual(form.signatory_id, self.emp_head)
        with self.assertRaises(AssertionError):
            form.signatory_id = self.emp_admin_opd
        duty = form.save()
        self.assertEqual(duty.signatory_id, self.emp_head)
        self.assertFalse(duty.spt_number)
        duty.with_user(self.user_pegawai).action_submit()
        form = Form(duty.with_user(self.user_atasan))
        form.signatory_id = self.emp_admin_opd
        form.save()
        self.assertEqual(duty.signatory_id, self.emp_admin_opd)
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        form = Form(duty.with_user(self.user_pegawai))
        self.assertEqual(form.spt_number, "094/001/SPT/2026")
        with self.assertRaises(AssertionError):
            form.signatory_id = self.emp_head

    def test_printing_refused_before_approval(self):
        duty = self._duty(user=self.user_pegawai)
        Report = self.env["ir.actions.report"].with_user(self.user_pegawai)
        for state_change in (None, "submit", "reject"):
            if state_change == "submit":
                duty.action_submit()
            elif state_change == "reject":
                duty.with_user(self.user_atasan).action_reject("Belum lengkap")
            with self.assertRaisesRegex(UserError, "once the field duty is approved"):
                duty.with_user(self.user_pegawai).action_print_spt()
            with self.assertRaisesRegex(UserError, "once the field duty is approved"):
                Report._render_qweb_html(
                    "kilap_activity.report_field_duty_spt", duty.ids
                )
        duty.action_submit()
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        action = duty.with_user(self.user_pegawai).action_print_spt()
        action = (action.get("context") or {}).get("report_action", action)
        self.assertEqual(action["report_name"], "kilap_activity.report_field_duty_spt")
        with self.assertRaisesRegex(UserError, "once it is filed"):
            duty.with_user(self.user_pegawai).action_print_travel_report()
        with self.assertRaisesRegex(UserError, "once it is filed"):
            Report._render_qweb_html(
                "kilap_activity.report_field_duty_travel", duty.ids
            )
        # another OPD's supervisor cannot read the duty, hence cannot print it
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(
                self.user_other_atasan
            )._render_qweb_html("kilap_activity.report_field_duty_spt", duty.ids)
        with self.assertRaises(AccessError):
            duty.with_user(self.user_other_atasan).action_print_spt()

    def test_spt_html_is_indonesian(self):
        """The letter is Indonesian even for a user who works in English."""
        duty = self._duty()
        duty.action_submit()
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_pegawai)
            .with_context(lang="en_US")
            ._render_qweb_html("kilap_activity.report_field_duty_spt", duty.ids)
        )
        html = html.decode()
        for text in (
            "SURAT PERINTAH TUGAS",
            "MEMERINTAHKAN",
            "Kepada",
            "Untuk",
            duty.spt_number,
            "1 Desember 2026 s.d. 3 Desember 2026",
            "20 November 2026",
            "Penata Muda (III/a)",
            "Kepala Dinas A",
            self.emp_head.nip,
        ):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestFieldDutySptPdf(KilapRpcCase, FieldDutySptMixin, KilapActivityCase):
    """Real PDFs (wkhtmltopdf fetches the assets over HTTP), the report URL and
    JSON-RPC as the roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("report.url", cls.base_url())
        cls.company.city = "Kwandang"

    def _pdf(self, report, duty, user):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext not installed")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, duty.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _reported(self):
        duty = self._duty(
            date_from=datetime.date(2025, 11, 3), date_to=datetime.date(2025, 11, 4)
        )
        duty.action_submit()
        with freeze_time("2025-10-28 03:00:00"):
            duty.with_user(self.user_atasan).action_approve()
        Attachment = self.env["ir.attachment"].with_user(self.user_pegawai)
        attachments = Attachment.create(
            [
                {"name": "foto_posyandu.jpg", "raw": data_file("photo_gps.jpg")},
                {"name": "daftar_hadir.pdf", "raw": b"%PDF-1.4\n%%EOF\n"},
            ]
        )
        duty.with_user(self.user_pegawai).write(
            {
                "report_narrative": "<p>Cakupan imunisasi naik menjadi 92 persen.</p>",
                "report_attachment_ids": [fields.Command.set(attachments.ids)],
            }
        )
        with freeze_time("2025-11-05 03:00:00"):
            duty.with_user(self.user_pegawai).action_report()
        return duty

    def test_spt_pdf(self):
        duty = self._duty()
        duty.action_submit()
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        pdf = self._pdf("kilap_activity.report_field_duty_spt", duty, self.user_pegawai)
        text = " ".join(pdf_text(self, pdf).split())
        for expected in (
            "SURAT PERINTAH TUGAS",
            "MEMERINTAHKAN",
            duty.spt_number,
            self.emp_pegawai.name,
            self.emp_pegawai.nip,
            self.emp_pegawai2.name,
            self.emp_pegawai2.nip,
            "Penata Muda (III/a)",
            "Pengelola Data",
            "Puskesmas Atinggola",
            "Supervisi pelayanan imunisasi dan validasi data",
            "1 Desember 2026 s.d. 3 Desember 2026",
            "20 November 2026",
            "Kwandang",
            self.emp_head.name,
            self.emp_head.nip,
        ):
            self.assertIn(expected, text)

    def test_travel_report_pdf(self):
        duty = self._reported()
        pdf = self._pdf(
            "kilap_activity.report_field_duty_travel", duty, self.user_pegawai
        )
        text = " ".join(pdf_text(self, pdf).split())
        for expected in (
            "LAPORAN PERJALANAN DINAS",
            duty.spt_number,
            "28 Oktober 2025",
            "3 November 2025 s.d. 4 November 2025",
            "5 November 2025",
            "Cakupan imunisasi naik menjadi 92 persen.",
            self.emp_pegawai.nip,
            "foto_posyandu.jpg",
            "daftar_hadir.pdf",
        ):
            self.assertIn(expected, text)
        # the photo is embedded in the PDF
        self.assertIn(b"/Subtype /Image", pdf)
        if shutil.which("pdfimages"):
            with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
                tmp.write(pdf)
                tmp.flush()
                listing = subprocess.run(
                    ["pdfimages", "-list", tmp.name],
                    capture_output=True,
                    check=True,
                    text=True,
                    timeout=60,
                ).stdout
            self.assertGreaterEqual(len(listing.splitlines()) - 2, 1, listing)

    def test_report_url_follows_record_rules(self):
        duty = self._duty()
        duty.action_submit()
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        url = f"/report/html/kilap_activity.report_field_duty_spt/{duty.id}"
        self.authenticate("t_pegawai", "t_pegawai")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(duty.spt_number, response.text)
        # another OPD's employee: refused, and nothing of the letter shown
        for converter in ("pdf", "html"):
            self.authenticate("t_atasan_b", "t_atasan_b")
            response = self.url_open(
                f"/report/{converter}/kilap_activity.report_field_duty_spt/{duty.id}"
            )
            self.assertNotEqual(response.status_code, 200)
            self.assertNotIn(duty.spt_number, response.text)
            self.assertNotIn("Puskesmas Atinggola", response.text)
        # a draft duty's SPT is refused on the URL too
        draft = self._duty(user=self.user_pegawai)
        self.authenticate("t_pegawai", "t_pegawai")
        response = self.url_open(
            f"/report/pdf/kilap_activity.report_field_duty_spt/{draft.id}"
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertIn("once the field duty is approved", response.text)

    def test_rpc_cannot_set_number_or_print_early(self):
        duty = self._duty(user=self.user_pegawai)
        Duty = "kilap.field.duty"
        self.assertRefused("t_pegawai", Duty, "action_print_spt", [duty.ids])
        # the requester does not pick the official who signs, even in draft
        self.assertRefused(
            "t_pegawai",
            Duty,
            "write",
            [duty.ids, {"signatory_id": self.emp_admin_opd.id}],
            error=("AccessError",),
        )
        self.assertEqual(
            self.snapshot(duty, ["signatory_id"])[0]["signatory_id"][0],
            self.emp_head.id,
        )
        duty.action_submit()
        with freeze_time(NOV_2026):
            duty.with_user(self.user_atasan).action_approve()
        before = self.snapshot(duty, ["spt_number", "spt_date", "signatory_id"])
        for login in ("t_pegawai", "t_atasan"):
            for vals in (
                {"spt_number": "094/999/SPT/2026"},
                {"spt_date": "2026-01-01"},
                {"signatory_id": self.emp_admin_opd.id},
            ):
                self.assertRefused(login, Duty, "write", [duty.ids, vals])
                self.assertRefused(
                    login,
                    Duty,
                    "write",
                    [duty.ids, vals],
                    {"context": {"kilap_state_change": True}},
                )
        self.assertEqual(
            self.snapshot(duty, ["spt_number", "spt_date", "signatory_id"]), before
        )
        self.assertRefused("t_pegawai", Duty, "action_print_travel_report", [duty.ids])
        self.assertRefused("t_atasan_b", Duty, "action_print_spt", [duty.ids])
        result, failure = self.call_kw(
            "t_pegawai", Duty, "action_print_spt", [duty.ids]
        )
        self.assertFalse(failure, failure)
        result = (result.get("context") or {}).get("report_action", result)
        self.assertEqual(result["report_name"], "kilap_activity.report_field_duty_spt")
