from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kilap_journal_window_days = fields.Integer(
        related="company_id.kilap_journal_window_days", readonly=False
    )
    kilap_upload_max_mb = fields.Integer(
        related="company_id.kilap_upload_max_mb", readonly=False
    )
    kilap_reminder_hour = fields.Float(
        related="company_id.kilap_reminder_hour", readonly=False
    )
    kilap_spt_classification = fields.Char(
        related="company_id.kilap_spt_classification", readonly=False
    )
    kilap_spt_unit_code = fields.Char(
        related="company_id.kilap_spt_unit_code", readonly=False
    )
    kilap_escalate_after_days = fields.Integer(
        related="company_id.kilap_escalate_after_days", readonly=False
    )
    kilap_checkin_reminder = fields.Boolean(
        related="company_id.kilap_checkin_reminder", readonly=False
    )
