from odoo import fields, models


class KilapRejectWizard(models.TransientModel):
    """Ask for the reason before rejecting journal entries or field duties (in bulk)."""

    _name = "kilap.reject.wizard"
    _description = "Reject with a Reason"

    journal_entry_ids = fields.Many2many(
        "kilap.journal.entry", string="Journal Entries"
    )
    field_duty_ids = fields.Many2many("kilap.field.duty", string="Field Duties")
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        if self.journal_entry_ids:
            self.journal_entry_ids.action_reject(self.reason)
        if self.field_duty_ids:
            self.field_duty_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
