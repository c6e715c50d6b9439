from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kilap_max_accuracy_m = fields.Integer(
        related="company_id.kilap_max_accuracy_m", readonly=False
    )
    kilap_max_speed_kmh = fields.Integer(
        related="company_id.kilap_max_speed_kmh", readonly=False
    )
    kilap_max_ip_distance_km = fields.Integer(
        related="company_id.kilap_max_ip_distance_km", readonly=False
    )
    kilap_offline_window_h = fields.Integer(
        related="company_id.kilap_offline_window_h", readonly=False
    )
    kilap_offline_future_min = fields.Integer(
        related="company_id.kilap_offline_future_min", readonly=False
    )
    kilap_makeup_enabled = fields.Boolean(
        related="company_id.kilap_makeup_enabled", readonly=False
    )
    kilap_makeup_max_min = fields.Integer(
        related="company_id.kilap_makeup_max_min", readonly=False
    )
    kilap_minutes_per_day = fields.Integer(
        related="company_id.kilap_minutes_per_day", readonly=False
    )
    kilap_max_fence_radius_m = fields.Integer(
        related="company_id.kilap_max_fence_radius_m", readonly=False
    )
    kilap_offline_late_min = fields.Integer(
        related="company_id.kilap_offline_late_min", readonly=False
    )
    kilap_selfie_mode = fields.Selection(
        related="company_id.kilap_selfie_mode", readonly=False
    )
