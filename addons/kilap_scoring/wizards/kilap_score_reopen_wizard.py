from odoo import fields, models


class KilapScoreReopenWizard(models.TransientModel):
    """Ask BKPSDM why a closed period is reopened; the reason goes to the chatter."""

    _name = "kilap.score.reopen.wizard"
    _description = "Reopen Evaluation Period"

    period_id = fields.Many2one("kilap.score.period", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.period_id._kilap_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
