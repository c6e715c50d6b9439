from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import KWANDANG, KilapGeoCase


@tagged("post_install", "-at_install")
class TestEntryPaths(HttpCase, KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "attendance_from_systray": True,
                "attendance_device_tracking": True,
                "attendance_kiosk_use_pin": False,
            }
        )

    def attendances(self, employee):
        return self.env["hr.attendance"].search([("employee_id", "=", employee.id)])

    def test_systray_route(self):
        self.authenticate("geo_pegawai", "geo_pegawai_pw1")
        far = self.north_of(KWANDANG, 400)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/hr_attendance/systray_check_in_out",
                {"latitude": far[0], "longitude": far[1]},
            )
        with self.assertRaises(
            JsonRpcException
        ):  # no GPS: the IP fallback never counts
            self.make_jsonrpc_request("/hr_attendance/systray_check_in_out", {})
        self.assertFalse(self.attendances(self.pegawai))
        result = self.make_jsonrpc_request(
            "/hr_attendance/systray_check_in_out",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1]},
        )
        self.assertEqual(result["attendance_state"], "checked_in")
        attendance = self.attendances(self.pegawai)
        self.assertEqual(attendance.kilap_in_fence_id, self.fence)
        self.assertEqual(attendance.in_mode, "systray")
        self.assertTrue(attendance.in_kilap_gps)

    def test_kiosk_manual_selection(self):
        token = self.company.attendance_kiosk_key
        far = self.north_of(KWANDANG, 1000)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/hr_attendance/manual_selection",
                {
                    "token": token,
                    "employee_id": self.outsider.id,
                    "pin_code": False,
                    "latitude": far[0],
                    "longitude": far[1],
                },
            )
        self.make_jsonrpc_request(
            "/hr_attendance/manual_selection",
            {
                "token": token,
                "employee_id": self.outsider.id,
                "pin_code": False,
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
            },
        )
        attendance = self.attendances(self.outsider)
        self.assertEqual(attendance.in_mode, "kiosk")
        self.assertEqual(attendance.kilap_in_fence_id, self.fence)

    def test_kiosk_barcode_without_gps_refused(self):
        self.outsider.barcode = "KILAP0001"
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/hr_attendance/attendance_barcode_scanned",
                {"token": self.company.attendance_kiosk_key, "barcode": "KILAP0001"},
            )
        self.assertFalse(self.attendances(self.outsider))

    def test_portal_route(self):
        self.authenticate("geo_pegawai", "geo_pegawai_pw1")
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1], "accuracy": 500},
        )
        self.assertFalse(result["ok"])
        self.assertIn("accuracy", result["message"])
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check", {"latitude": "abc", "longitude": KWANDANG[1]}
        )
        self.assertFalse(result["ok"])
        self.assertFalse(self.attendances(self.pegawai))
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
                "accuracy": 12,
                "mock": False,
            },
        )
        self.assertTrue(result["ok"])
        self.assertEqual(result["state"], "checked_in")
        self.assertEqual(result["fence"], "Kantor Uji")
        attendance = self.attendances(self.pegawai)
        self.assertEqual(attendance.in_mode, "kilap_portal")
        self.assertEqual(attendance.in_kilap_accuracy, 12)
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
                "accuracy": 12,
                "mock": True,
            },
        )
        self.assertFalse(result["ok"])
        self.assertFalse(attendance.check_out)

    def test_offline_route_and_replay(self):
        self.authenticate("geo_pegawai", "geo_pegawai_pw1")
        now = fields.Datetime.now()

        def iso(dt):
            return dt.strftime("%Y-%m-%dT%H:%M:%SZ")

        items = [
            {
                "uuid": "u-in",
                "kind": "in",
                "device_time": iso(now - timedelta(hours=5)),
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
                "accuracy": 10,
                "mock": False,
            },
            {
                "uuid": "u-bad",
                "kind": "out",
                "device_time": iso(now - timedelta(hours=4)),
                "latitude": 95,
                "longitude": KWANDANG[1],
            },
            {
                "uuid": "u-out",
                "kind": "out",
                "device_time": iso(now - timedelta(hours=1)),
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
                "accuracy": 10,
                "mock": False,
            },
            {
                "uuid": "u-old",
                "kind": "in",
                "device_time": iso(now - timedelta(hours=80)),
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
            },
            {
                "uuid": "u-future",
                "kind": "in",
                "device_time": iso(now + timedelta(hours=1)),
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
            },
            {
                "uuid": "u-kind",
                "kind": "lunch",
                "device_time": iso(now),
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
            },
            {
                "uuid": "u-time",
                "kind": "in",
                "device_time": "yesterday",
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
            },
            {"kind": "in"},
            "garbage",
        ]
        results = self.make_jsonrpc_request("/kilap/attendance/sync", {"items": items})[
            "results"
        ]
        statuses = [r["status"] for r in results]
        self.assertEqual(
            statuses,
            [
                "accepted",
                "refused",
                "accepted",
                "refused",
                "refused",
                "refused",
                "refused",
                "refused",
                "refused",
            ],
        )
        self.assertIn("latitude", results[1]["message"])
        self.assertIn("older than 72 hours", results[3]["message"])
        self.assertIn("future", results[4]["message"])
        attendance = self.attendances(self.pegawai)
        self.assertEqual(len(attendance), 1)
        self.assertTrue(attendance.kilap_offline)
        self.assertEqual(attendance.in_mode, "kilap_offline")
        self.assertTrue(attendance.check_out)
        # replay: same answers, nothing created
        sync_count = self.env["kilap.attendance.sync"].search_count([])
        again = self.make_jsonrpc_request(
            "/kilap/attendance/sync", {"items": items[:5]}
        )["results"]
        self.assertEqual(again, results[:5])
        self.assertEqual(self.env["kilap.attendance.sync"].search_count([]), sync_count)
        self.assertEqual(len(self.attendances(self.pegawai)), 1)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/kilap/attendance/sync", {"items": "not a list"})

    def test_offline_uuid_of_another_employee(self):
        self.env["kilap.attendance.sync"].create(
            {"uuid": "shared", "employee_id": self.outsider.id, "state": "refused"}
        )
        results = self.env["kilap.attendance.sync"]._kilap_process(
            self.pegawai, [{"uuid": "shared"}]
        )
        self.assertIn("another employee", results[0]["message"])

    def test_employee_cannot_edit_own_attendance(self):
        self.authenticate("geo_pegawai", "geo_pegawai_pw1")
        self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1]},
        )
        attendance = self.attendances(self.pegawai)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/hr.attendance/write",
                {
                    "model": "hr.attendance",
                    "method": "write",
                    "args": [
                        attendance.ids,
                        {
                            "check_in": fields.Datetime.to_string(
                                attendance.check_in - timedelta(hours=1)
                            )
                        },
                    ],
                    "kwargs": {},
                },
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/hr.attendance/unlink",
                {
                    "model": "hr.attendance",
                    "method": "unlink",
                    "args": [attendance.ids],
                    "kwargs": {},
                },
            )
        self.assertTrue(attendance.exists())
