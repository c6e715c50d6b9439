from datetime import date

from odoo.tests.common import HttpCase, TransactionCase, new_test_user

MONTH = date(2025, 3, 1)
MONTH_END = date(2025, 3, 31)


class KilapScoringMixin:
    """A small pemda of its own: two OPD, a supervisor chain, users per role.

    A separate company keeps the tests clear of the demo pemda's periods.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Pemda Uji Skor"})
        cls.env.user.company_ids |= cls.company
        Dept = cls.env["hr.department"].with_company(cls.company)
        cls.opd_a = Dept.create({"name": "Dinas A", "company_id": cls.company.id})
        cls.unit_a = Dept.create(
            {
                "name": "Bidang A1",
                "parent_id": cls.opd_a.id,
                "company_id": cls.company.id,
            }
        )
        cls.opd_b = Dept.create({"name": "Dinas B", "company_id": cls.company.id})

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[(6, 0, [cls.company.id])],
            )

        cls.user_bkpsdm = user(
            "skor_bkpsdm", "base.group_user,kilap_activity.group_kilap_bkpsdm"
        )
        cls.user_admin_opd = user(
            "skor_adminopd", "base.group_user,kilap_activity.group_kilap_admin_opd"
        )
        cls.user_atasan = user(
            "skor_atasan", "base.group_user,kilap_activity.group_kilap_atasan"
        )
        cls.user_pegawai = user(
            "skor_pegawai", "base.group_user,kilap_activity.group_kilap_pegawai"
        )
        cls.user_pegawai2 = user(
            "skor_pegawai2", "base.group_user,kilap_activity.group_kilap_pegawai"
        )
        cls.user_auditor = user(
            "skor_auditor", "base.group_user,kilap_activity.group_kilap_auditor"
        )
        Emp = cls.env["hr.employee"].with_company(cls.company)

        def employee(name, dept, parent=None, user=None):
            return Emp.create(
                {
                    "name": name,
                    "company_id": cls.company.id,
                    "department_id": dept.id,
                    "parent_id": parent.id if parent else False,
                    "user_id": user.id if user else False,
                }
            )

        cls.emp_admin_opd = employee(
            "Admin Dinas A", cls.opd_a, user=cls.user_admin_opd
        )
        cls.emp_atasan = employee("Kepala Bidang A1", cls.unit_a, user=cls.user_atasan)
        cls.emp_pegawai = employee(
            "Pegawai A1", cls.unit_a, cls.emp_atasan, cls.user_pegawai
        )
        cls.emp_pegawai2 = employee(
            "Pegawai A1 Dua", cls.unit_a, cls.emp_atasan, cls.user_pegawai2
        )
        cls.emp_b = employee("Pegawai B", cls.opd_b)
        cls.emp_bkpsdm = employee("Staf BKPSDM", cls.opd_b, user=cls.user_bkpsdm)
        cls.employees = (
            cls.emp_admin_opd
            | cls.emp_atasan
            | cls.emp_pegawai
            | cls.emp_pegawai2
            | cls.emp_b
            | cls.emp_bkpsdm
        )
        cls.band = {
            code: cls.env.ref(f"kilap_attendance_geo.band_{code.lower()}")
            for code in ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")
        }

    # ------------------------------------------------------------ helpers
    @classmethod
    def _period(cls, start=MONTH, end=MONTH_END):
        return cls.env["kilap.score.period"].create(
            {"company_id": cls.company.id, "date_from": start, "date_to": end}
        )

    @classmethod
    def _skp(cls, employee, targets, year=2025, month=3):
        """An SKP with one RHK per target quantity; returns the RHK records."""
        skp = cls.env["kilap.skp"].create({"employee_id": employee.id, "year": year})
        rhks = cls.env["kilap.skp.rhk"]
        for index, target in enumerate(targets):
            rhk = cls.env["kilap.skp.rhk"].create(
                {"name": f"RHK {index + 1} {employee.name}", "skp_id": skp.id}
            )
            cls.env["kilap.skp.action"].create(
                {
                    "name": f"Aksi {index + 1}",
                    "rhk_id": rhk.id,
                    "month": month,
                    "target_qty": target,
                }
            )
            rhks |= rhk
        skp._kilap_transition({"state": "approved"})  # only approved targets count
        return rhks

    @classmethod
    def _journal(
        cls, employee, day, qty, rhk=None, state="approved", hour=8.0, catalog=None
    ):
        vals = {
            "name": "Kegiatan",
            "description": "Uraian kegiatan",
            "employee_id": employee.id,
            "date": day,
            "time_start": hour,
            "time_end": hour + 0.5,
            "output_qty": qty,
            "rhk_id": rhk.id if rhk else False,
            "state": state,
        }
        if catalog:
            vals["catalog_id"] = catalog.id
        return (
            cls.env["kilap.journal.entry"]
            .sudo()
            .with_context(kilap_journal_import=True)
            ._kilap_create_in_state(vals)
        )

    @classmethod
    def _day(cls, employee, day, status="present", tl=None, psw=None):
        return cls.env["kilap.attendance.day"].create(
            {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "department_id": employee.department_id.id,
                "date": day,
                "status": status,
                "tl_band_id": cls.band[tl].id if tl else False,
                "psw_band_id": cls.band[psw].id if psw else False,
            }
        )

    def _line(self, period, employee):
        return period.line_ids.filtered(lambda ln: ln.employee_id == employee)


class KilapScoringCase(KilapScoringMixin, TransactionCase):
    pass


class KilapScoringHttpCase(KilapScoringMixin, HttpCase):
    """For the PDF reports: wkhtmltopdf fetches the assets over HTTP."""
