import datetime
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

from odoo import Command
from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import file_open

from ..rules import journal as journal_rules

GROUP = "kilap_activity.group_kilap_"


def data_file(name):
    """The bytes of ``tests/data/<name>``: real files for the upload tests."""
    with file_open(f"kilap_activity/tests/data/{name}", "rb") as handle:
        return handle.read()


def pdf_text(test, pdf):
    """The text layer of ``pdf`` (poppler's pdftotext), for the report tests.

    KILAP reports print in a system font, embedded as a font: their text can be
    extracted (a web font would be drawn as paths, with no text at all).
    """
    if not shutil.which("pdftotext"):
        test.skipTest("pdftotext not installed")
    test.assertIn(b"/FontFile2", pdf, "no embedded TrueType font")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf)
        tmp.flush()
        return subprocess.run(
            ["pdftotext", "-layout", tmp.name, "-"],
            capture_output=True,
            check=True,
            text=True,
            timeout=60,
        ).stdout


def role_groups(*roles):
    """The ``groups`` of an internal user in KILAP ``roles``, for ``make_user``:
    ``role_groups("pegawai")`` is
    ``"base.group_user,kilap_activity.group_kilap_pegawai"``; a role with a dot is
    an xml id already (``"kilap_payroll_bridge.group_kilap_keuangan"``).
    """
    return ",".join(
        ["base.group_user"] + [role if "." in role else GROUP + role for role in roles]
    )


def make_user(env, login, groups, employee=None, **values):
    """``(user, employee)``: a test user made by ``new_test_user`` (``groups``:
    xml ids separated by commas; ``values``: more fields of the user, whose
    password is the login padded to 8 characters unless given) and, given
    ``employee`` (hr.employee values), its employee, linked to it and in its
    company unless the values say otherwise (else an empty recordset).
    """
    user = new_test_user(env, login=login, groups=groups, **values)
    if employee is None:
        return user, env["hr.employee"]
    created = (
        env["hr.employee"]
        .with_context(tracking_disable=True)
        .create({"company_id": user.company_id.id, **employee, "user_id": user.id})
    )
    return user, created.with_env(env)


class KilapTestMixin:
    """What every KILAP test case builds on: a pemda of its own (``cls.company``,
    set by the case), users made by ``make_user`` in it, and a few helpers.

    The add-ons extend it in turn: ``KilapGeoMixin`` (kilap_attendance_geo),
    ``KilapScoringMixin`` (kilap_scoring), ``KilapTppMixin``
    (kilap_payroll_bridge); each add-on's ``...Case`` builds its own pemda.
    """

    @classmethod
    def make_user(cls, login, groups, employee=None, **values):
        """``make_user`` in the case's company (``values`` may say another)."""
        values.setdefault("company_id", cls.company.id)
        values.setdefault("company_ids", [Command.set(cls.company.ids)])
        return make_user(cls.env, login, groups, employee, **values)

    @classmethod
    def make_department(cls, name, parent=None):
        """An OPD, or with ``parent`` one of its units, in the case's company."""
        return cls.env["hr.department"].create(
            {
                "name": name,
                "parent_id": parent and parent.id,
                "company_id": cls.company.id,
            }
        )

    def flush_tracking(self):
        """Tracking is written at pre-commit; each button is its own transaction."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def queries_of(self, func):
        """Queries of ``func()`` from a cold cache, its writes flushed."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before


