from odoo import api, fields, models


class HrDepartment(models.Model):
    """The OPD (agency) a department belongs to: the root of its department tree.

    Admin OPD record rules use it, so a staff officer placed in a sub-unit still
    manages the whole agency.
    """

    _inherit = "hr.department"

    kilap_opd_id = fields.Many2one(
        "hr.department",
        string="OPD",
        compute="_compute_kilap_opd_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        help="Top department of this tree: the agency (OPD).",
    )

    @api.depends("parent_id", "parent_id.kilap_opd_id")
    def _compute_kilap_opd_id(self):
        for department in self:
            department.kilap_opd_id = (
                department.parent_id.kilap_opd_id or department.parent_id or department
            )
