import datetime

from odoo import fields
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import data_file, make_user, role_groups


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    """Staff write journals and field-duty reports from /my on a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.boss = cls.env["hr.employee"].create(
            {"name": "Atasan Portal", "company_id": cls.env.company.id}
        )
        cls.portal_user, cls.emp_portal = make_user(
            cls.env,
            "kilap_portal",
            "base.group_portal",
            employee={"name": "Pegawai Portal", "parent_id": cls.boss.id},
            password="kilap_portal",
        )
        cls.internal_user, cls.emp_internal = make_user(
            cls.env,
            "kilap_internal",
            role_groups("pegawai"),
            employee={"name": "Pegawai Internal", "parent_id": cls.boss.id},
            password="kilap_internal",
        )
        cls.today = cls.emp_portal._kilap_today()
        cls.field_type = cls.env.ref("kilap_activity.journal_type_field")

    def _post(self, url, data, files=None):
        data = dict(data, csrf_token=Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=True)

    def test_journal_list_and_new_portal_user(self):
        self.authenticate("kilap_portal", "kilap_portal")
        page = self.url_open("/my/journal")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Pegawai Portal", page.text)
        form = self.url_open("/my/journal/new")
        self.assertIn('capture="environment"', form.text)
        self.assertIn('accept="image/*"', form.text)
        response = self._post(
            "/my/journal/new",
            {
                "date": fields.Date.to_string(self.today),
                "time_start": "07:30",
                "time_end": "09:00",
                "name": "Pelayanan loket",
                "description": "Melayani 12 pasien",
                "journal_type_id": str(self.field_type.id),
                "submit": "1",
            },
            files={"photo": ("foto.jpg", data_file("photo_gps.jpg"), "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        entry = self.env["kilap.journal.entry"].search(
            [("employee_id", "=", self.emp_portal.id)]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.duration_minutes, 90)
        self.assertEqual(len(entry.attachment_ids), 1)
        self.assertIn("Pelayanan loket", self.url_open("/my/journal").text)

    def test_bad_input_shows_error_and_creates_nothing(self):
        self.authenticate("kilap_internal", "kilap_internal")
        response = self._post(
            "/my/journal/new",
            {
                "date": fields.Date.to_string(self.today + datetime.timedelta(days=2)),
                "time_start": "07:30",
                "time_end": "09:00",
                "name": "Masa depan",
                "description": "x",
            },
        )
        self.assertIn("future date", response.text)
        response = self._post(
            "/my/journal/new",
            {"time_start": "7h", "time_end": "09:00", "name": "x", "description": "x"},
        )
        self.assertIn("HH:MM", response.text)
        # field activities need evidence: nothing saved when submitted without
        response = self._post(
            "/my/journal/new",
            {
                "time_start": "07:30",
                "time_end": "09:00",
                "name": "Kunjungan",
                "description": "x",
                "journal_type_id": str(self.field_type.id),
                "submit": "1",
            },
        )
        self.assertIn("need evidence", response.text)
        self.assertFalse(
            self.env["kilap.journal.entry"].search(
                [("employee_id", "=", self.emp_internal.id)]
            )
        )

    def test_draft_then_submit_internal_user(self):
        self.authenticate("kilap_internal", "kilap_internal")
        self._post(
            "/my/journal/new",
            {
                "time_start": "10:00",
                "time_end": "11:00",
                "name": "Rapat",
                "description": "Rapat",
            },
        )
        entry = self.env["kilap.journal.entry"].search(
            [("employee_id", "=", self.emp_internal.id)]
        )
        self.assertEqual(entry.state, "draft")
        self._post(f"/my/journal/{entry.id}/submit", {})
        self.assertEqual(entry.state, "submitted")
        other = self.env["kilap.journal.entry"].create(
            {
                "name": "Bukan milik saya",
                "description": "x",
                "employee_id": self.emp_portal.id,
                "time_start": 13,
                "time_end": 14,
            }
        )
        response = self._post(f"/my/journal/{other.id}/submit", {})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other.state, "draft")

    def test_field_duty_report(self):
        duty = self.env["kilap.field.duty"].create(
            {
                "name": "SPT/PORTAL",
                "employee_ids": [fields.Command.set(self.emp_portal.ids)],
                "requester_id": self.emp_portal.id,
                "date_from": self.today,
                "date_to": self.today,
                "destination": "Desa Ponelo",
                "allow_anywhere": True,
                "purpose": "Pendataan",
            }
        )
        duty._kilap_transition({"state": "approved"})
        self.authenticate("kilap_portal", "kilap_portal")
        listing = self.url_open("/my/field-duty")
        self.assertIn("SPT/PORTAL", listing.text)
        response = self._post(f"/my/field-duty/{duty.id}", {"narrative": "Selesai"})
        self.assertIn("Attach at least one photo", response.text)
        self.assertEqual(duty.state, "approved")
        self._post(
            f"/my/field-duty/{duty.id}",
            {"narrative": "Pendataan 40 KK selesai"},
            files={"photos": ("a.jpg", data_file("photo_gps.jpg"), "image/jpeg")},
        )
        self.assertEqual(duty.state, "reported")
        self.assertIn("40 KK", duty.report_narrative)
        self.assertEqual(len(duty.report_attachment_ids), 1)

    def test_home_counters(self):
        self.authenticate("kilap_portal", "kilap_portal")
        home = self.url_open("/my/home")
        self.assertIn("/my/journal", home.text)
        self.assertIn("/my/field-duty", home.text)
