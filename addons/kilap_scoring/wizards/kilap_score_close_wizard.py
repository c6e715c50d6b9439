from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError


class KilapScoreCloseWizard(models.TransientModel):
    """Confirm the close of a period: what still waits for approval, per OPD.

    The one way to close a month with pending journal entries: the wizard record
    shows them and *Close Anyway* closes through the period's private close. A
    context key lifts nothing (``action_close`` refuses whatever it is given).
    """

    _name = "kilap.score.close.wizard"
    _description = "Close Evaluation Period"

    period_id = fields.Many2one(
        "kilap.score.period", required=True, ondelete="cascade", readonly=True
    )
    pending_count = fields.Integer(
        string="Entries Waiting",
        compute="_compute_pending_count",
        store=True,
        help="Journal entries of the month waiting for approval when the wizard "
        "was opened.",
    )
    pending_html = fields.Html(
        string="Waiting per OPD", compute="_compute_pending", sanitize=False
    )
    entry_ids = fields.Many2many(
        "kilap.journal.entry",
        string="Entries",
        compute="_compute_pending",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("pending_count", None)  # what was shown is counted, not told
        return super().create(vals_list)

    @api.depends("period_id")
    def _compute_pending_count(self):
        """Stored: what the wizard showed when it was opened."""
        for wizard in self:
            period = wizard.period_id
            wizard.pending_count = (
                sum(period.sudo()._kilap_pending_counts().values()) if period else 0
            )

    @api.depends("period_id")
    def _compute_pending(self):
        Entry = self.env["kilap.journal.entry"]
        for wizard in self:
            period = wizard.period_id
            if not period:
                wizard.pending_html = False
                wizard.entry_ids = False
                continue
            counts = period.sudo()._kilap_pending_counts()
            wizard.entry_ids = Entry.search(period._kilap_pending_domain())
            per_opd = defaultdict(list)
            for (opd, supervisor), count in counts.items():
                per_opd[opd].append((supervisor, count))
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td class='text-end'>%s</td><td>%s</td></tr>")
                % (
                    escape(opd.display_name or self.env._("No OPD")),
                    sum(c for _s, c in desks),
                    ", ".join(
                        f"{s.name or self.env._('No supervisor')} ({c})"
                        for s, c in sorted(desks, key=lambda d: -d[1])
                    ),
                )
                for opd, desks in sorted(
                    per_opd.items(), key=lambda item: item[0].display_name or ""
                )
            )
            wizard.pending_html = (
                Markup(
                    "<table class='table table-sm'><thead><tr><th>%s</th>"
                    "<th class='text-end'>%s</th><th>%s</th></tr></thead>"
                    "<tbody>%s</tbody></table>"
                )
                % (
                    self.env._("OPD"),
                    self.env._("Entries"),
                    self.env._("Waiting for"),
                    rows,
                )
                if counts
                else False
            )

    def action_confirm(self):
        """Close the period, with its pending entries if the wizard showed them."""
        self.ensure_one()
        period = self.period_id
        period._kilap_check_bkpsdm()
        counts = period.sudo()._kilap_pending_counts()
        pending = sum(counts.values())
        if pending > self.pending_count:
            raise UserError(
                self.env._(
                    "%(count)s journal entries of %(period)s now wait for approval, "
                    "more than this confirmation showed: open it again to review "
                    "them.",
                    count=pending,
                    period=period.name,
                )
            )
        period._kilap_close()
        if pending:
            per_opd = defaultdict(int)
            for (opd, _supervisor), count in counts.items():
                per_opd[opd.display_name or self.env._("No OPD")] += count
            period.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._(
                        "Closed with %(count)s journal entries still waiting for "
                        "approval:",
                        count=pending,
                    ),
                    Markup("").join(
                        Markup("<li>%s: %s</li>") % (name, count)
                        for name, count in sorted(per_opd.items())
                    ),
                )
            )
        return {"type": "ir.actions.act_window_close"}
