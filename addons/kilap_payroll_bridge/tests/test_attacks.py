"""TPP sheets attacked over JSON-RPC by finance users (docs/security.md).

Approved money is immutable and needs two people: four-eyes approval, a named
role that marks a sheet paid, and a reset only through an action with a reason.
"""

from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase

FORGED = {"context": {"kilap_state_change": True}}
SHEET_FIELDS = ["state", "approved_by_id", "approved_date", "amount_net"]


@tagged("post_install", "-at_install")
class TestTppAttacks(KilapRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Sheet = cls.env["kilap.tpp.sheet"]
        cls.approved = Sheet.search([("state", "=", "approved")], limit=2)
        assert len(cls.approved) == 2, "the demo approves the last closed month"
        cls.sheet, cls.other = cls.approved
        cls.line = cls.sheet.line_ids[:1]
        cls.keuangan = cls.env.ref("kilap_activity.user_demo_keuangan")
        cls.admin = cls.env.ref("base.user_admin")

    def test_approved_sheet_is_immutable(self):
        """Attack 6: back to draft by write, a line +1,000,000, components and
        cuts changed, a line added: all refused, nothing changed."""
        before = self.snapshot(self.sheet, SHEET_FIELDS)
        line_before = self.snapshot(self.line, ["net", "tpp"])
        component = self.line.component_ids[:1]
        cut = self.line.cut_ids[:1]
        self.assertTrue(component and cut)
        details_before = (
            self.snapshot(component, ["paid_amount"]),
            self.snapshot(cut, ["cut_pct"]),
        )
        attacks = [
            ("kilap.tpp.sheet", "write", [self.sheet.ids, {"state": "draft"}]),
            ("kilap.tpp.sheet", "write", [self.sheet.ids, {"approved_by_id": False}]),
            (
                "kilap.tpp.sheet.line",
                "write",
                [self.line.ids, {"net": self.line.net + 1_000_000}],
            ),
            ("kilap.tpp.sheet.component", "write", [component.ids, {"paid_amount": 1}]),
            ("kilap.tpp.sheet.cut", "write", [cut.ids, {"cut_pct": 0}]),
            ("kilap.tpp.sheet.cut", "unlink", [cut.ids]),
            (
                "kilap.tpp.sheet.line",
                "create",
                [
                    {
                        "sheet_id": self.sheet.id,
                        "employee_id": self.line.employee_id.id,
                        "net": 9_999_999,
                    }
                ],
            ),
        ]
        for model, method, args in attacks:
            self.assertRefused("keuangan", model, method, args, FORGED)
        self.assertEqual(self.snapshot(self.sheet, SHEET_FIELDS), before)
        self.assertEqual(self.snapshot(self.line, ["net", "tpp"]), line_before)
        self.assertEqual(
            (
                self.snapshot(component, ["paid_amount"]),
                self.snapshot(cut, ["cut_pct"]),
            ),
            details_before,
        )

    def test_reset_needs_reason_and_role(self):
        """Attack 6: a reset without a reason, or by a finance user without the
        manager role, is refused; the manager's reset clears the approvals and
        is kept in the chatter."""
        before = self.snapshot(self.sheet, SHEET_FIELDS)
        action, failure = self.call_kw(
            "keuangan", "kilap.tpp.sheet", "action_reset_draft", [self.sheet.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(action["res_model"], "kilap.tpp.reset.wizard")
        self.assertEqual(self.snapshot(self.sheet, SHEET_FIELDS), before)
        for login, reason in (("keuangan", "Salah hitung"), ("admin", "  ")):
            wizard, failure = self.call_kw(
                login,
                "kilap.tpp.reset.wizard",
                "create",
                [{"sheet_ids": [(6, 0, self.sheet.ids)], "reason": reason}],
            )
            self.assertFalse(failure, failure)
            self.assertRefused(
                login, "kilap.tpp.reset.wizard", "action_reset", [[wizard]]
            )
        self.assertRefused(
            "keuangan", "kilap.tpp.sheet", "_kilap_reset", [self.sheet.ids, "x"]
        )
        self.assertEqual(self.snapshot(self.sheet, SHEET_FIELDS), before)
        wizard, _f = self.call_kw(
            "admin",
            "kilap.tpp.reset.wizard",
            "create",
            [{"sheet_ids": [(6, 0, self.sheet.ids)], "reason": "Sanksi terlewat"}],
        )
        _r, failure = self.call_kw(
            "admin", "kilap.tpp.reset.wizard", "action_reset", [[wizard]]
        )
        self.assertFalse(failure, failure)
        got = self.snapshot(self.sheet, SHEET_FIELDS + ["reset_reason"])[0]
        self.assertEqual(
            (got["state"], got["approved_by_id"], got["approved_date"]),
            ("draft", False, False),
        )
        self.assertEqual(got["reset_reason"], "Sanksi terlewat")
        self.assertIn("Sanksi terlewat", "".join(self.sheet.message_ids.mapped("body")))

    def test_four_eyes_and_paid_role(self):
        """Whoever computed or verified a sheet cannot approve it; only the
        treasurer marks it paid; a paid sheet is never reset."""
        self.other._kilap_reset("Uji empat mata")
        for method in ("action_compute", "action_verify"):
            _r, failure = self.call_kw(
                "keuangan", "kilap.tpp.sheet", method, [self.other.ids]
            )
            self.assertFalse(failure, failure)
        self.assertIn(self.keuangan, self.other.preparer_ids)
        message = self.assertRefused(
            "keuangan", "kilap.tpp.sheet", "action_approve", [self.other.ids]
        )
        self.assertIn("Four-eyes", message)
        self.assertEqual(self.other.state, "verified")
        _r, failure = self.call_kw(
            "admin", "kilap.tpp.sheet", "action_approve", [self.other.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(
            (self.other.state, self.other.approved_by_id), ("approved", self.admin)
        )
        self.assertRefused(
            "keuangan", "kilap.tpp.sheet", "action_mark_paid", [self.other.ids]
        )
        self.assertEqual(self.other.state, "approved")
        _r, failure = self.call_kw(
            "bendahara", "kilap.tpp.sheet", "action_mark_paid", [self.other.ids]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(
            (self.other.state, self.other.paid_by_id.login), ("paid", "bendahara")
        )
        wizard, _f = self.call_kw(
            "admin",
            "kilap.tpp.reset.wizard",
            "create",
            [{"sheet_ids": [(6, 0, self.other.ids)], "reason": "Sudah dibayar"}],
        )
        message = self.assertRefused(
            "admin", "kilap.tpp.reset.wizard", "action_reset", [[wizard]]
        )
        self.assertIn("paid", message)
        self.assertEqual(self.other.state, "paid")

    def test_four_eyes_can_be_turned_off(self):
        """Configurable per company (on by default)."""
        self.assertTrue(self.other.company_id.kilap_tpp_four_eyes)
        self.other.company_id.kilap_tpp_four_eyes = False
        self.other._kilap_reset("Satu orang")
        for method in ("action_compute", "action_verify", "action_approve"):
            _r, failure = self.call_kw(
                "keuangan", "kilap.tpp.sheet", method, [self.other.ids]
            )
            self.assertFalse(failure, failure)
        self.assertEqual(self.other.state, "approved")

    def test_line_cannot_move_into_an_approved_sheet(self):
        """A line made on a draft sheet, then moved onto an approved one."""
        self.other._kilap_reset("Uji pindah baris")
        line_id, failure = self.call_kw(
            "keuangan",
            "kilap.tpp.sheet.line",
            "create",
            [{"sheet_id": self.other.id, "employee_id": self.line.employee_id.id}],
        )
        self.assertFalse(failure, failure)
        before = self.snapshot(self.sheet, SHEET_FIELDS)
        self.assertRefused(
            "keuangan",
            "kilap.tpp.sheet.line",
            "write",
            [[line_id], {"sheet_id": self.sheet.id, "net": 50_000_000}],
        )
        self.assertEqual(self.snapshot(self.sheet, SHEET_FIELDS), before)
        # and whoever added that line is a preparer of the draft sheet: no
        # approving it after someone else verifies it
        self.assertIn(self.keuangan, self.other.preparer_ids)

    def test_missed_apel_frozen_and_never_ones_own(self):
        """Review pass: Admin OPD deletes their own missed apel, or records one in
        a closed month."""
        admin = self.env.ref("kilap_activity.employee_demo_adminopd")
        staff = self.env.ref("kilap_activity.employee_demo_staf_dinkes_umum")
        Apel = self.env["kilap.tpp.apel.absence"]
        own = Apel.create(
            {"employee_id": admin.id, "date": "2031-01-06", "name": "Apel Senin"}
        )
        self.assertRefused("adminopd", "kilap.tpp.apel.absence", "unlink", [own.ids])
        self.assertTrue(own.exists())
        count = Apel.search_count([])
        message = self.assertRefused(
            "adminopd",
            "kilap.tpp.apel.absence",
            "create",
            [
                {
                    "employee_id": staff.id,
                    "date": str(self.sheet.date_to),
                    "name": "Upacara",
                }
            ],
        )
        self.assertIn(self.sheet.period_id.name, message)
        self.assertRefused(
            "adminopd",
            "kilap.tpp.apel.absence",
            "create",
            [{"employee_id": admin.id, "date": "2031-01-13", "name": "Apel Senin"}],
        )
        self.assertEqual(Apel.search_count([]), count)
