from odoo import fields, models

from ..rules import employee_file


class KilapEmployeeImportLine(models.Model):
    """One row of the dry run (or one employee of Odoo the file does not list):
    what the import would do with it and why. Written only by the dry run."""

    _name = "kilap.employee.import.line"
    _description = "Employee List Import Line"
    _order = "import_id, state, row_number, id"

    import_id = fields.Many2one(
        "kilap.employee.import", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="import_id.company_id", store=True)
    row_number = fields.Integer(string="Row")
    state = fields.Selection(
        [
            ("new", "New"),
            ("changed", "Changed"),
            ("unchanged", "Unchanged"),
            ("missing", "Not in File"),
            ("refused", "Refused"),
        ],
        required=True,
        index=True,
    )
    nip = fields.Char(string="NIP")
    siasn_id = fields.Char(string="SIASN ID")
    name = fields.Char()
    employee_id = fields.Many2one("hr.employee", index="btree_not_null")
    department_id = fields.Many2one("hr.department")
    opd_id = fields.Many2one(
        related="department_id.kilap_opd_id", store=True, string="OPD (Odoo)"
    )
    opd_name = fields.Char(string="OPD")
    unit_name = fields.Char(string="Unit")
    kedudukan = fields.Selection(
        employee_file.KEDUDUKAN, string="Legal Standing (Kedudukan Hukum)"
    )
    reason = fields.Text()
    changes = fields.Text()
    vals = fields.Json(string="Values to Write")
    applied = fields.Boolean(readonly=True)
