from odoo import fields, models


class KilapGolongan(models.Model):
    """Rank grade (golongan/pangkat) as data, so each pemda keeps its own list."""

    _name = "kilap.golongan"
    _description = "Golongan / Pangkat"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="e.g. III/a for PNS, IX for PPPK")
    pangkat = fields.Char(translate=True)
    kind = fields.Selection(
        [("pns", "PNS"), ("pppk", "PPPK")], required=True, default="pns"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_kind_unique = models.Constraint(
        "UNIQUE(code, kind)", "A golongan code must be unique per kind."
    )
