from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppBaseLine(models.Model):
    """Amount of one component in a TPP base."""

    _name = "kilap.tpp.base.line"
    _description = "TPP Base Component"
    _order = "base_id, sequence, id"

    base_id = fields.Many2one(
        "kilap.tpp.base", required=True, ondelete="cascade", index=True
    )
    component_id = fields.Many2one("kilap.tpp.component", required=True)
    sequence = fields.Integer(related="component_id.sequence", store=True)
    account_code = fields.Char(related="component_id.account_code")
    currency_id = fields.Many2one(related="base_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id")

    _base_component_unique = models.Constraint(
        "UNIQUE(base_id, component_id)", "A component appears once per TPP base."
    )

    @api.constrains("amount")
    def _check_amount(self):
        if any(line.amount < 0 for line in self):
            raise ValidationError(self.env._("The TPP base cannot be negative."))
