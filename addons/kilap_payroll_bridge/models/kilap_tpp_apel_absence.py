from odoo import api, fields, models
from odoo.exceptions import AccessError


class KilapTppApelAbsence(models.Model):
    """A missed Monday apel or ceremony; each one cuts the rule set's apel %.

    Recorded by the OPD or BKPSDM (from the apel attendance list); the TPP sheet
    counts them per employee and month with one ``_read_group``.
    """

    _name = "kilap.tpp.apel.absence"
    _inherit = ["mail.thread", "kilap.frozen.month.mixin"]
    _description = "Missed Apel / Ceremony"
    _order = "date desc, employee_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    date = fields.Date(required=True, index=True, tracking=True)
    name = fields.Char(string="Apel / Ceremony", required=True, tracking=True)
    note = fields.Char()

    _employee_date_name_unique = models.Constraint(
        "UNIQUE(employee_id, date, name)", "This missed apel is already recorded."
    )

    def _kilap_frozen_ranges(self):
        """A closed month freezes its missed apel (they cut its TPP)."""
        return {self._kilap_range(rec.company_id, rec.date) for rec in self}

    def _kilap_check_not_own(self, employees):
        if not self.env.su and employees & self.env.user.employee_ids:
            raise AccessError(
                self.env._("Nobody records or removes their own missed apel.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._kilap_check_not_own(
            self.env["hr.employee"].browse(
                [
                    vals.get("employee_id")
                    for vals in vals_list
                    if vals.get("employee_id")
                ]
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._kilap_check_not_own(self.sudo().employee_id)
        if vals.get("employee_id"):
            self._kilap_check_not_own(
                self.env["hr.employee"].browse(vals["employee_id"])
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_own(self):
        self._kilap_check_not_own(self.sudo().employee_id)
