from odoo import api, models


class ReportFieldDutySpt(models.AbstractModel):
    """The assignment letter (Surat Perintah Tugas) of an approved field duty.

    Checked here, not only on the buttons: the print menu and the report URL
    call this model directly.
    """

    _name = "report.kilap_activity.report_field_duty_spt"
    _description = "Field Duty Assignment Letter (SPT)"

    @api.model
    def _get_report_values(self, docids, data=None):
        duties = self.env["kilap.field.duty"].browse(docids)
        # record rules: who cannot read a duty cannot print it
        duties.check_access("read")
        duties._kilap_check_printable("spt")
        return {
            "doc_ids": docids,
            "doc_model": "kilap.field.duty",
            "docs": duties.sudo(),
            "date_id": duties._kilap_date_id,
        }
