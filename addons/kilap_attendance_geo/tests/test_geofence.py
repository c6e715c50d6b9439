import math
from datetime import timedelta
from unittest.mock import MagicMock, patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KWANDANG, KilapGeoCase


@tagged("post_install", "-at_install")
class TestGeofence(KilapGeoCase):
    def check(self, employee, point, **extra):
        geo_information = {
            "mode": "kilap_portal",
            "latitude": point[0],
            "longitude": point[1],
            "kilap_gps": True,
            **extra,
        }
        return employee._attendance_action_change(geo_information)

    def test_edge_of_radius_accepted_one_metre_beyond_refused(self):
        attendance = self.check(self.pegawai, self.north_of(KWANDANG, 100))
        self.assertEqual(attendance.kilap_in_fence_id, self.fence)
        self.assertEqual(attendance.kilap_in_distance_m, 100)
        with self.assertRaisesRegex(
            UserError, r"101 m from the nearest geofence Kantor Uji"
        ):
            self.check(self.admin, self.north_of(KWANDANG, 101))
        self.assertFalse(
            self.env["hr.attendance"].search([("employee_id", "=", self.admin.id)])
        )

    def test_check_out_also_validated(self):
        attendance = self.check(self.pegawai, KWANDANG)
        with self.assertRaisesRegex(UserError, "nearest geofence"):
            self.check(self.pegawai, self.north_of(KWANDANG, 500))
        self.assertFalse(attendance.check_out)
        self.check(self.pegawai, self.north_of(KWANDANG, 50))
        self.assertTrue(attendance.check_out)
        self.assertEqual(attendance.kilap_out_fence_id, self.fence)

    def test_no_fence_applies(self):
        self.outsider.work_location_id = self.env["hr.work.location"].create(
            {"name": "Tanpa Pagar", "address_id": self.company.partner_id.id}
        )
        with self.assertRaisesRegex(UserError, "No geofence applies"):
            self.check(self.outsider, KWANDANG)

    def test_department_and_employee_fences(self):
        far = self.north_of(KWANDANG, 5000)
        dept_fence = self.env["kilap.geofence"].create(
            {
                "name": "Gudang Dinas",
                "latitude": far[0],
                "longitude": far[1],
                "radius": 50,
                "department_ids": [(6, 0, self.opd.ids)],
            }
        )
        # served through the parent department
        attendance = self.check(self.pegawai, far)
        self.assertEqual(attendance.kilap_in_fence_id, dept_fence)
        with self.assertRaisesRegex(UserError, "nearest geofence"):
            self.check(self.outsider, far)
        dept_fence.employee_ids = self.outsider
        dept_fence.department_ids = False
        self.assertEqual(self.check(self.outsider, far).kilap_in_fence_id, dept_fence)

    def test_temporary_fence_only_within_dates(self):
        apel = self.north_of(KWANDANG, 3000)
        today = fields.Date.today()
        fence = self.env["kilap.geofence"].create(
            {
                "name": "Apel Senin",
                "latitude": apel[0],
                "longitude": apel[1],
                "radius": 200,
                "is_temporary": True,
                "date_from": today - timedelta(days=10),
                "date_to": today - timedelta(days=3),
            }
        )
        with self.assertRaisesRegex(UserError, "nearest geofence"):
            self.check(self.pegawai, apel)
        fence.date_to = today + timedelta(days=1)
        self.assertEqual(self.check(self.pegawai, apel).kilap_in_fence_id, fence)
        with self.assertRaisesRegex(ValidationError, "start and an end"):
            self.env["kilap.geofence"].create(
                {
                    "name": "Tanpa tanggal",
                    "latitude": 0.9,
                    "longitude": 122.6,
                    "is_temporary": True,
                }
            )

    def test_field_duty_destination_and_anywhere(self):
        # the duty is matched on the office-local date, which differs from UTC's
        # in the evening; build it on that date so the test holds at any hour
        today = self.env["hr.attendance"]._kilap_local_date(
            self.pegawai, fields.Datetime.now()
        )
        gorontalo = (0.5435, 123.0568)
        duty = self.env["kilap.field.duty"]._kilap_create_in_state(
            {
                "name": "SPT/1",
                "employee_ids": [(6, 0, self.pegawai.ids)],
                "date_from": today,
                "date_to": today,
                "destination": "Kota Gorontalo",
                "latitude": gorontalo[0],
                "longitude": gorontalo[1],
                "radius": 200,
                "purpose": "Rapat",
                "state": "submitted",
            }
        )
        with self.assertRaisesRegex(UserError, "nearest geofence"):
            self.check(self.pegawai, gorontalo)
        duty._kilap_transition({"state": "approved"})
        attendance = self.check(self.pegawai, gorontalo)
        self.assertEqual(attendance.kilap_field_duty_id, duty)
        with self.assertRaisesRegex(UserError, "nearest geofence"):
            self.check(self.pegawai, (1.5, 124.8))  # Manado, outside the duty radius
        duty.allow_anywhere = True
        self.check(self.pegawai, (1.5, 124.8))
        self.assertTrue(attendance.check_out)

    def test_ip_fallback_never_counts(self):
        with self.assertRaisesRegex(UserError, "IP address"):
            self.check(self.pegawai, KWANDANG, kilap_gps=False)
        with self.assertRaisesRegex(UserError, "No GPS position"):
            self.pegawai._attendance_action_change(
                {"mode": "systray", "kilap_gps": False}
            )

    def test_bad_coordinates(self):
        cases = [
            ((None, None), "No GPS position"),
            ((False, 122.6), "No GPS position"),
            (("0.92", 122.6), "not a valid number"),
            ((math.nan, 122.6), "not a valid number"),
            ((0.92, math.inf), "not a valid number"),
            ((91.0, 122.6), "latitude"),
            ((0.92, 181.0), "longitude"),
        ]
        for point, message in cases:
            with self.subTest(point=point), self.assertRaisesRegex(UserError, message):
                self.check(self.pegawai, point)
        with self.assertRaisesRegex(UserError, "accuracy must be"):
            self.check(self.pegawai, KWANDANG, kilap_accuracy="10")
        with self.assertRaisesRegex(UserError, "accuracy must be"):
            self.check(self.pegawai, KWANDANG, kilap_accuracy=-5)
        with self.assertRaisesRegex(UserError, "mock-location flag"):
            self.check(self.pegawai, KWANDANG, kilap_mock="yes")
        self.assertFalse(
            self.env["hr.attendance"].search([("employee_id", "=", self.pegawai.id)])
        )
        with self.assertRaisesRegex(ValidationError, "out of range"):
            self.env["kilap.geofence"].create(
                {"name": "X", "latitude": 95, "longitude": 0}
            )
        with self.assertRaisesRegex(ValidationError, "radius must be positive"):
            self.env["kilap.geofence"].create(
                {"name": "X", "latitude": 1, "longitude": 1, "radius": 0}
            )

    def test_spoofing_accuracy_and_mock_refused(self):
        self.company.kilap_max_accuracy_m = 50
        with self.assertRaisesRegex(UserError, "accuracy of 51 m"):
            self.check(self.pegawai, KWANDANG, kilap_accuracy=51)
        with self.assertRaisesRegex(UserError, "mock"):
            self.check(self.pegawai, KWANDANG, kilap_mock=True)
        attendance = self.check(
            self.pegawai, KWANDANG, kilap_accuracy=50, kilap_mock=False
        )
        self.assertEqual(attendance.in_kilap_accuracy, 50)
        self.assertEqual(attendance.kilap_review_state, "none")

    def test_spoofing_speed_flagged(self):
        # previous fix 10 minutes ago 100 km away: 600 km/h
        far = self.north_of(KWANDANG, 100000)
        now = fields.Datetime.now()
        self.trusted_attendance(
            self.pegawai,
            now - timedelta(hours=2),
            now - timedelta(minutes=10),
            out_latitude=far[0],
            out_longitude=far[1],
        )
        attendance = self.check(self.pegawai, KWANDANG)
        self.assertIn("speed", attendance.kilap_flags)
        self.assertGreater(attendance.kilap_speed_kmh, 300)
        self.assertEqual(attendance.kilap_review_state, "to_review")
        # a slow move is not flagged
        self.check(self.pegawai, KWANDANG)
        self.assertEqual(attendance.kilap_flags, "speed")

    def test_spoofing_ip_distance_flagged(self):
        attendance = self.check(
            self.pegawai, KWANDANG, kilap_ip_latitude=-6.2, kilap_ip_longitude=106.8
        )  # IP in Jakarta
        self.assertEqual(attendance.kilap_flags, "ip")
        self.assertGreater(attendance.kilap_ip_distance_km, 1000)
        attendance2 = self.check(
            self.pegawai, KWANDANG, kilap_ip_latitude=0.93, kilap_ip_longitude=122.61
        )
        self.assertEqual(
            attendance2.kilap_flags, "ip"
        )  # same record at check-out: kept

    def test_review_queue(self):
        attendance = self.check(
            self.pegawai, KWANDANG, kilap_ip_latitude=-6.2, kilap_ip_longitude=106.8
        )
        with self.assertRaises(AccessError):
            attendance.with_user(self.users["pegawai"]).action_kilap_accept()
        attendance.with_user(self.users["admin"]).action_kilap_reject()
        self.assertEqual(attendance.kilap_review_state, "rejected")
        self.assertEqual(attendance.kilap_reviewer_id, self.users["admin"])
        self.env.cr.precommit.run()  # tracking values are written at commit time
        self.assertIn(
            "Rejected",
            attendance.message_ids.tracking_value_ids.mapped("new_value_char"),
        )
        with self.assertRaisesRegex(UserError, "waiting for review"):
            attendance.with_user(self.users["admin"]).action_kilap_accept()

    def test_manual_attendance_with_reason(self):
        when = fields.Datetime.now() - timedelta(days=1)
        model = self.env["hr.attendance"].with_user(self.users["admin"])
        with self.assertRaisesRegex(UserError, "No GPS position"):
            model.create({"employee_id": self.pegawai.id, "check_in": when})
        attendance = model.create(
            {
                "employee_id": self.pegawai.id,
                "check_in": when,
                "check_out": when + timedelta(hours=8),
                "kilap_manual_reason": "Lupa presensi, surat tugas",
            }
        )
        self.assertTrue(attendance.kilap_manual_reason)
        with self.assertRaises(AccessError):
            self.env["hr.attendance"].with_user(self.users["pegawai"]).create(
                {
                    "employee_id": self.pegawai.id,
                    "check_in": when - timedelta(days=2),
                    "kilap_manual_reason": "Saya sendiri",
                }
            )

    def test_fill_coordinates_from_address(self):
        self.company.partner_id.write({"city": "Kwandang"})
        response = MagicMock(status_code=200)
        response.json.return_value = [{"lat": "0.8601", "lon": "122.9001"}]
        with patch("requests.get", return_value=response) as get:
            self.fence.action_fill_from_address()
            self.location.action_kilap_add_fence_from_address()
        self.assertTrue(get.called)
        self.assertAlmostEqual(self.fence.latitude, 0.8601)
        self.assertEqual(self.location.kilap_geofence_count, 2)
        response.json.return_value = []
        with (
            patch("requests.get", return_value=response),
            self.assertRaisesRegex(UserError, "No coordinates"),
        ):
            self.location.action_kilap_add_fence_from_address()
