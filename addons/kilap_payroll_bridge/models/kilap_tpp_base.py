from odoo import api, fields, models


class KilapTppBase(models.Model):
    """Monthly TPP base of a position (jabatan) or position class (kelas jabatan).

    An employee takes the most specific active base of their company: matching
    position name first, then position class with position type, then class only.
    """

    _name = "kilap.tpp.base"
    _inherit = ["mail.thread"]
    _description = "TPP Base"
    _order = "kelas_jabatan desc, jabatan_type, jabatan_name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: valid in every company."
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.IDR", False)
    )
    jabatan_type = fields.Selection(
        selection=lambda self: (
            self.env["hr.employee"]
            ._fields["jabatan_type"]
            ._description_selection(self.env)
        ),
        string="Position Type",
    )
    jabatan_name = fields.Char(string="Position (Jabatan)", tracking=True)
    kelas_jabatan = fields.Integer(string="Position Class", tracking=True)
    line_ids = fields.One2many(
        "kilap.tpp.base.line", "base_id", string="Components", copy=True
    )
    amount_total = fields.Monetary(
        compute="_compute_amount_total", store=True, currency_field="currency_id"
    )
    active = fields.Boolean(default=True)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for base in self:
            base.amount_total = sum(base.line_ids.mapped("amount"))

    @api.model
    def _match_employees(self, employees):
        """{employee id: base} for ``employees`` (one search for all of them)."""
        bases = self.search([("company_id", "in", employees.company_id.ids + [False])])
        by_name, by_class_type, by_class = {}, {}, {}
        for base in bases.sorted(lambda b: (bool(b.company_id), b.id)):
            if base.jabatan_name:
                key = (base.company_id.id, base.jabatan_name.strip().lower())
                by_name[key] = base
            elif base.kelas_jabatan and base.jabatan_type:
                by_class_type[
                    (base.company_id.id, base.kelas_jabatan, base.jabatan_type)
                ] = base
            elif base.kelas_jabatan:
                by_class[(base.company_id.id, base.kelas_jabatan)] = base
        result = {}
        for employee in employees:
            found = False
            for company in (employee.company_id.id, False):
                name = (employee.jabatan_name or "").strip().lower()
                found = (
                    (name and by_name.get((company, name)))
                    or by_class_type.get(
                        (company, employee.kelas_jabatan, employee.jabatan_type)
                    )
                    or by_class.get((company, employee.kelas_jabatan))
                )
                if found:
                    break
            result[employee.id] = found or self.browse()
        return result
