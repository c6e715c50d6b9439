from odoo import api, fields, models


class KilapSkp(models.Model):
    """Annual performance plan (Sasaran Kinerja Pegawai) of one employee."""

    _name = "kilap.skp"
    _description = "SKP (Annual Performance Plan)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, employee_id"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, readonly=True
    )
    penilai_id = fields.Many2one("hr.employee", string="Appraiser", tracking=True)
    year = fields.Integer(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    rhk_ids = fields.One2many("kilap.skp.rhk", "skp_id", string="RHK")

    _employee_year_unique = models.Constraint(
        "UNIQUE(employee_id, year)", "An employee has one SKP per year."
    )

    @api.depends("year", "employee_id.name")
    def _compute_name(self):
        for skp in self:
            skp.name = f"SKP {skp.year} - {skp.employee_id.name or ''}"
