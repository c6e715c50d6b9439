import logging
import os
import socket
import time

from psycopg2 import IntegrityError, OperationalError

from odoo import fields, models
from odoo.tools import config

from odoo.addons.queue_job.exception import RetryableJobError

from .kilap_job_batch import CHANNEL

_logger = logging.getLogger(__name__)


class KilapJobChunk(models.Model):
    """One idempotent piece of a ``kilap.job.batch``: a list of ids, one job."""

    _name = "kilap.job.chunk"
    _description = "KILAP Background Work Chunk"
    _order = "batch_id, sequence"

    batch_id = fields.Many2one(
        "kilap.job.batch", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(readonly=True)
    item_ids = fields.Json(readonly=True)
    item_count = fields.Integer(string="Employees", readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Done"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    error = fields.Text(readonly=True)
    node = fields.Char(
        readonly=True, help="The Odoo node (host:port, process) that ran the chunk."
    )
    attempts = fields.Integer(readonly=True)
    date_done = fields.Datetime(readonly=True)
    duration = fields.Float(
        string="Seconds", readonly=True, digits=(16, 2), help="Of the last run."
    )
    query_count = fields.Integer(
        string="Queries",
        readonly=True,
        help="SQL queries of the last run: a fixed number per chunk, not per row.",
    )

    job_uuid = fields.Char(readonly=True, index=True, copy=False)

    def _kilap_enqueue(self):
        for chunk in self:
            job = chunk.with_delay(
                channel=CHANNEL,
                description=self.env._(
                    "%(work)s, chunk %(n)s", work=chunk.batch_id.name, n=chunk.sequence
                ),
                identity_key=f"kilap-chunk-{chunk.id}-{chunk.attempts}",
            )._kilap_run()
            if job is not None:
                chunk.job_uuid = job.uuid

    def _kilap_sync_dead_jobs(self):
        """Pending chunks whose job queue_job gave up on (failed after its
        retries, found dead, cancelled) are failed chunks: retry shows them."""
        pending = self.filtered(lambda c: c.state == "pending" and c.job_uuid)
        if not pending:
            return
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search_fetch(
                [
                    ("uuid", "in", pending.mapped("job_uuid")),
                    ("state", "in", ("failed", "cancelled")),
                ],
                ["uuid", "state", "exc_message"],
            )
        )
        dead = {job.uuid: job for job in jobs}
        for chunk in pending.filtered(lambda c: c.job_uuid in dead):
            job = dead[chunk.job_uuid]
            chunk.sudo().write(
                {"state": "failed", "error": job.exc_message or job.state}
            )
            chunk.batch_id.sudo().state = "failed"

    @staticmethod
    def _kilap_node():
        return "%s:%s/%s" % (socket.gethostname(), config["http_port"], os.getpid())

    def _kilap_run(self):
        """The job: run the owner's method on the chunk's ids.

        A chunk already done is not run again (a job replayed after a crash).
        Database concurrency errors go up, so that queue_job retries the job;
        any other error is kept on the chunk, which can be retried from the
        batch.
        """
        self.ensure_one()
        if self.state == "done":
            return False
        batch = self.batch_id
        # the work runs with the rights of the user who started it (never as
        # superuser: four-eyes and access checks see who acted)
        owner = batch._kilap_owner().with_user(batch.user_id)
        vals = {"attempts": self.attempts + 1, "node": self._kilap_node()}
        started, queries = time.monotonic(), self.env.cr.sql_log_count
        try:
            with self.env.cr.savepoint():
                getattr(owner, batch.method)(self.item_ids, *(batch.method_args or ()))
                self.env.flush_all()
            vals.update(
                duration=time.monotonic() - started,
                query_count=self.env.cr.sql_log_count - queries,
            )
        except OperationalError:
            raise
        except IntegrityError as exc:  # a concurrent job inserted the same row
            raise RetryableJobError(str(exc), seconds=5) from exc
        except Exception as exc:  # noqa: BLE001 - kept on the chunk, shown to BKPSDM
            _logger.warning("KILAP chunk %s of %s failed: %s", self.id, batch.name, exc)
            self.sudo().write({**vals, "state": "failed", "error": str(exc)})
            batch.sudo().state = "failed"
            return False
        self.sudo().write({**vals, "state": "done", "date_done": fields.Datetime.now()})
        # the last chunk to commit enqueues the finishing job that sees them all
        batch._kilap_enqueue_finish()
        return True
