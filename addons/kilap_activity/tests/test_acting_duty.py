"""Who may decide a field duty (docs/security.md, "Who may approve"): the
requester's supervisor, their acting official (Plt/Plh) while the assignment
runs, the next supervisor after the escalation working days; the capacity is
recorded with the decision."""

import datetime

import pytz

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import KilapActivityCase, KilapRpcCase, role_groups

DAY = datetime.timedelta(days=1)


@tagged("post_install", "-at_install")
class TestActingDuty(KilapActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_head, _none = cls.make_user("t_head", role_groups("atasan"))
        cls.emp_head.user_id = cls.user_head
        cls.Duty = cls.env["kilap.field.duty"]

    def assignment(self, date_from, date_to):
        """A Plh of Atasan A1 (Pegawai A1 kedua acts), activated by Admin OPD."""
        plh = (
            self.env["kilap.acting.assignment"]
            .with_user(self.user_admin_opd)
            .create(
                {
                    "kind": "plh",
                    "absent_employee_id": self.emp_atasan.id,
                    "acting_employee_id": self.emp_pegawai2.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "reason": "Cuti tahunan, SK 800/12",
                }
            )
        )
        plh.action_activate()
        return plh

    def submitted(self, requester=None, user=None, **vals):
        requester = requester or self.emp_pegawai
        duty = self.Duty.with_user(user or self.user_pegawai).create(
            {
                "name": "Supervisi Puskesmas",
                "company_id": self.company.id,
                "employee_ids": [fields.Command.set(requester.ids)],
                "requester_id": requester.id,
                "date_from": self.today,
                "date_to": self.today + DAY,
                "destination": "Puskesmas Atinggola",
                "latitude": 0.85,
                "longitude": 123.0,
                "purpose": "Supervisi",
                **vals,
            }
        )
        duty.action_submit()
        return duty

    def test_acting_official_approves_duty(self):
        plh = self.assignment(self.today - DAY, self.today + DAY)
        waiting = self.submitted()
        own = self.submitted(self.emp_pegawai2, self.user_pegawai2)
        as_plh = waiting.with_user(self.user_pegawai2)
        self.assertEqual(
            self.Duty.with_user(self.user_pegawai2).search([]), waiting | own
        )
        self.assertTrue(as_plh.can_approve)
        self.assertTrue(as_plh.can_set_signatory)
        as_plh.action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(waiting.approver_id, self.user_pegawai2)
        self.assertEqual(waiting.approval_basis, "acting")
        self.assertEqual(waiting.approved_for_id, self.emp_atasan)
        self.assertEqual(waiting.acting_assignment_id, plh)
        self.assertTrue(waiting.spt_number)
        notes = waiting.message_ids.mapped("body")
        self.assertTrue(
            any("acting official" in body and "Atasan A1" in body for body in notes),
            notes,
        )
        # never their own duty
        with self.assertRaisesRegex(AccessError, "own field duty"):
            own.with_user(self.user_pegawai2).action_approve()
        self.assertEqual(own.state, "submitted")
        # the supervisor's own decision is recorded as such
        other = self.submitted()
        other.with_user(self.user_atasan).action_reject("Lengkapi surat")
        self.assertEqual(
            (other.state, other.approval_basis), ("rejected", "supervisor")
        )
        self.assertFalse(other.approved_for_id)

    def test_acting_official_refused_outside_window(self):
        self.assignment(self.today - 10 * DAY, self.today - DAY)
        self.assignment(self.today + DAY, self.today + 5 * DAY)
        waiting = self.submitted()
        as_plh = waiting.sudo().with_user(self.user_pegawai2)
        self.assertFalse(as_plh.can_approve)
        for call in (as_plh.action_approve, lambda: as_plh.action_reject("Tidak")):
            with self.assertRaises(AccessError):
                call()
        self.assertFalse(
            self.Duty.with_user(self.user_pegawai2).search([("id", "=", waiting.id)])
        )
        self.assertEqual(
            (waiting.state, waiting.approver_id, waiting.approval_basis),
            ("submitted", self.env["res.users"], False),
        )
        # within today's assignment a rejection records the capacity
        self.assignment(self.today, self.today)
        waiting.with_user(self.user_pegawai2).action_reject("Lengkapi surat")
        self.assertEqual(
            (waiting.state, waiting.approval_basis, waiting.approved_for_id),
            ("rejected", "acting", self.emp_atasan),
        )
        # a new submission forgets the previous capacity
        waiting.with_user(self.user_pegawai).action_submit()
        self.assertFalse(waiting.approval_basis or waiting.approved_for_id)

    def test_duty_escalates_after_working_days(self):
        self.company.kilap_escalate_after_days = 2
        with freeze_time("2025-03-10 08:00:00"):  # Monday 16:00 WITA
            self.today = datetime.date(2025, 3, 10)
            waiting = self.submitted()
        utc = pytz.utc.localize(waiting.submitted_date)
        self.assertEqual(utc.astimezone(pytz.timezone("Asia/Makassar")).hour, 16)
        as_head = waiting.with_user(self.user_head)
        with freeze_time("2025-03-12 02:00:00"):  # Wednesday: one day waited
            self.assertFalse(as_head.can_approve)
            with self.assertRaisesRegex(AccessError, "supervisor of the requester"):
                as_head.action_approve()
        with freeze_time("2025-03-13 02:00:00"):  # Thursday: two days
            waiting.invalidate_recordset(["can_approve"])
            self.assertTrue(as_head.can_approve)
            # the other OPD's supervisor is nobody's next supervisor here
            with self.assertRaises(AccessError):
                waiting.sudo().with_user(self.user_other_atasan).action_approve()
            as_head.action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(waiting.approver_id, self.user_head)
        self.assertEqual(waiting.approval_basis, "escalated")
        self.assertEqual(waiting.approved_for_id, self.emp_atasan)


@tagged("post_install", "-at_install")
class TestActingDutyAttacks(KilapRpcCase):
    """A field duty decided over JSON-RPC: an unrelated employee and a colleague
    who acts for nobody are refused and nothing changes; the acting official
    of the day decides, and the capacity is recorded."""

    FIELDS = ["state", "approver_id", "approval_basis", "approved_for_id"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pegawai = cls.env.ref("kilap_activity.employee_demo_pegawai")
        cls.atasan = cls.env.ref("kilap_activity.employee_demo_atasan")
        cls.perawat = cls.env.ref("kilap_activity.employee_demo_perawat")
        cls.today = cls.pegawai._kilap_today()
        cls.waiting = (
            cls.env["kilap.field.duty"]
            .with_context(tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "name": "Supervisi Posyandu",
                        "company_id": cls.perawat.company_id.id,
                        "employee_ids": [fields.Command.set(cls.perawat.ids)],
                        "requester_id": cls.perawat.id,
                        "date_from": cls.today,
                        "date_to": cls.today,
                        "destination": "Posyandu Kwandang",
                        "allow_anywhere": True,
                        "purpose": "Supervisi",
                        "state": "submitted",
                        "submitted_date": fields.Datetime.now(),
                    }
                ]
            )
        )

    def test_only_the_acting_official_decides(self):
        before = self.snapshot(self.waiting, self.FIELDS)
        for login in ("keuangan", "pegawai"):
            self.assertRefused(
                login, "kilap.field.duty", "action_approve", [self.waiting.ids]
            )
            self.assertRefused(
                login, "kilap.field.duty", "action_reject", [self.waiting.ids, "x"]
            )
        self.assertEqual(self.snapshot(self.waiting, self.FIELDS), before)
        self.env["kilap.acting.assignment"]._kilap_create_in_state(
            [
                {
                    "absent_employee_id": self.atasan.id,
                    "acting_employee_id": self.pegawai.id,
                    "date_from": self.today,
                    "date_to": self.today,
                    "reason": "Cuti, SK 800/9",
                    "state": "active",
                }
            ]
        )
        _result, failure = self.call_kw(
            "pegawai", "kilap.field.duty", "action_approve", [self.waiting.ids]
        )
        self.assertFalse(failure, failure)
        after = self.snapshot(self.waiting, [*self.FIELDS, "spt_number"])[0]
        self.assertEqual(after["state"], "approved")
        self.assertEqual(after["approver_id"][0], self.pegawai.user_id.id)
        self.assertEqual(after["approval_basis"], "acting")
        self.assertEqual(after["approved_for_id"][0], self.atasan.id)
        self.assertTrue(after["spt_number"])
