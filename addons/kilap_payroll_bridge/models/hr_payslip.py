from odoo import api, fields, models

# payslip input code -> sheet line field
TPP_INPUTS = {
    "TPP": "tpp",
    "TPP_PPH21": "pph21",
    "TPP_BPJS": "bpjs_employee",
    "TPP_ZAKAT": "zakat",
}


class HrPayslip(models.Model):
    """Feed the approved TPP of the month into the payslip as inputs.

    The inputs are (re)written just before the salary rules run, so a payslip
    computed alone or from a batch reads ``inputs.TPP.amount`` the same way.
    """

    _inherit = "hr.payslip"

    tpp_line_id = fields.Many2one(
        "kilap.tpp.sheet.line",
        string="TPP Sheet Line",
        compute="_compute_tpp_line_id",
        search="_search_tpp_line_id",
        help="The approved TPP line whose figures the TPP inputs carry.",
    )
    tpp_sheet_id = fields.Many2one(related="tpp_line_id.sheet_id", string="TPP Sheet")
    tpp_base_amount = fields.Monetary(related="tpp_line_id.base_amount")
    tpp_kinerja_part = fields.Monetary(related="tpp_line_id.kinerja_part")
    tpp_disiplin_part = fields.Monetary(related="tpp_line_id.disiplin_part")
    tpp_discipline_cut = fields.Monetary(related="tpp_line_id.discipline_cut")
    tpp_sanction_cut = fields.Monetary(related="tpp_line_id.sanction_cut")
    tpp_amount = fields.Monetary(related="tpp_line_id.tpp", string="TPP")
    tpp_pph21 = fields.Monetary(related="tpp_line_id.pph21")
    tpp_bpjs = fields.Monetary(related="tpp_line_id.bpjs_employee")
    tpp_zakat = fields.Monetary(related="tpp_line_id.zakat")
    tpp_net = fields.Monetary(related="tpp_line_id.net")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("input_line_ids.kilap_tpp_line_id")
    def _compute_tpp_line_id(self):
        # the link is kept on the inputs, written in the same INSERT: a month's
        # sync rewrites no payslip row
        for slip in self:
            slip.tpp_line_id = slip.input_line_ids.kilap_tpp_line_id[:1]

    def _search_tpp_line_id(self, operator, value):
        return [("input_line_ids.kilap_tpp_line_id", operator, value)]

    def _kilap_tpp_lines(self):
        """{payslip id: approved/paid TPP line of its month} in one query."""
        if not self:
            return {}
        lines = (
            self.env["kilap.tpp.sheet.line"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("state", "in", ("approved", "paid")),
                    ("date_from", "<=", max(self.mapped("date_to"))),
                    ("date_to", ">=", min(self.mapped("date_from"))),
                ],
                ["employee_id", "date_from", "date_to", *TPP_INPUTS.values()],
                order="date_from desc, id desc",
            )
        )
        by_employee = {}
        for line in lines:  # newest first, kept in that order per employee
            by_employee.setdefault(line.employee_id.id, []).append(line)
        result = {}
        for slip in self:
            for line in by_employee.get(slip.employee_id.id, ()):
                if slip.date_from <= line.date_from <= slip.date_to:
                    result[slip.id] = line
                    break
        return result

    def _kilap_sync_tpp_inputs(self):
        """Write the TPP inputs of every slip in ``self`` (draft/verify ones)."""
        slips = self.filtered(lambda s: s.state in ("draft", "verify"))
        tpp_lines = slips._kilap_tpp_lines()
        input_model = self.env["hr.payslip.input"]
        to_create = []
        old = slips.input_line_ids.filtered(lambda i: i.code in TPP_INPUTS)
        if old:
            old.unlink()  # one DELETE for the whole batch
        for slip in slips:
            line = tpp_lines.get(slip.id)
            contract = slip.contract_id or slip._get_employee_contracts()[:1]
            if not line or not contract:
                continue
            for seq, (code, field_name) in enumerate(TPP_INPUTS.items()):
                to_create.append(
                    {
                        "payslip_id": slip.id,
                        "contract_id": contract.id,
                        "code": code,
                        "name": input_model._kilap_input_name(code),
                        "sequence": 90 + seq,
                        "amount": line[field_name],
                        "kilap_tpp_line_id": line.id,
                    }
                )
        input_model._kilap_bulk_create(to_create)

    def compute_sheet(self):
        self._kilap_sync_tpp_inputs()
        return super().compute_sheet()

    @api.model
    def get_inputs(self, contracts, date_from, date_to):
        """Drop the empty TPP inputs of the structure; compute_sheet fills them."""
        res = super().get_inputs(contracts, date_from, date_to)
        return [r for r in res if r.get("code") not in TPP_INPUTS]
