from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .kilap_org_rating import ORG_RATING_SELECTION
from .kilap_score_line import PREDIKAT_SELECTION


class KilapDistributionLimit(models.Model):
    """Share of a predikat allowed in an OPD with a given organisation rating.

    SE MenPANRB: e.g. an "Istimewa" organisation gives at most 70 % Sangat Baik.
    Breaches are warnings shown before closing, not blocks.
    """

    _name = "kilap.distribution.limit"
    _description = "Predikat Distribution Limit"
    _order = "org_rating, predikat"

    org_rating = fields.Selection(
        ORG_RATING_SELECTION, string="Organisation Rating", required=True
    )
    predikat = fields.Selection(PREDIKAT_SELECTION, required=True)
    min_pct = fields.Float(
        string="Minimum %", help="Leave at -1 for no minimum.", default=-1
    )
    max_pct = fields.Float(
        string="Maximum %", help="Leave at -1 for no maximum.", default=-1
    )
    company_id = fields.Many2one("res.company", index=True)

    @api.constrains("min_pct", "max_pct")
    def _check_pct(self):
        for limit in self:
            if limit.min_pct > 100 or limit.max_pct > 100:
                raise ValidationError(
                    self.env._("A distribution limit cannot exceed 100 %.")
                )
            if 0 <= limit.max_pct < limit.min_pct:
                raise ValidationError(
                    self.env._(
                        "The maximum share cannot be lower than the minimum share."
                    )
                )

    @api.model
    def _kilap_limits(self, company):
        """``{org_rating: [(predikat, min or None, max or None)]}`` for ``company``."""
        limits = {}
        rows = self.sudo().search_fetch(
            [("company_id", "in", [False, company.id])],
            ["org_rating", "predikat", "min_pct", "max_pct", "company_id"],
        )
        company_ratings = {r.org_rating for r in rows if r.company_id}
        for row in rows:
            if not row.company_id and row.org_rating in company_ratings:
                continue
            limits.setdefault(row.org_rating, []).append(
                (
                    row.predikat,
                    row.min_pct if row.min_pct >= 0 else None,
                    row.max_pct if row.max_pct >= 0 else None,
                )
            )
        return limits
