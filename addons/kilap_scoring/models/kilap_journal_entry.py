from odoo import api, models

# writes that never change what a closed month was scored on
HARMLESS_FIELDS = frozenset(
    ("message_main_attachment_id", "activity_ids", "message_follower_ids")
)


class KilapJournalEntry(models.Model):
    """Lock journal entries dated inside a closed evaluation period."""

    _inherit = "kilap.journal.entry"

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        self.env["kilap.score.period"]._kilap_check_locked(entries)
        return entries

    def write(self, vals):
        if set(vals) - HARMLESS_FIELDS:
            self.env["kilap.score.period"]._kilap_check_locked(self)
            res = super().write(vals)
            if {"date", "employee_id"} & set(vals):
                self.env["kilap.score.period"]._kilap_check_locked(self)
            return res
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_period(self):
        self.env["kilap.score.period"]._kilap_check_locked(self)
