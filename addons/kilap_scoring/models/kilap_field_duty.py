from odoo import models


class KilapFieldDuty(models.Model):
    """Field duties overlapping a closed month are frozen."""

    _name = "kilap.field.duty"
    _inherit = ["kilap.field.duty", "kilap.frozen.month.mixin"]

    def _kilap_frozen_ranges(self):
        return {
            self._kilap_range(duty.company_id, duty.date_from, duty.date_to)
            for duty in self
        }
