import ipaddress
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

# a terminal clock this far ahead, or this far back, is wrong: its punches are refused
FUTURE_TOLERANCE = timedelta(minutes=10)
MAX_AGE = timedelta(days=366)
MANAGER_GROUP = "kilap_activity.group_kilap_admin_opd"


class KilapAttendanceTerminal(models.Model):
    """A fingerprint terminal in an office: the only devices whose punches KILAP
    accepts from a file or over the ADMS push protocol.

    The terminal stands in the office, so its punches need no geofence: they are
    trusted for location, and only for location (closed months, duplicates and
    the daily results apply as on every other path).
    """

    _name = "kilap.attendance.terminal"
    _description = "Fingerprint Terminal"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    serial_number = fields.Char(
        required=True,
        tracking=True,
        copy=False,
        help="The SN the terminal sends with every ADMS request (Menu > System "
        "Info > Device Info).",
    )
    work_location_id = fields.Many2one(
        "hr.work.location", string="Office", required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Managing Department",
        tracking=True,
        help="The OPD whose Admin OPD manages this terminal; empty: BKPSDM only.",
    )
    opd_id = fields.Many2one(
        related="department_id.kilap_opd_id", store=True, index="btree_not_null"
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        help="Terminals keep local time without a zone: the punches are read in "
        "this zone (by default the office's).",
    )
    allowed_ips = fields.Char(
        string="Allowed IP Ranges",
        tracking=True,
        help="Optional: CIDR ranges separated by commas (e.g. 103.10.20.0/24). "
        "When set, ADMS pushes from other addresses are refused. Leave empty for "
        "offices with a dynamic IP address.",
    )
    use_nip = fields.Boolean(
        string="Device User ID is the NIP",
        default=True,
        help="Without a line below, a device user id is matched to the employee "
        "with that NIP.",
    )
    user_line_ids = fields.One2many(
        "kilap.attendance.terminal.user", "terminal_id", string="Device Users"
    )
    active = fields.Boolean(default=True, tracking=True)
    last_seen = fields.Datetime(readonly=True)
    last_ip = fields.Char(string="Last IP Address", readonly=True)
    punch_count = fields.Integer(compute="_compute_punch_count")

    _serial_unique = models.Constraint(
        "UNIQUE(serial_number)", "A terminal with this serial number already exists."
    )

    @api.onchange("work_location_id")
    def _onchange_work_location_id(self):
        if self.work_location_id.kilap_tz:
            self.tz = self.work_location_id.kilap_tz

    def _compute_punch_count(self):
        counts = dict(
            self.env["kilap.attendance.punch"]._read_group(
                [("terminal_id", "in", self.ids)], ["terminal_id"], ["__count"]
            )
        )
        for terminal in self:
            terminal.punch_count = counts.get(terminal, 0)

    @api.constrains("allowed_ips")
    def _check_allowed_ips(self):
        for terminal in self:
            try:
                terminal._kilap_networks()
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "The allowed IP ranges must be IP addresses or CIDR ranges "
                        "separated by commas, e.g. 103.10.20.0/24, 10.0.0.5."
                    )
                ) from None

    @api.constrains("serial_number")
    def _check_serial_number(self):
        for terminal in self:
            serial = terminal.serial_number or ""
            if not serial.strip() or len(serial) > 64 or not serial.isprintable():
                raise ValidationError(
                    self.env._(
                        "The serial number must be printable text of at most 64 "
                        "characters."
                    )
                )

    def _kilap_networks(self):
        self.ensure_one()
        text = (self.allowed_ips or "").replace(";", ",").replace(" ", ",")
        return [
            ipaddress.ip_network(part.strip(), strict=False)
            for part in text.split(",")
            if part.strip()
        ]

    def _kilap_ip_allowed(self, address):
        """True when no range is set or ``address`` lies in one of them."""
        networks = self._kilap_networks()
        if not networks:
            return True
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in networks)

    @api.model
    def _kilap_check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only BKPSDM or Admin OPD may manage fingerprint terminals.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._kilap_check_manager()
        for vals in vals_list:
            vals.pop("last_seen", None)
            vals.pop("last_ip", None)
            if not vals.get("tz"):
                location = self.env["hr.work.location"].browse(
                    vals.get("work_location_id")
                )
                vals["tz"] = location.sudo().kilap_tz or "Asia/Jakarta"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._kilap_check_manager()
            if {"last_seen", "last_ip"} & set(vals):
                raise AccessError(
                    self.env._(
                        "Only the terminal itself updates when it was last seen."
                    )
                )
        return super().write(vals)

    def action_kilap_open_import(self):
        """The file import, for this terminal."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "res_model": "kilap.attendance.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_terminal_id": self.id},
        }

    # ------------------------------------------------------------------ ingestion
    def _kilap_employee_map(self, codes):
        """``{device user id: employee}`` of ``codes``: the terminal's lines, then
        the NIP (in the terminal's company) when ``use_nip`` is set."""
        self.ensure_one()
        terminal = self.sudo()
        result = {
            line.user_code: line.employee_id
            for line in terminal.user_line_ids
            if line.user_code in codes
        }
        rest = set(codes) - set(result)
        if rest and terminal.use_nip:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search(
                    [
                        ("nip", "in", list(rest)),
                        ("company_id", "=", terminal.company_id.id),
                    ]
                )
            )
            for employee in employees:
                result.setdefault(employee.nip, employee)
        # a terminal of an OPD records only that OPD's employees
        return {
            code: employee
            for code, employee in result.items()
            if terminal._kilap_serves(employee)
        }

    def _kilap_serves(self, employee):
        """True when the terminal may record ``employee``: same company and, for
        a terminal of an OPD, an employee of that OPD."""
        self.ensure_one()
        terminal, employee = self.sudo(), employee.sudo()
        if employee.company_id != terminal.company_id:
            return False
        return not terminal.opd_id or (
            employee.department_id.kilap_opd_id == terminal.opd_id
        )

    def _kilap_ingest(self, rows, source, allowed=None, dry_run=False):
        """Turn punch rows ``(line, user code, local time, state)`` into punches
        and attendances. Returns a report dict.

        One punch per employee and minute: a replayed or re-imported punch creates
        nothing. The first and last punch of a local day make the day's attendance
        (one punch: check-in and check-out at the same minute, to be corrected).
        ``allowed``: the employees the importing user may record for (None: all).
        """
        self.ensure_one()
        terminal = self.sudo()
        Punch = self.env["kilap.attendance.punch"].sudo()
        tz = pytz.timezone(terminal.tz or "Asia/Jakarta")
        now = fields.Datetime.now()
        report = {
            "rows": len(rows),
            "created": 0,
            "duplicates": 0,
            "attendances": 0,
            "unknown": [],
            "refused": [],
        }
        employees = terminal._kilap_employee_map({row[1] for row in rows})
        seen, fresh = set(), []
        for line, code, local, state in rows:
            employee = employees.get(code)
            if not employee:
                report["unknown"].append((line, code))
                continue
            if allowed is not None and employee not in allowed:
                report["refused"].append(
                    (
                        line,
                        self.env._(
                            "%(employee)s is outside your OPD.", employee=employee.name
                        ),
                    )
                )
                continue
            try:
                when = tz.localize(local, is_dst=False).astimezone(pytz.utc)
            except (pytz.exceptions.InvalidTimeError, OverflowError, ValueError):
                report["refused"].append((line, self.env._("Invalid local time.")))
                continue
            when = when.replace(tzinfo=None, second=0, microsecond=0)
            if when > now + FUTURE_TOLERANCE:
                report["refused"].append(
                    (
                        line,
                        self.env._(
                            "The punch of %(time)s is in the future: check the clock "
                            "of the terminal.",
                            time=local,
                        ),
                    )
                )
                continue
            if when < now - MAX_AGE:
                report["refused"].append(
                    (
                        line,
                        self.env._(
                            "The punch of %(time)s is more than a year old: check the "
                            "clock of the terminal.",
                            time=local,
                        ),
                    )
                )
                continue
            key = (employee.id, when)
            if key in seen:
                report["duplicates"] += 1
                continue
            seen.add(key)
            fresh.append((line, employee, when, state))
        if fresh:
            existing = {
                (p.employee_id.id, p.punch_time)
                for p in Punch.search_fetch(
                    [
                        ("employee_id", "in", list({f[1].id for f in fresh})),
                        ("punch_time", ">=", min(f[2] for f in fresh)),
                        ("punch_time", "<=", max(f[2] for f in fresh)),
                    ],
                    ["employee_id", "punch_time"],
                )
            }
            before = len(fresh)
            fresh = [f for f in fresh if (f[1].id, f[2]) not in existing]
            report["duplicates"] += before - len(fresh)
        if dry_run:
            report["created"] = len(fresh)
            return report
        groups = defaultdict(list)
        for item in fresh:
            employee, when = item[1], item[2]
            local_day = pytz.utc.localize(when).astimezone(tz).date()
            groups[(employee, local_day)].append(item)
        touched = self.env["hr.attendance"]
        for (employee, local_day), items in sorted(
            groups.items(), key=lambda g: (g[0][0].id, g[0][1])
        ):
            try:
                with self.env.cr.savepoint():
                    attendance = terminal._kilap_apply_day(
                        employee, local_day, tz, items, source
                    )
            except (UserError, ValidationError, AccessError) as exc:
                for item in items:
                    report["refused"].append((item[0], exc.args[0]))
                if source != "file":
                    continue  # the receiver logs what it refused, once
                self.env["kilap.attendance.terminal.log"].sudo().create(
                    {
                        "terminal_id": terminal.id,
                        "serial_number": terminal.serial_number,
                        "kind": "refused",
                        "message": self.env._(
                            "%(count)s punch(es) of %(employee)s on %(date)s refused: "
                            "%(reason)s",
                            count=len(items),
                            employee=employee.name,
                            date=local_day,
                            reason=exc.args[0],
                        ),
                    }
                )
                continue
            report["created"] += len(items)
            touched |= attendance
        report["attendances"] = len(touched)
        if touched:
            touched.sudo()._kilap_recompute_days()
        return report

    def _kilap_apply_day(self, employee, local_day, tz, items, source):
        """Store the new punches of one employee-day and (re)build its attendance
        from the first and last punch of that day."""
        Punch = self.env["kilap.attendance.punch"].sudo()
        start = (
            tz.localize(fields.Datetime.to_datetime(str(local_day)), is_dst=False)
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        end = start + timedelta(days=1)
        old = Punch.search(
            [
                ("employee_id", "=", employee.id),
                ("punch_time", ">=", start),
                ("punch_time", "<", end),
            ]
        )
        times = sorted(old.mapped("punch_time") + [item[2] for item in items])
        first, last = times[0], times[-1]
        attendance = old.attendance_id[:1]
        Attendance = self.env["hr.attendance"].sudo()
        if attendance:
            vals = {}
            if attendance.check_in != first:
                vals["check_in"] = first
            if attendance.check_out != last:
                vals["check_out"] = last
            if vals:
                attendance.write(vals)
        else:
            attendance = Attendance.create(
                {
                    "employee_id": employee.id,
                    "check_in": first,
                    "check_out": last,
                    "in_mode": "kilap_terminal",
                    "out_mode": "kilap_terminal",
                    "kilap_terminal_id": self.id,
                }
            )
        Punch.create(
            [
                {
                    "terminal_id": self.id,
                    "employee_id": employee.id,
                    "punch_time": when,
                    "state": state or False,
                    "source": source,
                    "attendance_id": attendance.id,
                }
                for _line, _employee, when, state in items
            ]
        )
        return attendance
