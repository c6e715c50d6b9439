"""The period computation as background jobs: one per OPD, with progress."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from .common import KilapScoringCase

FIGURES = (
    "employee_id",
    "kinerja_score",
    "disiplin_score",
    "total_score",
    "predikat",
    "rank",
    "rank_total",
)


@tagged("post_install", "-at_install")
class TestComputeJobs(KilapScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls._period()

    def figures(self, period):
        period.line_ids.invalidate_recordset()
        return sorted(
            (line.employee_id.id, *(line[name] for name in FIGURES[1:]))
            for line in period.line_ids
        )

    def test_compute_runs_as_chunked_jobs_with_progress(self):
        period = self.period.with_user(self.user_bkpsdm)
        period.action_compute()
        batch = period.job_batch_id
        self.assertEqual(batch.state, "running")
        self.assertEqual(batch.chunk_count, 2)  # Dinas A and Dinas B
        self.assertEqual(batch.item_count, len(period._kilap_scope_employees()))
        self.assertEqual(period.state, "open")  # moves only when all are done
        self.assertTrue(
            self.env["queue.job"]
            .sudo()
            .search_count([("channel", "=", "root.kilap"), ("state", "=", "pending")])
        )
        # twice, or closing while it runs: refused with a clear message
        with self.assertRaisesRegex(UserError, "already being computed"):
            period.action_compute()
        run_kilap_jobs(self.env)
        self.assertEqual(batch.state, "done")
        self.assertEqual((batch.chunk_done, batch.item_done), (2, batch.item_count))
        self.assertEqual(period.state, "computed")
        self.assertTrue(all(batch.chunk_ids.mapped("node")))
        chunked = self.figures(period)
        # the same rows as one synchronous run, and a replayed chunk changes
        # nothing (no duplicate, same figures)
        self.period._kilap_compute()
        self.assertEqual(self.figures(period), chunked)
        chunk = batch.chunk_ids[0]
        chunk.sudo().state = "pending"
        chunk._kilap_run()
        self.assertEqual(self.figures(period), chunked)
        period.action_compute()
        with self.assertRaisesRegex(UserError, "being computed in the background"):
            period.action_close()
        run_kilap_jobs(self.env)
        period.action_close()
        self.assertEqual(period.state, "closed")

    def test_recompute_drops_employees_out_of_scope(self):
        """An employee archived since the last run loses the line; the others
        keep theirs."""
        period = self.period.with_user(self.user_bkpsdm)
        period.action_compute()
        run_kilap_jobs(self.env)
        self.assertIn(self.emp_pegawai2, period.line_ids.employee_id)
        self.emp_pegawai2.action_archive()
        period.action_compute()
        run_kilap_jobs(self.env)
        self.assertEqual(period.line_ids.employee_id, period._kilap_scope_employees())
        self.assertNotIn(self.emp_pegawai2, period.line_ids.employee_id)
        self.assertEqual(period.employee_total, len(period.line_ids))

    def test_failed_chunk_is_shown_and_retried(self):
        period = self.period.with_user(self.user_bkpsdm)
        period.action_compute()
        # the month gets closed under the running computation: every chunk
        # fails with a real error, kept on the chunk
        self.period._kilap_transition({"state": "closed"})
        run_kilap_jobs(self.env)
        batch = period.job_batch_id
        self.assertEqual((batch.state, batch.chunk_failed), ("failed", 2))
        self.assertIn("closed", batch.chunk_ids[0].error)
        self.assertEqual(period.job_state, "failed")
        with self.assertRaisesRegex(UserError, "being computed in the background"):
            period._kilap_reopen("uji")
        self.period._kilap_transition({"state": "open"})
        with self.assertRaises(UserError):  # retry is BKPSDM's
            period.with_user(self.user_admin_opd).action_retry_failed()
        period.action_retry_failed()
        self.assertEqual(batch.state, "running")
        run_kilap_jobs(self.env)
        self.assertEqual((batch.state, period.state), ("done", "computed"))
        self.assertEqual(batch.chunk_ids.mapped("attempts"), [2, 2])

    def test_job_given_up_by_queue_job_shows_as_failed(self):
        """A chunk whose job queue_job gave up on (failed after its retries,
        found dead, cancelled) is a failed chunk: the period is not stuck."""
        period = self.period.with_user(self.user_bkpsdm)
        period.action_compute()
        batch = period.job_batch_id
        dead = (
            self.env["queue.job"]
            .sudo()
            .search([("uuid", "=", batch.chunk_ids[0].job_uuid)])
        )
        self.assertTrue(dead)
        dead.write({"state": "failed", "exc_message": "Job found dead"})
        with self.assertRaisesRegex(UserError, "already being computed"):
            period.action_compute()  # the failed part must be retried first
        self.assertEqual(batch.state, "failed")
        self.assertEqual(batch.chunk_ids[0].error, "Job found dead")
        period.action_retry_failed()
        run_kilap_jobs(self.env)
        self.assertEqual((batch.state, period.state), ("done", "computed"))
