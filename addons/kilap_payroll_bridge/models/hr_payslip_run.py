from odoo import api, models
from odoo.exceptions import UserError

# employees per background job when a batch's payslips are generated
SLIPS_PER_JOB = 200


class HrPayslipRun(models.Model):
    """A month's payslip batch: a regency's thousands of payslips (and their TPP
    inputs) are generated and computed as background jobs, SLIPS_PER_JOB
    employees each, with their progress on the batch."""

    _name = "hr.payslip.run"
    _inherit = ["hr.payslip.run", "kilap.job.owner.mixin"]

    def _kilap_check_draft(self):
        if self.state != "draft":
            raise UserError(self.env._("Payslips are generated in a draft batch only."))

    def _kilap_generate_in_background(self, employees, per_job=SLIPS_PER_JOB):
        """Generate and compute the payslips of ``employees`` in this draft
        batch as jobs; refused while the batch already has work running."""
        self.ensure_one()
        self.check_access("write")
        self._kilap_check_draft()
        ids = sorted(employees.ids)
        return self.env["kilap.job.batch"]._kilap_start(
            self,
            self.env._("Payslips %s", self.name),
            "_kilap_payslip_chunk",
            [ids[n : n + per_job] for n in range(0, len(ids), per_job)],
        )

    def _kilap_payslip_chunk(self, employee_ids):
        """One job: the payslips of these employees, created and computed.

        Idempotent: an employee who already has a payslip in the batch is
        skipped (a chunk is one transaction, so a crashed run left none).
        """
        self.ensure_one()
        self._kilap_check_draft()
        employees = self.env["hr.employee"].browse(employee_ids).exists()
        todo = employees - self.slip_ids.employee_id
        if todo:
            wizard = self.env["hr.payslip.employees"].create(
                {"employee_ids": [(6, 0, todo.ids)]}
            )
            wizard.with_context(active_id=self.id)._kilap_generate_now()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_running(self):
        for run in self:
            self.env["kilap.job.batch"]._kilap_check_idle(
                run,
                self.env._(
                    "%s has payslips being generated in the background.", run.name
                ),
            )
