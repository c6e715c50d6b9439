import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import employee_file
from ..rules import nip as nip_rules


class HrEmployee(models.Model):
    """ASN identity on the employee: the data every KILAP computation keys on."""

    _inherit = "hr.employee"
    _rec_names_search = ["name", "nip", "work_email"]

    nip = fields.Char(
        string="NIP",
        size=18,
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="Nomor Induk Pegawai: 18 digits (birth date, TMT CPNS, gender, sequence); "
        "for PPPK the Nomor Induk PPPK (birth date, year of appointment, code, gender, "
        "sequence).",
    )
    asn_status = fields.Selection(
        nip_rules.ASN_STATUSES,
        string="ASN Status",
        tracking=True,
        help="PPPK Part-time: PPPK paruh waktu (since 2025); the TPP rule set says "
        "whether and how much TPP they receive.",
    )
    golongan_id = fields.Many2one(
        "kilap.golongan",
        tracking=True,
    )
    jabatan_type = fields.Selection(
        [
            ("jpt", "JPT (High Leadership)"),
            ("administrator", "Administrator"),
            ("pengawas", "Pengawas"),
            ("fungsional", "Functional"),
            ("pelaksana", "Executor (Pelaksana)"),
        ],
        string="Position Type",
        tracking=True,
    )
    jabatan_name = fields.Char(
        string="Position (Jabatan)",
        tracking=True,
    )
    kelas_jabatan = fields.Integer(
        string="Position Class",
        tracking=True,
        help="Kelas jabatan, 1 to 17.",
    )
    tmt_cpns = fields.Date(string="TMT CPNS")
    kilap_siasn_id = fields.Char(
        string="SIASN ID",
        copy=False,
        index="btree_not_null",
        help="SIASN's own person id: BKN's services identify a person by it, "
        "not by the NIP.",
    )
    kilap_kedudukan = fields.Selection(
        employee_file.KEDUDUKAN,
        string="Legal Standing (Kedudukan Hukum)",
        tracking=True,
    )
    kilap_tmt_golongan = fields.Date(string="TMT Golongan")
    tmt_jabatan = fields.Date(
        string="TMT Position",
    )
    job_family_id = fields.Many2one(
        "kilap.job.family",
        tracking=True,
        help="Decides whether kinerja comes from the journal or from activity points.",
    )
    penilai_id = fields.Many2one(
        "hr.employee",
        string="Appraiser (Pejabat Penilai)",
        compute="_compute_penilai_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Defaults to the direct supervisor.",
    )

    skp_ids = fields.One2many("kilap.skp", "employee_id", string="SKPs")
    kilap_acting_ids = fields.One2many(
        "kilap.acting.assignment",
        "absent_employee_id",
        string="Acting Officials",
        help="Who decides in this official's place while they are away (Plt/Plh).",
    )
    # Inverses of the records' stored fields related to the employee
    # (department, company, supervisor): on an employee just created Odoo finds
    # them empty in its cache instead of searching each model on every write of
    # the new employee's version (5 queries per employee in an import).
    kilap_journal_entry_ids = fields.One2many(
        "kilap.journal.entry",
        "employee_id",
        string="Journal Entries (all)",
        groups="hr.group_hr_user",
    )
    kilap_field_duty_request_ids = fields.One2many(
        "kilap.field.duty",
        "requester_id",
        string="Field Duties Requested",
        groups="hr.group_hr_user",
    )
    kilap_journal_count = fields.Integer(
        compute="_compute_kilap_counts", string="Journal Entries"
    )
    kilap_skp_count = fields.Integer(
        compute="_compute_kilap_counts", string="SKP Count"
    )

    _nip_company_unique = models.Constraint(
        "UNIQUE(nip, company_id)", "This NIP is already used in this company."
    )
    _siasn_company_unique = models.Constraint(
        "UNIQUE(kilap_siasn_id, company_id)",
        "This SIASN ID is already used in this company.",
    )

    @api.depends("parent_id")
    def _compute_penilai_id(self):
        for employee in self:
            if (
                not employee.penilai_id
                or employee.penilai_id == employee._origin.parent_id
            ):
                employee.penilai_id = employee.parent_id

    @api.constrains("nip", "sex", "asn_status")
    def _check_nip(self):
        for employee in self.filtered("nip"):
            employee._kilap_check_nip_sex(employee.sex)

    def _kilap_check_nip_sex(self, sex):
        """Raise when the NIP is invalid for this employee with gender ``sex``."""
        self.ensure_one()
        errors = nip_rules.nip_errors(self.nip, sex, self.asn_status)
        if errors:
            messages = self._kilap_nip_messages()
            raise ValidationError(
                self.env._(
                    "Invalid NIP %(nip)s for %(name)s: %(reason)s",
                    nip=self.nip,
                    name=self.name,
                    reason=" ".join(messages[e] for e in errors),
                )
            )

    def _kilap_nip_messages(self):
        """The reasons a NIP is refused, translated only when one is (an import
        checks thousands of valid NIPs)."""
        return {
            nip_rules.ERR_LENGTH: self.env._("The NIP must have exactly 18 digits."),
            nip_rules.ERR_BIRTH_DATE: self.env._(
                "The first 8 digits of the NIP must be a real birth date (YYYYMMDD)."
            ),
            nip_rules.ERR_TMT: self.env._(
                "Digits 9 to 14 of the NIP must be a real TMT CPNS month (YYYYMM)."
            ),
            nip_rules.ERR_TMT_BEFORE_BIRTH: self.env._(
                "The TMT CPNS in the NIP cannot be before the birth date."
            ),
            nip_rules.ERR_PPPK_YEAR: self.env._(
                "Digits 9 to 12 of the NI PPPK must be the year of first appointment "
                "as PPPK, after the year of birth."
            ),
            nip_rules.ERR_GENDER_DIGIT: self.env._(
                "Digit 15 of the NIP must be 1 (male) or 2 (female)."
            ),
            nip_rules.ERR_GENDER_MISMATCH: self.env._(
                "The gender digit of the NIP does not match the employee's gender."
            ),
        }

    @api.constrains("kelas_jabatan")
    def _check_kelas_jabatan(self):
        for employee in self:
            if employee.kelas_jabatan and not 1 <= employee.kelas_jabatan <= 17:
                raise ValidationError(
                    self.env._("The position class must be between 1 and 17.")
                )

    def _kilap_check_nip_free(self, pairs):
        """Readable duplicate message, raised before the SQL constraint would fire.

        ``pairs`` are (NIP, company id) wanted by ``self`` (none on create): one
        query for a whole import batch.
        """
        pairs = [(nip, company_id) for nip, company_id in pairs if nip]
        if not pairs:
            return
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("nip", "in", list({nip for nip, _company in pairs})),
                    ("id", "not in", self.ids),
                ],
                ["nip", "company_id", "name"],
            )
        )
        taken = {(employee.nip, employee.company_id.id): employee for employee in found}
        for nip, company_id in pairs:
            duplicate = taken.get((nip, company_id))
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "The NIP %(nip)s is already used by %(name)s in this company.",
                        nip=nip,
                        name=duplicate.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.browse()._kilap_check_nip_free(
            (vals.get("nip"), vals.get("company_id") or self.env.company.id)
            for vals in vals_list
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("nip") or "company_id" in vals:
            for employee in self:
                employee._kilap_check_nip_free(
                    [
                        (
                            vals.get("nip", employee.nip),
                            vals.get("company_id", employee.company_id.id),
                        )
                    ]
                )
        follow = self.browse()
        if "parent_id" in vals and "penilai_id" not in vals:
            # the appraiser follows the supervisor unless it was set to someone else
            follow = self.filtered(
                lambda e: not e.penilai_id or e.penilai_id == e.parent_id
            )
        res = super().write(vals)
        for employee in follow:
            employee.penilai_id = employee.parent_id
        return res

    def _compute_kilap_counts(self):
        journal = dict(
            self.env["kilap.journal.entry"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        skp = dict(
            self.env["kilap.skp"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.kilap_journal_count = journal.get(employee._origin, 0)
            employee.kilap_skp_count = skp.get(employee._origin, 0)

    def _kilap_open(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    def action_kilap_open_journal(self):
        self.ensure_one()
        return self._kilap_open("kilap_activity.kilap_journal_entry_action")

    def action_kilap_open_skp(self):
        self.ensure_one()
        return self._kilap_open("kilap_activity.kilap_skp_action")

    @api.model
    def _kilap_scope_domain(self, user=None):
        """Employees ``user`` manages, as the KILAP record rules draw it: all for
        BKPSDM, the own department tree for Admin OPD, the team for a supervisor,
        oneself otherwise. Wizards and mass actions search within it."""
        if user is None:
            if self.env.su:
                return []
            user = self.env.user
        if user.has_group("kilap_activity.group_kilap_bkpsdm"):
            return [("company_id", "in", user.company_ids.ids)]
        me = user._kilap_employee()
        if user.has_group("kilap_activity.group_kilap_admin_opd"):
            return [
                "|",
                ("id", "child_of", me.id),
                ("department_id", "child_of", me.department_id.id),
            ]
        if user.has_group("kilap_activity.group_kilap_atasan"):
            return [("id", "child_of", me.id)]
        return [("id", "=", me.id)]

    def _kilap_tz(self):
        self.ensure_one()
        employee = self.sudo()
        return (
            employee.tz
            or employee.resource_calendar_id.tz
            or employee.company_id.resource_calendar_id.tz
            or "Asia/Makassar"
        )

    def _kilap_today(self):
        """Today in the employee's own time zone (WIB/WITA/WIT), not the server's."""
        self.ensure_one()
        return datetime.datetime.now(pytz.timezone(self._kilap_tz())).date()

    def _kilap_calendar_plan(self, date_from, date_to):
        """The working schedule of each employee on each date from ``date_from`` to
        ``date_to``: ``{employee_id: [(first, last, calendar), ...]}``, in date order.

        The schedule follows the employee's history (Odoo's ``hr.version``: a
        teacher moving to a 6-day school on 15 July has the office schedule before
        and the school's after); a version without one has the company's. One query
        for the whole set. Special periods (Ramadan) are laid over it by
        kilap_attendance_geo.
        """
        plan = {}
        employees = self.sudo()
        versions = defaultdict(list)
        for version in (
            self.env["hr.version"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("employee_id", "in", employees.ids), ("active", "=", True)],
                ["employee_id", "date_version", "resource_calendar_id"],
                order="employee_id, date_version",
            )
        ):
            versions[version.employee_id.id].append(version)
        for employee in employees:
            default = employee.company_id.resource_calendar_id
            history = versions.get(employee.id) or []
            segments = []
            for index, version in enumerate(history):
                first = (
                    date_from if index == 0 else max(version.date_version, date_from)
                )
                nxt = (
                    history[index + 1].date_version
                    if index + 1 < len(history)
                    else None
                )
                last = (
                    date_to
                    if nxt is None
                    else min(nxt - datetime.timedelta(days=1), date_to)
                )
                if first <= last:
                    segments.append(
                        (first, last, version.resource_calendar_id or default)
                    )
            if not history:
                segments.append(
                    (date_from, date_to, employee.resource_calendar_id or default)
                )
            plan[employee.id] = segments
        return plan

    def _kilap_work_minutes_by_date(self, date_from, date_to):
        """Scheduled minutes per employee per local date, public holidays removed.

        Each date counts in the schedule the employee had on it
        (``_kilap_calendar_plan``). One calendar computation per distinct schedule
        and stretch of dates, not per employee. Returns ``{employee_id: {date:
        minutes}}`` (dates without work are absent).
        """
        result = {employee.id: {} for employee in self}
        computed = {}
        for employee_id, segments in self._kilap_calendar_plan(
            date_from, date_to
        ).items():
            for first, last, calendar in segments:
                if not calendar:
                    continue
                key = (calendar.id, first, last)
                if key not in computed:
                    computed[key] = self._kilap_calendar_minutes(calendar, first, last)
                result[employee_id].update(computed[key])
        return result

    @api.model
    def _kilap_calendar_minutes(self, calendar, date_from, date_to):
        """``{local date: minutes}`` of ``calendar`` over the dates, its public
        holidays removed."""
        tz = pytz.timezone(calendar.tz or "Asia/Makassar")
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        end = tz.localize(datetime.datetime.combine(date_to, datetime.time.max))
        minutes = defaultdict(int)
        for start_dt, stop_dt, _meta in calendar._work_intervals_batch(
            start, end, tz=tz
        )[False]:
            local_date = start_dt.astimezone(tz).date()
            minutes[local_date] += round((stop_dt - start_dt).total_seconds() / 60)
        return dict(minutes)

    def _kilap_local_date(self, now):
        """The date at UTC ``now`` (naive) in the employee's own time zone."""
        self.ensure_one()
        tz = pytz.timezone(self._kilap_tz())
        return pytz.utc.localize(now).astimezone(tz).date()

    def _kilap_excused_ids(self, days):
        """Ids of these employees with nothing to do on their day ``days[id]``:
        not a working day of their own calendar (weekend, public holiday), a
        validated leave covering the day (a single half day or hours off do not
        excuse), or an approved (or reported) field duty covering it.

        A few queries for the whole set, whatever its size: the reminders ask it
        for a whole pemda at once.
        """
        employees = self.sudo()
        if not employees:
            return set()
        excused = set()
        by_day = defaultdict(lambda: self.browse().sudo())
        for employee in employees:
            by_day[days[employee.id]] |= employee
        for day, group in by_day.items():
            minutes = group._kilap_work_minutes_by_date(day, day)
            excused |= {e.id for e in group if not minutes.get(e.id, {}).get(day)}
        first, last = min(by_day), max(by_day)
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "validate"),
                    ("request_date_from", "<=", last),
                    ("request_date_to", ">=", first),
                    ("request_unit_hours", "=", False),
                ],
                [
                    "employee_id",
                    "request_date_from",
                    "request_date_to",
                    "request_unit_half",
                ],
            )
        )
        for leave in leaves:
            day = days[leave.employee_id.id]
            single_half = (
                leave.request_unit_half
                and leave.request_date_from == leave.request_date_to
            )
            if leave.request_date_from <= day <= leave.request_date_to and not (
                single_half
            ):
                excused.add(leave.employee_id.id)
        duties = self.env["kilap.field.duty"]._kilap_approved_duties(
            employees, first, last
        )
        for duty in duties:
            for employee in duty.employee_ids & employees:
                if duty.date_from <= days[employee.id] <= duty.date_to:
                    excused.add(employee.id)
        return excused
