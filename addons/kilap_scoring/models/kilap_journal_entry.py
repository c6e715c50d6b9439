from odoo import models


class KilapJournalEntry(models.Model):
    """Journal entries dated inside a closed evaluation period are frozen."""

    _name = "kilap.journal.entry"
    _inherit = ["kilap.journal.entry", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("date", "employee_id"))
    _kilap_retention_fields = frozenset(("latitude", "longitude"))

    def _kilap_frozen_ranges(self):
        return {self._kilap_range(entry.company_id, entry.date) for entry in self}
