"""Shift rosters: a rostered employee is judged by the shift of the date, not by
the weekly schedule (nurses, firefighters), and only Admin OPD of the
employee's own OPD edits the roster."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytz

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase

from .common import KilapGeoCase

MONDAY = date(2026, 7, 6)


def local(tz, day, hour, minute=0):
    """Naive UTC of a local wall-clock time in ``tz``."""
    moment = pytz.timezone(tz).localize(datetime.combine(day, datetime.min.time()))
    moment += timedelta(hours=hour, minutes=minute)
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class RosterMixin:
    @classmethod
    def make_shifts(cls, company):
        Shift = cls.env["kilap.shift.type"].with_company(company)
        values = [
            ("P", "Pagi", 7.0, 14.0, 30, 1),
            ("S", "Siang", 14.0, 21.0, 30, 1),
            ("M", "Malam", 21.0, 7.0, 60, 1),
            ("24", "Siaga 24 jam", 7.0, 7.0, 120, 2),
        ]
        # codes of their own: the demo pemda has a ward on P, S and M already
        return {
            code: Shift.create(
                {
                    "code": f"T{code}",
                    "name": name,
                    "hour_from": start,
                    "hour_to": end,
                    "break_minutes": rest,
                    "absence_days": tk,
                    "company_id": company.id,
                }
            )
            for code, name, start, end, rest, tk in values
        }


@tagged("post_install", "-at_install")
class TestRoster(RosterMixin, KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shifts = cls.make_shifts(cls.company)
        cls.pegawai.kilap_rostered = True
        cls.Roster = cls.env["kilap.shift.roster"]
        cls.Day = cls.env["kilap.attendance.day"]

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Inside Odoo's savepoint: a refused create leaves nothing behind."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    def put(self, employee, day, code):
        return self.Roster.create(
            {
                "employee_id": employee.id,
                "date": day,
                "kind": "off" if code == "-" else "shift",
                "shift_type_id": False if code == "-" else self.shifts[code].id,
            }
        )

    def rows(self, employee, first, last):
        self.Day._kilap_compute_days(employee, first, last)
        return {
            row.date: row
            for row in self.Day.search(
                [
                    ("employee_id", "=", employee.id),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ]
            )
        }

    def test_shift_types(self):
        night, day24 = self.shifts["M"], self.shifts["24"]
        self.assertEqual((night.duration_hours, night.crosses_midnight), (10.0, True))
        self.assertEqual((day24.duration_hours, day24.crosses_midnight), (24.0, True))
        self.assertEqual(night._kilap_work_minutes(), 540)
        for values, message in (
            ({"hour_from": 25.0}, "between 00:00"),
            ({"break_minutes": 600}, "shorter than the shift"),
            ({"absence_days": 0}, "at least one TK day"),
            ({"window_before_min": -5}, "punch window"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self.shifts["P"].copy(
                    {"code": f"X{len(values)}{list(values)[0]}", **values}
                )

    def test_night_shift_crossing_midnight_in_wit(self):
        """A nurse in a WIT hospital on the night shift 21:00-07:00 of Monday checks
        in at 21:31 and out at 07:05 on Tuesday: one working day, Monday, late 31
        minutes (TL2), no early leave; Tuesday is her off day."""
        location = self.location.copy(
            {"name": "RSUD (WIT)", "kilap_tz": "Asia/Jayapura"}
        )
        self.pegawai.work_location_id = location
        self.put(self.pegawai, MONDAY, "M")
        self.put(self.pegawai, MONDAY + timedelta(days=1), "-")
        self.trusted_attendance(
            self.pegawai,
            local("Asia/Jayapura", MONDAY, 21, 31),
            local("Asia/Jayapura", MONDAY + timedelta(days=1), 7, 5),
        )
        rows = self.rows(self.pegawai, MONDAY, MONDAY + timedelta(days=1))
        self.assertEqual(list(rows), [MONDAY])
        night = rows[MONDAY]
        self.assertEqual(
            (night.status, night.shift_type_id), ("present", self.shifts["M"])
        )
        self.assertEqual((night.late_minutes, night.tl_band_id), (31, self.band("TL2")))
        self.assertEqual((night.early_minutes, night.psw_band_id.id), (0, False))
        self.assertEqual(night.tz, "Asia/Jayapura")
        self.assertAlmostEqual(night.check_out_local, 7 + 5 / 60, places=3)
        self.assertEqual(night.scheduled_minutes, 540)
        self.assertFalse(night.calendar_id)

    def test_night_shift_leaving_early_is_psw(self):
        self.put(self.pegawai, MONDAY, "M")
        self.trusted_attendance(
            self.pegawai,
            self.wita(MONDAY, 20, 50),
            self.wita(MONDAY + timedelta(days=1), 6, 20),
        )
        night = self.rows(self.pegawai, MONDAY, MONDAY)[MONDAY]
        self.assertEqual((night.late_minutes, night.early_minutes), (0, 40))
        self.assertEqual(night.psw_band_id, self.band("PSW2"))

    def test_firefighter_24_on_48_off(self):
        """24 hours on, 48 off, filled from a pattern: no TK on the off days, a
        missed 24-hour shift counts its shift type's two TK days, a public holiday
        is a working day on the roster."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Hari libur uji",
                "date_from": self.wita(MONDAY + timedelta(days=3), 0),
                "date_to": self.wita(MONDAY + timedelta(days=3), 24),
                "company_id": self.company.id,
            }
        )
        pattern = self.env["kilap.shift.pattern"].create(
            {"name": "24/48", "sequence_codes": "T24 - -"}
        )
        fill = self.env["kilap.shift.roster.fill"].create(
            {
                "pattern_id": pattern.id,
                "employee_ids": [(6, 0, self.pegawai.ids)],
                "date_from": MONDAY,
                "date_to": MONDAY + timedelta(days=8),
            }
        )
        fill.action_fill()
        entries = self.Roster.search([("employee_id", "=", self.pegawai.id)])
        self.assertEqual(len(entries), 9)
        self.assertEqual(
            entries.filtered(lambda e: e.kind == "shift").mapped("date"),
            [MONDAY + timedelta(days=n) for n in (6, 3, 0)],
        )
        self.trusted_attendance(
            self.pegawai,
            self.wita(MONDAY, 6, 55),
            self.wita(MONDAY + timedelta(days=1), 7, 10),
        )
        self.trusted_attendance(
            self.pegawai,
            self.wita(MONDAY + timedelta(days=6), 7, 0),
            self.wita(MONDAY + timedelta(days=7), 7, 0),
        )
        rows = self.rows(self.pegawai, MONDAY, MONDAY + timedelta(days=8))
        self.assertEqual(sorted(rows), [MONDAY + timedelta(days=n) for n in (0, 3, 6)])
        self.assertEqual(rows[MONDAY].status, "present")
        self.assertEqual(rows[MONDAY].worked_minutes, 24 * 60 + 15)
        missed = rows[MONDAY + timedelta(days=3)]  # the holiday: still a shift
        self.assertEqual((missed.status, missed.absence_days), ("absent", 2))
        tally = self.Day._kilap_tally(
            self.pegawai.ids, MONDAY, MONDAY + timedelta(days=8)
        )[self.pegawai.id]
        self.assertEqual((tally["days"], tally["present"], tally["absent"]), (3, 2, 2))
        # refilling with the same pattern changes nothing
        before = entries.read(["date", "kind", "shift_type_id"])
        fill.action_fill()
        self.assertEqual(entries.read(["date", "kind", "shift_type_id"]), before)

    def test_unscheduled_date_is_flagged_never_judged(self):
        self.put(self.pegawai, MONDAY, "P")
        rows = self.rows(self.pegawai, MONDAY, MONDAY + timedelta(days=1))
        self.assertEqual(rows[MONDAY].status, "absent")
        gap = rows[MONDAY + timedelta(days=1)]
        self.assertEqual((gap.status, gap.scheduled_minutes), ("unscheduled", 0))
        tally = self.Day._kilap_tally(
            self.pegawai.ids, MONDAY, MONDAY + timedelta(days=1)
        )[self.pegawai.id]
        self.assertEqual(
            (tally["days"], tally["absent"], tally["unscheduled"]), (1, 1, 1)
        )
        # flagged to Admin OPD of her OPD: a to-do on the employee, once
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", self.pegawai.id)]
        )
        self.assertEqual(todo.user_id, self.users["admin"])
        self.assertIn(str(MONDAY + timedelta(days=1)), todo.summary)
        self.rows(self.pegawai, MONDAY, MONDAY + timedelta(days=1))
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "hr.employee"), ("res_id", "=", self.pegawai.id)]
            ),
            1,
        )

    def test_journal_minutes_follow_the_roster(self):
        self.put(self.pegawai, MONDAY, "M")
        self.put(self.pegawai, MONDAY + timedelta(days=1), "-")
        minutes = self.pegawai._kilap_work_minutes_by_date(
            MONDAY, MONDAY + timedelta(days=2)
        )[self.pegawai.id]
        self.assertEqual(minutes, {MONDAY: 540})
        office = self.atasan._kilap_work_minutes_by_date(MONDAY, MONDAY)[self.atasan.id]
        self.assertEqual(office, {MONDAY: 450})

    def test_checkin_reminder_at_the_shift_start(self):
        """A nurse on the night shift is reminded at 21:00, not at 07:30; once she
        checked in within the punch window she is not; an off day reminds nobody."""
        Attendance = self.env["hr.attendance"]
        self.company.kilap_checkin_reminder = True
        self.users["pegawai"].tz = "Asia/Makassar"
        self.put(self.pegawai, MONDAY, "M")
        self.put(self.pegawai, MONDAY + timedelta(days=1), "-")
        self.company.kilap_checkin_reminder_last_run = self.wita(MONDAY, 7, 20)
        morning = Attendance._cron_kilap_checkin_reminder(now=self.wita(MONDAY, 7, 40))
        self.assertNotIn(self.pegawai, morning)
        self.company.kilap_checkin_reminder_last_run = self.wita(MONDAY, 20, 50)
        night = Attendance._cron_kilap_checkin_reminder(now=self.wita(MONDAY, 21, 5))
        self.assertIn(self.pegawai, night)
        # checked in at 20:40 (within the 120-minute window): not reminded
        self.trusted_attendance(self.pegawai, self.wita(MONDAY, 20, 40))
        self.company.kilap_checkin_reminder_last_run = self.wita(MONDAY, 20, 50)
        self.assertNotIn(
            self.pegawai,
            Attendance._cron_kilap_checkin_reminder(now=self.wita(MONDAY, 21, 5)),
        )
        tuesday = MONDAY + timedelta(days=1)
        self.company.kilap_checkin_reminder_last_run = self.wita(tuesday, 6, 50)
        self.assertNotIn(
            self.pegawai,
            Attendance._cron_kilap_checkin_reminder(now=self.wita(tuesday, 21, 5)),
        )

    def test_roster_refusals(self):
        with self.assertRaisesRegex(ValidationError, "does not work on a roster"):
            self.put(self.atasan, MONDAY, "P")
        with self.assertRaisesRegex(ValidationError, "Choose the shift"):
            self.Roster.create(
                {"employee_id": self.pegawai.id, "date": MONDAY, "kind": "shift"}
            )
        self.shifts["S"].department_id = self.other_opd
        with self.assertRaisesRegex(ValidationError, "only for"):
            self.put(self.pegawai, MONDAY, "S")
        with self.assertRaisesRegex(ValidationError, "no shift with code"):
            self.env["kilap.shift.pattern"].create(
                {"name": "Bad", "sequence_codes": "P Q -"}
            )
        fill = self.env["kilap.shift.roster.fill"].create(
            {
                "pattern_id": self.env["kilap.shift.pattern"]
                .create({"name": "P", "sequence_codes": "TP"})
                .id,
                "employee_ids": [(6, 0, self.pegawai.ids)],
                "date_from": MONDAY,
                "date_to": MONDAY + timedelta(days=70),
            }
        )
        with self.assertRaisesRegex(UserError, "at most 62 days"):
            fill.action_fill()
        self.assertFalse(self.Roster.search([("employee_id", "=", self.pegawai.id)]))

    def test_swap_approved_by_the_supervisor(self):
        colleague = self.admin
        colleague.write({"kilap_rostered": True, "parent_id": self.atasan.id})
        self.put(self.pegawai, MONDAY, "P")
        self.put(colleague, MONDAY, "M")
        swap = (
            self.env["kilap.shift.swap"]
            .with_user(self.users["pegawai"])
            .create(
                {
                    "partner_id": colleague.id,
                    "date": MONDAY,
                    "reason": "Keperluan keluarga",
                }
            )
        )
        self.assertEqual(swap.employee_id, self.pegawai)
        swap.action_submit()
        with self.assertRaises(AccessError):
            swap.with_user(self.users["admin"]).action_approve()  # the partner
        swap.with_user(self.users["atasan"]).action_approve()
        self.assertEqual(
            (swap.state, swap.approver_id), ("approved", self.users["atasan"])
        )
        self.assertEqual(swap.approval_basis, "supervisor")
        self.assertTrue(swap.submitted_date)

        def code(employee):
            return self.Roster.search(
                [("employee_id", "=", employee.id), ("date", "=", MONDAY)]
            ).shift_type_id.code

        self.assertEqual((code(self.pegawai), code(colleague)), ("TM", "TP"))
        with self.assertRaisesRegex(UserError, "Only submitted"):
            swap.with_user(self.users["atasan"]).action_approve()


