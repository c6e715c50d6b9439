from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapDisciplineThreshold(models.Model):
    """A row of the PP 94/2021 table: days absent per year -> sanction level."""

    _name = "kilap.discipline.threshold"
    _description = "Discipline Threshold"
    _order = "from_days"

    name = fields.Char(string="Sanction Level", required=True, translate=True)
    from_days = fields.Integer(required=True)
    to_days = fields.Integer(help="Inclusive; 0 means no upper limit.")
    tpp_cut_percent = fields.Float(
        string="TPP Cut (%)", help="Information for the payroll rules."
    )
    tpp_cut_months = fields.Integer(string="Cut Months")
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    @api.constrains("from_days", "to_days")
    def _check_days(self):
        for threshold in self:
            if threshold.from_days < 1 or (
                threshold.to_days and threshold.to_days < threshold.from_days
            ):
                raise ValidationError(
                    self.env._(
                        "A threshold starts at 1 day or more and ends after it starts."
                    )
                )
