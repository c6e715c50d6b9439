from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kilap_weight_kinerja = fields.Float(
        related="company_id.kilap_weight_kinerja", readonly=False
    )
    kilap_weight_disiplin = fields.Float(
        related="company_id.kilap_weight_disiplin", readonly=False
    )
    kilap_kinerja_cap = fields.Float(
        related="company_id.kilap_kinerja_cap", readonly=False
    )
    kilap_head_takes_unit_result = fields.Boolean(
        related="company_id.kilap_head_takes_unit_result", readonly=False
    )
    kilap_close_reminder_days = fields.Integer(
        related="company_id.kilap_close_reminder_days", readonly=False
    )