@tagged("post_install", "-at_install")
class TestRosterAttacks(RosterMixin, KilapRpcCase):
    """The roster over JSON-RPC: Admin OPD of another OPD and the employee
    themself are refused, and nothing changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.company = ref("kilap_activity.company_demo_gorut")
        cls.shifts = cls.make_shifts(cls.company)
        cls.own = ref("kilap_activity.employee_demo_staf_dinkes_umum")
        cls.other = ref("kilap_activity.employee_demo_staf_setda")
        cls.pegawai = ref("kilap_activity.employee_demo_pegawai")
        (cls.own | cls.other | cls.pegawai).write({"kilap_rostered": True})
        Roster = cls.env["kilap.shift.roster"]
        cls.other_entry = Roster.create(
            {
                "employee_id": cls.other.id,
                "date": MONDAY,
                "shift_type_id": cls.shifts["P"].id,
            }
        )
        cls.own_entry = Roster.create(
            {
                "employee_id": cls.pegawai.id,
                "date": MONDAY,
                "shift_type_id": cls.shifts["P"].id,
            }
        )

    def test_admin_opd_of_another_opd_refused(self):
        names = ["employee_id", "date", "kind", "shift_type_id"]
        before = self.snapshot(self.other_entry, names)
        self.assertRefused(
            "adminopd",
            "kilap.shift.roster",
            "write",
            [self.other_entry.ids, {"shift_type_id": self.shifts["M"].id}],
        )
        self.assertRefused(
            "adminopd",
            "kilap.shift.roster",
            "create",
            [
                {
                    "employee_id": self.other.id,
                    "date": str(MONDAY + timedelta(days=1)),
                    "shift_type_id": self.shifts["M"].id,
                }
            ],
        )
        self.assertRefused(
            "adminopd", "kilap.shift.roster", "unlink", [self.other_entry.ids]
        )
        self.assertEqual(self.snapshot(self.other_entry, names), before)
        self.assertEqual(
            self.env["kilap.shift.roster"].search_count(
                [("employee_id", "=", self.other.id)]
            ),
            1,
        )
        # the same Admin OPD rosters its own OPD's staff
        result, error = self.call_kw(
            "adminopd",
            "kilap.shift.roster",
            "create",
            [
                {
                    "employee_id": self.own.id,
                    "date": str(MONDAY),
                    "shift_type_id": self.shifts["S"].id,
                }
            ],
        )
        self.assertFalse(error, error)
        self.assertTrue(result)

    def test_employee_cannot_change_own_roster(self):
        names = ["kind", "shift_type_id"]
        before = self.snapshot(self.own_entry, names)
        self.assertRefused(
            "pegawai",
            "kilap.shift.roster",
            "write",
            [self.own_entry.ids, {"kind": "off", "shift_type_id": False}],
        )
        self.assertRefused(
            "pegawai",
            "kilap.shift.roster",
            "create",
            [
                {
                    "employee_id": self.pegawai.id,
                    "date": str(MONDAY + timedelta(days=1)),
                    "kind": "off",
                }
            ],
        )
        self.assertRefused(
            "pegawai",
            "hr.employee",
            "write",
            [self.pegawai.ids, {"kilap_rostered": False}],
        )
        self.assertEqual(self.snapshot(self.own_entry, names), before)
        self.assertTrue(self.pegawai.kilap_rostered)
        # a swap request cannot be created approved
        self.assertRefused(
            "pegawai",
            "kilap.shift.swap",
            "create",
            [
                {
                    "partner_id": self.own.id,
                    "date": str(MONDAY),
                    "reason": "x",
                    "state": "approved",
                }
            ],
        )
