import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

CHANNEL = "root.kilap"


class KilapJobBatch(models.Model):
    """Long KILAP work split in idempotent chunks, each a queue_job on the KILAP
    channel, with its progress (docs/architecture.md, "Background jobs").

    The owner (e.g. an evaluation period) calls ``_kilap_start(owner, method,
    chunks, finish)``: every chunk runs ``owner.<method>(ids)`` in its own job,
    possibly on another Odoo node; when the last chunk is done a finishing job
    runs ``owner.<finish>()`` once. A chunk that fails keeps its error and can
    be retried; re-running a chunk gives the same rows, never duplicates.
    """

    _name = "kilap.job.batch"
    _description = "KILAP Background Work"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    res_model = fields.Char(required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        model_field="res_model", required=True, readonly=True, index=True
    )
    method = fields.Char(required=True, readonly=True)
    method_args = fields.Json(
        readonly=True, help="Extra arguments passed to every chunk."
    )
    finish_method = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Started by", readonly=True, default=lambda s: s.env.user
    )
    chunk_ids = fields.One2many("kilap.job.chunk", "batch_id", readonly=True)
    state = fields.Selection(
        [
            ("running", "Running"),
            ("failed", "Failed"),
            ("done", "Done"),
            ("superseded", "Failed, superseded"),
        ],
        default="running",
        required=True,
        readonly=True,
        index=True,
    )
    chunk_count = fields.Integer(string="Chunks", compute="_compute_progress")
    chunk_done = fields.Integer(string="Chunks Done", compute="_compute_progress")
    chunk_failed = fields.Integer(string="Chunks Failed", compute="_compute_progress")
    item_count = fields.Integer(string="Employees", compute="_compute_progress")
    item_done = fields.Integer(string="Employees Done", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    date_done = fields.Datetime(readonly=True)

    _one_running_per_owner = models.UniqueIndex(
        "(res_model, res_id) WHERE state = 'running'",
        "This work is already running in the background.",
    )

    @api.depends("chunk_ids.state", "chunk_ids.item_count")
    def _compute_progress(self):
        for batch in self:
            chunks = batch.chunk_ids
            done = chunks.filtered(lambda c: c.state == "done")
            batch.chunk_count = len(chunks)
            batch.chunk_done = len(done)
            batch.chunk_failed = len(chunks.filtered(lambda c: c.state == "failed"))
            batch.item_count = sum(chunks.mapped("item_count"))
            batch.item_done = sum(done.mapped("item_count"))
            batch.progress = 100.0 * len(done) / len(chunks) if chunks else 100.0

    # ------------------------------------------------------------------ API
    @api.model
    def _kilap_running(self, owner):
        """The unfinished batch of ``owner`` (running or failed), if any."""
        batch = self.sudo().search(
            [
                ("res_model", "=", owner._name),
                ("res_id", "=", owner.id),
                ("state", "in", ("running", "failed")),
            ],
            limit=1,
        )
        batch.chunk_ids._kilap_sync_dead_jobs()
        return batch

    @api.model
    def _kilap_check_idle(self, owner, message):
        """Refuse with ``message`` while ``owner`` has unfinished background work."""
        if self._kilap_running(owner):
            raise UserError(message)

    @api.model
    def _kilap_start(
        self, owner, name, method, chunks, finish=None, args=(), replace_failed=False
    ):
        """Split ``owner.<method>(ids, *args)`` over ``chunks`` (lists of ids) as
        jobs; ``args`` must be JSON values (dates as ISO strings).

        Refused while the owner has unfinished work; with ``replace_failed``
        (scheduled runs) a failed batch stays on record, marked superseded.
        Returns the batch.
        """
        owner.ensure_one()
        previous = self._kilap_running(owner)
        if replace_failed and previous.state == "failed":
            previous.state = "superseded"
        elif previous:
            raise UserError(
                self.env._(
                    "%s is already being computed in the background: wait for it "
                    "to finish (or retry its failed chunks).",
                    owner.display_name,
                )
            )
        chunks = [list(chunk) for chunk in chunks if chunk]
        batch = self.sudo().create(
            {
                "name": name,
                "res_model": owner._name,
                "res_id": owner.id,
                "method": method,
                "method_args": list(args),
                "finish_method": finish or False,
                "company_id": owner.id
                if owner._name == "res.company"
                else (owner.company_id.id if "company_id" in owner._fields else False),
                "chunk_ids": [
                    fields.Command.create(
                        {"sequence": n, "item_ids": chunk, "item_count": len(chunk)}
                    )
                    for n, chunk in enumerate(chunks)
                ],
            }
        )
        batch.chunk_ids._kilap_enqueue()
        if not chunks:
            batch._kilap_enqueue_finish()
        return batch

    # ------------------------------------------------------------ internals
    def _kilap_owner(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _kilap_enqueue_finish(self):
        # one per chunk, no identity key: the one enqueued by the last chunk to
        # commit becomes visible after that commit, so it sees every chunk done
        for batch in self:
            batch.with_delay(
                channel=CHANNEL, description=self.env._("Finish: %s", batch.name)
            )._kilap_finish()

    def _kilap_finish(self):
        """Run once, after the last chunk: the owner's finishing step.

        Several finishing jobs may run (one per late chunk); only the one that
        sees every chunk done acts, and a concurrent second one is serialised
        by the batch row it writes.
        """
        self.ensure_one()
        if self.state == "done" or self.chunk_ids.filtered(lambda c: c.state != "done"):
            return False
        if self.finish_method:
            owner = self._kilap_owner().with_user(self.user_id)
            getattr(owner, self.finish_method)()
        self.sudo().write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_retry_failed(self):
        """Enqueue the failed chunks again: by whoever started the work or may
        change its owner; the chunks run again with the starter's rights."""
        for batch in self:
            batch.chunk_ids._kilap_sync_dead_jobs()
            if batch.state != "failed":
                raise UserError(self.env._("No chunk of this work has failed."))
            if self.env.user != batch.user_id:
                batch._kilap_owner().check_access("write")
            failed = batch.chunk_ids.filtered(lambda c: c.state == "failed")
            failed.sudo().write({"state": "pending", "error": False})
            batch.sudo().state = "running"
            failed.sudo()._kilap_enqueue()  # they run with the starter's rights
        return True
