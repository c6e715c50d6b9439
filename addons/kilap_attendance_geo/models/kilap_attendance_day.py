from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import bands as band_rules

LEAVE_STATUS = {
    "leave": "leave",
    "sick": "sick",
    "training": "training",
    "absent": "absent",
    "present": "present",
}


# employees per nightly job: a chunk's memory and time stay small at any size
NIGHTLY_CHUNK = 500


class KilapAttendanceDay(models.Model):
    """The attendance result of one employee on one working day.

    Computed from the schedule, attendances, leave, field duty and holidays;
    scoring and TPP read only these rows.
    """

    _name = "kilap.attendance.day"
    _description = "Daily Attendance Result"
    _order = "date desc, employee_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    department_id = fields.Many2one("hr.department", index=True)
    date = fields.Date(required=True, index=True)
    status = fields.Selection(
        [
            ("present", "Present"),
            ("absent", "Absent without reason (TK)"),
            ("leave", "Leave"),
            ("sick", "Sick leave"),
            ("field_duty", "Field duty"),
            ("training", "Training"),
            ("holiday", "Holiday"),
            ("unscheduled", "Unscheduled (no roster entry)"),
        ],
        required=True,
        index=True,
    )
    leave_id = fields.Many2one("hr.leave", index="btree_not_null")
    leave_type_id = fields.Many2one("hr.leave.type")
    field_duty_id = fields.Many2one("kilap.field.duty", index="btree_not_null")
    check_in = fields.Datetime()
    check_out = fields.Datetime()
    check_in_local = fields.Float(
        string="Local Check-in", help="Hours in office time zone."
    )
    check_out_local = fields.Float(string="Local Check-out")
    scheduled_minutes = fields.Integer()
    worked_minutes = fields.Integer()
    late_minutes = fields.Integer()
    tl_band_id = fields.Many2one("kilap.attendance.band", string="TL Band")
    early_minutes = fields.Integer()
    psw_band_id = fields.Many2one("kilap.attendance.band", string="PSW Band")
    # added by kilap_attendance_geo beyond the skeleton
    late_made_up = fields.Boolean(
        help="Lateness waived because the employee stayed longer."
    )
    calendar_id = fields.Many2one("resource.calendar", string="Working Schedule")
    scheduled_start = fields.Float(help="Scheduled start, hours in office time zone.")
    scheduled_end = fields.Float(help="Scheduled end, hours in office time zone.")
    tz = fields.Char(string="Time Zone")
    holiday_name = fields.Char()
    # transition mode: a manual recap row, kept by the computation
    kilap_manual = fields.Boolean(
        string="Manual Recap",
        readonly=True,
        index=True,
        help="Imported from a manual monthly recap during a transition period; "
        "the computation leaves this row as imported.",
    )
    kilap_imported_by = fields.Many2one(
        "res.users", string="Imported by", readonly=True
    )
    shift_type_id = fields.Many2one(
        "kilap.shift.type", string="Shift", index="btree_not_null"
    )
    absence_days = fields.Integer(
        string="TK days",
        default=1,
        help="Days of absence without reason this row counts when absent (a missed "
        "24-hour shift may count more than one).",
    )

    _employee_date_unique = models.Constraint(
        "UNIQUE(employee_id, date)",
        "There is one attendance result per employee and day.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kilap_check_manual_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kilap_check_manual_vals(vals)
        return super().write(vals)

    @api.model
    def _kilap_check_manual_vals(self, vals):
        """Only the recap import (transition mode) marks a result as manual."""
        if not self.env.su and {"kilap_manual", "kilap_imported_by"} & set(vals):
            raise AccessError(
                self.env._("Only the recap import marks a daily result as manual.")
            )

    # ------------------------------------------------------------------ API
    @api.model
    def _kilap_compute_days(self, employees, date_from, date_to):
        """Compute (create/update/remove) the results of ``employees``.

        From ``date_from`` to ``date_to`` inclusive. Set-based: one query per
        source for the whole range; recomputing gives the same rows. Returns the
        result rows of the range.
        """
        date_from, date_to = (
            fields.Date.to_date(date_from),
            fields.Date.to_date(date_to),
        )
        if not date_from or not date_to or date_to < date_from:
            raise UserError(
                self.env._(
                    "Choose a valid date range: the end cannot be before the start."
                )
            )
        if (date_to - date_from).days > 400:
            raise UserError(self.env._("Compute at most about one year at a time."))
        employees = employees.sudo().with_context(active_test=False)
        if not employees:
            return self.browse()
        sources = self._kilap_gather(employees, date_from, date_to)
        existing = {
            (day.employee_id.id, day.date): day
            for day in self.sudo().search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                [*self._kilap_value_fields(), "employee_id", "date", "kilap_manual"],
            )
        }
        to_create, keep_ids, unscheduled = [], [], []
        for employee in employees:
            day = date_from
            while day <= date_to:
                vals = self._kilap_day_values(employee, day, sources)
                row = existing.pop((employee.id, day), None)
                if row and row.kilap_manual:
                    # a manual recap of the transition mode stays as imported
                    keep_ids.append(row.id)
                elif vals is None:
                    if row:
                        existing[(employee.id, day)] = row  # removed below
                elif row:
                    changes = row._kilap_changes(vals)
                    if changes:
                        row.write(changes)
                        if changes.get("status") == "unscheduled":
                            unscheduled.append(row.id)
                    keep_ids.append(row.id)
                else:
                    to_create.append(vals)
                day += timedelta(days=1)
        stale = self.browse([row.id for row in existing.values()])
        stale.sudo().unlink()
        # a month of a regency is ~100,000 computed rows: one COPY per few
        # thousand, without the ORM's per-row work (the freeze still applies)
        created = self.sudo()._kilap_bulk_insert(to_create)
        result = self.browse(keep_ids) | created
        unscheduled += [
            row_id
            for row_id, vals in zip(created.ids, to_create, strict=True)
            if vals["status"] == "unscheduled"
        ]
        self.browse(unscheduled)._kilap_flag_unscheduled()
        years = {date_from.year, date_to.year}
        for year in years:
            self._kilap_check_discipline(employees, year)
        return result

    def _kilap_flag_unscheduled(self):
        """Dates of rostered employees with no roster entry go to Admin OPD of the
        employee's OPD as a to-do on the employee (one per employee and run): the
        date is never judged by the office calendar meanwhile."""
        if not self:
            return
        group = self.env.ref("kilap_activity.group_kilap_admin_opd")
        admins = defaultdict(lambda: self.env["res.users"])
        for user in group.sudo().all_user_ids.filtered(lambda u: not u.share):
            opd = user._kilap_employee().department_id.kilap_opd_id
            if opd:
                admins[opd.id] |= user
        dates = defaultdict(list)
        for row in self.sudo():
            dates[row.employee_id].append(row.date)
        for employee, days in dates.items():
            users = admins.get(employee.department_id.kilap_opd_id.id)
            if users:
                employee.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=users[0].id,
                    summary=self.env._(
                        "Not on the roster: %s",
                        ", ".join(str(day) for day in sorted(days)),
                    ),
                    note=self.env._(
                        "%s works on a roster but has no entry for these dates: "
                        "add the shift or the off day.",
                        employee.name,
                    ),
                )

    @api.model
    def _kilap_value_fields(self):
        return (
            "company_id",
            "department_id",
            "status",
            "leave_id",
            "leave_type_id",
            "field_duty_id",
            "check_in",
            "check_out",
            "check_in_local",
            "check_out_local",
            "scheduled_minutes",
            "worked_minutes",
            "late_minutes",
            "tl_band_id",
            "early_minutes",
            "psw_band_id",
            "late_made_up",
            "calendar_id",
            "scheduled_start",
            "scheduled_end",
            "tz",
            "holiday_name",
            "shift_type_id",
            "absence_days",
        )

    def _kilap_changes(self, vals):
        changes = {}
        for name, value in vals.items():
            field = self._fields[name]
            current = self[name]
            if field.type == "many2one":
                current = current.id or False
            elif field.type == "float":
                if abs((current or 0.0) - (value or 0.0)) < 1e-6:
                    continue
            if current != value and not (not current and not value):
                changes[name] = value
        return changes

    # ------------------------------------------------------------------ gathering
    @api.model
    def _kilap_gather(self, employees, date_from, date_to):
        """One read per source for the whole range and employee set."""
        start = datetime.combine(date_from - timedelta(days=1), time.min)
        stop = datetime.combine(date_to + timedelta(days=2), time.min)
        companies = employees.company_id
        # the schedule of each employee on each date: history and special periods
        plan = employees._kilap_calendar_plan(date_from, date_to)
        calendars = self.env["resource.calendar"].union(
            *(calendar for segments in plan.values() for _f, _l, calendar in segments)
        )
        lines = (
            self.env["resource.calendar.attendance"]
            .sudo()
            .search_fetch(
                [
                    ("calendar_id", "in", calendars.ids),
                    ("display_type", "=", False),
                    ("day_period", "!=", "lunch"),
                ],
                ["calendar_id", "dayofweek", "hour_from", "hour_to"],
            )
        )
        schedule = defaultdict(list)
        for line in lines:
            schedule[line.calendar_id.id, int(line.dayofweek)].append(
                (line.hour_from, line.hour_to)
            )
        global_leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_fetch(
                [
                    ("resource_id", "=", False),
                    ("company_id", "in", [*companies.ids, False]),
                    ("date_from", "<", stop),
                    ("date_to", ">", start),
                ],
                ["name", "calendar_id", "date_from", "date_to"],
            )
        )
        attendances = (
            self.env["hr.attendance"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("check_in", ">=", start),
                    ("check_in", "<", stop),
                    ("kilap_review_state", "!=", "rejected"),
                ],
                ["employee_id", "check_in", "check_out"],
                order="check_in",
            )
        )
        by_employee = defaultdict(list)
        for att in attendances:
            by_employee[att.employee_id.id].append(att)
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "validate"),
                    ("request_date_from", "<=", date_to),
                    ("request_date_to", ">=", date_from),
                ],
                [
                    "employee_id",
                    "holiday_status_id",
                    "request_date_from",
                    "request_date_to",
                ],
            )
        )
        leaves_by_employee = defaultdict(list)
        for leave in leaves:
            leaves_by_employee[leave.employee_id.id].append(leave)
        duties = self.env["kilap.field.duty"]._kilap_approved_duties(
            employees, date_from, date_to
        )
        duties_by_employee = defaultdict(list)
        for duty in duties:
            for employee_id in duty.employee_ids.ids:
                duties_by_employee[employee_id].append(duty)
        all_bands = (
            self.env["kilap.attendance.band"]
            .sudo()
            .search([("kind", "in", ("tl", "psw"))])
        )
        return {
            "plan": plan,
            "rosters": self.env["kilap.shift.roster"]._kilap_by_employee(
                employees, date_from, date_to
            ),
            "schedule": schedule,
            "global_leaves": global_leaves,
            "attendances": by_employee,
            "leaves": leaves_by_employee,
            "duties": duties_by_employee,
            "bands": all_bands,
        }

    # ------------------------------------------------------------------ one day
    @api.model
    def _kilap_bands(self, sources, company, kind):
        cache = sources.setdefault("_bands", {})
        key = (company.id, kind)
        if key not in cache:
            bands = sources["bands"].filtered(lambda b: b.kind == kind)
            own = bands.filtered(lambda b: b.company_id == company)
            cache[key] = own or bands.filtered(lambda b: not b.company_id)
        return cache[key]

    @api.model
    def _kilap_band_info(self, sources, company, kind):
        """(bands, tuples, band by code, missing band) of a company, computed once."""
        cache = sources.setdefault("_band_info", {})
        key = (company.id, kind)
        if key not in cache:
            bands = self._kilap_bands(sources, company, kind)
            by_code = {}
            for band in bands:
                by_code.setdefault(band.code, band)
            cache[key] = (
                bands,
                bands._as_tuples(),
                by_code,
                bands.filtered("is_missing_band")[:1],
            )
        return cache[key]

    @api.model
    def _kilap_attendances_by_day(self, employee, sources, tz):
        """The employee's attendances grouped by local check-in date, built once."""
        cache = sources.setdefault("_by_day", {})
        if employee.id not in cache:
            by_day = {}
            for att in sources["attendances"].get(employee.id, []):
                local = pytz.utc.localize(att.check_in).astimezone(tz).date()
                by_day.setdefault(local, []).append(att)
            cache[employee.id] = by_day
        return cache[employee.id]

    @api.model
    def _kilap_employee_values(self, employee, sources):
        """The values every row of ``employee`` starts with, read once per run
        (not once per day)."""
        cache = sources.setdefault("_employee", {})
        if employee.id not in cache:
            cache[employee.id] = {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "department_id": employee.department_id.id or False,
                "tz": self._kilap_employee_tz(employee, sources)[0],
            }
        return cache[employee.id]

    @api.model
    def _kilap_employee_tz(self, employee, sources):
        """(name, pytz zone) of the employee's office, looked up once per run."""
        cache = sources.setdefault("_tz", {})
        if employee.id not in cache:
            name = employee._kilap_tz()
            cache[employee.id] = (name, pytz.timezone(name))
        return cache[employee.id]

    @api.model
    def _kilap_to_utc(self, sources, tz, day, hours):
        """Naive UTC instant of ``hours`` local time on ``day`` in ``tz``.

        The same few instants serve every employee of an office: each is
        converted once per run.
        """
        cache = sources.setdefault("_utc", {})
        key = (tz.zone, day, hours)
        if key not in cache:
            local = tz.localize(
                datetime.combine(day, time.min) + timedelta(hours=hours)
            )
            cache[key] = local.astimezone(pytz.utc).replace(tzinfo=None)
        return cache[key]

    @api.model
    def _kilap_day_values(self, employee, day, sources):
        """Values of the result row of ``employee`` on ``day``.

        None when ``day`` is not a working day. A rostered employee is judged by
        the roster's shift of the date instead (``_kilap_shift_day_values``).
        """
        roster = sources["rosters"].get(employee.id)
        if roster is not None:
            return self._kilap_shift_day_values(employee, day, sources, roster.get(day))
        calendar = next(
            (
                c
                for first, last, c in sources["plan"][employee.id]
                if first <= day <= last
            ),
            self.env["resource.calendar"],
        )
        intervals = sources["schedule"].get((calendar.id, day.weekday()))
        if not calendar or not intervals:
            return None
        _tz_name, tz = self._kilap_employee_tz(employee, sources)
        start_h = min(i[0] for i in intervals)
        end_h = max(i[1] for i in intervals)
        day_start = self._kilap_to_utc(sources, tz, day, start_h)
        day_end = self._kilap_to_utc(sources, tz, day, end_h)
        vals = self._kilap_blank_values(
            employee,
            day,
            sources,
            calendar_id=calendar.id,
            scheduled_start=start_h,
            scheduled_end=end_h,
            scheduled_minutes=round(sum(to - fr for fr, to in intervals) * 60),
        )
        for leave in sources["global_leaves"]:
            if leave.calendar_id and leave.calendar_id != calendar:
                continue
            if leave.date_from < day_end and leave.date_to > day_start:
                vals.update(status="holiday", holiday_name=leave.name)
                return vals
        if self._kilap_excused(vals, employee, day, sources):
            return vals
        todays = self._kilap_attendances_by_day(employee, sources, tz).get(day, [])
        return self._kilap_judge(vals, employee, day, sources, todays, start_h, end_h)

    @api.model
    def _kilap_shift_day_values(self, employee, day, sources, entry):
        """A rostered employee's day, judged by the roster entry of the date.

        An off day is no working day (None). A date without an entry is
        *unscheduled*: a row that flags it to Admin OPD and is never judged. A
        shift is judged against its own start and end, which may cross midnight
        (the day is the date the shift starts); an attendance belongs to it when
        its check-in falls in [start - window before, end + window after]. Public
        holidays do not apply: a round-the-clock service works on them.
        """
        _tz_name, tz = self._kilap_employee_tz(employee, sources)
        if entry and entry.kind == "off":
            return None
        if not entry:
            return self._kilap_blank_values(
                employee, day, sources, status="unscheduled"
            )
        shift = entry.shift_type_id
        start_h = shift.hour_from
        end_h = start_h + shift.duration_hours
        vals = self._kilap_blank_values(
            employee,
            day,
            sources,
            shift_type_id=shift.id,
            scheduled_start=start_h,
            scheduled_end=end_h % 24,
            scheduled_minutes=shift._kilap_work_minutes(),
            absence_days=shift.absence_days,
        )
        if self._kilap_excused(vals, employee, day, sources):
            return vals
        low = self._kilap_to_utc(sources, tz, day, start_h) - timedelta(
            minutes=shift.window_before_min
        )
        high = self._kilap_to_utc(sources, tz, day, end_h) + timedelta(
            minutes=shift.window_after_min
        )
        todays = [
            att
            for att in sources["attendances"].get(employee.id, [])
            if low <= att.check_in <= high
        ]
        return self._kilap_judge(vals, employee, day, sources, todays, start_h, end_h)

    @api.model
    def _kilap_blank_values(self, employee, day, sources, **values):
        """A result row before judgement: absent, nothing recorded."""
        return {
            **self._kilap_employee_values(employee, sources),
            "date": day,
            "calendar_id": False,
            "shift_type_id": False,
            "scheduled_start": 0.0,
            "scheduled_end": 0.0,
            "scheduled_minutes": 0,
            "status": "absent",
            "absence_days": 1,
            "leave_id": False,
            "leave_type_id": False,
            "field_duty_id": False,
            "check_in": False,
            "check_out": False,
            "check_in_local": 0.0,
            "check_out_local": 0.0,
            "worked_minutes": 0,
            "late_minutes": 0,
            "tl_band_id": False,
            "early_minutes": 0,
            "psw_band_id": False,
            "late_made_up": False,
            "holiday_name": False,
            **values,
        }

    @api.model
    def _kilap_excused(self, vals, employee, day, sources):
        """Fill ``vals`` and say so when a validated leave or an approved field
        duty covers the day."""
        for leave in sources["leaves"].get(employee.id, []):
            if leave.request_date_from <= day <= leave.request_date_to:
                treatment = leave.holiday_status_id.kilap_treatment or "leave"
                vals.update(
                    status=LEAVE_STATUS[treatment],
                    leave_id=leave.id,
                    leave_type_id=leave.holiday_status_id.id,
                )
                return True
        for duty in sources["duties"].get(employee.id, []):
            if duty.date_from <= day <= duty.date_to:
                vals.update(status="field_duty", field_duty_id=duty.id)
                return True
        return False

    @api.model
    def _kilap_judge(self, vals, employee, day, sources, todays, start_h, end_h):
        """Present, late (TL) and early (PSW) from the day's attendances; ``vals``
        stays absent without any. Hours count from the local midnight of ``day``,
        so a check-out after midnight is past 24."""
        if not todays:
            return vals
        company = employee.company_id
        _tz_name, tz = self._kilap_employee_tz(employee, sources)
        midnight = self._kilap_to_utc(sources, tz, day, 0.0)

        def hours(dt):
            return (dt - midnight).total_seconds() / 3600

        first_in = todays[0].check_in
        last = max(todays, key=lambda a: a.check_out or a.check_in)
        open_att = any(not a.check_out for a in todays)
        last_out = False if open_att else last.check_out
        in_h = hours(first_in)
        out_h = hours(last_out) if last_out else None
        makeup = company.kilap_makeup_max_min if company.kilap_makeup_enabled else 0
        late, early, made_up = band_rules.day_minutes(
            start_h, end_h, in_h, out_h, makeup
        )
        _tl, tl_tuples, tl_by_code, _tl_missing = self._kilap_band_info(
            sources, company, "tl"
        )
        _psw, psw_tuples, psw_by_code, psw_missing = self._kilap_band_info(
            sources, company, "psw"
        )
        tl_code = band_rules.classify_minutes(late, tl_tuples)
        psw_code = band_rules.classify_minutes(early, psw_tuples)
        if out_h is None:
            psw_band = psw_missing
            early = 0
        else:
            psw_band = psw_by_code.get(psw_code)
        worked = sum(
            ((a.check_out or a.check_in) - a.check_in).total_seconds() for a in todays
        )
        vals.update(
            status="present",
            absence_days=1,
            check_in=first_in,
            check_out=last_out,
            check_in_local=round(in_h % 24, 4),
            check_out_local=round(out_h % 24, 4) if out_h is not None else 0.0,
            worked_minutes=int(worked // 60),
            late_minutes=late,
            early_minutes=early,
            late_made_up=made_up,
            tl_band_id=tl_by_code[tl_code].id if tl_code in tl_by_code else False,
            psw_band_id=psw_band.id if psw_band else False,
        )
        return vals

    # ------------------------------------------------------------------ discipline
    @api.model
    def _kilap_check_discipline(self, employees, year):
        """Raise, once, every PP 94/2021 threshold crossed in ``year``."""
        domain = [
            ("employee_id", "in", employees.ids),
            ("date", ">=", f"{year}-01-01"),
            ("date", "<=", f"{year}-12-31"),
        ]
        absent = dict(
            self.sudo()._read_group(
                domain + [("status", "=", "absent")],
                ["employee_id"],
                ["absence_days:sum"],
            )
        )
        minutes = {
            emp: (late or 0) + (early or 0)
            for emp, late, early in self.sudo()._read_group(
                domain + [("status", "=", "present")],
                ["employee_id"],
                ["late_minutes:sum", "early_minutes:sum"],
            )
        }
        thresholds = (
            self.env["kilap.discipline.threshold"]
            .sudo()
            .search([("company_id", "in", [False, *employees.company_id.ids])])
        )
        if not thresholds:
            return
        existing = {
            (ev.employee_id.id, ev.threshold_id.id)
            for ev in self.env["kilap.discipline.event"]
            .sudo()
            .search_fetch(
                [("employee_id", "in", employees.ids), ("year", "=", year)],
                ["employee_id", "threshold_id"],
            )
        }
        to_create = []
        for employee in employees:
            tk = absent.get(employee, 0)
            mins = minutes.get(employee, 0)
            days = band_rules.discipline_days(
                tk, mins, employee.company_id.kilap_minutes_per_day
            )
            own = thresholds.filtered(
                lambda t, c=employee.company_id: t.company_id == c
            ) or thresholds.filtered(lambda t: not t.company_id)
            key = band_rules.threshold_for(days, [(t.id, t.from_days) for t in own])
            if key and (employee.id, key) not in existing:
                to_create.append(
                    {
                        "employee_id": employee.id,
                        "department_id": employee.department_id.id,
                        "threshold_id": key,
                        "year": year,
                        "absent_days": tk,
                        "late_early_minutes": mins,
                        "total_days": days,
                    }
                )
        if to_create:
            events = self.env["kilap.discipline.event"].sudo().create(to_create)
            events._kilap_schedule_notify()

    @api.model
    def _kilap_tally(self, employee_ids, date_from, date_to):
        """The attendance tally of these employees over the dates, in one query:
        ``{employee id: Counter}`` with ``days``, one count per status, one per
        band code (on present and field-duty days) and ``leave:<type id>`` (leave
        days by type; sick leave is counted as ``sick``).

        The one tally of KILAP: scoring stores it on the score line, payroll
        reads the line.
        """
        tallies = defaultdict(Counter)
        groups = self.sudo()._read_group(
            [
                ("employee_id", "in", list(employee_ids)),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["employee_id", "status", "tl_band_id", "psw_band_id", "leave_type_id"],
            ["__count", "absence_days:sum"],
        )
        for employee, status, tl_band, psw_band, leave_type, count, weight in groups:
            tally = tallies[employee.id]
            if status == "unscheduled":  # flagged to Admin OPD, never judged
                tally[status] += count
                continue
            tally["days"] += count
            # a missed 24-hour shift may count several TK days (shift type data)
            tally[status] += weight if status == "absent" else count
            if leave_type and status == "leave":  # sick leave is counted as "sick"
                tally[f"leave:{leave_type.id}"] += count
            if status in band_rules.BAND_STATUSES:
                for band in (tl_band, psw_band):
                    if band:
                        tally[band.code] += count
        return tallies

    @api.model
    def _cron_compute_yesterday(self):
        """Nightly: results of yesterday (and the day before, for late syncs), as
        background jobs of NIGHTLY_CHUNK employees per company (kilap.job.batch).
        Each employee's yesterday is taken in the office's own time zone (see
        ``res.company._kilap_compute_days_chunk``). A company whose previous night
        still runs is left to it."""
        Batch = self.env["kilap.job.batch"]
        Employee = self.env["hr.employee"].sudo()
        for company in self.env["res.company"].sudo().search([("active", "=", True)]):
            if Batch._kilap_running(company).state == "running":
                continue
            ids = Employee.search(
                [("active", "=", True), ("company_id", "=", company.id)], order="id"
            ).ids
            if not ids:
                continue
            tz = pytz.timezone(
                company.partner_id.tz
                or company.resource_calendar_id.tz
                or Employee.browse(ids[0])._kilap_tz()
            )
            yesterday = datetime.now(tz).date() - timedelta(days=1)
            Batch._kilap_start(
                company,
                self.env._("Daily results %s", yesterday),
                "_kilap_compute_days_chunk",
                [ids[n : n + NIGHTLY_CHUNK] for n in range(0, len(ids), NIGHTLY_CHUNK)],
                replace_failed=True,
            )
