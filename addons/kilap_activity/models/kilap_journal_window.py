from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapJournalWindow(models.Model):
    """A window BKPSDM opens so late journal entries can still be written.

    It covers activity dates (date_from..date_to) for one employee, a department tree
    or the whole company, and stays open until ``open_until``.
    """

    _name = "kilap.journal.window"
    _description = "Journal Window Opening"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(string="Reason", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_id = fields.Many2one("hr.employee", tracking=True, index="btree_not_null")
    department_id = fields.Many2one(
        "hr.department",
        tracking=True,
        help="Applies to this department and its sub-units.",
    )
    date_from = fields.Date(string="Activities From", required=True, tracking=True)
    date_to = fields.Date(string="Activities To", required=True, tracking=True)
    open_until = fields.Date(
        required=True,
        tracking=True,
        default=lambda self: fields.Date.add(fields.Date.context_today(self), days=7),
        help="Last day on which entries for these dates may be written.",
    )
    active = fields.Boolean(default=True, tracking=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for window in self:
            if window.date_to < window.date_from:
                raise ValidationError(
                    self.env._("The window cannot end before it starts.")
                )

    @api.model
    def _kilap_is_open(self, employee, date, today):
        """True when an open window covers ``employee`` on ``date`` as of ``today``."""
        windows = self.sudo().search(
            [
                ("company_id", "=", employee.company_id.id),
                ("date_from", "<=", date),
                ("date_to", ">=", date),
                ("open_until", ">=", today),
            ]
        )
        for window in windows:
            if window.employee_id and window.employee_id != employee:
                continue
            if window.department_id:
                dept_ids = (
                    employee.department_id
                    and [
                        int(x)
                        for x in employee.department_id.parent_path.split("/")
                        if x
                    ]
                    or []
                )
                if window.department_id.id not in dept_ids:
                    continue
            return True
        return False
