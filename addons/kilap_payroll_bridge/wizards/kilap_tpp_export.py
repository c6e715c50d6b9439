import base64
import csv
import io
from collections import defaultdict

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError


class KilapTppExport(models.TransientModel):
    """Bank transfer and SIPD budget files of a TPP sheet (XLSX or CSV)."""

    _name = "kilap.tpp.export"
    _description = "TPP Sheet Export"

    sheet_id = fields.Many2one("kilap.tpp.sheet", required=True, ondelete="cascade")
    kind = fields.Selection(
        [("bank", "Bank transfer"), ("sipd", "Budget system (SIPD)")],
        required=True,
        default="bank",
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")], required=True, default="xlsx"
    )
    attachment_id = fields.Many2one("ir.attachment", readonly=True)

    def _rows(self):
        """(headers, rows) of the file; amounts as numbers."""
        self.ensure_one()
        sheet = self.sheet_id
        if self.kind == "bank":
            headers = [
                self.env._("NIP"),
                self.env._("Name"),
                self.env._("Bank"),
                self.env._("Bank Account"),
                self.env._("Net TPP"),
            ]
            rows = [
                [
                    line.nip or "",
                    line.employee_id.sudo().name,
                    line.bank_name or "",
                    line.bank_account or "",
                    line.net,
                ]
                for line in sheet.line_ids
            ]
            return headers, rows
        totals = defaultdict(float)
        names = {}
        for comp in sheet.line_ids.component_ids:
            totals[comp.account_code] += comp.paid_amount
            names[comp.account_code] = comp.component_id.name
        headers = [
            self.env._("Budget Account Code"),
            self.env._("Component"),
            self.env._("Amount"),
        ]
        rows = [[code, names[code], totals[code]] for code in sorted(totals)]
        return headers, rows

    def _content(self):
        headers, rows = self._rows()
        if self.file_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=";")
            writer.writerow(headers)
            for row in rows:
                writer.writerow(
                    [("%.0f" % v) if isinstance(v, float) else v for v in row]
                )
            return buffer.getvalue().encode("utf-8-sig")
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.kind.upper())
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0"})
        text = workbook.add_format({"num_format": "@"})
        sheet.write_row(0, 0, headers, bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, float):
                    sheet.write_number(r, c, value, money)
                else:
                    sheet.write_string(r, c, value or "", text)
        total_row = len(rows) + 1
        sheet.write_string(total_row, 0, self.env._("Total"), bold)
        sheet.write_number(
            total_row, len(headers) - 1, sum(row[-1] for row in rows), money
        )
        sheet.set_column(0, len(headers) - 1, 22)
        workbook.close()
        return buffer.getvalue()

    def action_export(self):
        """Build the file as an attachment of the sheet; Keuangan only."""
        self.ensure_one()
        self.sheet_id._check_keuangan()
        self.sheet_id.check_access("read")
        if self.sheet_id.state not in ("approved", "paid"):
            raise UserError(
                self.env._("Only an approved TPP sheet can be exported for payment.")
            )
        filename = "%s-%s-%s.%s" % (
            self.kind,
            (self.sheet_id.department_id.name or "").replace(" ", "_"),
            self.sheet_id.date_from.strftime("%Y-%m"),
            self.file_format,
        )
        self.attachment_id = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(self._content()),
                "res_model": "kilap.tpp.sheet",
                "res_id": self.sheet_id.id,
            }
        )
        self.sheet_id.message_post(body=self.env._("Exported %s.", filename))
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%d?download=true" % self.attachment_id.id,
            "target": "self",
        }
