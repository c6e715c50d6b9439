from odoo import api, fields, models


class KilapJobOwnerMixin(models.AbstractModel):
    """A record whose long work runs as ``kilap.job.batch``: its latest batch
    and progress, for the form (chunks done / total, employees, failures) and
    the retry button. Owners redeclare the fields with ``groups`` to say who
    may follow the work."""

    _name = "kilap.job.owner.mixin"
    _description = "KILAP Background Work Owner"

    job_batch_id = fields.Many2one("kilap.job.batch", compute="_compute_job")
    job_state = fields.Selection(
        selection=lambda self: (
            self.env["kilap.job.batch"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        compute="_compute_job",
    )
    job_chunk_ids = fields.One2many("kilap.job.chunk", compute="_compute_job")
    job_chunk_count = fields.Integer(compute="_compute_job")
    job_chunk_done = fields.Integer(compute="_compute_job")
    job_chunk_failed = fields.Integer(compute="_compute_job")
    job_item_count = fields.Integer(compute="_compute_job")
    job_item_done = fields.Integer(compute="_compute_job")

    @api.depends_context("allowed_company_ids")
    def _compute_job(self):
        batches = self.env["kilap.job.batch"].sudo()
        found = (
            batches.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    # the companies the user works in now, as the batch and
                    # chunk record rules read them: the form never shows parts
                    # the user may not open
                    ("company_id", "in", [False, *self.env.companies.ids]),
                ],
                order="id desc",
            )
            if self.ids
            else batches
        )
        latest = {}
        for batch in found:
            latest.setdefault(batch.res_id, batch)
        for owner in self:
            batch = latest.get(owner.id, batches)
            owner.job_batch_id = batch
            owner.job_state = batch.state
            owner.job_chunk_ids = batch.chunk_ids
            owner.job_chunk_count = batch.chunk_count
            owner.job_chunk_done = batch.chunk_done
            owner.job_chunk_failed = batch.chunk_failed
            owner.job_item_count = batch.item_count
            owner.job_item_done = batch.item_done

    def action_retry_failed(self):
        """Retry the failed chunks of the latest work (the batch checks who)."""
        for owner in self:
            owner.job_batch_id.action_retry_failed()
        return True
