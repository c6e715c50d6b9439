"""The nightly daily results run as background jobs, in chunks per company."""

from datetime import date, datetime, timedelta

from odoo.tests import freeze_time, tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from .common import KilapGeoCase


@tagged("post_install", "-at_install")
class TestNightlyJobs(KilapGeoCase):
    def test_nightly_results_as_jobs(self):
        Batch = self.env["kilap.job.batch"]
        before = Batch.search([])
        self.env["kilap.attendance.day"]._cron_compute_yesterday()
        batches = Batch.search([]) - before
        self.assertIn(
            self.company, self.env["res.company"].browse(batches.mapped("res_id"))
        )
        mine = batches.filtered(lambda b: b.res_id == self.company.id)
        self.assertEqual(mine.state, "running")
        employees = self.env["hr.employee"].search_count(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(mine.item_count, employees)
        # a second run while the first still runs leaves it alone
        self.env["kilap.attendance.day"]._cron_compute_yesterday()
        self.assertEqual(Batch.search([]) - before, batches)
        run_kilap_jobs(self.env)
        self.assertEqual(set(batches.mapped("state")), {"done"})
        yesterday = self.pegawai._kilap_today() - timedelta(days=1)
        self.assertTrue(
            self.env["kilap.attendance.day"].search_count(
                [("employee_id", "=", self.pegawai.id), ("date", "=", yesterday)]
            )
            or not self.pegawai._kilap_work_minutes_by_date(yesterday, yesterday)[
                self.pegawai.id
            ]
        )

    def test_nightly_yesterday_is_each_office_s(self):
        """At 16:30 UTC on Tuesday 10 March it is still Tuesday in a WIB office but
        already Wednesday in WITA and WIT: the night computes each office's own
        two finished days, never the server's."""
        zones = {
            "Asia/Jakarta": self.pegawai,
            "Asia/Makassar": self.atasan,
            "Asia/Jayapura": self.admin,
        }
        for tz, employee in zones.items():
            location = self.location.copy({"name": f"Kantor {tz}", "kilap_tz": tz})
            employee.write(
                {
                    "work_location_id": location.id,
                    "resource_calendar_id": self.calendar.id,
                }
            )
        Day = self.env["kilap.attendance.day"]
        with freeze_time(datetime(2026, 3, 10, 16, 30)):
            Day._cron_compute_yesterday()
            run_kilap_jobs(self.env)

        def dates(employee):
            return sorted(
                Day.search([("employee_id", "=", employee.id)]).mapped("date")
            )

        # Sunday 8 March has no schedule; Tuesday 10 March is over only east of WIB
        self.assertEqual(dates(self.pegawai), [date(2026, 3, 9)])
        self.assertEqual(dates(self.atasan), [date(2026, 3, 9), date(2026, 3, 10)])
        self.assertEqual(dates(self.admin), [date(2026, 3, 9), date(2026, 3, 10)])
        self.assertEqual(
            set(Day.search([("employee_id", "in", self.admin.ids)]).mapped("status")),
            {"absent"},
        )
