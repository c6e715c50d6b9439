from odoo import api, fields, models

from ..rules import scoring


class KilapAttendanceDay(models.Model):
    """Daily results dated inside a closed evaluation period are frozen."""

    _name = "kilap.attendance.day"
    _inherit = ["kilap.attendance.day", "kilap.frozen.month.mixin"]
    _kilap_frozen_fields = frozenset(("date", "company_id", "employee_id"))

    def _kilap_frozen_ranges(self):
        return {self._kilap_range(day.company_id, day.date) for day in self}

    @api.model
    def _kilap_frozen_vals_ranges(self, vals_list):
        # a month's new rows checked on their values, not read back (110 queries)
        Company = self.env["res.company"]
        return {
            self._kilap_range(Company.browse(vals.get("company_id")), vals.get("date"))
            for vals in vals_list
        }

    @api.model
    def _kilap_compute_days(self, employees, date_from, date_to):
        """Leave closed months alone: recompute only the dates outside them.

        The daily cron and manual recomputations then never trip over the lock;
        the rows of a closed month are returned as they are.
        """
        start, end = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        parent = super()
        if not (start and end and end >= start and employees):
            return parent._kilap_compute_days(employees, date_from, date_to)
        closed = (
            self.env["kilap.score.period"]
            .sudo()
            .search_fetch(
                [
                    ("state", "=", "closed"),
                    ("company_id", "in", employees.company_id.ids),
                    ("date_from", "<=", end),
                    ("date_to", ">=", start),
                ],
                ["company_id", "date_from", "date_to"],
            )
        )
        if not closed:
            return parent._kilap_compute_days(employees, date_from, date_to)
        result = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("date", ">=", start),
                ("date", "<=", end),
            ]
        )
        for company in employees.company_id:
            members = employees.filtered(lambda e, c=company: e.company_id == c)
            blocked = [
                (p.date_from, p.date_to) for p in closed if p.company_id == company
            ]
            for part_start, part_end in scoring.open_ranges(start, end, blocked):
                result |= parent._kilap_compute_days(members, part_start, part_end)
        return result.exists()
