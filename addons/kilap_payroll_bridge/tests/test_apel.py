"""Apel attendance read from check-ins at the apel point: who was expected and did
not check in there within the window is recorded as a missed apel, which the TPP
sheet already cuts."""

from datetime import date, timedelta

from odoo.tests import freeze_time, tagged

from odoo.addons.kilap_attendance_geo.tests.common import KWANDANG, KilapGeoCase

MONDAY = date(2026, 7, 6)


@tagged("post_install", "-at_install")
class TestApel(KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point = cls.north_of(KWANDANG, 600)
        cls.apel = cls.env["kilap.geofence"].create(
            {
                "name": "Apel Senin - Lapangan",
                "latitude": cls.point[0],
                "longitude": cls.point[1],
                "radius": 150,
                "kilap_apel": True,
                "kilap_apel_weekday": "0",
                "kilap_apel_hour_from": 7.0,
                "kilap_apel_hour_to": 7.5,
                "company_id": cls.company.id,
                "employee_ids": [(6, 0, (cls.pegawai | cls.atasan | cls.admin).ids)],
            }
        )
        for employee in cls.apel.employee_ids:
            employee.resource_calendar_id = cls.calendar

    def punch(self, employee, when, point):
        """A check-in or check-out on the validated path, at ``when``."""
        with freeze_time(when):
            return employee._attendance_action_change(
                {"mode": "systray", "latitude": point[0], "longitude": point[1]}
            )

    def test_missed_apel_from_check_ins(self):
        """Pegawai checks in at the apel point at 07:10: attended. Atasan checks in
        at the office at 07:20: missed. Admin is on field duty: excused."""
        self.assertTrue(self.apel._kilap_apel_on(MONDAY))
        self.assertFalse(self.apel._kilap_apel_on(MONDAY + timedelta(days=1)))
        present = self.punch(self.pegawai, self.wita(MONDAY, 7, 10), self.point)
        self.assertEqual(present.kilap_in_fence_id, self.apel)
        self.punch(self.pegawai, self.wita(MONDAY, 16, 0), KWANDANG)
        office = self.punch(self.atasan, self.wita(MONDAY, 7, 20), KWANDANG)
        self.assertEqual(office.kilap_in_fence_id, self.fence)
        self.env["kilap.field.duty"]._kilap_create_in_state(
            {
                "name": "Rapat provinsi",
                "employee_ids": [(6, 0, self.admin.ids)],
                "date_from": MONDAY,
                "date_to": MONDAY,
                "destination": "Gorontalo",
                "purpose": "Rapat",
                "state": "approved",
            }
        )
        missed = self.apel._kilap_record_missed_apel(MONDAY)
        self.assertEqual(missed.employee_id, self.atasan)
        self.assertEqual((missed.date, missed.name), (MONDAY, "Apel Senin - Lapangan"))
        self.assertIn("07:00", missed.note)
        # recording again adds nothing; a Tuesday has no apel
        self.assertFalse(self.apel._kilap_record_missed_apel(MONDAY))
        self.assertFalse(
            self.apel._kilap_record_missed_apel(MONDAY + timedelta(days=1))
        )
        # a check-in at the point after the window is no attendance at the apel
        late = self.punch(
            self.pegawai, self.wita(MONDAY + timedelta(days=7), 7, 45), self.point
        )
        self.assertEqual(late.kilap_in_fence_id, self.apel)
        later = self.apel._kilap_record_missed_apel(MONDAY + timedelta(days=7))
        self.assertIn(self.pegawai, later.employee_id)

    def test_button_waits_for_the_window_and_cron_records_yesterday(self):
        self.company.partner_id.tz = "Asia/Makassar"
        with freeze_time(self.wita(MONDAY, 7, 15)):
            with self.assertRaises(Exception) as refused:
                self.apel.action_kilap_record_missed_apel()
            self.assertIn("not over yet", str(refused.exception))
        with freeze_time(self.wita(MONDAY + timedelta(days=1), 1, 0)):
            self.env["kilap.geofence"]._cron_kilap_missed_apel()
        recorded = self.env["kilap.tpp.apel.absence"].search(
            [("date", "=", MONDAY), ("name", "=", self.apel.name)]
        )
        self.assertEqual(recorded.employee_id, self.pegawai | self.atasan | self.admin)

    def test_window_must_make_sense(self):
        with self.assertRaises(Exception) as refused:
            self.apel.copy({"kilap_apel_hour_from": 8.0, "kilap_apel_hour_to": 7.0})
        self.assertIn("apel window", str(refused.exception))
