from odoo import api, fields, models


class HrPayslipInput(models.Model):
    """TPP payslip inputs: translated names and the TPP line they come from."""

    _inherit = "hr.payslip.input"

    kilap_tpp_line_id = fields.Many2one(
        "kilap.tpp.sheet.line",
        string="TPP Sheet Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )

    @api.model
    def _kilap_input_name(self, code):
        return {
            "TPP": self.env._("TPP (Tambahan Penghasilan Pegawai)"),
            "TPP_PPH21": self.env._("PPh 21 on TPP"),
            "TPP_BPJS": self.env._("BPJS Kesehatan on TPP (employee)"),
            "TPP_ZAKAT": self.env._("Zakat from TPP"),
        }[code]