class KilapActivityCase(KilapTestMixin, TransactionCase):
    """A small pemda of its own: two OPD, a supervisor chain and one user per role.

    Built from scratch so the tests never depend on demo data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "ASN test schedule",
                "tz": "Asia/Makassar",
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"d{d} am",
                            "dayofweek": str(d),
                            "hour_from": 7.5,
                            "hour_to": 12.0,
                            "day_period": "morning",
                        },
                    )
                    for d in range(5)
                ]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"d{d} pm",
                            "dayofweek": str(d),
                            "hour_from": 13.0,
                            "hour_to": 16.0,
                            "day_period": "afternoon",
                        },
                    )
                    for d in range(5)
                ],
            }
        )
        cls.company = cls.env["res.company"].create(
            {"name": "Pemda Uji", "resource_calendar_id": cls.calendar.id}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Pemda Lain"})
        cls.calendar.company_id = cls.company
        cls.opd_a = cls.make_department("Dinas A")
        cls.unit_a1 = cls.make_department("Bidang A1", cls.opd_a)
        cls.opd_b = cls.make_department("Dinas B")
        Employee = cls.env["hr.employee"].with_context(tracking_disable=True)

        def staff(login, role, name, dept, parent=None, nip=False, sex="male"):
            """An employee and its user (``login``, in KILAP ``role``)."""
            return cls.make_user(
                login,
                role_groups(role),
                employee=cls._emp_vals(name, dept, parent, nip, sex),
                tz="Asia/Makassar",
            )

        cls.emp_head = Employee.create(
            cls._emp_vals("Kepala Dinas A", cls.opd_a, nip="197001011995031001")
        )
        cls.user_admin_opd, cls.emp_admin_opd = staff(
            "t_adminopd",
            "admin_opd",
            "Admin OPD A",
            cls.opd_a,
            cls.emp_head,
            "198001012005011001",
        )
        cls.user_atasan, cls.emp_atasan = staff(
            "t_atasan",
            "atasan",
            "Atasan A1",
            cls.unit_a1,
            cls.emp_head,
            "198101012006011002",
        )
        cls.user_pegawai, cls.emp_pegawai = staff(
            "t_pegawai",
            "pegawai",
            "Pegawai A1",
            cls.unit_a1,
            cls.emp_atasan,
            "199001012015032003",
            "female",
        )
        cls.user_pegawai2, cls.emp_pegawai2 = staff(
            "t_pegawai2",
            "pegawai",
            "Pegawai A1 kedua",
            cls.unit_a1,
            cls.emp_atasan,
            "199101012016031004",
        )
        cls.user_other_atasan, cls.emp_atasan_b = staff(
            "t_atasan_b", "atasan", "Atasan B", cls.opd_b, nip="198201012007011005"
        )
        cls.emp_staff_b = Employee.create(
            cls._emp_vals("Staf B", cls.opd_b, cls.emp_atasan_b, "199201012017031006")
        )
        cls.user_bkpsdm, cls.emp_bkpsdm = staff(
            "t_bkpsdm", "bkpsdm", "BKPSDM", cls.opd_b, nip="197501012000031007"
        )
        cls.user_auditor, cls.emp_auditor = staff(
            "t_auditor", "auditor", "Auditor", cls.opd_b, nip="197601012001031008"
        )
        cls.office_type = cls.env.ref("kilap_activity.journal_type_office")
        cls.field_type = cls.env.ref("kilap_activity.journal_type_field")
        cls.today = cls.emp_pegawai._kilap_today()

    @classmethod
    def _emp_vals(cls, name, dept, parent=None, nip=False, sex="male"):
        return {
            "name": name,
            "company_id": cls.company.id,
            "department_id": dept.id,
            "parent_id": parent and parent.id,
            "resource_calendar_id": cls.calendar.id,
            "tz": "Asia/Makassar",
            "nip": nip,
            "sex": sex,
        }

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Like unittest's, inside Odoo's savepoint: a failed create leaves nothing."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @classmethod
    def working_day_back(cls, employee, late_days):
        """The most recent past date that is exactly ``late_days`` working days late."""
        start = cls.today - datetime.timedelta(days=40)
        minutes = employee._kilap_work_minutes_by_date(start, cls.today)[employee.id]
        working = {d for d, m in minutes.items() if m}
        day = cls.today - datetime.timedelta(days=1)
        while day > start:
            if (
                day in working
                and journal_rules.late_working_days(day, cls.today, working)
                == late_days
            ):
                return day
            day -= datetime.timedelta(days=1)
        raise AssertionError("no such day")

    @classmethod
    def last_working_day(cls, employee):
        """Today if it is a working day, else the latest working day before it."""
        start = cls.today - datetime.timedelta(days=10)
        minutes = employee._kilap_work_minutes_by_date(start, cls.today)[employee.id]
        return max(d for d, m in minutes.items() if m)

    def entry(self, employee=None, user=None, **vals):
        employee = employee or self.emp_pegawai
        values = {
            "name": "Menyusun laporan",
            "description": "Menyusun laporan bulanan",
            "employee_id": employee.id,
            "date": self.today,
            "time_start": 8.0,
            "time_end": 9.0,
            "journal_type_id": self.office_type.id,
        }
        values.update(vals)
        Entry = self.env["kilap.journal.entry"]
        if user:
            Entry = Entry.with_user(user)
        return Entry.create(values)


class KilapRpcCase(HttpCase):
    """Attacks replayed over real JSON-RPC (``/web/dataset/call_kw``) as the demo
    roles (password = login), each asserting the refusal and that nothing changed.
    """

    def call_kw(self, login, model, method, args=(), kwargs=None):
        """``(result, error)`` of one RPC call as ``login``."""
        if getattr(self, "_kilap_login", None) != login:
            self.authenticate(login, login)
            self._kilap_login = login
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs or {},
                },
            },
            timeout=30,
        )
        response.raise_for_status()
        body = response.json()
        self.env.invalidate_all()
        return body.get("result"), body.get("error")

    def assertRefused(self, login, model, method, args=(), kwargs=None, error=None):
        """The call is refused with a clear message (a UserError, AccessError or
        ValidationError, never a server crash); returns that message."""
        result, failure = self.call_kw(login, model, method, args, kwargs)
        self.assertTrue(failure, f"{login}: {model}.{method} was accepted: {result}")
        name = failure["data"]["name"]
        self.assertIn(
            name.rsplit(".", 1)[-1],
            error or ("UserError", "AccessError", "ValidationError"),
            failure["data"]["message"],
        )
        self.assertNotIn("Traceback", failure["data"]["message"])
        return failure["data"]["message"]

    def snapshot(self, records, names):
        """What the database holds for ``records``, read as superuser."""
        records.invalidate_recordset()
        return records.sudo().read(names)

    def demo(self, xmlid):
        return self.env.ref(xmlid if "." in xmlid else f"kilap_activity.{xmlid}")


def run_kilap_jobs(env, rounds=20):
    """Run the queued KILAP jobs in this transaction, as queue_job's runner would
    (real ``queue.job`` records, the same perform path), until none is left.
    Returns how many ran."""
    from odoo.addons.queue_job.controllers.main import RunJobController
    from odoo.addons.queue_job.job import Job

    done = 0
    for _round in range(rounds):
        records = (
            env["queue.job"]
            .sudo()
            .search(
                [
                    ("state", "in", ("pending", "enqueued")),
                    ("channel", "=like", "root.kilap%"),
                ],
                order="id",
            )
        )
        if not records:
            return done
        for record in records:
            job = Job.load(env, record.uuid)
            job.set_started()
            job.store()
            RunJobController._try_perform_job(env, job)
            done += 1
    raise AssertionError("KILAP jobs keep enqueuing themselves")
