from odoo import models

from ..models.hr_payslip_run import SLIPS_PER_JOB


class HrPayslipEmployees(models.TransientModel):
    """More employees than one job takes: the batch generates in background."""

    _inherit = "hr.payslip.employees"

    def compute_sheet(self):
        run = self.env["hr.payslip.run"].browse(self.env.context.get("active_id"))
        if run.exists() and len(self.employee_ids) > SLIPS_PER_JOB:
            run._kilap_generate_in_background(self.employee_ids)
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "%(count)s payslips are being generated in the background;"
                        " the batch shows their progress.",
                        count=len(self.employee_ids),
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return self._kilap_generate_now()

    def _kilap_generate_now(self):
        return super().compute_sheet()
