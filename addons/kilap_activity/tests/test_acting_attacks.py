"""Acting officials (Plt/Plh) attacked over JSON-RPC (docs/security.md, "Who may
approve"): nobody names themselves acting, an acting official decides only
within the window, and nobody forges in which capacity an entry was decided."""

import datetime

from odoo.tests import tagged

from .common import KilapRpcCase

FORGED = {"context": {"kilap_state_change": True, "kilap_acting": True}}
ASSIGNMENT_FIELDS = ["state", "acting_employee_id", "date_from", "date_to"]
ENTRY_FIELDS = [
    "state",
    "approver_id",
    "approval_basis",
    "approved_for_id",
    "acting_assignment_id",
]


@tagged("post_install", "-at_install")
class TestActingAttacks(KilapRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pegawai = cls.env.ref("kilap_activity.employee_demo_pegawai")
        cls.atasan = cls.env.ref("kilap_activity.employee_demo_atasan")
        cls.perawat = cls.env.ref("kilap_activity.employee_demo_perawat")
        cls.admin = cls.env.ref("kilap_activity.employee_demo_adminopd")
        cls.today = cls.pegawai._kilap_today()
        Assignment = cls.env["kilap.acting.assignment"].with_context(
            tracking_disable=True
        )
        day = datetime.timedelta(days=1)
        base = {
            "absent_employee_id": cls.atasan.id,
            "acting_employee_id": cls.pegawai.id,
            "reason": "Dinas luar, SPT 090/3",
        }
        cls.past = Assignment._kilap_create_in_state(
            [
                {
                    **base,
                    "date_from": cls.today - 10 * day,
                    "date_to": cls.today - day,
                    "state": "active",
                }
            ]
        )
        cls.draft = Assignment.create(
            {**base, "date_from": cls.today, "date_to": cls.today + day}
        )
        rhk = cls.env["kilap.skp.rhk"].search(
            [
                ("employee_id", "=", cls.perawat.id),
                ("skp_id.year", "=", cls.today.year),
                ("skp_id.state", "=", "approved"),
            ],
            limit=1,
        )
        cls.waiting = (
            cls.env["kilap.journal.entry"]
            .sudo()
            .with_context(kilap_journal_import=True, tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "name": "Pelayanan pasien",
                        "description": "Rawat jalan",
                        "employee_id": cls.perawat.id,
                        "date": cls.today,
                        "time_start": 21.0,
                        "time_end": 21.5,
                        "rhk_id": rhk.id,
                        "state": "submitted",
                    }
                ]
            )
        )

    def test_nobody_names_themselves_acting(self):
        """A plain employee cannot create or activate an assignment naming
        themselves; Admin OPD cannot activate one in which they are a party."""
        Assignment = self.env["kilap.acting.assignment"]
        count = Assignment.search_count([])
        before = self.snapshot(self.draft | self.past, ASSIGNMENT_FIELDS)
        self.assertRefused(
            "pegawai",
            "kilap.acting.assignment",
            "create",
            [
                {
                    "absent_employee_id": self.atasan.id,
                    "acting_employee_id": self.pegawai.id,
                    "date_from": str(self.today),
                    "date_to": str(self.today),
                    "reason": "x",
                    "state": "active",
                }
            ],
            FORGED,
        )
        self.assertRefused(
            "pegawai", "kilap.acting.assignment", "action_activate", [self.draft.ids]
        )
        self.assertRefused(
            "pegawai",
            "kilap.acting.assignment",
            "write",
            [self.draft.ids, {"state": "active"}],
            FORGED,
        )
        # the past assignment cannot be stretched to today
        self.assertRefused(
            "bkpsdm",
            "kilap.acting.assignment",
            "write",
            [self.past.ids, {"date_to": str(self.today)}],
        )
        # Admin OPD names themselves acting for the head of their own unit
        result, failure = self.call_kw(
            "adminopd",
            "kilap.acting.assignment",
            "create",
            [
                {
                    "absent_employee_id": self.atasan.id,
                    "acting_employee_id": self.admin.id,
                    "date_from": str(self.today),
                    "date_to": str(self.today),
                    "reason": "x",
                }
            ],
        )
        self.assertFalse(failure, failure)
        mine = Assignment.browse(result)
        message = self.assertRefused(
            "adminopd", "kilap.acting.assignment", "action_activate", [mine.ids]
        )
        self.assertIn("acting official", message)
        self.assertEqual(mine.state, "draft")
        self.assertEqual(Assignment.search_count([]), count + 1)
        self.assertEqual(
            self.snapshot(self.draft | self.past, ASSIGNMENT_FIELDS), before
        )

    def test_acting_only_within_window(self):
        """The acting official of an assignment that ended yesterday cannot read
        nor approve what waits for the absent official; on the day of an
        active assignment they can, and the entry records who acted for whom."""
        before = self.snapshot(self.waiting, ENTRY_FIELDS)
        self.assertRefused(
            "pegawai", "kilap.journal.entry", "action_approve", [self.waiting.ids]
        )
        found, _failure = self.call_kw(
            "pegawai",
            "kilap.journal.entry",
            "search",
            [[("id", "=", self.waiting.id)]],
        )
        self.assertEqual(found, [])
        self.assertEqual(self.snapshot(self.waiting, ENTRY_FIELDS), before)
        # the same over an activated assignment of today: allowed
        _result, failure = self.call_kw(
            "adminopd", "kilap.acting.assignment", "action_activate", [self.draft.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(self.draft.state, "active")
        found, _failure = self.call_kw(
            "pegawai",
            "kilap.journal.entry",
            "search",
            [[("id", "=", self.waiting.id)]],
        )
        self.assertEqual(found, self.waiting.ids)
        _result, failure = self.call_kw(
            "pegawai", "kilap.journal.entry", "action_approve", [self.waiting.ids]
        )
        self.assertFalse(failure, failure)
        after = self.snapshot(self.waiting, ENTRY_FIELDS)[0]
        self.assertEqual(after["state"], "approved")
        self.assertEqual(after["approver_id"][0], self.pegawai.user_id.id)
        self.assertEqual(after["approval_basis"], "acting")
        self.assertEqual(after["approved_for_id"][0], self.atasan.id)
        self.assertEqual(after["acting_assignment_id"][0], self.draft.id)

    def test_capacity_cannot_be_forged(self):
        """The approver and the capacity (acting for X) are written by the
        approval only: not by write, create or a context key."""
        before = self.snapshot(self.waiting, ENTRY_FIELDS)
        forged = {
            "approver_id": self.atasan.user_id.id,
            "approval_basis": "supervisor",
            "approved_for_id": self.atasan.id,
            "acting_assignment_id": self.past.id,
        }
        for login in ("pegawai", "atasan", "bkpsdm"):
            self.assertRefused(
                login,
                "kilap.journal.entry",
                "write",
                [self.waiting.ids, forged],
                FORGED,
            )
        self.assertEqual(self.snapshot(self.waiting, ENTRY_FIELDS), before)
        count = self.env["kilap.journal.entry"].search_count([])
        message = self.assertRefused(
            "pegawai",
            "kilap.journal.entry",
            "create",
            [
                {
                    "name": "Palsu",
                    "description": "x",
                    "employee_id": self.pegawai.id,
                    "date": str(self.today),
                    "time_start": 22.0,
                    "time_end": 22.5,
                    "approval_basis": "acting",
                    "approved_for_id": self.atasan.id,
                }
            ],
        )
        self.assertIn("first state", message)
        self.assertEqual(self.env["kilap.journal.entry"].search_count([]), count)
        # the supervisor's own approval records their own capacity
        _result, failure = self.call_kw(
            "atasan", "kilap.journal.entry", "action_approve", [self.waiting.ids]
        )
        self.assertFalse(failure, failure)
        after = self.snapshot(self.waiting, ENTRY_FIELDS)[0]
        self.assertEqual(after["approval_basis"], "supervisor")
        self.assertFalse(after["approved_for_id"])
