from odoo import fields, models


class ResCompany(models.Model):
    """Journal settings per pemda: each sets its own values by Perbup/Perwali."""

    _inherit = "res.company"

    kilap_journal_window_days = fields.Integer(
        string="Journal Window (working days)",
        default=3,
        help="How many working days after the activity an entry may still be written.",
    )
    kilap_upload_max_mb = fields.Integer(
        string="Upload Limit (MB)",
        default=8,
        help="Largest photo or document accepted by the KILAP forms and routes.",
    )
    kilap_reminder_hour = fields.Float(
        string="Journal Reminder Hour",
        default=15.0,
        help="Office time at which employees without a submitted entry are reminded.",
    )
    kilap_reminder_last_date = fields.Date(
        string="Last Journal Reminder",
        readonly=True,
        help="Technical: the day the reminder last ran, so it runs once a day.",
    )
