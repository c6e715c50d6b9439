from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import points as point_rules


class KilapActivityCatalog(models.Model):
    """Catalogue item of a job family measured by points (lesson hours, patients
    served, fire responses, patrols, field visits): its unit, its point formula,
    its caps and the evidence it needs. Shipped as editable data."""

    _name = "kilap.activity.catalog"
    _description = "Activity Catalogue Item"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    unit = fields.Char(required=True, translate=True)
    formula_kind = fields.Selection(
        [("per_unit", "Points per unit"), ("tiered", "Tiered")],
        string="Formula",
        required=True,
        default="per_unit",
        help="Points per unit: every unit is worth the same. Tiered: the first units "
        "at one rate, the units beyond at another.",
    )
    points_per_unit = fields.Float(required=True, default=1.0)
    tier_units = fields.Float(
        string="Units at the first rate",
        help="Tiered: how many units of an entry count at the points per unit.",
    )
    tier_points_per_unit = fields.Float(
        string="Points per unit beyond", help="Tiered: the rate of the units beyond."
    )
    cap_per_day = fields.Float(
        string="Cap per day", help="At most these points a day (0: no cap)."
    )
    cap_per_month = fields.Float(
        string="Cap per month", help="At most these points a month (0: no cap)."
    )
    evidence = fields.Selection(
        [
            ("none", "None"),
            ("any", "A photo, document or link"),
            ("photo", "A photo"),
        ],
        string="Evidence needed",
        required=True,
        default="none",
    )
    job_family_ids = fields.Many2many("kilap.job.family", string="Job Families")
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    @api.constrains(
        "points_per_unit",
        "tier_units",
        "tier_points_per_unit",
        "cap_per_day",
        "cap_per_month",
        "formula_kind",
    )
    def _check_formula(self):
        for item in self:
            numbers = (
                item.points_per_unit,
                item.tier_units,
                item.tier_points_per_unit,
                item.cap_per_day,
                item.cap_per_month,
            )
            if min(numbers) < 0:
                raise ValidationError(
                    self.env._("Points, units and caps cannot be negative.")
                )
            if item.formula_kind == "tiered" and not item.tier_units:
                raise ValidationError(
                    self.env._(
                        "A tiered item needs the number of units at the first rate."
                    )
                )

    def _kilap_points(self, qty):
        """Points of one entry of ``qty`` units of this item."""
        self.ensure_one()
        return point_rules.entry_points(
            self.formula_kind,
            qty,
            self.points_per_unit,
            self.tier_units,
            self.tier_points_per_unit,
        )
