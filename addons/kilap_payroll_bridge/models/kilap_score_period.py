from odoo import models


class KilapScorePeriod(models.Model):
    _inherit = "kilap.score.period"

    def _kilap_tpp_generate_chunk(self, opd_ids):
        """One background job of the month's TPP sheets: the missing sheets of
        these OPDs, generated and computed (idempotent: an OPD with a sheet is
        skipped)."""
        self.ensure_one()
        opds = self.env["hr.department"].sudo().browse(opd_ids).exists()
        return self.env["kilap.tpp.sheet"]._kilap_generate(self, opds=opds)
