from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    kilap_tpp_four_eyes = fields.Boolean(
        string="TPP Four-Eyes Approval",
        default=True,
        help="A TPP sheet is approved by a finance user who did not generate, "
        "compute, edit or verify it.",
    )
