import base64
import io
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import employee_file
from ..rules import nip as nip_rules
from .kilap_import_profile import REQUIRED_KEYS

# rows applied per background job
CHUNK_SIZE = 500
# employee fields the import sets, in the order the changes are listed
IMPORT_FIELDS = (
    "name",
    "nip",
    "kilap_siasn_id",
    "place_of_birth",
    "birthday",
    "sex",
    "asn_status",
    "kilap_kedudukan",
    "golongan_id",
    "kilap_tmt_golongan",
    "jabatan_name",
    "jabatan_type",
    "kelas_jabatan",
    "department_id",
)
DATE_FIELDS = ("birthday", "kilap_tmt_golongan")
MANY2ONE_FIELDS = ("golongan_id", "department_id")


class KilapEmployeeImport(models.Model):
    """One upload of the BKD/SIASN employee list: a dry run first, whose result
    is kept as lines (new, changed, unchanged, missing, refused) for BKPSDM to
    review, then the confirmed writes, in background chunks for large files.

    Only BKPSDM imports: the actions check the group themselves and write the
    employees as superuser after that check (BKPSDM has no HR-officer rights on
    ``hr.employee``). Lines are read-only to everybody: what is applied is what
    the dry run computed, never a caller's edit.
    """

    _name = "kilap.employee.import"
    _inherit = ["mail.thread", "kilap.workflow.mixin", "kilap.job.owner.mixin"]
    _description = "Employee List Import (SIASN / BKD)"
    _order = "id desc"

    _kilap_workflow_fields = ("state",)
    _kilap_initial_state = "draft"

    name = fields.Char(
        required=True,
        default=lambda self: self.env._("Employee list %s", fields.Date.today()),
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    profile_id = fields.Many2one(
        "kilap.import.profile",
        string="Column Profile",
        required=True,
        default=lambda self: self.env["kilap.import.profile"].search([], limit=1),
    )
    data = fields.Binary(string="File", attachment=True, help="CSV or XLSX.")
    filename = fields.Char()
    create_departments = fields.Boolean(
        string="Create Missing Units",
        help="Units (unor) of the file not found in the OPD tree are created "
        "under their parent unit instead of refusing their rows.",
    )
    row_limit = fields.Integer(
        default=100000, help="Files with more data rows are refused whole."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("checked", "Dry Run Done"),
            ("running", "Applying"),
            ("done", "Applied"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "kilap.employee.import.line", "import_id", string="Lines", readonly=True
    )
    count_new = fields.Integer(string="New", compute="_compute_counts")
    count_changed = fields.Integer(string="Changed", compute="_compute_counts")
    count_unchanged = fields.Integer(string="Unchanged", compute="_compute_counts")
    count_missing = fields.Integer(string="Not in File", compute="_compute_counts")
    count_refused = fields.Integer(string="Refused", compute="_compute_counts")
    summary = fields.Text(readonly=True, copy=False)

    # -------------------------------------------------------------- computes
    @api.depends("line_ids.state")
    def _compute_counts(self):
        counts = defaultdict(Counter)
        for batch, state, count in self.env["kilap.employee.import.line"]._read_group(
            [("import_id", "in", self.ids)], ["import_id", "state"], ["__count"]
        ):
            counts[batch.id][state] = count
        for batch in self:
            mine = counts[batch.id]
            batch.count_new = mine["new"]
            batch.count_changed = mine["changed"]
            batch.count_unchanged = mine["unchanged"]
            batch.count_missing = mine["missing"]
            batch.count_refused = mine["refused"]

    # ---------------------------------------------------------------- guards
    def write(self, vals):
        frozen = {"data", "profile_id", "company_id", "create_departments", "row_limit"}
        if not frozen & set(vals):
            return super().write(vals)
        if any(b.state in ("running", "done") for b in self):
            raise UserError(
                self.env._("An applied import cannot be changed: start a new one.")
            )
        res = super().write(vals)
        # another file or setting: the dry run's lines no longer say what confirm
        # would do, so they go and the import is a draft again
        checked = self.filtered(lambda b: b.state == "checked")
        if checked:
            checked.line_ids.sudo().unlink()
            checked.sudo().summary = False
            checked._kilap_transition({"state": "draft"}, ("checked",))
        return res

    def _kilap_check_bkpsdm(self):
        if not self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
            raise AccessError(self.env._("Only BKPSDM imports the employee list."))
        self.check_access("write")

    # --------------------------------------------------------------- dry run
    def action_dry_run(self):
        """Read the file and compare it with Odoo: lines only, no employee is
        written. A fault in the file's structure refuses it whole."""
        self._kilap_check_bkpsdm()
        for batch in self:
            if batch.state not in ("draft", "checked"):
                raise UserError(
                    self.env._("The dry run is only possible before applying.")
                )
            rows = batch._kilap_read_file()
            vals_list = batch._kilap_compare(rows)
            batch.line_ids.sudo().unlink()
            self.env["kilap.employee.import.line"].sudo().create(vals_list)
            batch.sudo().summary = batch._kilap_summary()
            batch._kilap_transition({"state": "checked"}, ("draft", "checked"))
        return True

    def _kilap_summary(self):
        self.invalidate_recordset(["count_new"])
        text = self.env._(
            "%(new)s new, %(changed)s changed, %(unchanged)s unchanged, %(missing)s "
            "in Odoo but not in the file, %(refused)s refused.",
            new=self.count_new,
            changed=self.count_changed,
            unchanged=self.count_unchanged,
            missing=self.count_missing,
            refused=self.count_refused,
        )
        if not self.count_new and not self.count_changed:
            text += " " + self.env._(
                "Nothing to change: Odoo already matches the file."
            )
        return text

    def _kilap_file_message(self, error):
        messages = {
            employee_file.ERR_EMPTY: self.env._("The file is empty."),
            employee_file.ERR_ENCODING: self.env._(
                "The file is not text in a known encoding (UTF-8 or Windows)."
            ),
            employee_file.ERR_XLSX: self.env._(
                "The file is not a readable XLSX workbook (%(error)s)."
            ),
            employee_file.ERR_MERGED_HEADER: self.env._(
                "The header row has merged cells (%(cells)s): unmerge them so that "
                "each column has its own header."
            ),
            employee_file.ERR_DUPLICATE_HEADER: self.env._(
                "The column %(column)s appears twice in the header row."
            ),
            employee_file.ERR_MISSING_COLUMNS: self.env._(
                "Required columns are missing: %(columns)s."
            ),
            employee_file.ERR_NO_ROWS: self.env._("The file has no data rows."),
            employee_file.ERR_TOO_MANY_ROWS: self.env._(
                "The file has more than %(limit)s rows: split it or raise the limit."
            ),
            employee_file.ERR_SCIENTIFIC_NIP: self.env._(
                "Row %(row)s: the NIP %(value)s was turned into a number in "
                "scientific notation by a spreadsheet; its last digits are lost. "
                "Export the NIP column as text and upload again."
            ),
        }
        return messages[error.code] % error.params

    def _kilap_read_file(self):
        self.ensure_one()
        if not self.data:
            raise UserError(self.env._("Upload the employee list first."))
        try:
            return employee_file.read_rows(
                base64.b64decode(self.data),
                self.filename,
                self.profile_id._kilap_mapping(),
                REQUIRED_KEYS,
                self.row_limit or 100000,
            )
        except employee_file.FileError as error:
            raise UserError(
                self.env._(
                    "The file was refused, nothing was imported: %s",
                    self._kilap_file_message(error),
                )
            ) from error

    def _kilap_nip_message(self, codes):
        texts = {
            nip_rules.ERR_LENGTH: self.env._("not 18 digits"),
            nip_rules.ERR_BIRTH_DATE: self.env._("no real birth date"),
            nip_rules.ERR_TMT: self.env._("no real TMT CPNS month"),
            nip_rules.ERR_TMT_BEFORE_BIRTH: self.env._("TMT before the birth date"),
            nip_rules.ERR_PPPK_YEAR: self.env._("no real PPPK appointment year"),
            nip_rules.ERR_GENDER_DIGIT: self.env._("gender digit not 1 or 2"),
            nip_rules.ERR_GENDER_MISMATCH: self.env._("gender digit does not match"),
        }
        return self.env._("Invalid NIP (%s).", ", ".join(texts[code] for code in codes))

    def _kilap_context(self):
        """What every row is compared with, read once for the whole file."""
        self.ensure_one()
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        employees = Employee.search_fetch(
            [("company_id", "=", self.company_id.id)],
            [*IMPORT_FIELDS, "active"],
        )
        departments = (
            self.env["hr.department"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("company_id", "in", [self.company_id.id, False])],
                ["name", "parent_id", "kilap_opd_id", "active"],
                order="active desc, id",
            )
        )
        by_name = defaultdict(list)
        for department in departments:
            by_name[(department.name or "").strip().lower()].append(department)
        golongan = {
            ((g.code or "").strip().lower(), g.kind): g
            for g in self.env["kilap.golongan"]
            .sudo()
            .with_context(active_test=False)
            .search([])
        }
        return {
            "by_nip": {e.nip: e for e in employees if e.nip},
            "by_siasn": {e.kilap_siasn_id: e for e in employees if e.kilap_siasn_id},
            "employees": employees,
            "departments": by_name,
            "golongan": golongan,
        }

    @staticmethod
    def _kilap_find_department(ctx, unit, parent):
        candidates = ctx["departments"].get(unit.lower(), [])
        if parent and parent.lower() != unit.lower():
            parent = parent.lower()
            candidates = [
                d
                for d in candidates
                if (d.parent_id.name or "").lower() == parent
                or (d.kilap_opd_id.name or "").lower() == parent
            ]
        else:
            candidates = sorted(candidates, key=lambda d: bool(d.parent_id))
        return candidates[0] if candidates else None

    def _kilap_row_values(self, values, ctx, errors):
        """The employee values of one row; faults appended to ``errors``."""
        vals = {}
        nip = employee_file.clean_nip(values.get("nip"))
        vals["nip"] = nip
        status = employee_file.status_key(values.get("status"))
        if not status:
            errors.append(
                self.env._("Unknown ASN status %r.", values.get("status") or "")
            )
        vals["asn_status"] = status
        sex = employee_file.sex_key(values.get("sex"))
        if sex:
            vals["sex"] = sex
        codes = nip_rules.nip_errors(nip, sex, status)
        if codes:
            errors.append(self._kilap_nip_message(codes))
        name = (values.get("name") or "").strip()
        if not name:
            errors.append(self.env._("The name is empty."))
        front = (values.get("gelar_depan") or "").strip()
        back = (values.get("gelar_belakang") or "").strip()
        vals["name"] = " ".join(p for p in (front, name) if p) + (
            ", " + back if back else ""
        )
        if values.get("siasn_id"):
            vals["kilap_siasn_id"] = values["siasn_id"].strip()
        if values.get("birth_place"):
            vals["place_of_birth"] = values["birth_place"].strip()
        kedudukan = employee_file.kedudukan_key(values.get("kedudukan"))
        vals["kilap_kedudukan"] = kedudukan
        if kedudukan not in employee_file.ACTIVE_KEDUDUKAN:
            errors.append(
                self.env._(
                    "Inactive legal standing (kedudukan hukum) %r: archive the "
                    "employee in Odoo if they are there.",
                    values.get("kedudukan"),
                )
            )
        self._kilap_row_position(values, vals, ctx, errors)
        return vals

    def _kilap_row_position(self, values, vals, ctx, errors):
        """Dates, golongan and position of one row into ``vals``."""
        status = vals["asn_status"]
        for key, field in (("birthday", "birthday"), ("tmt_golongan", DATE_FIELDS[1])):
            try:
                day = employee_file.parse_date(values.get(key))
            except ValueError:
                errors.append(
                    self.env._(
                        "Unreadable date %r: write dd/mm/yyyy, yyyy-mm-dd or "
                        "dd-mm-yyyy.",
                        values.get(key),
                    )
                )
                continue
            if day:
                vals[field] = day.isoformat()
        code = (values.get("golongan") or "").strip()
        if code:
            kind = "pppk" if status in nip_rules.PPPK_STATUSES else "pns"
            grade = ctx["golongan"].get((code.lower(), kind))
            if grade:
                vals["golongan_id"] = grade.id
            else:
                errors.append(self.env._("Unknown golongan %r.", code))
        if values.get("jabatan"):
            vals["jabatan_name"] = values["jabatan"].strip()
        jabatan_type = employee_file.jabatan_type_key(values.get("jabatan_type"))
        if jabatan_type:
            vals["jabatan_type"] = jabatan_type
        kelas = (values.get("kelas_jabatan") or "").strip()
        if kelas:
            if kelas.isdigit() and 1 <= int(kelas) <= 17:
                vals["kelas_jabatan"] = int(kelas)
            else:
                errors.append(
                    self.env._("The position class %r is not 1 to 17.", kelas)
                )

    def _kilap_compare(self, rows):
        """Line values of the dry run: each row new, changed, unchanged or
        refused, then the employees of Odoo the file does not list."""
        self.ensure_one()
        ctx = self._kilap_context()
        nips = Counter(employee_file.clean_nip(v.get("nip")) for _n, v in rows)
        seen = set()
        lines = []
        new_units = set()
        for number, values in rows:
            errors = []
            vals = self._kilap_row_values(values, ctx, errors)
            nip = vals["nip"]
            if nips[nip] > 1:
                errors.append(
                    self.env._("The NIP %s appears more than once in the file.", nip)
                )
            unit = (values.get("unit") or "").strip()
            parent = (values.get("parent_unit") or "").strip()
            department = (
                self._kilap_find_department(ctx, unit, parent) if unit else None
            )
            new_department = None
            if not unit:
                errors.append(self.env._("The unit (unor) is empty."))
            elif department:
                vals["department_id"] = department.id
            elif self.create_departments:
                new_department = [parent or unit, unit]
                new_units.add(tuple(new_department))
            else:
                errors.append(
                    self.env._(
                        "Unknown unit %(unit)s (parent %(parent)s): create it in the "
                        "OPD tree or tick Create Missing Units.",
                        unit=unit,
                        parent=parent or "-",
                    )
                )
            employee = ctx["by_siasn"].get(vals.get("kilap_siasn_id")) or ctx[
                "by_nip"
            ].get(nip)
            if employee:
                seen.add(employee.id)
            line = {
                "import_id": self.id,
                "row_number": number,
                "nip": nip,
                "siasn_id": vals.get("kilap_siasn_id"),
                "name": vals["name"],
                "unit_name": unit,
                "opd_name": parent or unit,
                "kedudukan": vals["kilap_kedudukan"],
                "employee_id": employee.id if employee else False,
                "department_id": (department or employee.department_id).id
                if (department or employee)
                else False,
            }
            if errors:
                line.update(state="refused", reason="\n".join(errors))
            elif not employee:
                line.update(
                    state="new",
                    vals=dict(vals, new_department=new_department),
                )
            else:
                if not employee.active:
                    vals["active"] = True  # listed as working again by the BKD
                changes = self._kilap_changes(employee, vals, new_department)
                if changes:
                    line.update(
                        state="changed",
                        changes="\n".join(changes),
                        vals=dict(vals, new_department=new_department),
                    )
                else:
                    line["state"] = "unchanged"
            lines.append(line)
        for employee in ctx["employees"]:
            if (
                employee.active
                and employee.id not in seen
                and (employee.nip or employee.kilap_siasn_id)
            ):
                lines.append(
                    {
                        "import_id": self.id,
                        "state": "missing",
                        "nip": employee.nip,
                        "siasn_id": employee.kilap_siasn_id,
                        "name": employee.name,
                        "employee_id": employee.id,
                        "department_id": employee.department_id.id,
                        "opd_name": employee.department_id.kilap_opd_id.name,
                        "unit_name": employee.department_id.name,
                        "kedudukan": employee.kilap_kedudukan,
                        "reason": self.env._(
                            "In Odoo but not in the file: archive the employee if "
                            "they left."
                        ),
                    }
                )
        return lines

    def _kilap_changes(self, employee, vals, new_department):
        """``Field: old → new`` for each value the file changes."""
        changes = []
        for name in IMPORT_FIELDS:
            if name not in vals:
                continue
            field = employee._fields[name]
            old, new = employee[name], vals[name]
            if name in MANY2ONE_FIELDS:
                if old.id == new:
                    continue
                new = self.env[field.comodel_name].sudo().browse(new).display_name
                old = old.display_name
            elif name in DATE_FIELDS:
                old = old.isoformat() if old else ""
                if old == new:
                    continue
            else:
                if (old or False) == (new or False):
                    continue
                if field.type == "selection":
                    labels = dict(field._description_selection(self.env))
                    old, new = labels.get(old, old), labels.get(new, new)
            changes.append(
                "%s: %s → %s" % (field._description_string(self.env), old or "", new)
            )
        if vals.get("active") and not employee.active:
            changes.append(self.env._("Archived → active again"))
        if new_department:
            changes.append(
                self.env._(
                    "Department: %(old)s → %(new)s (to be created)",
                    old=employee.department_id.display_name or "",
                    new=" / ".join(dict.fromkeys(new_department)),
                )
            )
        return changes

    # ----------------------------------------------------------------- apply
    def action_confirm(self):
        """Write what the dry run found: the new and changed rows only (refused
        rows never), in the background for large files."""
        self._kilap_check_bkpsdm()
        self.ensure_one()
        if self.state != "checked":
            raise UserError(self.env._("Run the dry run first, then confirm it."))
        todo = self.line_ids.filtered(lambda line: line.state in ("new", "changed"))
        if not todo:
            raise UserError(
                self.env._(
                    "Nothing to import: every row of the file already matches "
                    "Odoo or was refused."
                )
            )
        self.env["kilap.job.batch"]._kilap_check_idle(
            self, self.env._("This import is already being applied.")
        )
        departments = self._kilap_create_departments(todo)
        if len(todo) <= CHUNK_SIZE:
            self._kilap_apply(todo.ids, departments)
            self._kilap_apply_done()
            return True
        self._kilap_transition({"state": "running"}, ("checked",))
        self.env["kilap.job.batch"]._kilap_start(
            self,
            self.env._("Import: %s", self.name),
            "_kilap_apply",
            [todo.ids[i : i + CHUNK_SIZE] for i in range(0, len(todo), CHUNK_SIZE)],
            finish="_kilap_apply_done",
            args=(departments,),
        )
        return True

    def _kilap_create_departments(self, lines):
        """``{"parent|unit": id}`` of the units to create, created once here
        (never concurrently by the chunks)."""
        Department = self.env["hr.department"].sudo()
        result = {}
        roots = {}
        for line in lines:
            wanted = (line.vals or {}).get("new_department")
            if not wanted:
                continue
            parent, unit = wanted
            key = "%s|%s" % (parent, unit)
            if key in result:
                continue
            root = roots.get(parent.lower())
            if root is None:
                root = Department.search(
                    [
                        ("name", "=ilike", parent),
                        ("parent_id", "=", False),
                        ("company_id", "=", self.company_id.id),
                    ],
                    limit=1,
                ) or Department.create(
                    {"name": parent, "company_id": self.company_id.id}
                )
                roots[parent.lower()] = root
            if unit.lower() == parent.lower():
                result[key] = root.id
            else:
                result[key] = Department.create(
                    {
                        "name": unit,
                        "parent_id": root.id,
                        "company_id": self.company_id.id,
                    }
                ).id
        return result

    def _kilap_apply(self, line_ids, departments):
        """One chunk: create or update the employees of these lines. Lines
        already applied are skipped, so a chunk may run twice."""
        self._kilap_check_bkpsdm()
        lines = (
            self.env["kilap.employee.import.line"]
            .sudo()
            .browse(line_ids)
            .filtered(
                lambda line: (
                    line.import_id == self
                    and line.state in ("new", "changed")
                    and not line.applied
                )
            )
        )
        Employee = self.env["hr.employee"].sudo()
        creates, create_lines = [], []
        for line in lines:
            vals = dict(line.vals)
            wanted = vals.pop("new_department", None)
            if wanted:
                vals["department_id"] = departments["%s|%s" % tuple(wanted)]
            if line.state == "new":
                creates.append(dict(vals, company_id=self.company_id.id))
                create_lines.append(line)
            else:
                line.employee_id.sudo().write(vals)
        created = Employee.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(creates)
        for line, employee in zip(create_lines, created, strict=True):
            line.employee_id = employee
        lines.write({"applied": True})

    def _kilap_apply_done(self):
        self._kilap_transition({"state": "done"})
        applied = self.line_ids.filtered("applied")
        self.message_post(
            body=self.env._(
                "Applied: %(new)s employees created, %(changed)s updated.",
                new=len(applied.filtered(lambda line: line.state == "new")),
                changed=len(applied.filtered(lambda line: line.state == "changed")),
            )
        )

    # -------------------------------------------------------------- reviews
    def _kilap_open_lines(self, state=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_activity.kilap_employee_import_line_action"
        )
        action["domain"] = [("import_id", "in", self.ids)]
        ctx = {}
        if state:
            ctx[f"search_default_{state}"] = 1
        action["context"] = ctx
        return action

    def action_open_lines(self):
        return self._kilap_open_lines()

    def action_open_refused(self):
        return self._kilap_open_lines("refused")

    def action_open_missing(self):
        return self._kilap_open_lines("missing")

    def _kilap_reconciliation(self):
        """Counts per OPD and per legal standing, in the file and in Odoo, and
        the lines behind every difference."""
        self.ensure_one()
        # the lines the reader may see (record rules: Admin OPD its own OPD's),
        # and the employees of the same OPDs
        lines = self.env["kilap.employee.import.line"].search(
            [("import_id", "=", self.id)]
        )
        in_file = lines.filtered(lambda line: line.state != "missing")
        domain = [
            ("company_id", "=", self.company_id.id),
            "|",
            ("nip", "!=", False),
            ("kilap_siasn_id", "!=", False),
        ]
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("kilap_activity.group_kilap_bkpsdm")
            or user.has_group("kilap_activity.group_kilap_auditor")
        ):
            domain.append(
                (
                    "department_id",
                    "child_of",
                    user.employee_ids.department_id.kilap_opd_id.ids,
                )
            )
        employees = self.env["hr.employee"].sudo().search(domain)
        not_set = self.env._("(not set)")
        by_opd = defaultdict(lambda: [0, 0])
        for line in in_file:
            by_opd[line.opd_name or not_set][0] += 1
        for employee in employees:
            by_opd[employee.department_id.kilap_opd_id.name or not_set][1] += 1
        labels = dict(employee_file.KEDUDUKAN)
        by_kedudukan = defaultdict(lambda: [0, 0])
        for line in in_file:
            by_kedudukan[labels.get(line.kedudukan, not_set)][0] += 1
        for employee in employees:
            by_kedudukan[labels.get(employee.kilap_kedudukan, not_set)][1] += 1

        def table(counts):
            return [(name, f, o, f - o) for name, (f, o) in sorted(counts.items())]

        return {
            "file_total": len(in_file),
            "odoo_total": len(employees),
            "by_opd": table(by_opd),
            "by_kedudukan": table(by_kedudukan),
            "sections": [
                (
                    self.env._("In the file, not in Odoo (new)"),
                    lines.filtered(lambda line: line.state == "new"),
                ),
                (
                    self.env._("In Odoo, not in the file (to archive)"),
                    lines.filtered(lambda line: line.state == "missing"),
                ),
                (
                    self.env._("Refused rows"),
                    lines.filtered(lambda line: line.state == "refused"),
                ),
                (
                    self.env._("Changed"),
                    lines.filtered(lambda line: line.state == "changed"),
                ),
            ],
        }

    def action_print_reconciliation(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "kilap_activity.action_report_kilap_employee_import"
        ).report_action(self)

    def _kilap_reconciliation_xlsx(self):
        """The reconciliation as an XLSX workbook (bytes), made with openpyxl."""
        import openpyxl

        data = self._kilap_reconciliation()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = self.env._("Per OPD")[:31]
        for title, rows in (
            (self.env._("OPD"), data["by_opd"]),
            (self.env._("Legal standing"), data["by_kedudukan"]),
        ):
            if title != self.env._("OPD"):
                sheet = book.create_sheet(self.env._("Per legal standing")[:31])
            sheet.append(
                [
                    title,
                    self.env._("In file"),
                    self.env._("In Odoo"),
                    self.env._("Difference"),
                ]
            )
            for row in rows:
                sheet.append(list(row))
            sheet.append(
                [
                    self.env._("Total"),
                    data["file_total"],
                    data["odoo_total"],
                    data["file_total"] - data["odoo_total"],
                ]
            )
        line_sheet = book.create_sheet(self.env._("Differences")[:31])
        line_sheet.append(
            [
                self.env._("List"),
                self.env._("Row"),
                self.env._("NIP"),
                self.env._("Name"),
                self.env._("OPD"),
                self.env._("Unit"),
                self.env._("Reason / changes"),
            ]
        )
        for title, lines in data["sections"]:
            for line in lines:
                line_sheet.append(
                    [
                        title,
                        line.row_number or "",
                        line.nip or "",
                        line.name or "",
                        line.opd_name or "",
                        line.unit_name or "",
                        line.reason or line.changes or "",
                    ]
                )
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    def action_export_reconciliation_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "%s.xlsx" % self.name,
                    "raw": self._kilap_reconciliation_xlsx(),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "self",
        }

    def action_create_users(self):
        self.ensure_one()
        self._kilap_check_bkpsdm()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kilap.employee.import.user.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_import_id": self.id},
        }

    def _kilap_create_users(self, password):
        """Accounts for the employees of this import without one; returns how
        many were made. A NIP already used as a login is skipped."""
        self.ensure_one()
        employees = (
            self.line_ids.sudo()
            .filtered(lambda line: line.state in ("new", "changed", "unchanged"))
            .employee_id.filtered(lambda e: e.nip and not e.user_id and e.active)
        )
        Users = self.env["res.users"].sudo().with_context(no_reset_password=True)
        taken = set(
            Users.with_context(active_test=False)
            .search([("login", "in", employees.mapped("nip"))])
            .mapped("login")
        )
        groups = [
            self.env.ref("base.group_user").id,
            self.env.ref("kilap_activity.group_kilap_pegawai").id,
        ]
        count = 0
        for employee in employees:
            if employee.nip in taken:
                continue
            user = Users.create(
                {
                    "name": employee.name,
                    "login": employee.nip,
                    "password": password,
                    "company_id": self.company_id.id,
                    "company_ids": [fields.Command.set(self.company_id.ids)],
                    "group_ids": [fields.Command.set(groups)],
                    "tz": employee.tz or "Asia/Makassar",
                    "kilap_must_change_password": True,
                }
            )
            employee.sudo().user_id = user
            count += 1
        return count
