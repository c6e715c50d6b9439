from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kilap_activity.rules.nip import ASN_STATUSES


class KilapTppSheetLine(models.Model):
    """One employee on a TPP sheet, with every figure of the computation."""

    _name = "kilap.tpp.sheet.line"
    _description = "TPP Sheet Line"
    _order = "sheet_id, kelas_jabatan desc, employee_id"
    _rec_name = "employee_id"

    sheet_id = fields.Many2one(
        "kilap.tpp.sheet", required=True, ondelete="cascade", index=True
    )
    # precomputed: a sheet's lines are inserted in one query, not updated after
    company_id = fields.Many2one(
        related="sheet_id.company_id", store=True, index=True, precompute=True
    )
    # computed, not related: a related currency makes the ORM build a throw-away
    # record per monetary value at create time (25 per line, half the sheet time)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    # the sheet's state, not stored: approving a sheet writes one row, not its lines
    state = fields.Selection(related="sheet_id.state")
    date_from = fields.Date(related="sheet_id.date_from", store=True, precompute=True)
    date_to = fields.Date(related="sheet_id.date_to", store=True, precompute=True)
    department_id = fields.Many2one(
        related="sheet_id.department_id", store=True, precompute=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id")
    nip = fields.Char(string="NIP")
    asn_status = fields.Selection(ASN_STATUSES, string="ASN Status")
    golongan_id = fields.Many2one("kilap.golongan")
    jabatan_name = fields.Char(string="Position (Jabatan)")
    kelas_jabatan = fields.Integer(string="Position Class")
    bank_account = fields.Char()
    bank_name = fields.Char(string="Bank")
    ruleset_id = fields.Many2one("kilap.tpp.ruleset", string="Rule Set Version")
    base_id = fields.Many2one("kilap.tpp.base", string="TPP Base")
    note = fields.Char()

    base_amount = fields.Monetary(string="Base")
    addition_amount = fields.Monetary(string="Acting-Post Addition")
    status_factor = fields.Float(digits=(6, 4))
    tpp_gross = fields.Monetary(string="Gross TPP")
    leave_factor = fields.Float(digits=(6, 4))
    tpp_eligible = fields.Monetary(string="TPP after Leave")
    score = fields.Float(string="Kinerja Score", digits=(6, 2))
    predikat = fields.Selection(
        selection=lambda self: (
            self.env["kilap.score.line"]
            ._fields["predikat"]
            ._description_selection(self.env)
        ),
    )
    performance_ratio = fields.Float(digits=(6, 4))
    kinerja_max = fields.Monetary(string="Kinerja Share")
    disiplin_max = fields.Monetary(string="Disiplin Share")
    kinerja_part = fields.Monetary()
    cuts_pct_raw = fields.Float(string="Cuts before Cap (%)", digits=(6, 3))
    cuts_pct = fields.Float(string="Discipline Cuts (%)", digits=(6, 3))
    disiplin_part = fields.Monetary()
    discipline_cut = fields.Monetary(string="Cut on Whole TPP")
    tk_days = fields.Integer(string="TK Days")
    apel_missed = fields.Integer(string="Missed Apel")
    sick_days = fields.Integer()
    leave_days = fields.Integer()
    sanction_pct = fields.Float(string="Sanction (%)")
    sanction_cut = fields.Monetary()
    tpp = fields.Monetary(string="TPP")
    tax_rate_pct = fields.Float(string="PPh 21 Rate (%)")
    pph21 = fields.Monetary(string="PPh 21")
    bpjs_base = fields.Monetary(string="BPJS Base")
    bpjs_employee = fields.Monetary(string="BPJS Kesehatan (1 %)")
    bpjs_employer = fields.Monetary(string="BPJS Kesehatan Employer (4 %)")
    zakat = fields.Monetary()
    deductions = fields.Monetary()
    net = fields.Monetary(string="Net TPP")
    cut_ids = fields.One2many("kilap.tpp.sheet.cut", "line_id", string="Cuts")
    component_ids = fields.One2many(
        "kilap.tpp.sheet.component", "line_id", string="Components"
    )

    _sheet_employee_unique = models.Constraint(
        "UNIQUE(sheet_id, employee_id)", "An employee appears once per TPP sheet."
    )

    def _check_sheet_draft(self, sheets, operation):
        self.check_access(operation)  # access errors first, then the lock
        if any(sheet.state != "draft" for sheet in sheets):
            raise UserError(
                self.env._("The lines of a TPP sheet change only while it is draft.")
            )

    @api.depends("sheet_id.currency_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = line.sheet_id.currency_id

    def _check_new_lines(self, vals_list):
        sheet_ids = {vals.get("sheet_id") for vals in vals_list}
        self._check_sheet_draft(self.env["kilap.tpp.sheet"].browse(sheet_ids), "create")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_new_lines(vals_list)
        lines = super().create(vals_list)
        lines.sheet_id._kilap_add_preparer()  # an editor may not approve
        return lines

    def write(self, vals):
        self._check_sheet_draft(self.sheet_id, "write")
        if "sheet_id" in vals and self.filtered(
            lambda ln: ln.sheet_id.id != vals["sheet_id"]
        ):
            raise UserError(self.env._("A TPP line stays on the sheet it was made on."))
        self.sheet_id._kilap_add_preparer()  # an editor may not approve (four-eyes)
        return super().write(vals)

    def unlink(self):
        self._check_sheet_draft(self.sheet_id, "unlink")
        self.sheet_id._kilap_add_preparer()
        return super().unlink()
