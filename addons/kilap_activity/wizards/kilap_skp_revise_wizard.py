from odoo import fields, models


class KilapSkpReviseWizard(models.TransientModel):
    """Reopen an approved SKP as a new, tracked revision."""

    _name = "kilap.skp.revise.wizard"
    _description = "Revise SKP"

    skp_id = fields.Many2one("kilap.skp", required=True)
    reason = fields.Text(required=True)

    def action_revise(self):
        self.ensure_one()
        self.skp_id.action_revise(self.reason)
        return {"type": "ir.actions.act_window_close"}
