import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


def _period(model, data):
    """Month from the wizard data, else the previous calendar month."""
    data = data or {}
    if data.get("date_from") and data.get("date_to"):
        return fields.Date.to_date(data["date_from"]), fields.Date.to_date(
            data["date_to"]
        )
    today = fields.Date.context_today(model)
    start = today.replace(day=1) - relativedelta(months=1)
    return start, start + relativedelta(months=1) - datetime.timedelta(days=1)


class ReportJournalMonth(models.AbstractModel):
    """Monthly journal per employee: the document signed by employee and supervisor."""

    _name = "report.kilap_activity.report_journal_month"
    _description = "Monthly Journal Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        date_from, date_to = _period(self, data)
        employees = self.env["hr.employee"].browse(docids)
        # record rules decide which entries this user may print
        entries = self.env["kilap.journal.entry"].search(
            [
                ("employee_id", "in", employees.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("state", "!=", "rejected"),
            ],
            order="date, time_start",
        )
        per_employee = {employee.id: entries.browse() for employee in employees}
        for entry in entries:
            per_employee[entry.employee_id.id] |= entry
        return {
            "doc_ids": docids,
            "doc_model": "hr.employee",
            "docs": employees.sudo(),
            "entries": per_employee,
            "date_from": date_from,
            "date_to": date_to,
        }


class ReportJournalOpd(models.AbstractModel):
    """Monthly recap per OPD: a line per employee, from a few grouped queries."""

    _name = "report.kilap_activity.report_journal_opd"
    _description = "Monthly Journal Recap per OPD"

    @api.model
    def _get_report_values(self, docids, data=None):
        date_from, date_to = _period(self, data)
        departments = self.env["hr.department"].browse(docids).sudo()
        lines = {}
        for department in departments:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("department_id", "child_of", department.id)], order="name")
            )
            groups = self.env["kilap.journal.entry"]._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["employee_id", "state"],
                ["__count", "duration_minutes:sum", "points:sum"],
            )
            stats = {}
            for employee, state, count, minutes, points in groups:
                row = stats.setdefault(
                    employee.id,
                    {
                        "count": 0,
                        "approved": 0,
                        "minutes": 0,
                        "points": 0.0,
                        "waiting": 0,
                    },
                )
                row["count"] += count
                if state == "approved":
                    row["approved"] += count
                    row["minutes"] += minutes
                    row["points"] += points
                elif state == "submitted":
                    row["waiting"] += count
            scheduled = employees._kilap_work_minutes_by_date(date_from, date_to)
            department_lines = []
            for employee in employees:
                row = stats.get(
                    employee.id,
                    {
                        "count": 0,
                        "approved": 0,
                        "minutes": 0,
                        "points": 0.0,
                        "waiting": 0,
                    },
                )
                planned = sum(scheduled.get(employee.id, {}).values())
                row.update(
                    employee=employee,
                    scheduled=planned,
                    coverage=planned and 100.0 * row["minutes"] / planned,
                )
                department_lines.append(row)
            lines[department.id] = department_lines
        return {
            "doc_ids": docids,
            "doc_model": "hr.department",
            "docs": departments,
            "lines": lines,
            "date_from": date_from,
            "date_to": date_to,
        }
