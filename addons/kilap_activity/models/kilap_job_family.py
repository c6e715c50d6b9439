from odoo import fields, models


class KilapJobFamily(models.Model):
    """Job family: decides whether kinerja is read from the journal or from points."""

    _name = "kilap.job.family"
    _description = "Job Family"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    scoring_method = fields.Selection(
        [("journal", "Journal output vs RHK targets"), ("points", "Activity points")],
        required=True,
        default="journal",
    )
    expected_points = fields.Float(
        string="Expected Points per Month",
        help="For point-based families: points that make a 100 kinerja score.",
    )
    active = fields.Boolean(default=True)
