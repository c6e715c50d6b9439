from odoo import api, models


class HrVersion(models.Model):
    """Gender lives on the employee's version: re-check the NIP gender digit there."""

    _inherit = "hr.version"

    @api.constrains("sex")
    def _check_kilap_nip_gender(self):
        """Each version's gender against the NIP (read on the version itself: the
        employee's gender is the current version's, computed)."""
        for version in self:
            employee = version.employee_id
            if employee.nip:
                employee._kilap_check_nip_sex(version.sex)
