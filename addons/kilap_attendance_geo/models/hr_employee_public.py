from odoo import fields, models


class HrEmployeePublic(models.Model):
    """Whether a colleague works on a roster is no secret (it decides which
    schedule their day is judged by), and it keeps the prefetch of hr.employee from
    failing for users without HR rights."""

    _inherit = "hr.employee.public"

    kilap_rostered = fields.Boolean(string="Works on a roster", readonly=True)
