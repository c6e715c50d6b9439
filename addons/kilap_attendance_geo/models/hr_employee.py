from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .hr_attendance import KILAP_ACTION


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    kilap_discipline_event_ids = fields.One2many(
        "kilap.discipline.event",
        "employee_id",
        string="Discipline History",
        groups="hr.group_hr_user",
    )
    # inverses of stored fields related to the employee: see kilap_journal_entry_ids
    kilap_shift_roster_ids = fields.One2many(
        "kilap.shift.roster",
        "employee_id",
        string="Roster Entries",
        groups="hr.group_hr_user",
    )
    kilap_shift_swap_ids = fields.One2many(
        "kilap.shift.swap",
        "employee_id",
        string="Shift Swaps Requested",
        groups="hr.group_hr_user",
    )
    kilap_correction_ids = fields.One2many(
        "kilap.attendance.correction",
        "employee_id",
        string="Attendance Corrections",
        groups="hr.group_hr_user",
    )
    kilap_rostered = fields.Boolean(
        string="Works on a roster",
        tracking=True,
        help="Judged by the shift roster of each date (RSUD, puskesmas, fire "
        "brigade, Satpol PP), not by the weekly working schedule. A date without a "
        "roster entry is unscheduled.",
    )

    def _kilap_tz(self):
        """Time zone of the employee's office: work location, then employee, company."""
        self.ensure_one()
        employee = self.sudo()
        return (
            employee.work_location_id.kilap_tz
            or employee.tz
            or employee.resource_calendar_id.tz
            or employee.company_id.partner_id.tz
            or "Asia/Jakarta"
        )

    def _attendance_action_change(self, geo_information=None):
        """Run Odoo's check-in/out inside the KILAP action so the fence applies."""
        employee = self
        if self.env.user._kilap_employee() == self:
            # employees have no write access to attendances;
            # the action itself is allowed
            employee = self.sudo()
        token = KILAP_ACTION.set(True)
        try:
            return super(HrEmployee, employee)._attendance_action_change(
                geo_information
            )
        finally:
            KILAP_ACTION.reset(token)

    def _kilap_attendance_at(self, kind, when, geo_information):
        """Check in or out at a given (device) time: the offline sync path.

        Same validation as every other path; ``kind`` is ``in`` or ``out``.
        """
        self.ensure_one()
        attendance_model = self.env["hr.attendance"]
        geo_vals = {f"{kind}_{key}": value for key, value in geo_information.items()}
        token = KILAP_ACTION.set(True)
        try:
            if kind == "in":
                return attendance_model.create(
                    {"employee_id": self.id, "check_in": when, **geo_vals}
                )
            attendance = attendance_model.search(
                [
                    ("employee_id", "=", self.id),
                    ("check_out", "=", False),
                    ("check_in", "<=", when),
                ],
                order="check_in desc",
                limit=1,
            )
            if not attendance:
                raise UserError(
                    self.env._(
                        "There is no open check-in before %(time)s to check out from.",
                        time=when,
                    )
                )
            attendance.write({"check_out": when, **geo_vals})
            return attendance
        finally:
            KILAP_ACTION.reset(token)

    def action_kilap_open_devices(self):
        """The registered phone of the employee, where Admin OPD resets it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_attendance_geo.kilap_attendance_device_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    def _kilap_calendar_plan(self, date_from, date_to):
        """The schedule history with the special periods (Ramadan) laid over it:
        within a period each usual schedule gives way to its own replacement, or
        to the period's schedule. One query for the periods of the whole set."""
        plan = super()._kilap_calendar_plan(date_from, date_to)
        periods = (
            self.env["kilap.schedule.period"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.sudo().company_id.ids),
                    ("date_from", "<=", date_to),
                    ("date_to", ">=", date_from),
                ],
                order="date_from",
            )
        )
        if not periods:
            return plan
        by_company = defaultdict(list)
        for period in periods:
            by_company[period.company_id.id].append(period)
        for employee in self.sudo():
            for period in by_company.get(employee.company_id.id, ()):
                plan[employee.id] = self._kilap_lay_period(plan[employee.id], period)
        return plan

    @api.model
    def _kilap_lay_period(self, segments, period):
        """``segments`` with ``period``'s dates cut out and replaced."""
        result = []
        for first, last, calendar in segments:
            start, stop = max(first, period.date_from), min(last, period.date_to)
            if start > stop:
                result.append((first, last, calendar))
                continue
            if first < start:
                result.append((first, start - timedelta(days=1), calendar))
            result.append((start, stop, period._kilap_special_calendar(calendar)))
            if stop < last:
                result.append((stop + timedelta(days=1), last, calendar))
        return result

    def _kilap_work_minutes_by_date(self, date_from, date_to):
        """Rostered employees: the minutes of their shift of each date (none on an
        off day or an unscheduled date), so the journal, its reminders and its
        back-date window follow the roster too. The weekly schedule is computed
        only for the others."""
        rostered = self.sudo().filtered("kilap_rostered")
        result = super(HrEmployee, self - rostered)._kilap_work_minutes_by_date(
            date_from, date_to
        )
        rosters = self.env["kilap.shift.roster"]._kilap_by_employee(
            rostered, date_from, date_to
        )
        for employee_id, entries in rosters.items():
            result[employee_id] = {
                day: entry.shift_type_id._kilap_work_minutes()
                for day, entry in entries.items()
                if entry.kind == "shift"
            }
        return result
