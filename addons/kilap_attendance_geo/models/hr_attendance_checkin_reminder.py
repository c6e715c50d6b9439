from odoo import api, models


class HrAttendance(models.Model):
    """The check-in reminder reads the weekly schedule: it leaves shift workers out
    (their day starts with the shift on the roster, which it does not read)."""

    _inherit = "hr.attendance"

    @api.model
    def _kilap_checkin_reminder_domain(self, company):
        return super()._kilap_checkin_reminder_domain(company) + [
            ("kilap_rostered", "=", False)
        ]
