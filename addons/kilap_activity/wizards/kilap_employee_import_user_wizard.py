from odoo import fields, models
from odoo.exceptions import UserError


class KilapEmployeeImportUserWizard(models.TransientModel):
    """User accounts for the imported staff, in bulk: login = NIP, internal
    users in the Pegawai role, a first password chosen by BKPSDM."""

    _name = "kilap.employee.import.user.wizard"
    _description = "Create Users for Imported Employees"

    import_id = fields.Many2one("kilap.employee.import", required=True)
    password = fields.Char(
        string="First Password",
        help="Given to the staff by BKPSDM or their Admin OPD; at least 8 characters.",
    )

    def action_create(self):
        self.ensure_one()
        batch = self.import_id
        batch._kilap_check_bkpsdm()
        if len(self.password or "") < 8:
            raise UserError(
                self.env._("The first password must have at least 8 characters.")
            )
        created = batch._kilap_create_users(self.password)
        self.sudo().password = False
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%s user accounts created.", created),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
