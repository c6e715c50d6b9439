from datetime import date, timedelta

from odoo import Command
from odoo.tests import TransactionCase

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


class TppCase(TransactionCase):
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
        cls.base_9 = env["kilap.tpp.base"].create(
            {
                "name": "Kelas 9 (uji)",
                "company_id": cls.company.id,
                "kelas_jabatan": 9,
                "line_ids": [
                    Command.create({"component_id": comp_bk.id, "amount": 4000000}),
                    Command.create({"component_id": comp_pk.id, "amount": 1000000}),
                ],
            }
        )
        cls.base_7 = env["kilap.tpp.base"].create(
            {
                "name": "Kelas 7 (uji)",
                "company_id": cls.company.id,
                "kelas_jabatan": 7,
                "line_ids": [
                    Command.create({"component_id": comp_bk.id, "amount": 3000000}),
                ],
            }
        )
        Dept = env["hr.department"]
        cls.opd = Dept.create({"name": "Dinas Uji", "company_id": cls.company.id})
        cls.unit = Dept.create(
            {
                "name": "Bidang Uji",
                "parent_id": cls.opd.id,
                "company_id": cls.company.id,
            }
        )
        cls.opd2 = Dept.create({"name": "Badan Lain", "company_id": cls.company.id})

        groups = {
            "pegawai": env.ref("kilap_activity.group_kilap_pegawai"),
            "auditor": env.ref("kilap_activity.group_kilap_auditor"),
            "bkpsdm": env.ref("kilap_activity.group_kilap_bkpsdm"),
            "keuangan": env.ref("kilap_payroll_bridge.group_kilap_keuangan"),
            # the second pair of eyes, the treasurer and the head of finance
            "keuangan2": env.ref("kilap_payroll_bridge.group_kilap_keuangan"),
            "bendahara": env.ref("kilap_payroll_bridge.group_kilap_bendahara"),
            "kabid": env.ref("kilap_payroll_bridge.group_kilap_keuangan_manager"),
        }
        cls.users = {}
        for login, group in groups.items():
            cls.users[login] = env["res.users"].create(
                {
                    "name": "TPP %s" % login,
                    "login": "tpp_test_%s" % login,
                    "password": "tpp_test_%s" % login,
                    "company_id": cls.company.id,
                    "company_ids": [Command.set([cls.company.id])],
                    "group_ids": [
                        Command.set([env.ref("base.group_user").id, group.id])
                    ],
                }
            )
        cls.gol_iii_c = env.ref("kilap_activity.golongan_iii_c")
        cls.gol_iii_a = env.ref("kilap_activity.golongan_iii_a")
        Emp = env["hr.employee"]
        cls.emp_a = Emp.create(
            {
                "name": "Andi PNS",
                "company_id": cls.company.id,
                "department_id": cls.unit.id,
                "asn_status": "pns",
                "golongan_id": cls.gol_iii_c.id,
                "kelas_jabatan": 9,
                "jabatan_name": "Analis Uji",
                "user_id": cls.users["pegawai"].id,
            }
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

    # ------------------------------------------------------------ helpers
    @classmethod
    def band(cls, code):
        return cls.env.ref("kilap_attendance_geo.band_%s" % code.lower())

    @classmethod
    def make_period(cls, month, scores, days, close=True):
        """Period with score lines ``{employee: (kinerja, predikat)}`` and attendance
        ``{employee: {date: vals}}``; working days not given are 'present'."""
        start, end = month
        period = cls.env["kilap.score.period"].create(
            {
                "name": start.strftime("%B %Y"),
                "company_id": cls.company.id,
                "date_from": start,
                "date_to": end,
            }
        )
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

    def queries_of(self, func):
        """Queries of ``func()`` from a cold cache, its writes flushed."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def flush_tracking(self):
        """Write the pending tracking messages, as a commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def approve(self, sheet):
        sheet.action_verify()
        sheet.action_approve()
        return sheet

    def line_of(self, sheet, employee):
        line = sheet.line_ids.filtered(lambda x: x.employee_id == employee)
        self.assertEqual(len(line), 1)
        return line
