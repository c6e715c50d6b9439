from odoo import api, models


class ReportFieldDutyTravel(models.AbstractModel):
    """The travel report (laporan perjalanan dinas) of a reported field duty,
    with its narrative and photos."""

    _name = "report.kilap_activity.report_field_duty_travel"
    _description = "Field Duty Travel Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        duties = self.env["kilap.field.duty"].browse(docids)
        # record rules: who cannot read a duty cannot print it
        duties.check_access("read")
        duties._kilap_check_printable("travel")
        return {
            "doc_ids": docids,
            "doc_model": "kilap.field.duty",
            "docs": duties.sudo(),
            "date_id": duties._kilap_date_id,
            "evidence": {duty.id: duty._kilap_report_evidence() for duty in duties},
        }
