"""Before a period closes: the pending approvals per OPD, the supervisors'
reminder and the close confirmation (docs/security.md)."""

from datetime import date, datetime, time

import pytz

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase

from .common import MONTH, KilapScoringCase

FORGED = {"context": {"kilap_close_anyway": True, "force_close": True}}


def wita(day, hour):
    local = pytz.timezone("Asia/Makassar").localize(datetime.combine(day, time(hour)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestClosePending(KilapScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_b = cls.env["hr.employee"].create(
            cls._emp_vals("Staf B", cls.opd_b, cls.emp_b)
        )
        cls.waiting_a = cls._journal(
            cls.emp_pegawai, date(2025, 3, 10), 1, state="submitted"
        ) | cls._journal(cls.emp_pegawai2, date(2025, 3, 11), 1, state="submitted")
        cls.waiting_b = cls._journal(
            cls.staff_b, date(2025, 3, 12), 1, state="submitted"
        )
        cls._journal(cls.emp_pegawai, date(2025, 3, 13), 1)  # approved
        cls._journal(cls.emp_pegawai, date(2025, 4, 1), 1, state="submitted")
        cls.period = cls._period()
        cls.period._kilap_transition({"state": "computed"})
        cls.Wizard = cls.env["kilap.score.close.wizard"]

    def test_pending_per_opd_and_desk(self):
        self.assertEqual(self.period.pending_approval_count, 3)
        counts = self.period._kilap_pending_counts()
        self.assertEqual(
            counts,
            {(self.opd_a, self.emp_atasan): 2, (self.opd_b, self.emp_b): 1},
        )
        action = self.period.with_user(self.user_bkpsdm).action_view_pending()
        Entry = self.env["kilap.journal.entry"].with_user(self.user_bkpsdm)
        self.assertEqual(
            Entry.search(action["domain"]), self.waiting_a | self.waiting_b
        )
        self.assertEqual(action["context"]["group_by"], ["opd_id", "supervisor_id"])
        # grouped as the list shows it
        groups = Entry._read_group(action["domain"], ["opd_id"], ["__count"])
        self.assertEqual(dict(groups), {self.opd_a: 2, self.opd_b: 1})

    def test_close_refused_while_pending(self):
        with self.assertRaisesRegex(UserError, "3 journal entries of 2025-03"):
            self.period.with_user(self.user_bkpsdm).action_close()
        with self.assertRaisesRegex(UserError, "3 journal entries"):
            self.period.with_user(self.user_bkpsdm).with_context(
                kilap_close_anyway=True
            ).action_close()
        self.assertEqual(self.period.state, "computed")
        # once decided, the plain close works
        (self.waiting_a | self.waiting_b).sudo()._kilap_transition(
            {"state": "approved"}
        )
        self.period.with_user(self.user_bkpsdm).action_close()
        self.assertEqual(self.period.state, "closed")

    def test_close_wizard(self):
        action = self.period.with_user(self.user_bkpsdm).action_open_close_wizard()
        self.assertEqual(action["res_model"], "kilap.score.close.wizard")
        wizard = (
            self.Wizard.with_user(self.user_bkpsdm)
            .with_context(**action["context"])
            .create({"pending_count": 99})
        )
        self.assertEqual(wizard.pending_count, 3, "counted, not told")
        self.assertEqual(wizard.entry_ids, self.waiting_a | self.waiting_b)
        self.assertIn("Dinas A", wizard.pending_html)
        self.assertIn(self.emp_atasan.name, wizard.pending_html)
        self.assertIn("Dinas B", wizard.pending_html)
        # one more entry submitted since the wizard was shown: look again
        late = self._journal(self.emp_pegawai2, date(2025, 3, 20), 1, state="submitted")
        with self.assertRaisesRegex(UserError, "more than this confirmation showed"):
            wizard.action_confirm()
        self.assertEqual(self.period.state, "computed")
        late.sudo()._kilap_transition({"state": "approved"})
        # not BKPSDM: no close, whatever the wizard says
        with self.assertRaises(UserError):  # AccessError is one too
            wizard.with_user(self.user_admin_opd).action_confirm()
        wizard.action_confirm()
        self.assertEqual(self.period.state, "closed")
        self.assertEqual(self.period.closed_by_id, self.user_bkpsdm)
        note = self.period.message_ids.filtered(
            lambda m: "still waiting for approval" in (m.body or "")
        )
        self.assertTrue(note)
        self.assertIn("Dinas A: 2", note.body)
        # the pending entries stay waiting, frozen with the month
        self.assertEqual(
            set((self.waiting_a | self.waiting_b).mapped("state")), {"submitted"}
        )

    def test_wizard_without_pending_closes(self):
        (self.waiting_a | self.waiting_b).sudo()._kilap_transition(
            {"state": "approved"}
        )
        wizard = self.Wizard.with_user(self.user_bkpsdm).create(
            {"period_id": self.period.id}
        )
        self.assertFalse(wizard.pending_count)
        wizard.action_confirm()
        self.assertEqual(self.period.state, "closed")

    def test_expected_close_date(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Senin-Jumat",
                "tz": "Asia/Makassar",
                "company_id": self.company.id,
            }
        )
        self.company.resource_calendar_id = calendar
        self.company.kilap_journal_window_days = 3
        # March 2025 ends on a Monday: Tuesday, Wednesday, Thursday
        self.assertEqual(self.period._kilap_expected_close_date(), date(2025, 4, 3))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Libur",
                "calendar_id": calendar.id,
                "date_from": wita(date(2025, 4, 2), 0),
                "date_to": wita(date(2025, 4, 2), 23),
            }
        )
        self.assertEqual(self.period._kilap_expected_close_date(), date(2025, 4, 4))
        self.period.close_date = date(2025, 4, 10)
        self.assertEqual(self.period._kilap_expected_close_date(), date(2025, 4, 10))

    def test_close_reminder(self):
        self.period.close_date = date(2025, 4, 4)
        self.company.kilap_close_reminder_days = 3
        Period = self.env["kilap.score.period"]
        self.assertNotIn(
            self.period, Period._cron_kilap_close_reminder(today=date(2025, 3, 31))
        )
        self.assertIn(
            self.period, Period._cron_kilap_close_reminder(today=date(2025, 4, 1))
        )
        self.assertTrue(self.period.close_reminder_date)
        message = self.env["mail.message"].search(
            [("model", "=", "hr.employee"), ("res_id", "=", self.emp_atasan.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn("2 journal entries to approve", message.subject)
        self.assertIn(self.user_atasan.partner_id, message.partner_ids)
        self.assertIn(self.emp_pegawai2.name, message.body)
        # once per period
        self.assertNotIn(
            self.period, Period._cron_kilap_close_reminder(today=date(2025, 4, 2))
        )
        # 0 days: off
        other = self._period(date(2025, 5, 1), date(2025, 5, 31))
        other.close_date = date(2025, 6, 4)
        self.company.kilap_close_reminder_days = 0
        self.assertNotIn(
            other, Period._cron_kilap_close_reminder(today=date(2025, 6, 3))
        )


@tagged("post_install", "-at_install")
class TestClosePendingAttacks(KilapRpcCase):
    """Attack: BKPSDM closes a month with pending approvals over plain RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        staf = cls.env.ref("kilap_activity.employee_demo_staf_dinkes_umum")
        cls.company = staf.company_id
        Period = cls.env["kilap.score.period"]
        start = MONTH.replace(year=2019)
        cls.period = Period.create(
            {
                "company_id": cls.company.id,
                "date_from": start,
                "date_to": date(2019, 3, 31),
            }
        )
        cls.period._kilap_transition({"state": "computed"})
        cls.entry = (
            cls.env["kilap.journal.entry"]
            .sudo()
            .with_context(kilap_journal_import=True, tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "name": "Rekap",
                        "description": "Rekap",
                        "employee_id": staf.id,
                        "date": date(2019, 3, 11),
                        "time_start": 8.0,
                        "time_end": 9.0,
                        "state": "submitted",
                    }
                ]
            )
        )

    def test_close_with_pending_refused_over_rpc(self):
        names = ["state", "closed_on", "closed_by_id"]
        before = self.snapshot(self.period, names)
        for kwargs in (None, FORGED):
            message = self.assertRefused(
                "bkpsdm",
                "kilap.score.period",
                "action_close",
                [self.period.ids],
                kwargs,
            )
            self.assertIn("wait for approval", message)
        self.assertRefused(
            "bkpsdm", "kilap.score.period", "_kilap_close", [self.period.ids]
        )
        self.assertRefused(
            "bkpsdm",
            "kilap.score.period",
            "write",
            [self.period.ids, {"state": "closed"}],
            FORGED,
        )
        # the wizard is BKPSDM's only
        self.assertRefused(
            "adminopd",
            "kilap.score.close.wizard",
            "create",
            [{"period_id": self.period.id}],
        )
        self.assertEqual(self.snapshot(self.period, names), before)
        # the confirmation wizard: its record, shown then confirmed, closes
        wizard, failure = self.call_kw(
            "bkpsdm",
            "kilap.score.close.wizard",
            "create",
            [{"period_id": self.period.id, "pending_count": 1000}],
        )
        self.assertFalse(failure, failure)
        _result, failure = self.call_kw(
            "bkpsdm", "kilap.score.close.wizard", "action_confirm", [[wizard]]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(self.snapshot(self.period, ["state"])[0]["state"], "closed")
        self.assertEqual(self.entry.state, "submitted")
