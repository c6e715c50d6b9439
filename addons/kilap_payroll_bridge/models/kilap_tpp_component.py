from odoo import fields, models


class KilapTppComponent(models.Model):
    """A TPP component (PP 12/2019 art. 58) and its budget (SIPD) account code."""

    _name = "kilap.tpp.component"
    _description = "TPP Component"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    account_code = fields.Char(
        string="Budget Account Code", required=True, help="e.g. 5.1.01.02.01.0001"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A component code must be unique.")
