"""Attendance forgeries over JSON-RPC by logged-in users (docs/security.md).

Each test replays an attack as the demo role that tried it, asserts the refusal
and that nothing changed; the defended paths stay tested beside them.
"""

import base64
from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase, data_file

FORGED = {"context": {"kilap_state_change": True}}
OFFICE = (0.8400, 122.9000)


@tagged("post_install", "-at_install")
class TestAttendanceAttacks(KilapRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.pegawai = ref("kilap_activity.employee_demo_pegawai")
        cls.admin_opd = ref("kilap_activity.employee_demo_adminopd")
        cls.admin_user = ref("kilap_activity.user_demo_adminopd")
        cls.staf_setda = ref("kilap_activity.employee_demo_staf_setda")
        cls.own_dept = ref("kilap_activity.department_demo_dinkes_sekretariat")
        cls.other_dept = ref("kilap_activity.department_demo_setda_umum")
        # the demo's closed month must not hide the guards tested here
        if "kilap.score.period" in cls.env:
            cls.env["kilap.score.period"].search(
                [("state", "=", "closed")]
            )._kilap_transition({"state": "open"})
        Fence = cls.env["kilap.geofence"].with_company(cls.pegawai.company_id)
        cls.fence_own = Fence.create(
            {
                "name": "Kantor Dinkes (uji)",
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "radius": 100,
                "department_ids": [(6, 0, cls.own_dept.ids)],
                "employee_ids": [(6, 0, cls.pegawai.ids)],
            }
        )
        cls.fence_other = Fence.create(
            {
                "name": "Kantor Setda (uji)",
                "latitude": 0.85,
                "longitude": 122.91,
                "radius": 100,
                "department_ids": [(6, 0, cls.other_dept.ids)],
            }
        )
        cls.today = cls.pegawai._kilap_today()

    # ------------------------------------------------------------- corrections
    def test_correction_cannot_be_forged(self):
        """Attack 2: an attendance correction created or written as approved."""
        Correction = self.env["kilap.attendance.correction"]
        count = Correction.search_count([])
        when = fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=3))
        vals = {
            "employee_id": self.pegawai.id,
            "date": fields.Date.to_string(self.today),
            "check_in": when,
            "reason": "Lupa presensi",
        }
        self.assertRefused(
            "pegawai",
            "kilap.attendance.correction",
            "create",
            [{**vals, "state": "approved"}],
        )
        self.assertEqual(Correction.search_count([]), count)
        request_id, failure = self.call_kw(
            "pegawai", "kilap.attendance.correction", "create", [vals]
        )
        self.assertFalse(failure, failure)
        request = Correction.browse(request_id)
        for call in (
            ("write", [request.ids, {"state": "approved"}]),
            ("action_submit", [request.ids]),
            ("action_approve", [request.ids]),
        ):
            result, failure = self.call_kw(
                "pegawai", "kilap.attendance.correction", call[0], call[1], FORGED
            )
            if call[0] == "action_submit":
                self.assertFalse(failure, failure)
            else:
                self.assertTrue(failure, f"{call[0]} accepted: {result}")
        got = self.snapshot(request, ["state", "attendance_id"])[0]
        self.assertEqual((got["state"], got["attendance_id"]), ("submitted", False))
        # a submitted request is frozen for its owner too
        self.assertRefused(
            "pegawai",
            "kilap.attendance.correction",
            "write",
            [
                request.ids,
                {"check_in": fields.Datetime.to_string(fields.Datetime.now())},
            ],
        )

    # ------------------------------------------------------------- geofences
    def test_admin_opd_fence_scope(self):
        """Attack 4: a company-wide fence of 20,000 km, another OPD's fence
        widened to 50 km, and the company maximum on the own OPD's fences."""
        Fence = self.env["kilap.geofence"]
        count = Fence.search_count([])
        self.assertRefused(
            "adminopd",
            "kilap.geofence",
            "create",
            [
                {
                    "name": "Seluruh Bumi",
                    "latitude": 0.8,
                    "longitude": 122.9,
                    "radius": 20_000_000,
                }
            ],
        )
        self.assertEqual(Fence.search_count([]), count)
        before = self.snapshot(self.fence_other | self.fence_own, ["radius"])
        self.assertRefused(
            "adminopd",
            "kilap.geofence",
            "write",
            [self.fence_other.ids, {"radius": 50_000}],
        )
        message = self.assertRefused(
            "adminopd",
            "kilap.geofence",
            "write",
            [self.fence_own.ids, {"radius": 5_000}],
        )
        self.assertIn("1000", message.replace(",", "").replace(".", ""))
        self.assertEqual(
            self.snapshot(self.fence_other | self.fence_own, ["radius"]), before
        )
        # within the maximum, on the own OPD: allowed, and the change is tracked
        _r, failure = self.call_kw(
            "adminopd",
            "kilap.geofence",
            "write",
            [self.fence_own.ids, {"radius": 150}],
        )
        self.assertFalse(failure, failure)
        self.env.cr.precommit.run()
        tracked = self.fence_own.message_ids.tracking_value_ids
        self.assertIn(
            "radius",
            tracked.field_id.mapped("name"),
        )

    # ------------------------------------------------- one's own attendance
    @classmethod
    def evening(cls, employee, days_back, hour=19):
        """Naive UTC of ``hour`` o'clock ``days_back`` days ago in the employee's
        office: after any demo day's check-out and before now, at any hour the
        tests run (the demo month's last days are often the day before)."""
        tz = pytz.timezone(employee._kilap_tz())
        day = employee._kilap_today() - timedelta(days=days_back)
        moment = tz.localize(datetime.combine(day, time(hour)))
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    def assertOwnDayRefused(self, start, **vals):
        """Admin OPD creating an attendance of their own is refused, nothing made."""
        Attendance = self.env["hr.attendance"]
        domain = [("employee_id", "=", self.admin_opd.id)]
        count = Attendance.search_count(domain)
        self.assertRefused(
            "adminopd",
            "hr.attendance",
            "create",
            [
                {
                    "employee_id": self.admin_opd.id,
                    "check_in": fields.Datetime.to_string(start),
                    **vals,
                }
            ],
        )
        self.assertEqual(Attendance.search_count(domain), count)

    def test_nobody_records_or_accepts_their_own_attendance(self):
        """Attack 5: Admin OPD records a full day for themselves with a manual
        reason and no coordinates, and accepts their own flagged attendance."""
        Attendance = self.env["hr.attendance"]
        start = self.evening(self.admin_opd, 1)
        self.assertOwnDayRefused(
            start,
            check_out=fields.Datetime.to_string(start + timedelta(hours=3)),
            kilap_manual_reason="Dinas dalam kota",
        )
        flagged = Attendance.create(
            {
                "employee_id": self.admin_opd.id,
                "check_in": self.evening(self.admin_opd, 2),
            }
        )
        flagged._kilap_flag("speed")
        for call in (
            ("action_kilap_accept", [flagged.ids]),
            ("write", [flagged.ids, {"kilap_review_state": "accepted"}]),
        ):
            self.assertRefused("adminopd", "hr.attendance", *call, FORGED)
        self.assertEqual(
            self.snapshot(flagged, ["kilap_review_state"])[0]["kilap_review_state"],
            "to_review",
        )
        # a flagged attendance cannot be created already accepted either
        self.assertRefused(
            "adminopd",
            "hr.attendance",
            "create",
            [
                {
                    "employee_id": self.pegawai.id,
                    "check_in": fields.Datetime.to_string(start),
                    "in_latitude": OFFICE[0],
                    "in_longitude": OFFICE[1],
                    "kilap_review_state": "accepted",
                }
            ],
        )

    # ------------------------------------------------------------- uploads
    def test_phone_route_checks_photo_bytes(self):
        """Attack 9: HTML and executable bytes declared as a photo."""
        self.authenticate("pegawai", "pegawai")
        Entry = self.env["kilap.journal.entry"]
        count = Entry.search_count([("employee_id", "=", self.pegawai.id)])
        items = []
        for n, name in enumerate(("page_as_photo.jpg", "program.exe", "broken.jpg")):
            items.append(
                {
                    "uuid": f"attack-photo-{n}",
                    "date": fields.Date.to_string(self.today),
                    "time_start": f"{18 + n}:00",
                    "time_end": f"{18 + n}:30",
                    "description": "Foto palsu",
                    "photo": {
                        "name": "foto.jpg",
                        "mimetype": "image/jpeg",
                        "data": base64.b64encode(data_file(name)).decode(),
                    },
                }
            )
        result = self.make_jsonrpc_request("/kilap/phone/journal", {"items": items})
        self.assertEqual(
            [r["status"] for r in result["results"]], ["refused"] * 3, result
        )
        self.assertEqual(
            Entry.search_count([("employee_id", "=", self.pegawai.id)]), count
        )

    # ------------------------------------------------------- offline backdating
    def test_late_offline_item_goes_to_review(self):
        """Attack 10: an item synced hours late with a punctual device time."""
        self.authenticate("pegawai", "pegawai")
        device_time = fields.Datetime.now() - timedelta(hours=2)
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {
                "items": [
                    {
                        "uuid": "attack-late-1",
                        "kind": "in",
                        "device_time": device_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "latitude": OFFICE[0],
                        "longitude": OFFICE[1],
                        "accuracy": 10,
                    }
                ]
            },
        )
        answer = result["results"][0]
        self.assertEqual(answer["status"], "accepted", answer)
        attendance = self.env["hr.attendance"].browse(answer["attendance_id"])
        self.assertEqual(attendance.kilap_review_state, "to_review")
        self.assertIn("offline_late", attendance.kilap_flags)
        self.assertIn("late", attendance.kilap_flag_reasons)

    # ------------------------------------------------------------- wizard scope
    def test_recompute_wizard_stays_in_scope(self):
        """Attack 11: Admin OPD recomputes another OPD's days."""
        wizard_id, failure = self.call_kw(
            "adminopd",
            "kilap.attendance.compute.wizard",
            "create",
            [{"department_ids": [(6, 0, self.other_dept.ids)]}],
        )
        self.assertFalse(failure, failure)
        Day = self.env["kilap.attendance.day"]
        before = Day.search_count([("employee_id", "=", self.staf_setda.id)])
        message = self.assertRefused(
            "adminopd",
            "kilap.attendance.compute.wizard",
            "action_compute",
            [[wizard_id]],
        )
        self.assertIn(self.other_dept.name, message)
        self.assertEqual(
            Day.search_count([("employee_id", "=", self.staf_setda.id)]), before
        )

    # ------------------------------------------------------- need to know
    def test_positions_need_to_know(self):
        """Attack 12: finance and the inspectorate read results, not positions;
        supervisors and Admin OPD read those of their scope."""
        att = self.env["hr.attendance"].create(
            {
                "employee_id": self.pegawai.id,
                "check_in": self.evening(self.pegawai, 2),
                "check_out": self.evening(self.pegawai, 2, 20),
                "in_latitude": OFFICE[0],
                "in_longitude": OFFICE[1],
                "in_ip_address": "10.1.2.3",
            }
        )
        for login in ("keuangan", "auditor"):
            for field in ("in_latitude", "in_ip_address", "in_kilap_ip_latitude"):
                self.assertRefused(
                    login,
                    "hr.attendance",
                    "read",
                    [att.ids, [field]],
                    error=("AccessError",),
                )
            # the results stay readable
            result, failure = self.call_kw(
                login, "kilap.attendance.day", "search_count", [[]]
            )
            self.assertFalse(failure, failure)
            self.assertTrue(result)
        fields_seen, _f = self.call_kw(
            "auditor", "hr.attendance", "fields_get", [], {"attributes": ["type"]}
        )
        self.assertNotIn("in_latitude", fields_seen)
        # the views: the form of the attendance shows positions to the supervisor
        # and Admin OPD, not to finance or the inspectorate
        for login, shown in (
            ("keuangan", False),
            ("auditor", False),
            ("atasan", True),
            ("adminopd", True),
        ):
            views, failure = self.call_kw(
                login, "hr.attendance", "get_views", [[[False, "form"]]]
            )
            self.assertFalse(failure, failure)
            arch = views["views"]["form"]["arch"]
            self.assertEqual('name="in_latitude"' in arch, shown, login)
            self.assertEqual(
                "in_ip_address" in views["models"]["hr.attendance"]["fields"],
                shown,
                login,
            )
        result, failure = self.call_kw(
            "atasan", "hr.attendance", "read", [att.ids, ["in_latitude"]]
        )
        self.assertFalse(failure, failure)
        self.assertAlmostEqual(result[0]["in_latitude"], OFFICE[0])
        # another team's attendance is not even visible to that supervisor
        other = self.env["hr.attendance"].create(
            {"employee_id": self.staf_setda.id, "check_in": att.check_in}
        )
        found, _f = self.call_kw(
            "atasan", "hr.attendance", "search", [[("id", "=", other.id)]]
        )
        self.assertEqual(found, [])

    # ------------------------------------------------------- discipline events
    def test_discipline_event_state_only_through_actions(self):
        """A threshold event cannot be created or written as processed."""
        event = self.env["kilap.discipline.event"].search([], limit=1)
        self.assertTrue(event, "the demo raises thresholds")
        vals = {
            "employee_id": event.employee_id.id,
            "threshold_id": event.threshold_id.id,
            "year": event.year - 5,
            "state": "processed",
        }
        self.assertRefused("bkpsdm", "kilap.discipline.event", "create", [vals])
        self.assertRefused(
            "bkpsdm",
            "kilap.discipline.event",
            "write",
            [event.ids, {"state": "processed"}],
            FORGED,
        )
        self.assertRefused(
            "adminopd", "kilap.discipline.event", "action_process", [event.ids]
        )
        self.assertEqual(event.state, "open")
        _r, failure = self.call_kw(
            "bkpsdm", "kilap.discipline.event", "action_process", [event.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(
            (event.state, event.processed_by_id.login), ("processed", "bkpsdm")
        )

    def test_admin_opd_records_no_own_day_and_lists_no_outsider(self):
        """Review pass: a day recorded with fence coordinates instead of a manual
        reason, and an employee of another OPD put on one's own fence."""
        start = fields.Datetime.now() - timedelta(days=1, hours=2)
        self.assertOwnDayRefused(start, in_latitude=OFFICE[0], in_longitude=OFFICE[1])
        # nor by moving a colleague's attendance onto oneself
        colleague_day = self.env["hr.attendance"].create(
            {
                "employee_id": self.env.ref(
                    "kilap_activity.employee_demo_staf_dinkes_umum"
                ).id,
                "check_in": start,
            }
        )
        self.assertRefused(
            "adminopd",
            "hr.attendance",
            "write",
            [
                colleague_day.ids,
                {
                    "employee_id": self.admin_opd.id,
                    "in_latitude": OFFICE[0],
                    "in_longitude": OFFICE[1],
                },
            ],
        )
        self.assertNotEqual(colleague_day.employee_id, self.admin_opd)
        self.assertRefused(
            "adminopd",
            "kilap.geofence",
            "write",
            [self.fence_own.ids, {"employee_ids": [(4, self.staf_setda.id)]}],
        )
        self.assertNotIn(self.staf_setda, self.fence_own.employee_ids)
