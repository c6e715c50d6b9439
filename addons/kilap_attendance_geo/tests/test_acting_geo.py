"""Who may approve attendance corrections and shift swaps (docs/security.md,
"Who may approve"): the supervisor's acting official (Plt/Plh) while the
assignment runs, the next supervisor after the escalation working days, and
nobody else, also over JSON-RPC."""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase, role_groups

from .common import KilapGeoCase

DAY = timedelta(days=1)
CORRECTION_FIELDS = [
    "state",
    "approver_id",
    "attendance_id",
    "approval_basis",
    "approved_for_id",
    "acting_assignment_id",
]


@tagged("post_install", "-at_install")
class TestActingGeo(KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users["plh"], cls.plh = cls.make_user(
            "geo_plh",
            role_groups("pegawai"),
            employee=cls._emp_vals("Plh Uji", cls.opd_sub),
            tz="Asia/Makassar",
        )
        cls.users["kepala"], cls.kepala = cls.make_user(
            "geo_kepala",
            role_groups("atasan"),
            employee=cls._emp_vals("Kepala Uji", cls.opd),
            tz="Asia/Makassar",
        )
        cls.atasan.parent_id = cls.kepala
        cls.today = cls.plh._kilap_today()
        cls.Correction = cls.env["kilap.attendance.correction"]

    def assignment(self, date_from, date_to):
        """An active Plh of the pegawai's supervisor, made by system code."""
        return (
            self.env["kilap.acting.assignment"]
            .with_context(tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "kind": "plh",
                        "absent_employee_id": self.atasan.id,
                        "acting_employee_id": self.plh.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "reason": "Cuti tahunan, SK 800/7",
                        "state": "active",
                    }
                ]
            )
        )

    def correction(self, day):
        """A correction of the pegawai for ``day``, submitted by them."""
        request = self.Correction.with_user(self.users["pegawai"]).create(
            {
                "employee_id": self.pegawai.id,
                "date": day,
                "check_in": self.wita(day, 7, 20),
                "check_out": self.wita(day, 16, 5),
                "reason": "HP rusak",
            }
        )
        request.action_submit()
        return request

    # ------------------------------------------------------------ corrections
    def test_acting_official_approves_correction(self):
        plh = self.assignment(self.today - DAY, self.today + DAY)
        day = self.last_weekday(1)
        waiting = self.correction(day)
        draft = self.Correction.with_user(self.users["pegawai"]).create(
            {
                "employee_id": self.pegawai.id,
                "date": day - DAY,
                "check_in": self.wita(day - DAY, 7),
                "reason": "Lupa",
            }
        )
        as_plh = self.Correction.with_user(self.users["plh"])
        # the acting official reads what waits for the absent supervisor, only
        self.assertEqual(as_plh.search([]), waiting)
        self.assertNotIn(draft, as_plh.search([]))
        waiting.with_user(self.users["plh"]).action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(waiting.approver_id, self.users["plh"])
        self.assertEqual(waiting.approval_basis, "acting")
        self.assertEqual(waiting.approved_for_id, self.atasan)
        self.assertEqual(waiting.acting_assignment_id, plh)
        self.assertTrue(waiting.attendance_id)
        notes = waiting.message_ids.mapped("body")
        self.assertTrue(
            any("acting official" in body and "Atasan Uji" in body for body in notes),
            notes,
        )
        # decided: no longer readable to the acting official
        self.assertFalse(as_plh.search([]))
        # the supervisor's own decision is recorded as such
        other = self.correction(day - 2 * DAY)
        other.with_user(self.users["atasan"]).action_reject()
        self.assertEqual(
            (other.state, other.approval_basis), ("rejected", "supervisor")
        )
        self.assertFalse(other.approved_for_id)

    def test_acting_official_refused_outside_window(self):
        self.assignment(self.today - 10 * DAY, self.today - DAY)
        self.assignment(self.today + DAY, self.today + 5 * DAY)
        waiting = self.correction(self.last_weekday(2))
        as_plh = waiting.sudo().with_user(self.users["plh"])
        with self.assertRaises(AccessError):
            as_plh.action_approve()
        with self.assertRaises(AccessError):
            as_plh.action_reject()
        self.assertFalse(self.Correction.with_user(self.users["plh"]).search([]))
        self.assertEqual(
            (waiting.state, waiting.approver_id, waiting.approval_basis),
            ("submitted", self.env["res.users"], False),
        )
        # within the window the rejection records the capacity too
        self.assignment(self.today, self.today)
        waiting.with_user(self.users["plh"]).action_reject()
        self.assertEqual(
            (waiting.state, waiting.approval_basis, waiting.approved_for_id),
            ("rejected", "acting", self.atasan),
        )

    def test_correction_escalates_after_working_days(self):
        self.company.kilap_escalate_after_days = 2
        # submitted on Monday 10 March 2025, 16:00 WITA
        with freeze_time("2025-03-10 08:00:00"):
            waiting = self.correction(date(2025, 3, 7))
        self.assertEqual(waiting.submitted_date, datetime(2025, 3, 10, 8))
        as_kepala = waiting.with_user(self.users["kepala"])
        with freeze_time("2025-03-12 02:00:00"):  # Wednesday: one day waited
            with self.assertRaisesRegex(AccessError, "acting official"):
                as_kepala.action_approve()
            self.assertEqual(waiting.state, "submitted")
        with freeze_time("2025-03-13 02:00:00"):  # Thursday: two days
            # the setting off: the next supervisor never decides
            self.company.kilap_escalate_after_days = 0
            with self.assertRaises(AccessError):
                as_kepala.action_approve()
            self.company.kilap_escalate_after_days = 2
            # nobody but the next supervisor (not the plh without assignment)
            with self.assertRaises(AccessError):
                waiting.sudo().with_user(self.users["plh"]).action_approve()
            as_kepala.action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(waiting.approver_id, self.users["kepala"])
        self.assertEqual(waiting.approval_basis, "escalated")
        self.assertEqual(waiting.approved_for_id, self.atasan)
        self.assertFalse(waiting.acting_assignment_id)

    # ------------------------------------------------------------ shift swaps
    def test_acting_official_approves_swap(self):
        colleague = self.env["hr.employee"].create(
            {**self._emp_vals("Rekan Uji", self.opd_sub, self.atasan)}
        )
        (self.pegawai | colleague).write({"kilap_rostered": True})
        Shift = self.env["kilap.shift.type"]
        shifts = {
            code: Shift.create(
                {
                    "code": code,
                    "name": name,
                    "hour_from": start,
                    "hour_to": end,
                    "break_minutes": 30,
                    "company_id": self.company.id,
                }
            )
            for code, name, start, end in (
                ("P", "Pagi", 7.0, 14.0),
                ("S", "Siang", 14.0, 21.0),
            )
        }
        monday = date(2026, 7, 6)
        Roster = self.env["kilap.shift.roster"]
        for employee, code in ((self.pegawai, "P"), (colleague, "S")):
            Roster.create(
                {
                    "employee_id": employee.id,
                    "date": monday,
                    "kind": "shift",
                    "shift_type_id": shifts[code].id,
                }
            )
        swap = (
            self.env["kilap.shift.swap"]
            .with_user(self.users["pegawai"])
            .create({"partner_id": colleague.id, "date": monday, "reason": "Keluarga"})
        )
        swap.action_submit()
        # an assignment of tomorrow gives nothing today
        self.assignment(self.today + DAY, self.today + 2 * DAY)
        as_plh = swap.sudo().with_user(self.users["plh"])
        with self.assertRaises(AccessError):
            as_plh.action_approve()
        self.assertFalse(
            self.env["kilap.shift.swap"].with_user(self.users["plh"]).search([])
        )
        self.assertEqual(swap.state, "submitted")
        # today's assignment: the acting official reads and approves it
        self.assignment(self.today, self.today)
        self.assertEqual(
            self.env["kilap.shift.swap"].with_user(self.users["plh"]).search([]), swap
        )
        swap.with_user(self.users["plh"]).action_approve()
        self.assertEqual(
            (swap.state, swap.approver_id), ("approved", self.users["plh"])
        )

        def code(employee):
            return Roster.search(
                [("employee_id", "=", employee.id), ("date", "=", monday)]
            ).shift_type_id.code

        self.assertEqual((code(self.pegawai), code(colleague)), ("S", "P"))
        notes = swap.message_ids.mapped("body")
        self.assertTrue(
            any("acting official" in body and "Atasan Uji" in body for body in notes),
            notes,
        )


