from odoo import fields, models


class HrEmployee(models.Model):
    """Per-employee TPP settings: PPh 21 amount and voluntary zakat."""

    _inherit = "hr.employee"

    tpp_tax_amount = fields.Float(
        string="TPP PPh 21 Amount",
        groups="kilap_payroll_bridge.group_kilap_keuangan",
        help="Withheld every month when the rule set's PPh 21 mode is "
        "'Amount per employee'.",
    )
    tpp_zakat = fields.Boolean(
        string="Zakat from TPP",
        groups="kilap_payroll_bridge.group_kilap_keuangan",
        help="The employee asked for zakat to be withheld from their TPP.",
    )
    tpp_addition_ids = fields.One2many(
        "kilap.tpp.addition",
        "employee_id",
        string="Acting Posts",
        groups="kilap_payroll_bridge.group_kilap_keuangan",
    )
