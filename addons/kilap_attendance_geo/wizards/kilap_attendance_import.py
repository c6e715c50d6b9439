import base64
import binascii
import io
import zipfile

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import attlog

LIMIT_PARAM = "kilap_attendance_geo.import_max_rows"


class KilapAttendanceImport(models.TransientModel):
    """Import a fingerprint terminal's log file (USB ``attlog.dat``, the CSV or
    XLSX template): check it first, then confirm.

    A file with a structural error writes nothing; bad rows are reported and
    skipped; every punch obeys the same rules as the ADMS push.
    """

    _name = "kilap.attendance.import"
    _description = "Fingerprint Log Import"

    terminal_id = fields.Many2one(
        "kilap.attendance.terminal", required=True, ondelete="cascade"
    )
    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Draft"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
        readonly=True,
    )
    report = fields.Text(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["kilap.attendance.terminal"]._kilap_check_manager()
        for vals in vals_list:
            vals["state"] = "draft"
            vals.pop("report", None)
        return super().create(vals_list)

    def write(self, vals):
        if {"state", "report"} & set(vals) and not self.env.su:
            raise AccessError(
                self.env._("The import state and report are set by the import only.")
            )
        if {"file", "terminal_id"} & set(vals):
            # a new file or terminal is checked again
            vals = dict(vals, state="draft", report=False)
        return super().write(vals)

    # ------------------------------------------------------------------ reading
    @api.model
    def _kilap_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAM)
        try:
            return max(1, int(value)) if value else attlog.DEFAULT_LIMIT
        except ValueError:
            return attlog.DEFAULT_LIMIT

    @api.model
    def _kilap_structure_message(self, error):
        params = error.params
        return {
            attlog.ERR_ENCODING: self.env._(
                "The file is not readable text: save it as CSV UTF-8 (or export the "
                "attlog again from the terminal) and try again."
            ),
            attlog.ERR_EMPTY: self.env._("The file contains no punch rows."),
            attlog.ERR_COLUMNS: self.env._(
                "Required columns are missing: %(columns)s. Use the template: "
                "user_id (or nip), timestamp, state.",
                columns=params.get("columns", ""),
            ),
            attlog.ERR_TOO_MANY: self.env._(
                "The file has %(count)s rows; at most %(limit)s are accepted at a "
                "time. Split it by month.",
                count=params.get("count"),
                limit=params.get("limit"),
            ),
            attlog.ERR_SCIENTIFIC: self.env._(
                "The NIP %(value)s is in scientific notation: the spreadsheet lost "
                "its digits. Format the NIP column as Text and type it again.",
                value=params.get("value", ""),
            ),
            attlog.ERR_FORMAT: self.env._(
                "Line %(line)s is neither a ZKTeco attlog line nor a template header.",
                line=params.get("line"),
            ),
        }[error.code]

    def _kilap_read_rows(self):
        """``(rows, issues)`` of the uploaded file; UserError on structural errors."""
        self.ensure_one()
        try:
            data = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError):
            raise UserError(self.env._("The uploaded file is damaged.")) from None
        limit = self._kilap_limit()
        name = (self.filename or "").lower()
        try:
            if data.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
                return self._kilap_read_xlsx(data, limit)
            text = attlog.decode(data)
            if attlog.looks_like_attlog(text):
                return attlog.parse_attlog(text, limit=limit)
            return attlog.parse_csv(text, limit=limit)
        except attlog.AttlogError as error:
            raise UserError(self._kilap_structure_message(error)) from None

    @api.model
    def _kilap_read_xlsx(self, data, limit):
        return attlog.parse_table(self._kilap_xlsx_table(data, limit), limit=limit)

    @api.model
    def _kilap_xlsx_table(self, data, limit):
        """The cells of the first sheet of an XLSX file, as a list of rows."""
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise UserError(
                self.env._("The file is not a readable Excel (XLSX) workbook.")
            ) from None
        sheet = book.worksheets[0]
        if (sheet.max_row or 0) > limit + 1:
            raise attlog.AttlogError(
                attlog.ERR_TOO_MANY, count=sheet.max_row - 1, limit=limit
            )
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
        return table

    # ------------------------------------------------------------------ actions
    def _kilap_allowed_employees(self):
        """BKPSDM records for everybody; Admin OPD for their own OPD."""
        user = self.env.user
        if user.has_group("kilap_activity.group_kilap_bkpsdm"):
            return None
        employee = user.employee_id
        return (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("id", "child_of", employee.id),
                    ("department_id", "child_of", employee.department_id.id),
                ]
            )
        )

    def _kilap_run(self, dry_run):
        self.ensure_one()
        self.env["kilap.attendance.terminal"]._kilap_check_manager()
        terminal = self.terminal_id
        terminal.check_access("write")
        if not terminal.active:
            raise UserError(self.env._("This terminal is archived."))
        rows, issues = self._kilap_read_rows()
        report = terminal._kilap_ingest(
            rows, "file", allowed=self._kilap_allowed_employees(), dry_run=dry_run
        )
        self.sudo().write(
            {
                "state": "checked" if dry_run else "done",
                "report": self._kilap_report_text(report, issues, dry_run),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _kilap_report_text(self, report, issues, dry_run):
        lines = [
            (
                self.env._("Punches to import: %(count)s", count=report["created"])
                if dry_run
                else self.env._("Punches imported: %(count)s", count=report["created"])
            ),
            self.env._(
                "Already known (skipped): %(count)s", count=report["duplicates"]
            ),
        ]
        for line, code in report["unknown"]:
            lines.append(
                self.env._(
                    "Line %(line)s: unknown device user %(code)s (skipped).",
                    line=line,
                    code=code,
                )
            )
        for line, kind, value in issues:
            if kind == attlog.ROW_USER:
                message = self.env._(
                    "Line %(line)s: %(value)s is not a device user id or NIP "
                    "(skipped).",
                    line=line,
                    value=value,
                )
            else:
                message = self.env._(
                    "Line %(line)s: %(value)s is not a date and time "
                    "(YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM or DD-MM-YYYY HH:MM) "
                    "(skipped).",
                    line=line,
                    value=value,
                )
            lines.append(message)
        for line, message in report["refused"]:
            lines.append(
                self.env._(
                    "Line %(line)s: refused: %(message)s", line=line, message=message
                )
            )
        return "\n".join(lines)

    def action_kilap_check(self):
        """Dry run: what the import would do, nothing written."""
        return self._kilap_run(dry_run=True)

    def action_kilap_import(self):
        return self._kilap_run(dry_run=False)
