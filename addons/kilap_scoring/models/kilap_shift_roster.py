from odoo import models


class KilapShiftRoster(models.Model):
    """The roster of a closed month is an input of its results: frozen with it."""

    _name = "kilap.shift.roster"
    _inherit = ["kilap.shift.roster", "kilap.frozen.month.mixin"]

    def _kilap_frozen_ranges(self):
        return {self._kilap_range(entry.company_id, entry.date) for entry in self}
