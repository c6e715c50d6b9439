from odoo import api, fields, models, tools


class KilapJournalDay(models.Model):
    """One row per employee and day with journal entries: minutes logged vs scheduled.

    A SQL view keeps the supervisor's day overview set-based; the scheduled minutes come
    from the employee's working schedule (public holidays removed) in one batch.
    """

    _name = "kilap.journal.day"
    _description = "Journal Day Summary"
    _auto = False
    _order = "date desc, employee_id"
    _rec_name = "date"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    supervisor_id = fields.Many2one("hr.employee", readonly=True)
    penilai_id = fields.Many2one("hr.employee", string="Appraiser", readonly=True)
    date = fields.Date(readonly=True)
    entry_count = fields.Integer(string="Entries", readonly=True)
    submitted_count = fields.Integer(string="To Approve", readonly=True)
    approved_count = fields.Integer(string="Approved", readonly=True)
    minutes_logged = fields.Integer(
        readonly=True, help="Minutes of entries not rejected."
    )
    minutes_approved = fields.Integer(readonly=True)
    minutes_scheduled = fields.Integer(compute="_compute_minutes_scheduled")
    coverage = fields.Float(
        string="Coverage (%)",
        compute="_compute_minutes_scheduled",
        help="Logged minutes as a share of the scheduled minutes.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    (e.employee_id::bigint * 100000
                     + (e.date - DATE '2000-01-01')) AS id,
                    e.employee_id,
                    e.company_id,
                    e.department_id,
                    e.supervisor_id,
                    e.penilai_id,
                    e.date,
                    count(*) AS entry_count,
                    count(*) FILTER (WHERE e.state = 'submitted') AS submitted_count,
                    count(*) FILTER (WHERE e.state = 'approved') AS approved_count,
                    coalesce(sum(e.duration_minutes)
                        FILTER (WHERE e.state != 'rejected'), 0) AS minutes_logged,
                    coalesce(sum(e.duration_minutes)
                        FILTER (WHERE e.state = 'approved'), 0) AS minutes_approved
                FROM kilap_journal_entry e
                WHERE e.active
                GROUP BY e.employee_id, e.company_id, e.department_id, e.supervisor_id,
                         e.penilai_id, e.date
            )
            """
        )

    @api.depends("employee_id", "date")
    def _compute_minutes_scheduled(self):
        if not self:
            return
        dates = [d.date for d in self if d.date]
        scheduled = {}
        if dates:
            scheduled = self.employee_id._kilap_work_minutes_by_date(
                min(dates), max(dates)
            )
        for day in self:
            minutes = scheduled.get(day.employee_id.id, {}).get(day.date, 0)
            day.minutes_scheduled = minutes
            day.coverage = minutes and 100.0 * day.minutes_logged / minutes

    @api.model
    def _kilap_minutes_for(self, keys):
        """{(employee_id, date): (logged, scheduled)} for the given pairs, batched."""
        keys = {k for k in keys if k[0] and k[1]}
        if not keys:
            return {}
        employees = self.env["hr.employee"].browse({k[0] for k in keys})
        dates = [k[1] for k in keys]
        logged = dict.fromkeys(keys, 0)
        groups = (
            self.env["kilap.journal.entry"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("date", ">=", min(dates)),
                    ("date", "<=", max(dates)),
                    ("state", "!=", "rejected"),
                ],
                ["employee_id", "date:day"],
                ["duration_minutes:sum"],
            )
        )
        for employee, day, minutes in groups:
            if (employee.id, day) in logged:
                logged[(employee.id, day)] = minutes
        scheduled = employees.sudo()._kilap_work_minutes_by_date(min(dates), max(dates))
        return {
            key: (logged[key], scheduled.get(key[0], {}).get(key[1], 0)) for key in keys
        }
