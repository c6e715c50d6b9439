"""Who may approve: acting officials (Plt/Plh), escalation, and the reminders
that know the person (leave, field duty, holidays, their own time zone)."""

import datetime

import pytz

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import KilapActivityCase, role_groups

D = datetime.date
WITA = pytz.timezone("Asia/Makassar")


def wita(day, hour, minute=0):
    """Naive UTC of ``day`` ``hour``:``minute`` in WITA."""
    local = WITA.localize(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestActing(KilapActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_head, _none = cls.make_user("t_head", role_groups("atasan"))
        cls.emp_head.user_id = cls.user_head
        cls.Assignment = cls.env["kilap.acting.assignment"]
        cls.user_admin_b, cls.emp_admin_b = cls.make_user(
            "t_adminopd_b",
            role_groups("admin_opd"),
            employee=cls._emp_vals("Admin OPD B", cls.opd_b),
        )

    def assignment(self, date_from, date_to, acting=None, absent=None, **vals):
        """A draft Plh of Atasan A1 (by default Pegawai A1 kedua acts)."""
        return self.Assignment.with_user(self.user_admin_opd).create(
            {
                "kind": "plh",
                "absent_employee_id": (absent or self.emp_atasan).id,
                "acting_employee_id": (acting or self.emp_pegawai2).id,
                "date_from": date_from,
                "date_to": date_to,
                "reason": "Cuti tahunan, SPT 800/12",
                **vals,
            }
        )

    def submitted(self, employee, day, **vals):
        """A submitted entry of ``employee`` on ``day`` (any date: system code)."""
        return (
            self.env["kilap.journal.entry"]
            .sudo()
            .with_context(kilap_journal_import=True, tracking_disable=True)
            ._kilap_create_in_state(
                [
                    {
                        "name": "Rekap",
                        "description": "Rekap data",
                        "employee_id": employee.id,
                        "date": day,
                        "time_start": vals.pop("time_start", 8.0),
                        "time_end": vals.pop("time_end", 9.0),
                        "journal_type_id": self.office_type.id,
                        "state": "submitted",
                        **vals,
                    }
                ]
            )
            .sudo(False)
        )

    # ------------------------------------------------------------- acting
    def test_acting_official_approves_within_window(self):
        today = self.today
        plh = self.assignment(today - datetime.timedelta(days=1), today)
        plh.with_user(self.user_admin_opd).action_activate()
        self.assertEqual(plh.state, "active")
        self.assertEqual(plh.activated_by_id, self.user_admin_opd)
        waiting = self.submitted(self.emp_pegawai, today)
        own = self.submitted(self.emp_pegawai2, today)
        boss = self.submitted(self.emp_atasan, today)
        draft = self.entry(employee=self.emp_pegawai, time_start=10, time_end=11)
        Entry = self.env["kilap.journal.entry"].with_user(self.user_pegawai2)
        # the acting official sees exactly the entries waiting for the absent one
        visible = Entry.search([("employee_id", "!=", self.emp_pegawai2.id)])
        self.assertEqual(visible, waiting)
        self.assertIn(own, Entry.search([]))
        self.assertNotIn(boss, Entry.search([]))
        self.assertNotIn(draft, Entry.search([]))
        self.assertTrue(waiting.with_user(self.user_pegawai2).can_approve)
        waiting.with_user(self.user_pegawai2).action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(waiting.approver_id, self.user_pegawai2)
        self.assertEqual(waiting.approval_basis, "acting")
        self.assertEqual(waiting.approved_for_id, self.emp_atasan)
        self.assertEqual(waiting.acting_assignment_id, plh)
        # not their own entry, nor the absent official's own
        with self.assertRaisesRegex(AccessError, "own journal"):
            own.with_user(self.user_pegawai2).action_approve()
        with self.assertRaises(AccessError):  # not even readable
            boss.sudo().with_user(self.user_pegawai2).action_approve()
        self.assertEqual((own.state, boss.state), ("submitted", "submitted"))
        # the absent official still may decide (they may come back early)
        other = self.submitted(self.emp_pegawai, today, time_start=12, time_end=13)
        other.with_user(self.user_atasan).action_reject("Lengkapi bukti")
        self.assertEqual(other.approval_basis, "supervisor")
        self.assertFalse(other.approved_for_id)

    def test_acting_official_outside_window(self):
        today = self.today
        waiting = self.submitted(self.emp_pegawai, today)
        future = self.assignment(
            today + datetime.timedelta(days=1), today + datetime.timedelta(days=5)
        )
        past = self.assignment(
            today - datetime.timedelta(days=10), today - datetime.timedelta(days=1)
        )
        (future | past).with_user(self.user_bkpsdm).action_activate()
        as_acting = waiting.with_user(self.user_pegawai2)
        self.assertFalse(as_acting.can_approve)
        with self.assertRaises(AccessError):
            waiting.sudo().with_user(self.user_pegawai2).action_approve()
        self.assertNotIn(
            waiting,
            self.env["kilap.journal.entry"].with_user(self.user_pegawai2).search([]),
        )
        # ended or a draft assignment gives nothing either
        current = self.assignment(today, today)
        self.assertFalse(as_acting.can_approve)
        current.with_user(self.user_admin_opd).action_activate()
        waiting.invalidate_recordset(["can_approve"])
        self.assertTrue(as_acting.can_approve)
        current.with_user(self.user_admin_opd).action_end()
        self.assertEqual(current.state, "ended")
        waiting.invalidate_recordset(["can_approve"])
        self.assertFalse(as_acting.can_approve)
        self.assertEqual(waiting.state, "submitted")

    def test_assignment_rules(self):
        today = self.today
        with self.assertRaisesRegex(ValidationError, "own place"):
            self.assignment(today, today, acting=self.emp_atasan)
        with self.assertRaisesRegex(ValidationError, "end before"):
            self.assignment(today, today - datetime.timedelta(days=1))
        with self.assertRaisesRegex(UserError, "first state"):
            self.assignment(today, today, state="active")
        plh = self.assignment(today, today)
        # a party never activates their own assignment, nor a plain employee
        with self.assertRaisesRegex(AccessError, "Admin OPD or BKPSDM"):
            plh.with_user(self.user_pegawai2).action_activate()
        mine = self.assignment(today, today, acting=self.emp_admin_opd)
        with self.assertRaisesRegex(AccessError, "absent or the acting"):
            mine.with_user(self.user_admin_opd).action_activate()
        # Admin OPD of another OPD has no say; the scope is checked
        with self.assertRaisesRegex(AccessError, "outside your scope"):
            plh.sudo().with_user(self.user_admin_b).action_activate()
        plh.with_user(self.user_bkpsdm).action_activate()
        clash = self.assignment(today, today, acting=self.emp_pegawai)
        with self.assertRaisesRegex(ValidationError, "already has an active"):
            clash.with_user(self.user_bkpsdm).action_activate()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            plh.with_user(self.user_bkpsdm).write({"date_to": today})
        with self.assertRaisesRegex(UserError, "kept for the record"):
            plh.with_user(self.user_bkpsdm).unlink()
        self.assertEqual(mine.state, "draft")

    def test_cron_ends_past_assignments(self):
        past = self.assignment(
            self.today - datetime.timedelta(days=5),
            self.today - datetime.timedelta(days=2),
        )
        live = self.assignment(self.today, self.today + datetime.timedelta(days=2))
        (past | live).with_user(self.user_bkpsdm).action_activate()
        self.assertEqual(self.Assignment._cron_kilap_end_assignments(), past)
        self.assertEqual((past.state, live.state), ("ended", "active"))
        self.assertEqual(past.ended_on, past.date_to)

    # ---------------------------------------------------------- escalation
    @freeze_time("2025-03-13 02:00:00")  # Thursday 10:00 WITA
    def test_escalation_after_working_days(self):
        self.company.kilap_escalate_after_days = 2
        entry = self.submitted(
            self.emp_pegawai, D(2025, 3, 10), submitted_date=wita(D(2025, 3, 10), 16)
        )
        head = entry.with_user(self.user_head)
        # Tuesday and Wednesday passed without a decision: the head may decide
        self.assertTrue(head.can_approve)
        # the setting off: nobody but the supervisor
        self.company.kilap_escalate_after_days = 0
        entry.invalidate_recordset(["can_approve"])
        self.assertFalse(head.can_approve)
        self.company.kilap_escalate_after_days = 3
        entry.invalidate_recordset(["can_approve"])
        self.assertFalse(head.can_approve)
        self.company.kilap_escalate_after_days = 2
        # the grandparent in the other OPD is nobody's next supervisor here
        with self.assertRaises(AccessError):
            entry.sudo().with_user(self.user_other_atasan).action_approve()
        head.action_approve()
        self.assertEqual(entry.approver_id, self.user_head)
        self.assertEqual(entry.approval_basis, "escalated")
        self.assertEqual(entry.approved_for_id, self.emp_atasan)

    @freeze_time("2025-03-13 02:00:00")  # Thursday 10:00 WITA
    def test_escalation_skips_public_holiday(self):
        self.company.kilap_escalate_after_days = 2
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nyepi",
                "calendar_id": self.calendar.id,
                "date_from": wita(D(2025, 3, 12), 0),
                "date_to": wita(D(2025, 3, 12), 23, 59),
            }
        )
        entry = self.submitted(
            self.emp_pegawai, D(2025, 3, 10), submitted_date=wita(D(2025, 3, 10), 16)
        )
        head = entry.with_user(self.user_head)
        self.assertFalse(head.can_approve, "Wednesday is a holiday: one day only")
        with self.assertRaisesRegex(AccessError, "direct supervisor"):
            head.action_approve()
        with freeze_time("2025-03-14 02:00:00"):  # Friday
            entry.invalidate_recordset(["can_approve"])
            self.assertTrue(head.can_approve)
            head.action_approve()
        self.assertEqual(entry.approval_basis, "escalated")

    # ----------------------------------------------------------- reminders
    def _leave(self, employee, day):
        leave_type = self.env["hr.leave.type"].create(
            {"name": "Cuti Uji", "requires_allocation": False}
        )
        leave = self.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": day,
                "request_date_to": day,
            }
        )
        leave.action_approve()
        if leave.state != "validate":
            leave.action_validate()
        return leave

    def test_reminder_skips_leave_duty_and_holiday(self):
        monday = D(2025, 3, 10)
        Entry = self.env["kilap.journal.entry"]
        everyone = Entry._kilap_remind_employees(self.company, monday)
        self.assertIn(self.emp_pegawai, everyone)
        self.assertIn(self.emp_pegawai2, everyone)
        self.assertIn(self.emp_atasan, everyone)
        self.env["mail.activity"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "in", everyone.ids)]
        ).unlink()
        self._leave(self.emp_pegawai, monday)
        self.env["kilap.field.duty"].sudo()._kilap_create_in_state(
            [
                {
                    "name": "SPT/9",
                    "company_id": self.company.id,
                    "employee_ids": [fields.Command.set(self.emp_pegawai2.ids)],
                    "requester_id": self.emp_pegawai2.id,
                    "date_from": monday,
                    "date_to": monday,
                    "destination": "Gorontalo",
                    "latitude": 0.85,
                    "longitude": 123.0,
                    "purpose": "Rapat",
                    "state": "approved",
                }
            ]
        )
        reminded = Entry._kilap_remind_employees(self.company, monday)
        self.assertNotIn(self.emp_pegawai, reminded, "on leave")
        self.assertNotIn(self.emp_pegawai2, reminded, "on field duty")
        self.assertIn(self.emp_atasan, reminded)
        # a public holiday of the calendar: nobody
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Libur",
                "calendar_id": self.calendar.id,
                "date_from": wita(D(2025, 3, 11), 0),
                "date_to": wita(D(2025, 3, 11), 23, 59),
            }
        )
        self.assertFalse(Entry._kilap_remind_employees(self.company, D(2025, 3, 11)))

    def test_reminder_in_each_office_time_zone(self):
        """At 23:30 WITA on a Friday it is already Saturday in WIT (Papua)."""
        wit_calendar = self.calendar.copy({"name": "WIT", "tz": "Asia/Jayapura"})
        self.emp_pegawai2.write(
            {"tz": "Asia/Jayapura", "resource_calendar_id": wit_calendar.id}
        )
        friday = D(2025, 3, 14)
        now = wita(friday, 23, 30)
        reminded = self.env["kilap.journal.entry"]._kilap_remind_employees(
            self.company, friday, now=now
        )
        self.assertIn(self.emp_pegawai, reminded)
        self.assertNotIn(self.emp_pegawai2, reminded, "already Saturday in WIT")
        # on Thursday night the WIT employee is reminded for their Friday
        reminded = self.env["kilap.journal.entry"]._kilap_remind_employees(
            self.company, D(2025, 3, 13), now=wita(D(2025, 3, 13), 23, 30)
        )
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", self.emp_pegawai2.id)]
        )
        self.assertIn(self.emp_pegawai2, reminded)
        self.assertIn(friday, activity.mapped("date_deadline"))

    def test_digest_reaches_the_acting_official(self):
        day = self.last_working_day(self.emp_pegawai)
        self.submitted(self.emp_pegawai, day)
        plh = self.assignment(self.today, self.today)
        plh.with_user(self.user_bkpsdm).action_activate()
        self.env["kilap.journal.entry"]._kilap_digest_supervisors(self.company)
        digest = self.env["mail.message"].search(
            [("model", "=", "hr.employee"), ("res_id", "=", self.emp_atasan.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn(self.user_pegawai2.partner_id, digest.partner_ids)
        self.assertIn(self.user_atasan.partner_id, digest.partner_ids)

    def test_checkin_reminder(self):
        monday = D(2025, 3, 10)
        Attendance = self.env["hr.attendance"]
        self.assertFalse(self.company.kilap_checkin_reminder, "off by default")
        self.assertFalse(
            Attendance._cron_kilap_checkin_reminder(now=wita(monday, 7, 35))
        )
        self.company.kilap_checkin_reminder = True
        self.company.kilap_checkin_reminder_last_run = wita(monday, 7, 20)
        Attendance.sudo().create(
            {"employee_id": self.emp_pegawai2.id, "check_in": wita(monday, 7, 10)}
        )
        self._leave(self.emp_atasan, monday)
        reminded = Attendance._cron_kilap_checkin_reminder(now=wita(monday, 7, 35))
        self.assertIn(self.emp_pegawai, reminded)
        self.assertNotIn(self.emp_pegawai2, reminded, "checked in")
        self.assertNotIn(self.emp_atasan, reminded, "on leave")
        message = self.env["mail.message"].search(
            [("model", "=", "hr.employee"), ("res_id", "=", self.emp_pegawai.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn("not checked in", message.subject)
        # once a day: the next run looks after 07:35 only
        self.assertFalse(
            Attendance._cron_kilap_checkin_reminder(now=wita(monday, 7, 50))
        )
        # Saturday: no working day, nobody
        saturday = D(2025, 3, 15)
        self.company.kilap_checkin_reminder_last_run = wita(saturday, 7, 0)
        self.assertFalse(
            Attendance._cron_kilap_checkin_reminder(now=wita(saturday, 8, 0))
        )
