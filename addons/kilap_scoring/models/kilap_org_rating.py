from odoo import fields, models

ORG_RATING_SELECTION = [
    ("istimewa", "Istimewa"),
    ("baik", "Baik"),
    ("butuh_perbaikan", "Butuh Perbaikan"),
    ("kurang", "Kurang"),
    ("sangat_kurang", "Sangat Kurang"),
]

# organisation rating -> rating hasil kerja a unit head takes over
ORG_TO_HASIL = {
    "istimewa": "above",
    "baik": "meets",
    "butuh_perbaikan": "below",
    "kurang": "below",
    "sangat_kurang": "below",
}


class KilapOrgRating(models.Model):
    """The organisation rating of one OPD for one period (drives the limits)."""

    _name = "kilap.org.rating"
    _description = "Organisation Rating (OPD)"
    _inherit = ["mail.thread", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("period_id",))
    _order = "period_id desc, department_id"
    _rec_name = "department_id"

    period_id = fields.Many2one(
        "kilap.score.period", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        string="OPD",
        required=True,
        index=True,
        domain="[('parent_id', '=', False), ('company_id', 'in', [company_id, False])]",
    )
    rating = fields.Selection(
        ORG_RATING_SELECTION, string="Organisation Rating", required=True, tracking=True
    )

    _period_department_unique = models.Constraint(
        "UNIQUE(period_id, department_id)",
        "An OPD has one organisation rating per period.",
    )

    def _kilap_frozen_ranges(self):
        """A closed period freezes its organisation ratings (the frozen-month list)."""
        return {
            self._kilap_range(
                r.period_id.company_id, r.period_id.date_from, r.period_id.date_to
            )
            for r in self
        }
