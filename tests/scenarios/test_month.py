"""One month of a small pemda across the four add-ons, end to end (issue #14).

March 2026 in a company of its own (the demo pemda's periods stay out of it),
each step as the user whose job it is, time frozen at the moment it happens:

1. two staff check in and out on the phone route (``/kilap/attendance/check``)
   for a week, with a late arrival (TL2), an absent day (TK, after a refused
   check-in from home), a TL1 and a PSW1; the other working days come from a
   trusted import; Nyepi is a public holiday;
2. the nightly job (queue_job) computes the daily results;
3. staff write the journal on the phone (``/kilap/phone/journal``), the
   supervisor approves it and rejects one entry, BKPSDM approves his;
4. BKPSDM computes the period (a job per OPD), the appraisers rate behaviour,
   BKPSDM closes it; the next morning a late offline check-in into the month is
   refused and the nightly job leaves the month alone;
5. finance generates the TPP sheet (jobs); the user who generated and verified
   it may not approve it (four-eyes), a second one does;
6. the payslip batch (OCA payroll) carries the TPP inputs;
7. bank and SIPD files (CSV and XLSX), then the treasurer marks the sheet paid;
8. every rupiah is compared with a computation by hand from the rule set;
9. recomputing changes nothing: the month's daily results, the TPP generation,
   the differences report, the payslips, the exports, and a reopen + compute +
   close of the period; what a closed month or a paid sheet refuses is refused.
"""

import base64
import io
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytz

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

WITA = pytz.timezone("Asia/Makassar")
OFFICE = (0.9212, 122.6047)  # Kwandang, Gorontalo Utara
# 1x1 PNG: the phone journal's photo evidence
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
    "mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
MONTH = (date(2026, 3, 1), date(2026, 3, 31))
NYEPI = date(2026, 3, 19)  # Thursday: a public holiday of this pemda
PHONE_WEEK = [date(2026, 3, d) for d in (9, 10, 11, 12, 13)]  # Mon-Fri
LATE_DAY = date(2026, 3, 12)  # Andi arrives at 08:10: 40 min late, TL2
ABSENT_DAY = date(2026, 3, 13)  # Andi does not come: TK
CPNS_LATE_DAY = date(2026, 3, 9)  # Citra arrives at 07:45: 15 min late, TL1
CPNS_EARLY_DAY = date(2026, 3, 11)  # Citra leaves at 15:40: 20 min early, PSW1
D = Decimal


def wita(day, hour, minute=0):
    """Naive UTC datetime (as Odoo stores it) of a WITA wall-clock time."""
    local = WITA.localize(datetime.combine(day, datetime.min.time()))
    local += timedelta(hours=hour, minutes=minute)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def north(point, metres):
    return point[0] + metres / 111_195.0, point[1]


def weekdays():
    day = MONTH[0]
    while day <= MONTH[1]:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def rupiah(amount):
    return D(amount).quantize(D(1), rounding=ROUND_HALF_UP)


def hand_tpp(components, cpns, kinerja, cuts_pct, pph_pct, zakat):
    """The month's TPP of one employee, by hand from the rule set's numbers
    (docs/domain.md): weights 60/40, CPNS 80 %, performance = score capped at
    100 %, discipline cuts on the disiplin part (pattern A), then PPh 21 by
    golongan, BPJS 1 % (ceiling 12 million) and zakat 2.5 % when asked."""
    base = sum(D(c) for c in components)
    gross = rupiah(base * D(80) / 100) if cpns else base
    kinerja_part = rupiah(rupiah(gross * D(60) / 100) * min(D(kinerja), D(100)) / 100)
    disiplin_max = gross - rupiah(gross * D(60) / 100)
    disiplin_part = rupiah(disiplin_max * (1 - D(cuts_pct) / 100))
    tpp = kinerja_part + disiplin_part
    pph = rupiah(tpp * D(pph_pct) / 100)
    bpjs = rupiah(min(tpp, D(12_000_000)) * D(1) / 100)
    zakat_amount = rupiah(tpp * D("2.5") / 100) if zakat else D(0)
    return {
        "base_amount": base,
        "tpp_gross": gross,
        "kinerja_part": kinerja_part,
        "disiplin_part": disiplin_part,
        "tpp": tpp,
        "pph21": pph,
        "bpjs_employee": bpjs,
        "zakat": zakat_amount,
        "net": tpp - pph - bpjs - zakat_amount,
    }


