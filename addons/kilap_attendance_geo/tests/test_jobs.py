"""The nightly daily results run as background jobs, in chunks per company."""

from datetime import timedelta

from odoo.tests import tagged

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
