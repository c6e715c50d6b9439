from odoo import fields, models


class KilapTppApelAbsence(models.Model):
    """A missed Monday apel or ceremony; each one cuts the rule set's apel %.

    Recorded by the OPD or BKPSDM (from the apel attendance list); the TPP sheet
    counts them per employee and month with one ``_read_group``.
    """

    _name = "kilap.tpp.apel.absence"
    _inherit = ["mail.thread"]
    _description = "Missed Apel / Ceremony"
    _order = "date desc, employee_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True, index=True, tracking=True)
    name = fields.Char(string="Apel / Ceremony", required=True, tracking=True)
    note = fields.Char()

    _employee_date_name_unique = models.Constraint(
        "UNIQUE(employee_id, date, name)", "This missed apel is already recorded."
    )