@tagged("post_install", "-at_install")
class TestScenarioMonth(HttpCase):
    """March 2026 of the Pemerintah Kabupaten Skenario, from check-in to bank file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env["res.company"].create(
            {
                "name": "Pemerintah Kabupaten Skenario",
                "currency_id": env.ref("base.IDR").id,
                "kilap_makeup_enabled": False,
                "kilap_tpp_four_eyes": True,
            }
        )
        env.user.company_ids = [Command.link(cls.company.id)]
        company_id = cls.company.id
        cls.calendar = env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        Dept = env["hr.department"]
        cls.opd = Dept.create(
            {"name": "Dinas Kominfo Skenario", "company_id": company_id}
        )
        cls.unit = Dept.create(
            {
                "name": "Bidang Aplikasi Informatika",
                "parent_id": cls.opd.id,
                "company_id": company_id,
            }
        )
        cls.location = env["hr.work.location"].create(
            {
                "name": "Kantor Dinas Kominfo",
                "company_id": company_id,
                "address_id": cls.company.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        cls.fence = env["kilap.geofence"].create(
            {
                "name": "Kantor Dinas Kominfo",
                "company_id": company_id,
                "work_location_id": cls.location.id,
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "radius": 100,
            }
        )
        # company_id of a global leave is computed (from its calendar, else the
        # current company): the holiday is created in the pemda's company
        cls.nyepi = (
            env["resource.calendar.leaves"]
            .with_company(cls.company)
            .create(
                {
                    "name": "Hari Suci Nyepi",
                    "company_id": company_id,
                    "date_from": wita(NYEPI, 0),
                    "date_to": wita(NYEPI, 23, 59),
                }
            )
        )

        def user(login, *groups):
            return new_test_user(
                env,
                login=login,
                name=login.replace("scn_", "").replace("_", " ").title(),
                groups=",".join(("base.group_user", *groups)),
                company_id=company_id,
                company_ids=[Command.set([company_id])],
                tz="Asia/Makassar",
            )

        kilap, tpp = "kilap_activity.group_kilap_", "kilap_payroll_bridge.group_kilap_"
        cls.u_andi = user("scn_andi", kilap + "pegawai")
        cls.u_citra = user("scn_citra", kilap + "pegawai")
        cls.u_budi = user("scn_budi", kilap + "atasan")
        cls.u_bkpsdm = user("scn_bkpsdm", kilap + "bkpsdm")
        # the first prepares the TPP sheet (finance only: no HR or payroll
        # rights, yet the sheet reads the employees' bank accounts and names),
        # the second approves it and runs payroll
        cls.u_keu1 = user("scn_keuangan1", tpp + "keuangan")
        cls.u_keu2 = user(
            "scn_keuangan2", tpp + "keuangan", "payroll.group_payroll_manager"
        )
        cls.u_bendahara = user("scn_bendahara", tpp + "bendahara")

        # payroll: the pemda's structure, with the TPP salary rules the add-on
        # ships (shared by every company) and its own basic pay and net
        Category = env["hr.salary.rule.category"].with_company(cls.company)
        tpp_rules = env["hr.salary.rule"].browse(
            env.ref(f"kilap_payroll_bridge.salary_rule_{xmlid}").id
            for xmlid in ("tpp", "tpp_pph21", "tpp_bpjs", "tpp_zakat", "tpp_net")
        )
        cls.tpp_rules = tpp_rules
        categ_basic = Category.create(
            {"name": "Gaji Pokok", "code": "SCN_BASIC", "company_id": company_id}
        )
        categ_net = Category.create(
            {"name": "Dibayar", "code": "SCN_NET", "company_id": company_id}
        )
        rules = env["hr.salary.rule"].create(
            [
                {
                    "name": "Gaji Pokok",
                    "code": "BASIC",
                    "sequence": 1,
                    "company_id": company_id,
                    "category_id": categ_basic.id,
                    "amount_select": "code",
                    "amount_python_compute": "result = contract.wage",
                },
                {
                    "name": "Take Home Pay",
                    "code": "NET",
                    "sequence": 200,
                    "company_id": company_id,
                    "category_id": categ_net.id,
                    "amount_select": "code",
                    "amount_python_compute": "result = categories.SCN_BASIC"
                    " + categories.TPP_ALW + categories.TPP_DED",
                },
            ]
        )
        cls.structure = env["hr.payroll.structure"].create(
            {
                "name": "Gaji ASN + TPP (Skenario)",
                "code": "SCN_ASN",
                "company_id": company_id,
                "parent_id": False,
                "rule_ids": [Command.set((rules | tpp_rules).ids)],
            }
        )

        Emp = env["hr.employee"].with_context(tracking_disable=True)
        bank = env["res.bank"].create({"name": "Bank SulutGo", "bic": "SULUTGO1"})

        def employee(name, user, nip, sex, gol, kelas, jabatan, wage, **vals):
            emp = Emp.create(
                {
                    "name": name,
                    "company_id": company_id,
                    "department_id": cls.unit.id,
                    "user_id": user.id,
                    "nip": nip,
                    "sex": sex,
                    "golongan_id": env.ref(f"kilap_activity.golongan_{gol}").id,
                    "kelas_jabatan": kelas,
                    "jabatan_name": jabatan,
                    "work_location_id": cls.location.id,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "Asia/Makassar",
                    "date_version": date(2026, 1, 1),
                    "contract_date_start": date(2026, 1, 1),
                    "wage": wage,
                    "struct_id": cls.structure.id,
                    **vals,
                }
            )
            account = env["res.partner.bank"].create(
                {
                    "partner_id": emp.work_contact_id.id,
                    "acc_number": "00%s" % nip[-10:],
                    "bank_id": bank.id,
                }
            )
            emp.bank_account_ids = [Command.set(account.ids)]
            return emp

        # the unit's head (his SKP is approved by BKPSDM, he has no supervisor)
        cls.budi = employee(
            "Budi Santoso",
            cls.u_budi,
            "197504122000031001",
            "male",
            "iv_a",
            11,
            "Kepala Bidang Aplikasi Informatika",
            5_200_000,
            asn_status="pns",
            jabatan_type="administrator",
        )
        cls.andi = employee(
            "Andi Pratama",
            cls.u_andi,
            "199006152015031002",
            "male",
            "iii_c",
            9,
            "Pranata Komputer Ahli Pertama",
            3_900_000,
            asn_status="pns",
            jabatan_type="fungsional",
            parent_id=cls.budi.id,
        )
        cls.citra = employee(
            "Citra Lestari",
            cls.u_citra,
            "199802202025032003",
            "female",
            "iii_a",
            7,
            "Pengelola Sistem Informasi",
            2_700_000,
            asn_status="cpns",
            jabatan_type="pelaksana",
            parent_id=cls.budi.id,
        )
        cls.citra.tpp_zakat = True
        cls.staff = cls.budi | cls.andi | cls.citra
        cls.employee_of = {cls.u_andi: cls.andi, cls.u_citra: cls.citra}

        # TPP: the default rule set, copied for this pemda (as finance would)
        cls.ruleset = env.ref("kilap_payroll_bridge.ruleset_default").copy(
            {
                "name": "Perbup Skenario 7/2026",
                "company_id": company_id,
                "date_from": date(2026, 1, 1),
            }
        )
        comp = {
            code: env.ref(f"kilap_payroll_bridge.component_{xmlid}")
            for code, xmlid in (
                ("BK", "beban_kerja"),
                ("TB", "tempat_bertugas"),
                ("KK", "kondisi_kerja"),
                ("PK", "prestasi_kerja"),
            )
        }
        cls.components = comp

        def base(name, lines, **vals):
            return env["kilap.tpp.base"].create(
                {
                    "name": name,
                    "company_id": company_id,
                    "line_ids": [
                        Command.create({"component_id": comp[c].id, "amount": a})
                        for c, a in lines
                    ],
                    **vals,
                }
            )

        # the head by his post's name, the others by their position class
        base(
            "Kepala Bidang",
            [("BK", 6_000_000), ("PK", 2_000_000), ("TB", 1_000_000)],
            jabatan_name="Kepala Bidang Aplikasi Informatika",
        )
        base("Kelas 11", [("BK", 7_000_000)], kelas_jabatan=11)  # not his: name wins
        base("Kelas 9", [("BK", 4_000_000), ("PK", 1_000_000)], kelas_jabatan=9)
        base("Kelas 7", [("BK", 3_000_000), ("KK", 500_000)], kelas_jabatan=7)

        # SKP 2026: each employee drafts and submits, the appraiser approves
        cls.rhk = {}
        for emp, user, target, approver in (
            (cls.andi, cls.u_andi, 10, cls.u_budi),
            (cls.citra, cls.u_citra, 6, cls.u_budi),
            (cls.budi, cls.u_budi, 4, cls.u_bkpsdm),
        ):
            skp = (
                env["kilap.skp"]
                .with_user(user)
                .create(
                    {
                        "employee_id": emp.id,
                        "year": 2026,
                        "rhk_ids": [
                            Command.create(
                                {
                                    "name": f"Layanan aplikasi {emp.name}",
                                    "action_ids": [
                                        Command.create(
                                            {
                                                "name": "Rencana aksi Maret",
                                                "month": 3,
                                                "target_qty": target,
                                            }
                                        )
                                    ],
                                }
                            )
                        ],
                    }
                )
            )
            skp.action_submit()
            skp.with_user(approver).action_approve()
            cls.rhk[emp] = skp.rhk_ids

    # ------------------------------------------------------------ helpers
    def run_jobs(self):
        """Run the queued KILAP jobs; none of this pemda's may fail."""
        run_kilap_jobs(self.env)
        failed = self.env["kilap.job.chunk"].search(
            [("batch_id.company_id", "=", self.company.id), ("state", "=", "failed")]
        )
        self.assertFalse(failed.mapped("error"))

    def phone_check(self, user, day, hour, minute, point=OFFICE):
        """Tap Check in / Check out on the phone page at that WITA time."""
        with freeze_time(wita(day, hour, minute)):
            self.authenticate(user.login, user.login)
            return self.make_jsonrpc_request(
                "/kilap/attendance/check",
                {"latitude": point[0], "longitude": point[1], "accuracy": 12},
            )

    def phone_journal(self, user, day, uuid, qty, start="09:00", end="11:30"):
        with freeze_time(wita(day, 15, 0)):
            self.authenticate(user.login, user.login)
            employee = self.employee_of[user]
            result = self.make_jsonrpc_request(
                "/kilap/phone/journal",
                {
                    "items": [
                        {
                            "uuid": uuid,
                            "time_start": start,
                            "time_end": end,
                            "description": f"Pemeliharaan aplikasi {uuid}\nrincian",
                            "rhk_id": self.rhk[employee].id,
                            "output_qty": qty,
                            "submit": True,
                            "photo": {
                                "name": "bukti.png",
                                "mimetype": "image/png",
                                "data": PNG,
                            },
                        }
                    ]
                },
            )["results"][0]
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(result["state"], "submitted")
        return self.env["kilap.journal.entry"].browse(result["entry_id"])

    def attendances(self, employee):
        return self.env["hr.attendance"].search(
            [("employee_id", "=", employee.id)], order="check_in"
        )

    def days(self, employee):
        return self.env["kilap.attendance.day"].search(
            [
                ("employee_id", "=", employee.id),
                ("date", ">=", MONTH[0]),
                ("date", "<=", MONTH[1]),
            ],
            order="date",
        )

    def day(self, employee, day):
        row = self.days(employee).filtered(lambda r: r.date == day)
        self.assertEqual(len(row), 1, f"{employee.name} {day}")
        return row

    def day_snapshot(self):
        rows = self.env["kilap.attendance.day"].search(
            [
                ("employee_id", "in", self.staff.ids),
                ("date", ">=", MONTH[0]),
                ("date", "<=", MONTH[1]),
            ]
        )
        rows.invalidate_recordset()
        fields = list(rows._kilap_value_fields())
        return sorted(
            (row.id, row.employee_id.id, str(row.date), *row.read(fields)[0].values())
            for row in rows
        ), len(rows)

    def score_snapshot(self, period):
        period.line_ids.invalidate_recordset()
        return sorted(
            period.line_ids.read(
                [
                    "employee_id",
                    "kinerja_score",
                    "disiplin_score",
                    "total_score",
                    "predikat",
                    "rank",
                    "tk_days",
                    "tl2_count",
                ]
            ),
            key=lambda r: r["id"],
        )

    def sheet_snapshot(self, sheet):
        sheet.invalidate_recordset()
        sheet.line_ids.invalidate_recordset()
        lines = sorted(
            sheet.line_ids.read(
                ["employee_id", "tpp", "net", "pph21", "bpjs_employee", "zakat"]
            ),
            key=lambda r: r["id"],
        )
        return (
            sheet.state,
            sheet.line_count,
            sheet.amount_tpp,
            sheet.amount_net,
            len(sheet.line_ids.component_ids),
            lines,
        )

    def export(self, sheet, user, kind, fmt):
        wizard = (
            self.env["kilap.tpp.export"]
            .with_user(user)
            .create({"sheet_id": sheet.id, "kind": kind, "file_format": fmt})
        )
        action = wizard.action_export()
        self.assertEqual(
            action["url"], "/web/content/%d?download=true" % wizard.attachment_id.id
        )
        attachment = wizard.sudo().attachment_id
        self.assertEqual(attachment.res_model, "kilap.tpp.sheet")
        self.assertEqual(attachment.res_id, sheet.id)
        self.assertEqual(
            attachment.name, f"{kind}-Dinas_Kominfo_Skenario-2026-03.{fmt}"
        )
        return base64.b64decode(attachment.datas)

    @staticmethod
    def csv_rows(content):
        text = content.decode("utf-8-sig")
        return [row.split(";") for row in text.strip().splitlines()]

    # ------------------------------------------------------------ the month
    def test_month_from_check_in_to_bank_file(self):
        """The steps share one transaction: each one builds on the previous."""
        # the shipped TPP salary rules serve every pemda (company)
        self.assertFalse(
            self.tpp_rules.company_id | self.tpp_rules.category_id.company_id
        )
        self._check_ins()
        self._nightly_results()
        self._journal()
        period = self._score_and_close()
        self._after_close()
        sheet = self._tpp_sheet(period)
        slips = self._payslips(sheet)
        exports = self._exports_and_payment(sheet)
        self._recompute_changes_nothing(period, sheet, slips, exports)

    def import_attendance(self, employees, days):
        """Attendance of other working days from a trusted import (a kiosk or the
        previous system): superuser server code, at the office."""
        vals_list = []
        for day in days:
            if day == NYEPI:
                continue
            end = (16, 35) if day.weekday() == 4 else (16, 5)
            vals_list += [
                {
                    "employee_id": emp.id,
                    "check_in": wita(day, 7, 20),
                    "check_out": wita(day, *end),
                    "in_latitude": OFFICE[0],
                    "in_longitude": OFFICE[1],
                    "out_latitude": OFFICE[0],
                    "out_longitude": OFFICE[1],
                }
                for emp in employees
            ]
        self.env["hr.attendance"].sudo().create(vals_list)

    def _check_ins(self):
        # the week before the phone week for the two staff, the whole month for
        # their head (the staff's later weeks are imported after the phone week:
        # the phone's check-in/out toggles on the latest attendance)
        self.import_attendance(self.budi, weekdays())
        self.import_attendance(
            self.andi | self.citra, [d for d in weekdays() if d < PHONE_WEEK[0]]
        )

        # the phone week: (check-in, check-out) in WITA per day, None = absent
        plan = {
            self.u_andi: {
                date(2026, 3, 9): ((7, 22), (16, 3)),
                date(2026, 3, 10): ((7, 25), (16, 10)),
                date(2026, 3, 11): ((7, 18), (16, 2)),
                LATE_DAY: ((8, 10), (16, 12)),
                ABSENT_DAY: None,
            },
            self.u_citra: {
                CPNS_LATE_DAY: ((7, 45), (16, 5)),
                date(2026, 3, 10): ((7, 26), (16, 1)),
                CPNS_EARLY_DAY: ((7, 29), (15, 40)),
                date(2026, 3, 12): ((7, 15), (16, 0)),
                date(2026, 3, 13): ((7, 28), (16, 31)),
            },
        }
        inside_in, inside_out = north(OFFICE, 35), north(OFFICE, 60)
        for user, days in plan.items():
            employee = self.employee_of[user]
            for day, times in days.items():
                if times is None:
                    # he tries from home, 2 km away: refused, nothing saved
                    before = len(self.attendances(employee))
                    answer = self.phone_check(user, day, 7, 40, north(OFFICE, 2000))
                    self.assertFalse(answer["ok"])
                    self.assertIn(
                        "from the nearest geofence Kantor Dinas Kominfo",
                        answer["message"],
                    )
                    self.assertEqual(len(self.attendances(employee)), before)
                    continue
                (h_in, m_in), (h_out, m_out) = times
                answer = self.phone_check(user, day, h_in, m_in, inside_in)
                self.assertTrue(answer["ok"], answer)
                self.assertEqual(answer["state"], "checked_in")
                self.assertEqual(answer["fence"], "Kantor Dinas Kominfo")
                self.assertFalse(answer["flagged"])
                if user == self.u_andi and day == LATE_DAY:
                    # the phone page tells him at once
                    with freeze_time(wita(day, 8, 11)):
                        state = self.make_jsonrpc_request("/kilap/phone/state", {})
                    self.assertTrue(state["checked_in"])
                    self.assertEqual(state["today"], "2026-03-12")
                    self.assertEqual(state["punctual_text"], "Late 40 min (TL2)")
                    self.assertEqual(state["punctual_class"], "late")
                answer = self.phone_check(user, day, h_out, m_out, inside_out)
                self.assertTrue(answer["ok"], answer)
                self.assertEqual(answer["state"], "checked_out")
                attendance = self.env["hr.attendance"].browse(answer["attendance_id"])
                self.assertEqual(attendance.employee_id, employee)
                self.assertEqual(attendance.check_in, wita(day, h_in, m_in))
                self.assertEqual(attendance.check_out, wita(day, h_out, m_out))
                self.assertEqual(attendance.in_mode, "kilap_portal")
                self.assertEqual(attendance.kilap_in_fence_id, self.fence)
                self.assertEqual(attendance.kilap_out_fence_id, self.fence)
                self.assertEqual(attendance.kilap_in_distance_m, 35)
                self.assertEqual(attendance.kilap_review_state, "none")

        self.import_attendance(
            self.andi | self.citra, [d for d in weekdays() if d > PHONE_WEEK[-1]]
        )
        # 21 working days: 16 imported + 4 (Andi) or 5 (Citra) on the phone
        self.assertEqual(len(self.attendances(self.andi)), 16 + 4)
        self.assertEqual(len(self.attendances(self.citra)), 16 + 5)
        self.assertEqual(len(self.attendances(self.budi)), 21)
        self.assertEqual(
            len(
                self.attendances(self.andi).filtered(
                    lambda a: a.in_mode == "kilap_portal"
                )
            ),
            4,
        )

    def _nightly_results(self):
        # Saturday morning: the nightly job computes Thursday and Friday
        Batch = self.env["kilap.job.batch"]
        with freeze_time(wita(date(2026, 3, 14), 9)):
            self.env["kilap.attendance.day"]._cron_compute_yesterday()
            batch = Batch.search(
                [("res_model", "=", "res.company"), ("res_id", "=", self.company.id)]
            )
            self.assertEqual(batch.state, "running")
            self.assertEqual(batch.item_count, 3)
            self.assertEqual(batch.name, "Daily results 2026-03-13")
            self.run_jobs()
        self.assertEqual(batch.state, "done")
        self.assertEqual(
            sorted(
                set(
                    self.env["kilap.attendance.day"]
                    .search([("employee_id", "in", self.staff.ids)])
                    .mapped("date")
                )
            ),
            [LATE_DAY, ABSENT_DAY],
        )
        late = self.day(self.andi, LATE_DAY)
        self.assertEqual(late.status, "present")
        self.assertEqual(late.late_minutes, 40)
        self.assertEqual(late.tl_band_id.code, "TL2")
        self.assertFalse(late.psw_band_id)
        self.assertEqual(late.early_minutes, 0)
        self.assertAlmostEqual(late.check_in_local, 8 + 10 / 60, places=3)
        self.assertEqual(late.scheduled_minutes, 450)  # 07:30-16:00, 1 h break
        absent = self.day(self.andi, ABSENT_DAY)
        self.assertEqual(absent.status, "absent")
        self.assertFalse(absent.check_in)
        self.assertFalse(absent.tl_band_id)
        citra_friday = self.day(self.citra, ABSENT_DAY)
        self.assertEqual(citra_friday.status, "present")
        self.assertEqual(citra_friday.scheduled_minutes, 450)  # Friday 07:30-16:30
        self.assertEqual(
            (citra_friday.late_minutes, citra_friday.early_minutes), (0, 0)
        )
        self.assertFalse(citra_friday.tl_band_id | citra_friday.psw_band_id)

    def _journal(self):
        Entry = self.env["kilap.journal.entry"]
        andi = Entry
        for n, day in enumerate(PHONE_WEEK[:4]):  # not on his absent Friday
            andi |= self.phone_journal(self.u_andi, day, f"andi-{n}", 2)
        # a second entry on Thursday claims 5 more: the supervisor rejects it
        padded = self.phone_journal(
            self.u_andi, LATE_DAY, "andi-pad", 5, start="13:00", end="15:00"
        )
        citra = Entry
        for n, day in enumerate(PHONE_WEEK):
            citra |= self.phone_journal(self.u_citra, day, f"citra-{n}", 1.5)
        # Budi writes his in the back office, same day
        budi = Entry
        for day in PHONE_WEEK[:4]:
            with freeze_time(wita(day, 16, 20)):
                entry = Entry.with_user(self.u_budi).create(
                    {
                        "name": "Koordinasi pengembangan aplikasi",
                        "description": "Rapat koordinasi bidang",
                        "employee_id": self.budi.id,
                        "date": day,
                        "time_start": 13.0,
                        "time_end": 15.0,
                        "rhk_id": self.rhk[self.budi].id,
                        "output_qty": 1,
                        "evidence_url": "https://kominfo.example/notulen",
                    }
                )
                entry.action_submit()
                budi |= entry
        self.assertEqual(
            set((andi | citra | budi | padded).mapped("state")), {"submitted"}
        )
        self.assertEqual(andi.attachment_ids.mapped("mimetype"), ["image/png"] * 4)

        with freeze_time(wita(date(2026, 3, 16), 8, 30)):
            # nobody approves their own entries
            with self.assertRaises(AccessError):
                budi[0].with_user(self.u_budi).action_approve()
            with self.assertRaises(AccessError):
                andi[0].with_user(self.u_andi).action_approve()
            (andi | citra).with_user(self.u_budi).action_approve()
            padded.with_user(self.u_budi).action_reject("Tidak sesuai bukti dukung")
            budi.with_user(self.u_bkpsdm).action_approve()
        self.assertEqual(set((andi | citra | budi).mapped("state")), {"approved"})
        self.assertEqual((andi | citra).approver_id, self.u_budi)
        self.assertEqual(budi.approver_id, self.u_bkpsdm)
        self.assertEqual(padded.state, "rejected")
        self.assertEqual(sum(andi.mapped("output_qty")), 8)
        self.assertEqual(sum(citra.mapped("output_qty")), 7.5)

    def _score_and_close(self):
        Period = self.env["kilap.score.period"]
        with freeze_time(wita(date(2026, 4, 1), 9)):
            period = Period.with_user(self.u_bkpsdm).create(
                {
                    "company_id": self.company.id,
                    "date_from": MONTH[0],
                    "date_to": MONTH[1],
                }
            )
            self.assertEqual(period.name, "2026-03")
            period.action_compute()
            self.assertEqual(period.job_batch_id.state, "running")
            self.assertEqual(period.job_batch_id.chunk_count, 1)  # one OPD
            self.assertEqual(period.state, "open")
            with self.assertRaises(UserError):
                period.action_close()  # still computing
            self.run_jobs()
        period.invalidate_recordset()
        self.assertEqual(period.state, "computed")
        self.assertEqual(period.sudo().job_batch_id.state, "done")
        self.assertEqual(period.employee_total, 3)

        # the whole month's daily results, recomputed by the period
        andi_days = self.days(self.andi)
        self.assertEqual(len(andi_days), 22)  # 22 weekdays, Nyepi included
        self.assertEqual(
            {
                s: andi_days.mapped("status").count(s)
                for s in set(andi_days.mapped("status"))
            },
            {"present": 20, "absent": 1, "holiday": 1},
        )
        self.assertEqual(
            andi_days.filtered(lambda r: r.status == "absent").date, ABSENT_DAY
        )
        self.assertEqual(self.day(self.andi, NYEPI).holiday_name, "Hari Suci Nyepi")
        self.assertEqual(andi_days.tl_band_id.mapped("code"), ["TL2"])
        self.assertFalse(andi_days.psw_band_id)
        citra_days = self.days(self.citra)
        self.assertEqual(citra_days.mapped("status").count("present"), 21)
        tl1 = self.day(self.citra, CPNS_LATE_DAY)
        self.assertEqual((tl1.late_minutes, tl1.tl_band_id.code), (15, "TL1"))
        psw1 = self.day(self.citra, CPNS_EARLY_DAY)
        self.assertEqual((psw1.early_minutes, psw1.psw_band_id.code), (20, "PSW1"))
        self.assertEqual(
            (citra_days.tl_band_id | citra_days.psw_band_id).mapped("code"),
            ["TL1", "PSW1"],
        )
        budi_days = self.days(self.budi)
        self.assertFalse(budi_days.tl_band_id | budi_days.psw_band_id)
        self.assertEqual(budi_days.mapped("status").count("present"), 21)
        # one TK day is below every PP 94/2021 threshold
        self.assertFalse(
            self.env["kilap.discipline.event"].search(
                [("employee_id", "in", self.staff.ids)]
            )
        )

        # score lines: kinerja = approved output / target (capped 120 %), disiplin
        # = 100 - cuts (TL1 0.5, TL2 1, PSW1 0.5, TK 3), index 60/40
        expected = {
            # kinerja, disiplin, index, TK, TL1, TL2, PSW1, present, rank
            self.andi: (80.0, 96.0, 86.4, 1, 0, 1, 0, 20, 3),  # 8 of 10
            self.citra: (120.0, 99.0, 111.6, 0, 1, 0, 1, 21, 1),  # 7.5 of 6
            self.budi: (100.0, 100.0, 100.0, 0, 0, 0, 0, 21, 2),  # 4 of 4
        }
        self.assertEqual(len(period.line_ids), 3)
        for emp, figures in expected.items():
            line = period.line_ids.filtered(lambda ln, e=emp: ln.employee_id == e)
            self.assertEqual(
                (
                    line.kinerja_score,
                    line.disiplin_score,
                    line.total_score,
                    line.tk_days,
                    line.tl1_count,
                    line.tl2_count,
                    line.psw1_count,
                    line.present_days,
                    line.rank,
                ),
                figures,
                emp.name,
            )
            self.assertEqual(line.working_days, 21)
            self.assertEqual(line.rank_total, 3)
            self.assertEqual(line.opd_id, self.opd)
            self.assertEqual(line.rhk_count, 1)

        # behaviour ratings by the appraisers, then BKPSDM closes
        lines = {ln.employee_id: ln for ln in period.line_ids}
        with freeze_time(wita(date(2026, 4, 1), 10)):
            lines[self.andi].with_user(self.u_budi).rating_perilaku = "meets"
            lines[self.citra].with_user(self.u_budi).rating_perilaku = "above"
            with self.assertRaises(AccessError):  # nobody rates themselves
                lines[self.budi].with_user(self.u_budi).rating_perilaku = "above"
            lines[self.budi].with_user(self.u_bkpsdm).rating_perilaku = "meets"
            self.assertEqual(lines[self.andi].predikat, "baik")
            self.assertEqual(lines[self.citra].predikat, "sangat_baik")
            self.assertEqual(lines[self.budi].predikat, "baik")
            with self.assertRaises(UserError):  # not BKPSDM
                period.with_user(self.u_budi).action_close()
            period.with_user(self.u_bkpsdm).action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.closed_by_id, self.u_bkpsdm)
        return period

    def _after_close(self):
        """The morning after the close: the month's inputs are frozen."""
        self.days_closed = self.day_snapshot()
        self.assertEqual(self.days_closed[1], 66)  # 22 rows x 3 employees
        # Andi's phone comes back online with a check-in queued on 31 March
        # 18:00 (within the 72 h offline window): refused, the month is closed
        with freeze_time(wita(date(2026, 4, 2), 7, 30)):
            self.authenticate(self.u_andi.login, self.u_andi.login)
            result = self.make_jsonrpc_request(
                "/kilap/attendance/sync",
                {
                    "items": [
                        {
                            "uuid": "andi-late-sync",
                            "kind": "in",
                            "device_time": "2026-03-31T10:00:00Z",
                            "latitude": OFFICE[0],
                            "longitude": OFFICE[1],
                            "accuracy": 10,
                        }
                    ]
                },
            )["results"][0]
        self.assertEqual(result["status"], "refused")
        self.assertIn("2026-03 is closed", result["message"])
        self.assertEqual(len(self.attendances(self.andi)), 20)
        # the nightly job computes 31 March (closed: left alone) and 1 April
        with freeze_time(wita(date(2026, 4, 2), 8, 30)):
            self.env["kilap.attendance.day"]._cron_compute_yesterday()
            self.run_jobs()
        nightly = self.env["kilap.job.batch"].search(
            [("res_model", "=", "res.company"), ("res_id", "=", self.company.id)],
            limit=1,
        )
        self.assertEqual(nightly.name, "Daily results 2026-04-01")
        self.assertEqual(nightly.state, "done")
        april_first = self.env["kilap.attendance.day"].search(
            [("employee_id", "in", self.staff.ids), ("date", "=", date(2026, 4, 1))]
        )
        self.assertEqual(april_first.mapped("status"), ["absent"] * 3)  # no data
        self.assertEqual(self.day_snapshot(), self.days_closed)

    def _tpp_sheet(self, period):
        Sheet = self.env["kilap.tpp.sheet"]
        with freeze_time(wita(date(2026, 4, 2), 9)):
            wizard = (
                self.env["kilap.tpp.generate"]
                .with_user(self.u_keu1)
                .create({"period_id": period.id})
            )
            action = wizard.action_generate()
            self.assertEqual(action["domain"], [("period_id", "=", period.id)])
            self.assertFalse(Sheet.search([("period_id", "=", period.id)]))
            self.run_jobs()
        sheet = Sheet.search([("period_id", "=", period.id)])
        self.assertEqual(len(sheet), 1)
        self.assertEqual(sheet.department_id, self.opd)
        self.assertEqual(sheet.ruleset_id, self.ruleset)
        self.assertEqual(sheet.state, "draft")
        self.assertEqual(sheet.preparer_ids, self.u_keu1)
        self.assertEqual(sheet.line_count, 3)

        # the rule set's numbers the hand computation below relies on
        rs = self.ruleset
        self.assertEqual(
            (rs.weight_kinerja, rs.weight_disiplin, rs.cpns_factor, rs.perf_mode),
            (60, 40, 80, "score"),
        )
        self.assertEqual((rs.perf_cap, rs.cut_base, rs.tk_pct), (100, "disiplin", 3))
        self.assertEqual(
            {
                b.band_code: b.pct
                for b in rs.band_line_ids
                if b.band_code in ("TL1", "TL2", "PSW1")
            },
            {"TL1": 0.5, "TL2": 1.0, "PSW1": 0.5},
        )
        self.assertEqual(
            (rs.tax_mode, rs.bpjs_employee_pct, rs.bpjs_ceiling, rs.zakat_pct),
            ("golongan", 1, 12_000_000, 2.5),
        )
        self.assertEqual(
            {
                emp: rs.tax_line_ids.filtered(
                    lambda t, e=emp: e.golongan_id in t.golongan_ids
                ).rate_pct
                for emp in self.staff
            },
            {self.andi: 5, self.citra: 5, self.budi: 15},
        )

        self.expected = {
            # Andi, PNS III/c, kelas 9: 4,000,000 + 1,000,000; kinerja 80;
            # cuts TL2 1 % + TK 3 %; PPh 5 %
            self.andi: hand_tpp([4_000_000, 1_000_000], False, 80, 4, 5, False),
            # Citra, CPNS III/a, kelas 7: (3,000,000 + 500,000) x 80 %; kinerja
            # 120 capped at 100; cuts TL1 0.5 % + PSW1 0.5 %; PPh 5 %; zakat
            self.citra: hand_tpp([3_000_000, 500_000], True, 120, 1, 5, True),
            # Budi, PNS IV/a, his post: 6,000,000 + 2,000,000 + 1,000,000; no cut;
            # PPh 15 %
            self.budi: hand_tpp(
                [6_000_000, 2_000_000, 1_000_000], False, 100, 0, 15, False
            ),
        }
        # the same figures, written out in rupiah
        literal = {
            self.andi: (
                5_000_000,
                2_400_000,
                1_920_000,
                4_320_000,
                216_000,
                43_200,
                0,
                4_060_800,
            ),
            self.citra: (
                3_500_000,
                1_680_000,
                1_108_800,
                2_788_800,
                139_440,
                27_888,
                69_720,
                2_551_752,
            ),
            self.budi: (
                9_000_000,
                5_400_000,
                3_600_000,
                9_000_000,
                1_350_000,
                90_000,
                0,
                7_560_000,
            ),
        }
        keys = (
            "base_amount",
            "kinerja_part",
            "disiplin_part",
            "tpp",
            "pph21",
            "bpjs_employee",
            "zakat",
            "net",
        )
        for emp, figures in literal.items():
            self.assertEqual(
                tuple(self.expected[emp][k] for k in keys), figures, emp.name
            )
        for line in sheet.line_ids:
            emp = line.employee_id
            for key, value in self.expected[emp].items():
                self.assertEqual(line[key], float(value), f"{emp.name} {key}")
            self.assertEqual(line.nip, emp.nip)
            self.assertEqual(line.ruleset_id, self.ruleset)
            self.assertEqual(line.bank_name, "Bank SulutGo")
            self.assertEqual(line.bank_account, "00%s" % emp.nip[-10:])
        self.assertEqual(
            {ln.employee_id: ln.predikat for ln in sheet.line_ids},
            {self.andi: "baik", self.citra: "sangat_baik", self.budi: "baik"},
        )
        self.assertEqual(
            {
                ln.employee_id: sorted(ln.cut_ids.mapped("code"))
                for ln in sheet.line_ids
            },
            {self.andi: ["TK", "TL2"], self.citra: ["PSW1", "TL1"], self.budi: []},
        )
        self.assertEqual(
            {ln.employee_id: ln.base_id.name for ln in sheet.line_ids},
            {self.andi: "Kelas 9", self.citra: "Kelas 7", self.budi: "Kepala Bidang"},
        )
        self.assertEqual(sheet.amount_tpp, 16_108_800)
        self.assertEqual(sheet.amount_net, 14_172_552)
        self.assertEqual(sheet.amount_deductions, 16_108_800 - 14_172_552)

        with freeze_time(wita(date(2026, 4, 2), 10)):
            # no payment file before approval
            with self.assertRaises(UserError):
                self.export(sheet, self.u_keu1, "bank", "csv")
            sheet.with_user(self.u_keu1).action_verify()
            self.assertEqual(
                (sheet.state, sheet.verified_by_id), ("verified", self.u_keu1)
            )
            # four-eyes: the one who generated and verified may not approve
            with self.assertRaisesRegex(AccessError, "Four-eyes"):
                sheet.with_user(self.u_keu1).action_approve()
            self.assertEqual(sheet.state, "verified")
            # nor may a pegawai or the head of the unit
            with self.assertRaises(AccessError):
                sheet.with_user(self.u_andi).action_approve()
            sheet.with_user(self.u_keu2).action_approve()
        self.assertEqual(sheet.state, "approved")
        self.assertEqual(sheet.approved_by_id, self.u_keu2)
        self.assertEqual(sheet.preparer_ids, self.u_keu1)
        return sheet

    def _payslips(self, sheet):
        with freeze_time(wita(date(2026, 4, 3), 9)):
            run = (
                self.env["hr.payslip.run"]
                .with_user(self.u_keu2)
                .create(
                    {
                        "name": "Gaji dan TPP Maret 2026",
                        "date_start": MONTH[0],
                        "date_end": MONTH[1],
                        "company_id": self.company.id,
                    }
                )
            )
            wizard = (
                self.env["hr.payslip.employees"]
                .with_user(self.u_keu2)
                .create({"employee_ids": [Command.set(self.staff.ids)]})
            )
            wizard.with_context(active_id=run.id).compute_sheet()
        slips = run.slip_ids
        self.assertEqual(len(slips), 3)
        wages = {self.andi: 3_900_000, self.citra: 2_700_000, self.budi: 5_200_000}
        for slip in slips:
            emp = slip.employee_id
            expected = self.expected[emp]
            line = sheet.line_ids.filtered(lambda ln, e=emp: ln.employee_id == e)
            self.assertEqual(slip.tpp_line_id, line)
            self.assertEqual(slip.state, "verify")
            self.assertEqual(
                {i.code: i.amount for i in slip.input_line_ids},
                {
                    "TPP": float(expected["tpp"]),
                    "TPP_PPH21": float(expected["pph21"]),
                    "TPP_BPJS": float(expected["bpjs_employee"]),
                    "TPP_ZAKAT": float(expected["zakat"]),
                },
                emp.name,
            )
            totals = {pl.code: pl.total for pl in slip.line_ids}
            self.assertEqual(totals["BASIC"], wages[emp])
            self.assertEqual(totals["TPP"], float(expected["tpp"]))
            self.assertEqual(totals["TPP_PPH21"], -float(expected["pph21"]))
            self.assertEqual(totals["TPP_BPJS"], -float(expected["bpjs_employee"]))
            self.assertEqual(totals["TPP_ZAKAT"], -float(expected["zakat"]))
            self.assertEqual(totals["TPP_NET"], float(expected["net"]))
            self.assertEqual(totals["NET"], wages[emp] + float(expected["net"]))
        self.assertEqual(
            sum(
                slip.line_ids.filtered(lambda pl: pl.code == "NET").total
                for slip in slips
            ),
            11_800_000 + 14_172_552,
        )
        return slips

    def _exports_and_payment(self, sheet):
        import openpyxl

        with freeze_time(wita(date(2026, 4, 3), 10)):
            # only finance exports
            with self.assertRaises(AccessError):
                self.export(sheet, self.u_bkpsdm, "bank", "csv")
            bank_csv = self.export(sheet, self.u_keu1, "bank", "csv")
            sipd_csv = self.export(sheet, self.u_keu1, "sipd", "csv")
            sipd_xlsx = self.export(sheet, self.u_keu1, "sipd", "xlsx")
            bank_xlsx = self.export(sheet, self.u_keu1, "bank", "xlsx")

        rows = self.csv_rows(bank_csv)
        self.assertEqual(rows[0], ["NIP", "Name", "Bank", "Bank Account", "Net TPP"])
        self.assertEqual(
            sorted(rows[1:]),
            sorted(
                [
                    emp.nip,
                    emp.name,
                    "Bank SulutGo",
                    "00%s" % emp.nip[-10:],
                    str(int(self.expected[emp]["net"])),
                ]
                for emp in self.staff
            ),
        )
        self.assertEqual(sum(int(r[-1]) for r in rows[1:]), 14_172_552)

        # SIPD: paid TPP per budget account, each employee's TPP spread over his
        # components pro rata (Andi 4,320,000 = 3,456,000 BK + 864,000 PK; Citra
        # 2,788,800 = 2,390,400 BK + 398,400 KK; Budi's in full)
        sipd = {
            "5.1.01.02.01.0001": 3_456_000 + 2_390_400 + 6_000_000,  # BK
            "5.1.01.02.02.0001": 1_000_000,  # TB
            "5.1.01.02.03.0001": 398_400,  # KK
            "5.1.01.02.05.0001": 864_000 + 2_000_000,  # PK
        }
        self.assertEqual(sum(sipd.values()), 16_108_800)
        rows = self.csv_rows(sipd_csv)
        self.assertEqual(rows[0], ["Budget Account Code", "Component", "Amount"])
        self.assertEqual({r[0]: int(r[2]) for r in rows[1:]}, sipd)
        self.assertEqual([r[0] for r in rows[1:]], sorted(sipd))
        self.assertEqual(
            {r[0]: r[1] for r in rows[1:]},
            {c.account_code: c.name for c in self.components.values()},
        )

        book = openpyxl.load_workbook(io.BytesIO(sipd_xlsx))
        cells = list(book["SIPD"].iter_rows(values_only=True))
        self.assertEqual(cells[0], ("Budget Account Code", "Component", "Amount"))
        self.assertEqual({c[0]: c[2] for c in cells[1:-1]}, sipd)
        self.assertEqual((cells[-1][0], cells[-1][2]), ("Total", 16_108_800))
        book = openpyxl.load_workbook(io.BytesIO(bank_xlsx))
        cells = list(book["BANK"].iter_rows(values_only=True))
        self.assertEqual(
            {c[0]: c[4] for c in cells[1:-1]},
            {emp.nip: int(self.expected[emp]["net"]) for emp in self.staff},
        )
        self.assertEqual((cells[-1][0], cells[-1][4]), ("Total", 14_172_552))

        # paid: by the treasurer only
        with freeze_time(wita(date(2026, 4, 6), 9)):
            with self.assertRaises(AccessError):
                sheet.with_user(self.u_keu2).action_mark_paid()
            sheet.with_user(self.u_bendahara).action_mark_paid()
        self.assertEqual(sheet.state, "paid")
        self.assertEqual(sheet.paid_date, date(2026, 4, 6))
        self.assertEqual(sheet.paid_by_id, self.u_bendahara)
        return {"bank_csv": bank_csv, "sipd_csv": sipd_csv}

    def _recompute_changes_nothing(self, period, sheet, slips, exports):
        days_before = self.days_closed
        scores_before = self.score_snapshot(period)
        sheet_before = self.sheet_snapshot(sheet)
        slip_before = sorted(
            (slip.id, pl.code, pl.total) for slip in slips for pl in slip.line_ids
        )
        inputs_before = len(slips.input_line_ids)
        self.assertEqual(inputs_before, 12)

        with freeze_time(wita(date(2026, 4, 7), 9)):
            # a closed period cannot be computed again nor deleted
            with self.assertRaisesRegex(UserError, "closed"):
                period.with_user(self.u_bkpsdm).action_compute()
            with self.assertRaises(UserError):
                period.with_user(self.u_bkpsdm).unlink()
            # daily results of the closed month: recomputing leaves them as they are
            self.env["kilap.attendance.day"]._kilap_compute_days(self.staff, *MONTH)
            # the journal of a closed month stays as approved
            entry = self.env["kilap.journal.entry"].search(
                [("employee_id", "=", self.citra.id), ("state", "=", "approved")],
                limit=1,
            )
            with self.assertRaisesRegex(UserError, "2026-03 is closed"):
                entry.sudo().write({"output_qty": 9})
            with self.assertRaisesRegex(UserError, "2026-03 is closed"):
                self.day(self.andi, ABSENT_DAY).sudo().write({"status": "present"})

            # TPP: generating again adds nothing, the paid sheet is locked
            self.env["kilap.tpp.generate"].with_user(self.u_keu1).create(
                {"period_id": period.id}
            ).action_generate()
            self.run_jobs()
            self.assertEqual(
                self.env["kilap.tpp.sheet"].search([("period_id", "=", period.id)]),
                sheet,
            )
            with self.assertRaises(UserError):
                sheet.with_user(self.u_keu1).action_compute()
            with self.assertRaises(UserError):
                sheet.with_user(self.u_keu1).write(
                    {"treasurer_employee_id": self.budi.id}
                )
            with self.assertRaisesRegex(UserError, "paid"):
                sheet.with_user(self.u_keu1)._kilap_reset("koreksi")
            # what a recompute would give: exactly the same figures
            action = sheet.with_user(self.u_keu1).action_view_differences()
            diff = self.env["kilap.tpp.diff"].browse(action["res_id"])
            self.assertEqual(diff.difference_count, 0)
            self.assertEqual(
                diff.summary, "A recompute would give exactly the same figures."
            )
            # payslips computed again: same amounts, no duplicate input
            slips.with_user(self.u_keu2).compute_sheet()
            # exports again: the same bytes
            self.assertEqual(
                self.export(sheet, self.u_keu1, "bank", "csv"), exports["bank_csv"]
            )
            self.assertEqual(
                self.export(sheet, self.u_keu1, "sipd", "csv"), exports["sipd_csv"]
            )

        self.assertEqual(self.day_snapshot(), days_before)
        self.assertEqual(self.score_snapshot(period), scores_before)

        # BKPSDM reopens the month (with a reason), computes it again and closes
        # it again: the daily results and the scores are recomputed for real and
        # come out the same; the paid TPP still matches what a recompute gives
        Reopen = self.env["kilap.score.reopen.wizard"].with_user(self.u_bkpsdm)
        with freeze_time(wita(date(2026, 4, 8), 9)):
            with self.assertRaises(AccessError):  # BKPSDM only
                self.env["kilap.score.reopen.wizard"].with_user(self.u_budi).create(
                    {"period_id": period.id, "reason": "Salah hitung"}
                ).action_confirm()
            with self.assertRaises(UserError):  # a reason is required
                Reopen.create({"period_id": period.id, "reason": "  "}).action_confirm()
            self.assertEqual(period.state, "closed")
            Reopen.create(
                {"period_id": period.id, "reason": "Pemeriksaan Inspektorat"}
            ).action_confirm()
            self.assertEqual((period.state, period.reopen_count), ("open", 1))
            period.with_user(self.u_bkpsdm).action_compute()
            self.run_jobs()
            period.invalidate_recordset()
            self.assertEqual(period.state, "computed")
            period.with_user(self.u_bkpsdm).action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.reopen_reason, "Pemeriksaan Inspektorat")
        self.assertEqual(self.day_snapshot(), days_before)
        self.assertEqual(self.score_snapshot(period), scores_before)
        diff = self.env["kilap.tpp.diff"].browse(
            sheet.with_user(self.u_keu1).action_view_differences()["res_id"]
        )
        self.assertEqual(diff.difference_count, 0)
        self.assertEqual(self.sheet_snapshot(sheet), sheet_before)
        self.assertEqual(
            sorted(
                (slip.id, pl.code, pl.total) for slip in slips for pl in slip.line_ids
            ),
            slip_before,
        )
        self.assertEqual(len(slips.input_line_ids), inputs_before)
        self.assertEqual(
            self.env["hr.attendance"].search_count(
                [("employee_id", "in", self.staff.ids)]
            ),
            20 + 21 + 21,
        )
        self.assertEqual(period.state, "closed")
