from odoo import api, models


class HrPayslipInput(models.Model):
    """Translated names of the TPP payslip inputs."""

    _inherit = "hr.payslip.input"

    @api.model
    def _kilap_input_name(self, code):
        return {
            "TPP": self.env._("TPP (Tambahan Penghasilan Pegawai)"),
            "TPP_PPH21": self.env._("PPh 21 on TPP"),
            "TPP_BPJS": self.env._("BPJS Kesehatan on TPP (employee)"),
            "TPP_ZAKAT": self.env._("Zakat from TPP"),
        }[code]
