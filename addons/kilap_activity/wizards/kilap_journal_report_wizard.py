import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class KilapJournalReportWizard(models.TransientModel):
    """Pick the month (and employees or an OPD) to print the journal reports for."""

    _name = "kilap.journal.report.wizard"
    _description = "Monthly Journal Report"

    @api.model
    def _default_month_start(self):
        today = fields.Date.context_today(self)
        return today.replace(day=1) - relativedelta(months=1)

    month_start = fields.Date(
        string="Month",
        required=True,
        default=lambda self: self._default_month_start(),
    )
    report_kind = fields.Selection(
        [("employee", "Journal per employee"), ("opd", "Recap per OPD")],
        required=True,
        default="employee",
    )
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    department_id = fields.Many2one("hr.department", string="OPD")

    def _kilap_period(self):
        start = self.month_start.replace(day=1)
        end = start + relativedelta(months=1) - datetime.timedelta(days=1)
        return start, end

    def action_print(self):
        self.ensure_one()
        start, end = self._kilap_period()
        data = {
            "date_from": fields.Date.to_string(start),
            "date_to": fields.Date.to_string(end),
        }
        if self.report_kind == "employee":
            if not self.employee_ids:
                raise UserError(self.env._("Choose at least one employee."))
            return self.env.ref(
                "kilap_activity.action_report_journal_month"
            ).report_action(self.employee_ids, data=data)
        if not self.department_id:
            raise UserError(self.env._("Choose the OPD."))
        return self.env.ref("kilap_activity.action_report_journal_opd").report_action(
            self.department_id, data=data
        )
