from odoo import api, fields, models

from .kilap_score_line import RATING_SELECTION


class KilapScoreThreshold(models.Model):
    """Lowest kinerja score that earns a rating hasil kerja (inclusive)."""

    _name = "kilap.score.threshold"
    _description = "Work Result Rating Threshold"
    _order = "min_score"

    rating = fields.Selection(RATING_SELECTION, required=True)
    min_score = fields.Float(
        string="Minimum Kinerja Score", required=True, digits=(6, 2)
    )
    company_id = fields.Many2one("res.company", index=True)

    _rating_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (rating, company_id)",
        "A rating has one threshold per company.",
    )

    @api.model
    def _kilap_thresholds(self, company):
        """``{rating: min_score}`` for ``company`` (company rows over defaults)."""
        thresholds = {}
        rows = self.sudo().search_fetch(
            [("company_id", "in", [False, company.id])],
            ["rating", "min_score", "company_id"],
            order="company_id desc nulls first",
        )
        for row in rows:
            thresholds[row.rating] = row.min_score
        return thresholds
