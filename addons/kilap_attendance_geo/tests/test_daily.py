from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from .common import KWANDANG, KilapGeoCase


@tagged("post_install", "-at_install")
class TestDaily(KilapGeoCase):
    def day(self, employee, date):
        days = self.env["kilap.attendance.day"]._kilap_compute_days(
            employee, date, date
        )
        return days.filtered(lambda d: d.employee_id == employee and d.date == date)

    def test_wita_office_0731_is_tl1(self):
        monday = self.last_weekday(0)
        self.trusted_attendance(
            self.pegawai, self.wita(monday, 7, 31), self.wita(monday, 16, 0)
        )
        row = self.day(self.pegawai, monday)
        self.assertEqual(row.status, "present")
        self.assertEqual(row.tz, "Asia/Makassar")
        self.assertEqual(row.late_minutes, 1)
        self.assertEqual(row.tl_band_id.code, "TL1")
        self.assertFalse(row.psw_band_id)
        self.assertAlmostEqual(row.check_in_local, 7 + 31 / 60, places=3)

    def test_band_edges(self):
        monday = self.last_weekday(0)
        expected = {
            0: False,
            30: "TL1",
            31: "TL2",
            60: "TL2",
            61: "TL3",
            90: "TL3",
            91: "TL4",
        }
        # Mondays that are working days (the demo's holidays move with today)
        mondays = [
            monday - timedelta(weeks=n)
            for n in range(3 * len(expected))
            if not self.is_holiday(monday - timedelta(weeks=n))
        ][: len(expected)]
        for day, minutes in zip(mondays, expected, strict=True):
            self.trusted_attendance(
                self.pegawai, self.wita(day, 7, 30 + minutes), self.wita(day, 16, 0)
            )
        rows = self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai, mondays[-1], monday
        )
        for day, (minutes, code) in zip(mondays, expected.items(), strict=True):
            row = rows.filtered(lambda d, day=day: d.date == day)
            self.assertEqual(row.late_minutes, minutes)
            self.assertEqual(row.tl_band_id.code or False, code, minutes)

    def test_psw_edges_and_friday(self):
        friday = self.last_weekday(4)
        # Friday ends 16:30: leaving at 16:00 is 30 minutes early -> PSW1
        self.trusted_attendance(
            self.pegawai, self.wita(friday, 7, 0), self.wita(friday, 16, 0)
        )
        row = self.day(self.pegawai, friday)
        self.assertEqual(row.scheduled_end, 16.5)
        self.assertEqual((row.early_minutes, row.psw_band_id.code), (30, "PSW1"))
        thursday = friday - timedelta(days=1)
        self.trusted_attendance(
            self.pegawai, self.wita(thursday, 7, 0), self.wita(thursday, 14, 29)
        )
        row = self.day(self.pegawai, thursday)
        self.assertEqual((row.early_minutes, row.psw_band_id.code), (91, "PSW4"))

    def test_missing_check_out_is_psw4_and_absent_is_tk(self):
        monday = self.last_weekday(0)
        self.trusted_attendance(self.pegawai, self.wita(monday, 7, 0))
        rows = self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai, monday - timedelta(days=3), monday
        )
        row = rows.filtered(lambda d: d.date == monday)
        self.assertEqual(row.psw_band_id.code, "PSW4")
        friday = monday - timedelta(days=3)
        self.assertEqual(rows.filtered(lambda d: d.date == friday).status, "absent")
        # weekends have no row
        self.assertEqual(len(rows), 2)

    def test_recompute_is_idempotent(self):
        monday = self.last_weekday(0)
        self.trusted_attendance(
            self.pegawai, self.wita(monday, 7, 45), self.wita(monday, 16, 0)
        )
        first = self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai | self.atasan, monday - timedelta(days=7), monday
        )
        values = first.read(
            ["employee_id", "date", "status", "late_minutes", "tl_band_id"]
        )
        second = self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai | self.atasan, monday - timedelta(days=7), monday
        )
        self.assertEqual(first.ids, second.ids)
        self.assertEqual(
            values,
            second.read(
                ["employee_id", "date", "status", "late_minutes", "tl_band_id"]
            ),
        )

    def test_makeup(self):
        self.company.write({"kilap_makeup_enabled": True, "kilap_makeup_max_min": 30})
        monday = self.last_weekday(0)
        self.trusted_attendance(
            self.pegawai, self.wita(monday, 7, 50), self.wita(monday, 16, 25)
        )
        row = self.day(self.pegawai, monday)
        self.assertEqual(row.late_minutes, 0)
        self.assertTrue(row.late_made_up)
        tuesday = monday + timedelta(days=1)
        self.trusted_attendance(
            self.pegawai, self.wita(tuesday, 7, 50), self.wita(tuesday, 16, 10)
        )
        self.assertEqual(self.day(self.pegawai, tuesday).late_minutes, 20)

    def test_holiday(self):
        monday = self.last_weekday(0)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Cuti Bersama",
                "date_from": self.wita(monday, 0),
                "date_to": self.wita(monday, 23, 59),
            }
        )
        row = self.day(self.pegawai, monday)
        self.assertEqual((row.status, row.holiday_name), ("holiday", "Cuti Bersama"))

    def test_leave_treatments(self):
        monday = self.last_weekday(0)
        leave_type = self.env["hr.leave.type"].create(
            {
                "name": "Sakit Uji",
                "requires_allocation": False,
                "kilap_treatment": "sick",
            }
        )
        leave = self.env["hr.leave"].create(
            {
                "employee_id": self.pegawai.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": monday,
                "request_date_to": monday,
            }
        )
        leave.action_approve()
        if leave.state != "validate":
            leave.action_validate()
        self.assertEqual(leave.state, "validate")
        row = self.day(self.pegawai, monday)
        self.assertEqual((row.status, row.leave_id), ("sick", leave))
        leave_type.kilap_treatment = "present"
        self.assertEqual(self.day(self.pegawai, monday).status, "present")

    def test_field_duty_day(self):
        monday = self.last_weekday(0)
        duty = self.env["kilap.field.duty"]._kilap_create_in_state(
            {
                "name": "SPT/2",
                "employee_ids": [(6, 0, self.pegawai.ids)],
                "date_from": monday,
                "date_to": monday,
                "destination": "Gorontalo",
                "purpose": "Rapat",
                "state": "approved",
            }
        )
        row = self.day(self.pegawai, monday)
        self.assertEqual((row.status, row.field_duty_id), ("field_duty", duty))

    def test_ramadan_period(self):
        monday = self.last_weekday(0)
        self.env["kilap.schedule.period"].create(
            {
                "name": "Ramadan",
                "calendar_id": self.env.ref("kilap_attendance_geo.calendar_ramadan").id,
                "date_from": monday,
                "date_to": monday + timedelta(days=6),
            }
        )
        # 08:00 start: 08:05 is 5 minutes late
        self.trusted_attendance(
            self.pegawai, self.wita(monday, 8, 5), self.wita(monday, 15, 0)
        )
        row = self.day(self.pegawai, monday)
        self.assertEqual(
            (row.scheduled_start, row.late_minutes, row.early_minutes), (8.0, 5, 0)
        )

    def test_rejected_attendance_counts_as_absent(self):
        monday = self.last_weekday(0)
        att = self.trusted_attendance(
            self.pegawai, self.wita(monday, 7, 0), self.wita(monday, 16, 0)
        )
        att.sudo()._kilap_transition(
            {"kilap_review_state": "to_review", "kilap_flags": "speed"}
        )
        att.with_user(self.users["admin"]).action_kilap_reject()
        self.assertEqual(self.day(self.pegawai, monday).status, "absent")

    def test_bad_ranges(self):
        with self.assertRaisesRegex(UserError, "end cannot be before"):
            self.env["kilap.attendance.day"]._kilap_compute_days(
                self.pegawai, "2025-02-01", "2025-01-01"
            )
        wizard = self.env["kilap.attendance.compute.wizard"].create(
            {"date_from": "2025-02-01", "date_to": "2025-01-01"}
        )
        with self.assertRaisesRegex(UserError, "end date cannot be before"):
            wizard.action_compute()

    def test_wizard(self):
        monday = self.last_weekday(0)
        wizard = self.env["kilap.attendance.compute.wizard"].create(
            {
                "date_from": monday,
                "date_to": monday,
                "department_ids": [(6, 0, self.opd.ids)],
            }
        )
        action = wizard.action_compute()
        rows = self.env["kilap.attendance.day"].search(action["domain"])
        self.assertEqual(
            set(rows.employee_id.ids), {self.pegawai.id, self.atasan.id, self.admin.id}
        )

    def test_correction_request(self):
        monday = self.last_weekday(0)
        request = (
            self.env["kilap.attendance.correction"]
            .with_user(self.users["pegawai"])
            .create(
                {
                    "employee_id": self.pegawai.id,
                    "date": monday,
                    "check_in": self.wita(monday, 7, 20),
                    "check_out": self.wita(monday, 16, 5),
                    "reason": "HP rusak",
                }
            )
        )
        request.action_submit()
        with self.assertRaises(AccessError):
            request.action_approve()  # own request
        with self.assertRaises(AccessError):
            request.with_user(self.users["bkpsdm"]).sudo(False).with_user(
                self.users["pegawai"]
            ).action_approve()
        request.with_user(self.users["atasan"]).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertIn("HP rusak", request.attendance_id.kilap_manual_reason)
        row = self.env["kilap.attendance.day"].search(
            [("employee_id", "=", self.pegawai.id), ("date", "=", monday)]
        )
        self.assertEqual((row.status, row.late_minutes), ("present", 0))
        with self.assertRaisesRegex(UserError, "submitted"):
            request.with_user(self.users["atasan"]).action_reject()
        bad = self.env["kilap.attendance.correction"].create(
            {
                "employee_id": self.pegawai.id,
                "date": monday,
                "check_in": self.wita(monday, 7),
                "reason": "x",
            }
        )
        with self.assertRaisesRegex(Exception, "after the check-in"):
            bad.check_out = self.wita(monday, 6)

    def test_queries_do_not_grow_with_rows(self):
        """Four weeks of 1 or 7 employees: the same queries (the results are
        inserted in pages of thousands, where create() sends 100 rows each)."""
        team = self.env["hr.employee"].create(
            [self._emp_vals(f"Staf {n}", self.opd_sub, self.atasan) for n in range(6)]
        )
        monday = self.last_weekday(0)
        Day = self.env["kilap.attendance.day"]
        counts = []
        for employees, start in (
            (self.outsider, monday - timedelta(weeks=8)),
            (self.outsider | team, monday - timedelta(weeks=4)),
        ):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = Day._kilap_compute_days(employees, start, start + timedelta(days=27))
            self.env.flush_all()
            counts.append((len(rows), self.env.cr.sql_log_count - before))
        (few, few_queries), (many, many_queries) = counts
        self.assertGreater(many, 100)
        self.assertEqual(many, 7 * few)
        self.assertLessEqual(many_queries, few_queries, counts)

    def test_discipline_threshold_raised_once(self):
        monday = self.last_weekday(0)
        start = monday - timedelta(days=4 * 7)
        if start.year != monday.year:
            start = monday.replace(month=1, day=1)
        self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai, start, monday
        )
        events = self.env["kilap.discipline.event"].search(
            [("employee_id", "=", self.pegawai.id)]
        )
        self.assertEqual(len(events), 1)
        self.assertGreaterEqual(events.total_days, 3)
        self.assertEqual(
            events.display_name,
            f"Pegawai Uji - {events.threshold_id.name} ({events.year})",
        )
        # the computation records the event; the follow-up job, triggered at
        # once, assigns the to-dos and sends one message per user, once
        cron = self.env.ref("kilap_attendance_geo.ir_cron_kilap_discipline_notify")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        )
        self.assertFalse(events.notified or events.activity_ids)
        digest = [
            ("model", "=", "kilap.discipline.event"),
            ("subject", "=", "Discipline thresholds reached"),
        ]
        Message = self.env["mail.message"].sudo()
        Event = self.env["kilap.discipline.event"]
        Event._cron_notify_pending()
        self.assertEqual(run_kilap_jobs(self.env), 1)  # one job per 500 events
        self.assertTrue(events.notified)
        self.assertIn(self.users["atasan"], events.activity_ids.user_id)
        self.assertIn(self.users["bkpsdm"], events.activity_ids.user_id)
        sent = Message.search(digest)
        atasan = self.users["atasan"].partner_id
        mine = sent.filtered(lambda m: atasan in m.partner_ids)
        self.assertEqual(len(mine), 1)
        self.assertIn(self.pegawai.name, mine.body)
        activities = events.activity_ids
        Event._cron_notify_pending()
        self.assertEqual(run_kilap_jobs(self.env), 0)  # nothing left to notify
        events._kilap_notify()  # a job run twice
        self.assertEqual(Message.search(digest), sent)
        self.assertEqual(events.activity_ids, activities)
        self.env["kilap.attendance.day"]._kilap_compute_days(
            self.pegawai, start, monday
        )
        self.assertEqual(
            self.env["kilap.discipline.event"].search_count(
                [("employee_id", "=", self.pegawai.id)]
            ),
            1,
        )

    def test_admin_cannot_edit_own_attendance(self):
        att = self.trusted_attendance(
            self.admin,
            self.wita(self.last_weekday(0), 7, 0),
            self.wita(self.last_weekday(0), 16, 0),
        )
        with self.assertRaisesRegex(AccessError, "your own attendance"):
            att.with_user(self.users["admin"]).write(
                {"check_in": att.check_in - timedelta(hours=1)}
            )
        with self.assertRaises(AccessError):
            att.with_user(self.users["bkpsdm"]).unlink()
        # even Odoo's attendance administrator cannot delete: correct it instead
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            att.with_user(self.env.ref("base.user_admin")).unlink()
        self.assertTrue(att.exists())
        # an admin may correct someone else's attendance, with a reason
        other = self.trusted_attendance(
            self.pegawai,
            self.wita(self.last_weekday(1), 7, 0),
            self.wita(self.last_weekday(1), 16, 0),
        )
        with self.assertRaisesRegex(UserError, "No GPS position"):
            other.with_user(self.users["admin"]).write(
                {"check_in": other.check_in - timedelta(minutes=5)}
            )
        other.with_user(self.users["admin"]).write(
            {
                "check_in": other.check_in - timedelta(minutes=5),
                "kilap_manual_reason": "Salah jam",
            }
        )
        self.assertEqual(other.kilap_manual_reason, "Salah jam")
        self.assertEqual(KWANDANG[0], other.in_latitude)
