from datetime import date

from odoo.tests.common import HttpCase, TransactionCase

from odoo.addons.kilap_activity.tests.common import role_groups
from odoo.addons.kilap_attendance_geo.tests.common import KilapGeoMixin

MONTH = date(2025, 3, 1)
MONTH_END = date(2025, 3, 31)


class KilapScoringMixin(KilapGeoMixin):
    """``KilapGeoMixin`` and the scoring helpers: periods, SKP targets, journals
    and daily attendance results of an employee, score lines."""

    @classmethod
    def _period(cls, start=MONTH, end=MONTH_END, **values):
        return cls.env["kilap.score.period"].create(
            {"company_id": cls.company.id, "date_from": start, "date_to": end, **values}
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
                "tl_band_id": cls.band(tl).id if tl else False,
                "psw_band_id": cls.band(psw).id if psw else False,
            }
        )

    def _line(self, period, employee):
        return period.line_ids.filtered(lambda ln: ln.employee_id == employee)


class KilapScoringCase(KilapScoringMixin, TransactionCase):
    """A small pemda of its own: two OPD, a supervisor chain, users per role.

    A separate company keeps the tests clear of the demo pemda's periods.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Pemda Uji Skor"})
        cls.env.user.company_ids |= cls.company
        cls.opd_a = cls.make_department("Dinas A")
        cls.unit_a = cls.make_department("Bidang A1", cls.opd_a)
        cls.opd_b = cls.make_department("Dinas B")

        def staff(login, role, name, dept, parent=None):
            """An employee and its user (``login``, in KILAP ``role``)."""
            employee = cls._emp_vals(name, dept, parent)
            return cls.make_user(login, role_groups(role), employee=employee)

        cls.user_admin_opd, cls.emp_admin_opd = staff(
            "skor_adminopd", "admin_opd", "Admin Dinas A", cls.opd_a
        )
        cls.user_atasan, cls.emp_atasan = staff(
            "skor_atasan", "atasan", "Kepala Bidang A1", cls.unit_a
        )
        cls.user_pegawai, cls.emp_pegawai = staff(
            "skor_pegawai", "pegawai", "Pegawai A1", cls.unit_a, cls.emp_atasan
        )
        cls.user_pegawai2, cls.emp_pegawai2 = staff(
            "skor_pegawai2", "pegawai", "Pegawai A1 Dua", cls.unit_a, cls.emp_atasan
        )
        cls.emp_b = cls.env["hr.employee"].create(cls._emp_vals("Pegawai B", cls.opd_b))
        cls.user_bkpsdm, cls.emp_bkpsdm = staff(
            "skor_bkpsdm", "bkpsdm", "Staf BKPSDM", cls.opd_b
        )
        cls.user_auditor, _ = cls.make_user("skor_auditor", role_groups("auditor"))
        cls.employees = (
            cls.emp_admin_opd
            | cls.emp_atasan
            | cls.emp_pegawai
            | cls.emp_pegawai2
            | cls.emp_b
            | cls.emp_bkpsdm
        )

    @classmethod
    def _emp_vals(cls, name, dept, parent=None):
        return {
            "name": name,
            "company_id": cls.company.id,
            "department_id": dept.id,
            "parent_id": parent.id if parent else False,
        }


class KilapScoringHttpCase(KilapScoringCase, HttpCase):
    """For the PDF reports: wkhtmltopdf fetches the assets over HTTP."""
