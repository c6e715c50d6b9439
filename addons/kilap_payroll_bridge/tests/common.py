from datetime import date, timedelta

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.kilap_activity.tests.common import role_groups
from odoo.addons.kilap_scoring.tests.common import KilapScoringMixin

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


class KilapTppMixin(KilapScoringMixin):
    """``KilapScoringMixin`` and the TPP helpers: a closed month of scores and
    attendance, an OPD's sheet, its approval, an employee's line."""

    @classmethod
    def make_period(cls, month, scores, days, close=True):
        """Period with score lines ``{employee: (kinerja, predikat)}`` and attendance
        ``{employee: {date: vals}}``; working days not given are 'present'."""
        start, end = month
        period = cls._period(start, end, name=start.strftime("%B %Y"))
        cls.env["kilap.score.line"].create(
            [
                {
                    "period_id": period.id,
                    "employee_id": emp.id,
                    "department_id": emp.department_id.id,
                    "kinerja_score": kinerja,
                    "predikat": predikat,
                }
                for emp, (kinerja, predikat) in scores.items()
            ]
        )
        vals_list = []
        for emp in scores:
            special = days.get(emp, {})
            day = start
            while day <= end:
                if day.weekday() < 5:
                    vals = {"status": "present"}
                    vals.update(special.get(day, {}))
                    vals_list.append(
                        {
                            "employee_id": emp.id,
                            "company_id": cls.company.id,
                            "department_id": emp.department_id.id,
                            "date": day,
                            **vals,
                        }
                    )
                day += timedelta(days=1)
        cls.env["kilap.attendance.day"].create(vals_list)
        # the score lines hold the month's attendance tally, as scoring stores it
        tallies = cls.env["kilap.attendance.day"]._kilap_tally(
            [emp.id for emp in scores], start, end
        )
        Line = cls.env["kilap.score.line"]
        for line in period.line_ids:
            line.write(Line._kilap_tally_values(tallies[line.employee_id.id]))
        if close:
            period._kilap_transition({"state": "closed"})
        return period

    def make_sheet(self, period, opd=None, compute=True):
        sheet = self.env["kilap.tpp.sheet"].create(
            {
                "period_id": period.id,
                "department_id": (opd or self.opd).id,
                "company_id": self.company.id,
            }
        )
        if compute:
            sheet.action_compute()
        return sheet

    def approve(self, sheet):
        sheet.action_verify()
        sheet.action_approve()
        return sheet

    def line_of(self, sheet, employee):
        line = sheet.line_ids.filtered(lambda x: x.employee_id == employee)
        self.assertEqual(len(line), 1)
        return line


class KilapTppCase(KilapTppMixin, TransactionCase):
    """A small pemda: one rule set (pattern A), two OPD, three employees, users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create(
            {"name": "Pemda Uji TPP", "currency_id": env.ref("base.IDR").id}
        )
        env.user.company_ids = [Command.link(cls.company.id)]
        cls.ruleset = env.ref("kilap_payroll_bridge.ruleset_default").copy(
            {
                "name": "Perbup Uji 1/2020",
                "company_id": cls.company.id,
                "date_from": date(2020, 1, 1),
            }
        )
        comp_bk = env.ref("kilap_payroll_bridge.component_beban_kerja")
        comp_pk = env.ref("kilap_payroll_bridge.component_prestasi_kerja")
        cls.comp_bk, cls.comp_pk = comp_bk, comp_pk
        # the base TPP of two job classes: {component: amount}
        cls.base_9, cls.base_7 = (
            env["kilap.tpp.base"].create(
                {
                    "name": f"Kelas {kelas} (uji)",
                    "company_id": cls.company.id,
                    "kelas_jabatan": kelas,
                    "line_ids": [
                        Command.create({"component_id": comp.id, "amount": amount})
                        for comp, amount in amounts.items()
                    ],
                }
            )
            for kelas, amounts in (
                (9, {comp_bk: 4000000, comp_pk: 1000000}),
                (7, {comp_bk: 3000000}),
            )
        )
        cls.opd = cls.make_department("Dinas Uji")
        cls.unit = cls.make_department("Bidang Uji", cls.opd)
        cls.opd2 = cls.make_department("Badan Lain")
        cls.gol_iii_c = env.ref("kilap_activity.golongan_iii_c")
        cls.gol_iii_a = env.ref("kilap_activity.golongan_iii_a")
        Emp = env["hr.employee"]
        cls.users = {}
        cls.users["pegawai"], cls.emp_a = cls.make_user(
            "tpp_test_pegawai",
            role_groups("pegawai"),
            employee={
                "name": "Andi PNS",
                "department_id": cls.unit.id,
                "asn_status": "pns",
                "golongan_id": cls.gol_iii_c.id,
                "kelas_jabatan": 9,
                "jabatan_name": "Analis Uji",
            },
            name="TPP pegawai",
        )
        for key, group in (
            ("auditor", "auditor"),
            ("bkpsdm", "bkpsdm"),
            ("keuangan", "kilap_payroll_bridge.group_kilap_keuangan"),
            # the second pair of eyes, the treasurer and the head of finance
            ("keuangan2", "kilap_payroll_bridge.group_kilap_keuangan"),
            ("bendahara", "kilap_payroll_bridge.group_kilap_bendahara"),
            ("kabid", "kilap_payroll_bridge.group_kilap_keuangan_manager"),
        ):
            cls.users[key], _ = cls.make_user(
                f"tpp_test_{key}", role_groups(group), name=f"TPP {key}"
            )
        cls.emp_c = Emp.create(
            {
                "name": "Citra CPNS",
                "company_id": cls.company.id,
                "department_id": cls.opd.id,
                "asn_status": "cpns",
                "golongan_id": cls.gol_iii_a.id,
                "kelas_jabatan": 7,
                "jabatan_name": "Pengelola Uji",
            }
        )
        cls.emp_c.tpp_zakat = True
        cls.emp_other = Emp.create(
            {
                "name": "Other OPD",
                "company_id": cls.company.id,
                "department_id": cls.opd2.id,
                "asn_status": "pns",
                "golongan_id": cls.gol_iii_c.id,
                "kelas_jabatan": 9,
            }
        )
