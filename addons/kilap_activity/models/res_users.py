from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    kilap_must_change_password = fields.Boolean(
        string="Must Change Password",
        copy=False,
        groups="base.group_system",
        help="Set on the accounts made in bulk by the employee list import: the "
        "first password was chosen by BKPSDM, the user must replace it.",
    )

    def _change_password(self, new_passwd):
        res = super()._change_password(new_passwd)
        self.sudo().kilap_must_change_password = False
        return res

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
