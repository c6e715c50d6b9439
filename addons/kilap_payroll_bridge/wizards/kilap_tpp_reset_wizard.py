from odoo import fields, models


class KilapTppResetWizard(models.TransientModel):
    """Ask for the reason before a verified or approved sheet goes back to draft."""

    _name = "kilap.tpp.reset.wizard"
    _description = "Reset TPP Sheet to Draft"

    sheet_ids = fields.Many2many("kilap.tpp.sheet", string="TPP Sheets", required=True)
    reason = fields.Text(required=True)

    def action_reset(self):
        self.ensure_one()
        self.sheet_ids._kilap_reset(self.reason)
        return {"type": "ir.actions.act_window_close"}
