from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kilap_tpp_four_eyes = fields.Boolean(
        related="company_id.kilap_tpp_four_eyes", readonly=False
    )
