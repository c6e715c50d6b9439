from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppSanction(models.Model):
    """A disciplinary decision (SK) cutting one employee's TPP for some months.

    Cut and duration are copied from the type when chosen: the decision letter
    fixes them, later rule-set versions do not.
    """

    _name = "kilap.tpp.sanction"
    _inherit = ["mail.thread"]
    _description = "TPP Disciplinary Sanction"
    _order = "date_start desc"

    name = fields.Char(string="Decision (SK) Number", required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    type_id = fields.Many2one("kilap.tpp.sanction.type", string="Sanction Type")
    cut_pct = fields.Float(
        string="TPP Cut (%)",
        compute="_compute_from_type",
        store=True,
        readonly=False,
        tracking=True,
    )
    months = fields.Integer(
        string="Duration (months)",
        compute="_compute_from_type",
        store=True,
        readonly=False,
        tracking=True,
    )
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(compute="_compute_date_end", store=True, index=True)

    @api.depends("type_id")
    def _compute_from_type(self):
        for sanction in self:
            if sanction.type_id:
                sanction.cut_pct = sanction.type_id.cut_pct
                sanction.months = sanction.type_id.months

    @api.depends("date_start", "months")
    def _compute_date_end(self):
        for sanction in self:
            sanction.date_end = sanction.date_start and (
                sanction.date_start
                + relativedelta(months=sanction.months or 1, days=-1)
            )

    @api.constrains("cut_pct", "months")
    def _check_values(self):
        for sanction in self:
            if not 0 <= sanction.cut_pct <= 100 or sanction.months < 1:
                raise ValidationError(
                    self.env._("A sanction cuts 0 to 100 % for at least one month.")
                )
