"""Which schedule judges a day: the employee's history (Odoo's hr.version), the
special periods with a replacement per schedule, the office's own time zone."""

from datetime import date, datetime, timedelta

import pytz

from odoo.fields import Command
from odoo.tests import tagged

from .common import KilapGeoCase

# Monday 6 July 2026 .. Saturday 18 July 2026: no public holiday in the test company
JULY = [date(2026, 7, 6) + timedelta(days=n) for n in range(13)]


@tagged("post_install", "-at_install")
class TestSchedules(KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.office = cls.calendar
        cls.school = ref("kilap_attendance_geo.calendar_school_6_days")
        cls.school_ramadan = ref("kilap_attendance_geo.calendar_school_6_days_ramadan")
        cls.ramadan = ref("kilap_attendance_geo.calendar_ramadan")
        for employee in (cls.pegawai, cls.atasan):
            employee.resource_calendar_id = cls.office
            employee.version_id.date_version = date(2026, 1, 1)

    def rows(self, employee, first, last):
        Day = self.env["kilap.attendance.day"]
        Day._kilap_compute_days(employee, first, last)
        return {
            row.date: row
            for row in Day.search(
                [
                    ("employee_id", "=", employee.id),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ]
            )
        }

    def test_teacher_moving_to_a_six_day_school(self):
        """Office hours until Friday 10 July, the school's 6-day week from Monday
        13 July: Saturdays count only after the move, each day by its own hours."""
        self.assertFalse(any(self.is_holiday(day) for day in JULY))
        self.pegawai.create_version(
            {"date_version": date(2026, 7, 13), "resource_calendar_id": self.school.id}
        )
        rows = self.rows(self.pegawai, JULY[0], JULY[-1])
        self.assertNotIn(date(2026, 7, 11), rows)  # a Saturday at the office
        self.assertEqual(rows[date(2026, 7, 10)].scheduled_start, 7.5)
        self.assertEqual(rows[date(2026, 7, 10)].calendar_id, self.office)
        self.assertEqual(rows[date(2026, 7, 13)].scheduled_start, 7.0)
        self.assertEqual(rows[date(2026, 7, 17)].scheduled_minutes, 300)  # 07-12
        saturday = rows[date(2026, 7, 18)]
        self.assertEqual(
            (saturday.status, saturday.calendar_id), ("absent", self.school)
        )
        minutes = self.pegawai._kilap_work_minutes_by_date(JULY[0], JULY[-1])[
            self.pegawai.id
        ]
        self.assertNotIn(date(2026, 7, 11), minutes)
        self.assertEqual(sum(minutes[day] for day in JULY[:5]), 37.5 * 60)
        self.assertEqual(sum(minutes[day] for day in JULY[7:]), 37.5 * 60)
        self.assertEqual(minutes[date(2026, 7, 18)], 390)

    def test_ramadan_replaces_each_schedule_by_its_own(self):
        """In Ramadan the school keeps its six days with its own Ramadan hours; a
        schedule without a replacement of its own takes the period's."""
        week = [date(2027, 2, 8) + timedelta(days=n) for n in range(6)]  # Mon-Sat
        self.pegawai.resource_calendar_id = self.school
        self.env["kilap.schedule.period"].create(
            {
                "name": "Ramadan 1448 H",
                "calendar_id": self.ramadan.id,
                "date_from": week[0],
                "date_to": week[-1],
                "line_ids": [
                    Command.create(
                        {
                            "calendar_id": self.school.id,
                            "special_calendar_id": self.school_ramadan.id,
                        }
                    )
                ],
            }
        )
        teacher = self.rows(self.pegawai, week[0], week[-1] + timedelta(days=2))
        self.assertEqual(len([d for d in week if d in teacher]), 6)
        self.assertEqual({teacher[d].calendar_id for d in week}, {self.school_ramadan})
        self.assertEqual(teacher[week[-1]].scheduled_start, 8.0)
        self.assertEqual(teacher[week[-1]].scheduled_minutes, 390)
        after = teacher[week[-1] + timedelta(days=2)]  # Monday after: school hours
        self.assertEqual((after.calendar_id, after.scheduled_start), (self.school, 7.0))
        clerk = self.rows(self.atasan, week[0], week[-1])
        self.assertEqual(sorted(clerk), week[:5])
        self.assertEqual({clerk[d].calendar_id for d in week[:5]}, {self.ramadan})
        minutes = self.pegawai._kilap_work_minutes_by_date(week[0], week[-1])
        self.assertEqual(sum(minutes[self.pegawai.id].values()), 32.5 * 60)
        self.assertEqual(
            sum(
                self.atasan._kilap_work_minutes_by_date(week[0], week[-1])[
                    self.atasan.id
                ].values()
            ),
            32.5 * 60,
        )

    def test_lateness_in_each_time_zone(self):
        """08:00 on the office's own clock is 30 minutes late (TL1) in WIB, WITA and
        WIT alike, although the three check-ins are hours apart in UTC."""
        monday = JULY[0]
        for tz in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"):
            with self.subTest(tz=tz):
                location = self.location.copy({"name": f"Kantor {tz}", "kilap_tz": tz})
                self.pegawai.work_location_id = location
                zone = pytz.timezone(tz)

                def utc(hour, zone=zone):
                    local = zone.localize(datetime.combine(monday, datetime.min.time()))
                    moment = local + timedelta(hours=hour)
                    return moment.astimezone(pytz.utc).replace(tzinfo=None)

                self.env["hr.attendance"].sudo().search(
                    [("employee_id", "=", self.pegawai.id)]
                ).unlink()
                self.trusted_attendance(self.pegawai, utc(8), utc(16))
                row = self.rows(self.pegawai, monday, monday)[monday]
                self.assertEqual(row.tz, tz)
                self.assertEqual((row.status, row.late_minutes), ("present", 30))
                self.assertEqual(row.tl_band_id, self.band("TL1"))
                self.assertEqual(row.early_minutes, 0)
