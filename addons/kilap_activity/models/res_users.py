from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _kilap_employee(self):
        """The employee this user acts as: the one of the current company, else
        the first linked one; empty when there is none.

        The one answer for controllers and models (phone routes, portal pages,
        defaults, "is this mine" checks). Looked up as superuser because portal
        users may not read ``hr.employee``; returned in the caller's environment,
        so reading it further stays the caller's decision (``sudo()`` or not).
        """
        self.ensure_one()
        employees = self.env["hr.employee"].sudo().search([("user_id", "=", self.id)])
        mine = employees.filtered(lambda e: e.company_id == self.env.company)
        return (mine or employees)[:1].with_env(self.env)
