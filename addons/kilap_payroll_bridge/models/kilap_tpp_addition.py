from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppAddition(models.Model):
    """Acting post (PLT/PLH): a share of the acting post's TPP base, for some dates.

    The share is prorated by the calendar days of the month the assignment covers.
    """

    _name = "kilap.tpp.addition"
    _inherit = ["mail.thread"]
    _description = "TPP Acting-Post Addition"
    _order = "date_from desc"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    kind = fields.Selection(
        [("plt", "PLT (acting official)"), ("plh", "PLH (daily acting official)")],
        required=True,
        default="plt",
        tracking=True,
    )
    name = fields.Char(string="Decision (SK) Number", tracking=True)
    base_id = fields.Many2one(
        "kilap.tpp.base", string="Acting Post Base", required=True, tracking=True
    )
    pct = fields.Float(string="Share (%)", default=20.0, tracking=True)
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(tracking=True)

    @api.constrains("pct", "date_from", "date_to")
    def _check_values(self):
        for addition in self:
            if not 0 <= addition.pct <= 100:
                raise ValidationError(
                    self.env._("The share must be between 0 and 100 %.")
                )
            if addition.date_to and addition.date_to < addition.date_from:
                raise ValidationError(
                    self.env._("The end date cannot be before the start date.")
                )