@tagged("post_install", "-at_install")
class TestActingGeoAttacks(KilapRpcCase):
    """An attendance correction decided over JSON-RPC: an unrelated employee and
    a colleague who acts for nobody are refused, and nothing changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.perawat = ref("kilap_activity.employee_demo_perawat")
        cls.atasan = ref("kilap_activity.employee_demo_atasan")
        cls.pegawai = ref("kilap_activity.employee_demo_pegawai")
        # the demo's closed month must not hide the guards tested here
        if "kilap.score.period" in cls.env:
            cls.env["kilap.score.period"].search(
                [("state", "=", "closed")]
            )._kilap_transition({"state": "open"})
        cls.today = cls.pegawai._kilap_today()
        day = cls.today - 3 * DAY
        tz_day = datetime.combine(day, datetime.min.time())
        cls.waiting = (
            cls.env["kilap.attendance.correction"]
            .with_context(tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "employee_id": cls.perawat.id,
                        "date": day,
                        "check_in": tz_day,
                        "check_out": tz_day + timedelta(hours=8),
                        "reason": "Mesin presensi mati",
                        "state": "submitted",
                    }
                ]
            )
        )

    def test_unrelated_employee_cannot_approve_correction(self):
        before = self.snapshot(self.waiting, CORRECTION_FIELDS)
        for login in ("keuangan", "pegawai"):
            for method, args in (
                ("action_approve", [self.waiting.ids]),
                ("action_reject", [self.waiting.ids]),
            ):
                self.assertRefused(login, "kilap.attendance.correction", method, args)
        self.assertEqual(self.snapshot(self.waiting, CORRECTION_FIELDS), before)
        self.assertEqual(before[0]["state"], "submitted")
        # named acting official for today, the colleague may decide
        self.env["kilap.acting.assignment"]._kilap_create_in_state(
            [
                {
                    "absent_employee_id": self.atasan.id,
                    "acting_employee_id": self.pegawai.id,
                    "date_from": self.today,
                    "date_to": self.today,
                    "reason": "Dinas luar, SPT 090/3",
                    "state": "active",
                }
            ]
        )
        _result, failure = self.call_kw(
            "pegawai",
            "kilap.attendance.correction",
            "action_approve",
            [self.waiting.ids],
        )
        self.assertFalse(failure, failure)
        after = self.snapshot(self.waiting, CORRECTION_FIELDS)[0]
        self.assertEqual(after["state"], "approved")
        self.assertEqual(after["approver_id"][0], self.pegawai.user_id.id)
        self.assertEqual(after["approval_basis"], "acting")
        self.assertEqual(after["approved_for_id"][0], self.atasan.id)
