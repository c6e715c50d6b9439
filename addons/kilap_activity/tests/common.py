import datetime
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

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


class KilapActivityCase(TransactionCase):
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
        Dept = cls.env["hr.department"]
        cls.opd_a = Dept.create({"name": "Dinas A", "company_id": cls.company.id})
        cls.unit_a1 = Dept.create(
            {
                "name": "Bidang A1",
                "parent_id": cls.opd_a.id,
                "company_id": cls.company.id,
            }
        )
        cls.opd_b = Dept.create({"name": "Dinas B", "company_id": cls.company.id})

        def user(login, role):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{GROUP}{role}",
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
                tz="Asia/Makassar",
            )

        cls.user_bkpsdm = user("t_bkpsdm", "bkpsdm")
        cls.user_admin_opd = user("t_adminopd", "admin_opd")
        cls.user_atasan = user("t_atasan", "atasan")
        cls.user_pegawai = user("t_pegawai", "pegawai")
        cls.user_pegawai2 = user("t_pegawai2", "pegawai")
        cls.user_other_atasan = user("t_atasan_b", "atasan")
        cls.user_auditor = user("t_auditor", "auditor")

        Employee = cls.env["hr.employee"].with_context(tracking_disable=True)

        def employee(name, dept, user=None, parent=None, nip=False, sex="male"):
            return Employee.create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": dept.id,
                    "user_id": user and user.id,
                    "parent_id": parent and parent.id,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "Asia/Makassar",
                    "nip": nip,
                    "sex": sex,
                }
            )

        cls.emp_head = employee("Kepala Dinas A", cls.opd_a, nip="197001011995031001")
        cls.emp_admin_opd = employee(
            "Admin OPD A",
            cls.opd_a,
            cls.user_admin_opd,
            cls.emp_head,
            "198001012005011001",
        )
        cls.emp_atasan = employee(
            "Atasan A1",
            cls.unit_a1,
            cls.user_atasan,
            cls.emp_head,
            "198101012006011002",
        )
        cls.emp_pegawai = employee(
            "Pegawai A1",
            cls.unit_a1,
            cls.user_pegawai,
            cls.emp_atasan,
            "199001012015032003",
            "female",
        )
        cls.emp_pegawai2 = employee(
            "Pegawai A1 kedua",
            cls.unit_a1,
            cls.user_pegawai2,
            cls.emp_atasan,
            "199101012016031004",
        )
        cls.emp_atasan_b = employee(
            "Atasan B", cls.opd_b, cls.user_other_atasan, nip="198201012007011005"
        )
        cls.emp_staff_b = employee(
            "Staf B", cls.opd_b, None, cls.emp_atasan_b, "199201012017031006"
        )
        cls.emp_bkpsdm = employee(
            "BKPSDM", cls.opd_b, cls.user_bkpsdm, nip="197501012000031007"
        )
        cls.emp_auditor = employee(
            "Auditor", cls.opd_b, cls.user_auditor, nip="197601012001031008"
        )
        cls.office_type = cls.env.ref("kilap_activity.journal_type_office")
        cls.field_type = cls.env.ref("kilap_activity.journal_type_field")
        cls.today = cls.emp_pegawai._kilap_today()

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=arguments-differ
        """Like unittest's, inside Odoo's savepoint: a failed create leaves nothing."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    def flush_tracking(self):
        """Tracking is written at pre-commit; each button is its own transaction."""
        self.env.flush_all()
        self.env.cr.precommit.run()

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
