from odoo import api, models


class HrVersion(models.Model):
    """Gender lives on the employee's version: re-check the NIP gender digit there."""

    _inherit = "hr.version"

    @api.constrains("sex")
    def _check_kilap_nip_gender(self):
        self.employee_id.filtered("nip")._check_nip()
