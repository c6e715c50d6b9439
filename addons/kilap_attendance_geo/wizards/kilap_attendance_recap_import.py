import base64
import binascii
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import attlog
from ..rules import bands as band_rules


class KilapAttendanceRecapImport(models.TransientModel):
    """Transition mode: a manual monthly recap (NIP, date, status, minutes late
    and early) becomes the daily results of the days a transition period covers.

    All or nothing: a structural error, or a day outside every transition period,
    writes nothing.
    """

    _name = "kilap.attendance.recap.import"
    _description = "Manual Attendance Recap Import"

    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Imported")], default="draft", readonly=True
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
        return super().write(vals)

    def _kilap_rows(self):
        self.ensure_one()
        Import = self.env["kilap.attendance.import"]
        try:
            data = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError):
            raise UserError(self.env._("The uploaded file is damaged.")) from None
        limit = Import._kilap_limit()
        try:
            if data.startswith(b"PK\x03\x04"):
                table = Import._kilap_xlsx_table(data, limit)
            else:
                text = attlog.decode(data)
                first = text.splitlines()[0] if text.strip() else ""
                delimiter = max(",;\t", key=first.count) if first else ","
                table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
            return attlog.parse_recap(table, limit=limit)
        except attlog.AttlogError as error:
            raise UserError(Import._kilap_structure_message(error)) from None

    def _kilap_issue_text(self, line, kind, value):
        if kind == attlog.ROW_STATUS:
            return self.env._(
                "Line %(line)s: unknown status %(value)s (use hadir, tk, cuti, sakit, "
                "dl, diklat or libur) (skipped).",
                line=line,
                value=value,
            )
        if kind == attlog.ROW_MINUTES:
            return self.env._(
                "Line %(line)s: minutes late and early must be whole numbers from 0 "
                "to 1440 (skipped).",
                line=line,
            )
        if kind == attlog.ROW_USER:
            return self.env._(
                "Line %(line)s: %(value)s is not a NIP (skipped).",
                line=line,
                value=value,
            )
        return self.env._(
            "Line %(line)s: %(value)s is not a date (YYYY-MM-DD, DD/MM/YYYY or "
            "DD-MM-YYYY) (skipped).",
            line=line,
            value=value,
        )

    def action_kilap_import(self):
        """Write the recap as manual daily results, in one savepoint."""
        self.ensure_one()
        self.env["kilap.attendance.terminal"]._kilap_check_manager()
        if self.state != "draft":
            raise UserError(self.env._("This recap was already imported."))
        rows, issues = self._kilap_rows()
        allowed = self.env["kilap.attendance.import"]._kilap_allowed_employees()
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        employees = {
            e.nip: e
            for e in Employee.search(
                [
                    ("nip", "in", list({r[1] for r in rows})),
                    ("company_id", "in", self.env.user.company_ids.ids),
                ]
            )
        }
        Transition = self.env["kilap.attendance.transition"]
        lines = [self._kilap_issue_text(*issue) for issue in issues]
        todo = []
        for line, nip, day, status, late, early in rows:
            employee = employees.get(nip)
            if not employee:
                lines.append(
                    self.env._(
                        "Line %(line)s: no employee has the NIP %(nip)s (skipped).",
                        line=line,
                        nip=nip,
                    )
                )
                continue
            if allowed is not None and employee not in allowed:
                lines.append(
                    self.env._(
                        "Line %(line)s: %(employee)s is outside your OPD (skipped).",
                        line=line,
                        employee=employee.name,
                    )
                )
                continue
            if not Transition._kilap_covers(employee, day):
                raise UserError(
                    self.env._(
                        "Line %(line)s: %(date)s is outside every transition period "
                        "of %(employee)s: KILAP computes that day from the "
                        "attendances. Nothing was imported.",
                        line=line,
                        date=day,
                        employee=employee.name,
                    )
                )
            todo.append((employee, day, status, late, early))
        with self.env.cr.savepoint():
            count = self._kilap_write_days(todo)
        lines.insert(0, self.env._("Daily results imported: %(count)s", count=count))
        self.sudo().write({"state": "done", "report": "\n".join(lines)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _kilap_write_days(self, todo):
        Day = self.env["kilap.attendance.day"].sudo()
        Band = self.env["kilap.attendance.band"].sudo()
        existing = {
            (d.employee_id.id, d.date): d
            for d in Day.search(
                [
                    ("employee_id", "in", list({t[0].id for t in todo})),
                    ("date", "in", list({t[1] for t in todo})),
                ]
            )
        }
        bands = {}

        def band(company, kind, minutes):
            key = (company.id, kind)
            if key not in bands:
                found = Band.search([("kind", "=", kind)])
                own = found.filtered(lambda b: b.company_id == company)
                bands[key] = own or found.filtered(lambda b: not b.company_id)
            code = band_rules.classify_minutes(minutes, bands[key]._as_tuples())
            return bands[key].filtered(lambda b: b.code == code)[:1].id or False

        for employee, day, status, late, early in todo:
            timed = status in ("present", "field_duty")
            vals = {
                "company_id": employee.company_id.id,
                "department_id": employee.department_id.id,
                "status": status,
                "late_minutes": late if timed else 0,
                "early_minutes": early if timed else 0,
                "tl_band_id": band(employee.company_id, "tl", late) if timed else False,
                "psw_band_id": (
                    band(employee.company_id, "psw", early) if timed else False
                ),
                "check_in": False,
                "check_out": False,
                "leave_id": False,
                "field_duty_id": False,
                "kilap_manual": True,
                "kilap_imported_by": self.env.uid,
            }
            row = existing.get((employee.id, day))
            if row:
                row.write(vals)
            else:
                existing[(employee.id, day)] = Day.create(
                    dict(vals, employee_id=employee.id, date=day)
                )
        return len(todo)
