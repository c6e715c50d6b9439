import socket
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from ..models.kilap_tpp_sheet import DIFF_FIELDS
from .common import APRIL, MARCH, KilapTppCase


def d(month, day):
    return date(2026, month, day)


@tagged("post_install", "-at_install")
class TestTppWorkedExamples(KilapTppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.march = cls.make_period(
            MARCH,
            {
                cls.emp_a: (90, "baik"),
                cls.emp_c: (80, "baik"),
                cls.emp_other: (100, "baik"),
            },
            {
                cls.emp_a: {
                    d(3, 2): {"late_minutes": 10, "tl_band_id": cls.band("TL1").id},
                    d(3, 3): {"late_minutes": 30, "tl_band_id": cls.band("TL1").id},
                    d(3, 4): {"early_minutes": 45, "psw_band_id": cls.band("PSW2").id},
                    d(3, 5): {"status": "absent"},
                },
                cls.emp_c: {
                    d(3, 9): {"status": "sick"},
                    d(3, 10): {"status": "sick"},
                    d(3, 11): {"status": "sick"},
                    d(3, 12): {"status": "absent"},
                },
            },
        )

    def test_pattern_a_cuts_on_discipline_part(self):
        """Andi, PNS III/c, kelas 9, base 5,000,000 (BK 4,000,000 + PK 1,000,000),
        kinerja score 90, March: TL1 x2, PSW2 x1, TK 1 day; rule set pattern A
        (60/40, TL1 0.5 %, PSW2 1 %, TK 3 %/day on the discipline part), PPh 21 5 %
        for golongan III, BPJS 1 %.

        gross = 5,000,000 (PNS, factor 100 %), no leave
        kinerja part = 5,000,000 x 60 % x 90 % = 2,700,000
        cuts = 2 x 0.5 + 1 x 1 + 1 x 3 = 5 %
        disiplin part = 5,000,000 x 40 % x (1 - 5 %) = 1,900,000
        TPP = 4,600,000
        PPh 21 = 5 % = 230,000; BPJS = 1 % = 46,000 (employer 4 % = 184,000)
        net = 4,600,000 - 230,000 - 46,000 = 4,324,000
        SIPD: BK 4/5 x 4,600,000 = 3,680,000; PK 920,000
        """
        sheet = self.make_sheet(self.march)
        self.assertEqual(sheet.ruleset_id, self.ruleset)
        self.assertEqual(
            set(sheet.line_ids.employee_id.ids), {self.emp_a.id, self.emp_c.id}
        )  # the other OPD is not on this sheet
        line = self.line_of(sheet, self.emp_a)
        self.assertEqual(line.base_amount, 5000000)
        self.assertEqual(line.tpp_gross, 5000000)
        self.assertEqual(line.kinerja_part, 2700000)
        self.assertAlmostEqual(line.cuts_pct, 5.0)
        self.assertEqual(
            {(c.code, c.count, c.cut_pct) for c in line.cut_ids},
            {("TL1", 2, 1.0), ("PSW2", 1, 1.0), ("TK", 1, 3.0)},
        )
        self.assertEqual(line.tk_days, 1)
        self.assertEqual(line.disiplin_part, 1900000)
        self.assertEqual(line.discipline_cut, 0)
        self.assertEqual(line.tpp, 4600000)
        self.assertEqual(line.pph21, 230000)
        self.assertEqual(line.bpjs_employee, 46000)
        self.assertEqual(line.bpjs_employer, 184000)
        self.assertEqual(line.zakat, 0)
        self.assertEqual(line.net, 4324000)
        self.assertEqual(line.ruleset_id, self.ruleset)
        paid = {c.account_code: c.paid_amount for c in line.component_ids}
        self.assertEqual(
            paid, {"5.1.01.02.01.0001": 3680000, "5.1.01.02.05.0001": 920000}
        )

    def test_cpns_three_sick_days_one_tk(self):
        """Citra, CPNS III/a, kelas 7, base 3,000,000 (BK only), kinerja 80, zakat on;
        March: sick 9-11 March (3 working days), TK on 12 March.

        gross = 3,000,000 x 80 % (CPNS) = 2,400,000
        sick 3 days -> tier 3-14 days pays 75 % of the month: 1,800,000
        kinerja part = 1,800,000 x 60 % x 80 % = 864,000
        disiplin part = 1,800,000 x 40 % x (1 - 3 %) = 720,000 x 97 % = 698,400
        TPP = 1,562,400
        PPh 21 = 5 % = 78,120; BPJS 1 % = 15,624; zakat 2.5 % of TPP = 39,060
        net = 1,562,400 - 78,120 - 15,624 - 39,060 = 1,429,596
        """
        sheet = self.make_sheet(self.march)
        line = self.line_of(sheet, self.emp_c)
        self.assertEqual(line.tpp_gross, 2400000)
        self.assertEqual(line.sick_days, 3)
        self.assertAlmostEqual(line.leave_factor, 0.75)
        self.assertEqual(line.tpp_eligible, 1800000)
        self.assertEqual(line.kinerja_part, 864000)
        self.assertEqual(line.disiplin_part, 698400)
        self.assertEqual(line.tpp, 1562400)
        self.assertEqual(line.pph21, 78120)
        self.assertEqual(line.bpjs_employee, 15624)
        self.assertEqual(line.zakat, 39060)
        self.assertEqual(line.net, 1429596)
        self.assertEqual(sheet.amount_net, 4324000 + 1429596)

    def test_pattern_b_cuts_on_whole_base(self):
        """A new version from 1 April 2026 applies pattern B (Permentan 68/2012):
        cuts on the whole TPP; TL3 1.5 %, TL4 2 %, PSW4 2 %, TK 4 %/day.
        Andi, April: TL3 x1, TL4 x1, PSW4 x1, TK 2 days, kinerja 85.

        cuts = 1.5 + 2 + 2 + 2 x 4 = 13.5 %
        kinerja part = 5,000,000 x 60 % x 85 % = 2,550,000
        disiplin part = 5,000,000 x 40 % = 2,000,000 (no cut here)
        cut on the whole = 5,000,000 x 13.5 % = 675,000
        TPP = 2,550,000 + 2,000,000 - 675,000 = 3,875,000
        PPh 21 5 % = 193,750; BPJS 1 % = 38,750
        net = 3,875,000 - 193,750 - 38,750 = 3,642,500
        """
        v2 = self.ruleset.copy(
            {
                "name": "Perbup Uji 2/2026",
                "date_from": APRIL[0],
                "cut_base": "whole",
                "tk_pct": 4.0,
            }
        )
        for line in v2.band_line_ids:
            line.pct = {"1": 0.5, "2": 1.0, "3": 1.5, "4": 2.0}[line.band_code[-1]]
        april = self.make_period(
            APRIL,
            {self.emp_a: (85, "baik")},
            {
                self.emp_a: {
                    d(4, 1): {"late_minutes": 75, "tl_band_id": self.band("TL3").id},
                    d(4, 2): {"late_minutes": 120, "tl_band_id": self.band("TL4").id},
                    d(4, 3): {"psw_band_id": self.band("PSW4").id},
                    d(4, 6): {"status": "absent"},
                    d(4, 7): {"status": "absent"},
                }
            },
        )
        sheet = self.make_sheet(april)
        self.assertEqual(sheet.ruleset_id, v2)
        line = self.line_of(sheet, self.emp_a)
        self.assertAlmostEqual(line.cuts_pct, 13.5)
        self.assertEqual(line.kinerja_part, 2550000)
        self.assertEqual(line.disiplin_part, 2000000)
        self.assertEqual(line.discipline_cut, 675000)
        self.assertEqual(line.tpp, 3875000)
        self.assertEqual(line.pph21, 193750)
        self.assertEqual(line.bpjs_employee, 38750)
        self.assertEqual(line.net, 3642500)

    # ---------------------------------------------------------- versioning / lock
    def test_new_version_never_changes_older_sheet(self):
        sheet = self.make_sheet(self.march)
        before = {line.employee_id: line.net for line in sheet.line_ids}
        self.assertTrue(self.ruleset.is_locked)
        # a version effective from the same month arrives after the sheet was made
        v3 = self.ruleset.copy(
            {
                "name": "Perbup Uji 3",
                "date_from": MARCH[0],
                "weight_kinerja": 70,
                "weight_disiplin": 30,
                "tk_pct": 5.0,
            }
        )
        sheet.action_compute()  # draft recompute keeps the sheet's own version
        self.assertEqual(sheet.ruleset_id, self.ruleset)
        self.assertEqual(
            {line.employee_id: line.net for line in sheet.line_ids}, before
        )
        # a sheet made now for another OPD of the same month takes the new version
        other = self.make_sheet(self.march, opd=self.opd2)
        self.assertEqual(other.ruleset_id, v3)
        self.assertEqual(other.line_ids.ruleset_id, v3)
        # only an explicit decision moves a draft sheet to the new version
        sheet.action_use_version_in_force()
        self.assertEqual(sheet.ruleset_id, v3)
        self.assertEqual(sheet.line_ids.ruleset_id, v3)
        self.assertNotEqual(
            {line.employee_id: line.net for line in sheet.line_ids}, before
        )
        sheet.action_verify()
        with self.assertRaises(UserError):
            sheet.action_use_version_in_force()

    def test_part_time_pppk(self):
        """PPPK paruh waktu: no TPP unless the rule set includes them, then at its
        factor; a factor over 100 % is refused."""
        self.emp_c.asn_status = "pppk_pw"
        self.emp_c.nip = False
        sheet = self.make_sheet(self.march)
        self.assertEqual(self.line_of(sheet, self.emp_c).tpp, 0)
        self.assertEqual(self.line_of(sheet, self.emp_c).asn_status, "pppk_pw")
        sheet.line_ids.unlink()
        sheet.unlink()
        with self.assertRaisesRegex(ValidationError, "part-time PPPK factor"):
            self.ruleset.write({"pppk_pw_included": True, "pppk_pw_factor": 101})
        self.ruleset.write({"pppk_pw_included": True, "pppk_pw_factor": 50})
        line = self.line_of(self.make_sheet(self.march), self.emp_c)
        self.assertEqual(line.tpp_gross, line.base_amount / 2)

    def test_locked_ruleset_refuses_changes(self):
        self.make_sheet(self.march)
        with self.assertRaises(UserError):
            self.ruleset.tk_pct = 4.0
        with self.assertRaises(UserError):
            self.ruleset.band_line_ids[:1].pct = 9.0
        with self.assertRaises(UserError):
            self.ruleset.leave_line_ids[:1].unlink()
        self.assertEqual(self.ruleset.tk_pct, 3.0)
        action = self.ruleset.action_new_version()
        new = self.env["kilap.tpp.ruleset"].browse(action["res_id"])
        self.assertFalse(new.is_locked)
        self.assertEqual(len(new.band_line_ids), 8)
        self.assertGreater(new.date_from, self.ruleset.date_from)
        new.tk_pct = 4.0  # the copy is free to change
        self.assertEqual(self.ruleset.tk_pct, 3.0)

    def test_line_equals_rule_alone(self):
        """Batch equals single: the set-based sheet gives each employee exactly what
        the pure rule gives for that employee alone."""
        from ..rules import tpp as tpp_rules

        sheet = self.make_sheet(self.march)
        params = self.ruleset._tpp_params()
        single = tpp_rules.compute_tpp(
            params,
            tpp_rules.TppInput(
                base=tpp_rules.D(3000000),
                asn_status="cpns",
                score=tpp_rules.D(80),
                tk_days=1,
                leave_days={"sick": 3},
                tax_rate_pct=tpp_rules.D(5),
                zakat=True,
            ),
        )
        line = self.line_of(sheet, self.emp_c)
        for key in ("tpp", "pph21", "bpjs_employee", "zakat", "net"):
            self.assertEqual(line[key], float(single[key]), key)

    # ---------------------------------------------------------- workflow and lock
    def test_approved_sheet_locked_and_differences(self):
        sheet = self.make_sheet(self.march)
        self.flush_tracking()
        for action in (sheet.action_verify, sheet.action_approve):
            action()
            self.flush_tracking()
        self.assertEqual(sheet.state, "approved")
        self.assertEqual(sheet.approved_by_id, self.env.user)
        with self.assertRaises(UserError):
            sheet.action_compute()
        with self.assertRaises(UserError):
            sheet.line_ids[:1].net = 1
        with self.assertRaises(UserError):
            sheet.treasurer_employee_id = self.emp_other
        with self.assertRaises(UserError):
            sheet.unlink()
        diff = self.env["kilap.tpp.diff"].create({"sheet_id": sheet.id})
        diff._fill()
        self.assertFalse(
            diff.line_ids, "an approved sheet recomputes to the same figures"
        )
        # the base changes afterwards: the report shows it, the sheet keeps its figures
        self.base_9.line_ids.filtered(
            lambda x: x.component_id == self.comp_bk
        ).amount = 5000000
        action = sheet.action_view_differences()
        diff = self.env["kilap.tpp.diff"].browse(action["res_id"])
        changed = diff.line_ids.filtered(
            lambda x: x.employee_id == self.emp_a and x.field_name == "base_amount"
        )
        self.assertEqual(
            (changed.current_amount, changed.recomputed_amount), (5000000, 6000000)
        )
        self.assertEqual(self.line_of(sheet, self.emp_a).base_amount, 5000000)
        sheet.action_mark_paid()
        self.flush_tracking()
        self.assertEqual(sheet.state, "paid")
        tracked = sheet.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            set(tracked.mapped("new_value_char")), {"Verified", "Approved", "Paid"}
        )

    # ---------------------------------------------------------- bad inputs
    def test_sheet_from_open_period_refused(self):
        open_period = self.make_period(
            APRIL, {self.emp_a: (80, "baik")}, {}, close=False
        )
        with self.assertRaises(UserError):
            self.make_sheet(open_period, compute=False)

    def test_recompute_only_in_draft(self):
        sheet = self.make_sheet(self.march)
        sheet.action_verify()
        with self.assertRaises(UserError):
            sheet.action_compute()
        with self.assertRaises(UserError):
            sheet.action_mark_paid()

    def test_negative_base_refused(self):
        with self.assertRaises(ValidationError):
            self.base_7.line_ids.amount = -1

    def test_weights_must_sum_to_100(self):
        with self.assertRaises(ValidationError):
            self.ruleset.copy({"date_from": date(2027, 1, 1), "weight_kinerja": 70})
        with self.assertRaises(ValidationError):
            self.ruleset.write({"weight_disiplin": 50})

    def test_sheet_needs_top_level_opd(self):
        with self.assertRaises(ValidationError):
            self.make_sheet(self.march, opd=self.unit, compute=False)

    def test_missed_apel(self):
        """Andi also missed one Monday apel (2 % of the discipline part):
        cuts 5 % + 2 % = 7 %; disiplin = 2,000,000 x 93 % = 1,860,000;
        TPP = 2,700,000 + 1,860,000 = 4,560,000."""
        # recorded before the month was closed (a closed month freezes them)
        self.march._kilap_transition({"state": "open"})
        self.env["kilap.tpp.apel.absence"].create(
            {"employee_id": self.emp_a.id, "date": d(3, 2), "name": "Apel Senin"}
        )
        self.march._kilap_transition({"state": "closed"})
        line = self.line_of(self.make_sheet(self.march), self.emp_a)
        self.assertEqual(line.apel_missed, 1)
        self.assertAlmostEqual(line.cuts_pct, 7.0)
        self.assertEqual(line.disiplin_part, 1860000)
        self.assertEqual(line.tpp, 4560000)
        self.assertIn(
            ("APEL", 1, 2.0), {(c.code, c.count, c.cut_pct) for c in line.cut_ids}
        )

    def test_leave_type_effect(self):
        """A rule-set version pays long leave (cuti besar) at 50 % from day 1:
        Andi on 2 days of that leave in April -> eligible 2,500,000; kinerja
        2,500,000 x 60 % x 80 % = 1,200,000; disiplin 1,000,000; TPP 2,200,000."""
        leave_type = self.env["hr.leave.type"].create({"name": "Cuti Besar (uji)"})
        v2 = self.ruleset.copy({"name": "Perbup Uji cuti", "date_from": APRIL[0]})
        self.env["kilap.tpp.ruleset.leave"].create(
            {
                "ruleset_id": v2.id,
                "leave_kind": "leave",
                "leave_type_id": leave_type.id,
                "day_from": 1,
                "paid_pct": 50,
            }
        )
        leave = {"status": "leave", "leave_type_id": leave_type.id}
        april = self.make_period(
            APRIL,
            {self.emp_a: (80, "baik")},
            {self.emp_a: {d(4, 1): leave, d(4, 2): leave}},
        )
        line = self.line_of(self.make_sheet(april), self.emp_a)
        self.assertEqual(line.leave_days, 2)
        self.assertAlmostEqual(line.leave_factor, 0.5)
        self.assertEqual(line.tpp_eligible, 2500000)
        self.assertEqual(line.tpp, 2200000)

    def test_sanction_and_acting_post(self):
        """A 25 % sanction from 1 March, and a PLT from 16 March at 20 % of a
        3,000,000 base: 3,000,000 x 20 % x 16/31 = 309,677.42 added to the base
        (5,309,677 rounded)."""
        stype = self.ruleset.sanction_type_ids[:1]
        self.env["kilap.tpp.sanction"].create(
            {
                "name": "SK 1",
                "employee_id": self.emp_a.id,
                "type_id": stype.id,
                "date_start": date(2026, 3, 1),
            }
        )
        self.env["kilap.tpp.addition"].create(
            {
                "employee_id": self.emp_a.id,
                "base_id": self.base_7.id,
                "pct": 20,
                "date_from": date(2026, 3, 16),
            }
        )
        line = self.line_of(self.make_sheet(self.march), self.emp_a)
        self.assertEqual(line.base_amount, 5309677)
        self.assertEqual(line.sanction_pct, 25)
        # kinerja 3,185,806 x 90 % = 2,867,225; disiplin 2,123,871 x 95 % = 2,017,677
        self.assertEqual(line.kinerja_part + line.disiplin_part, 4884902)
        self.assertEqual(line.sanction_cut, 1221226)  # 25 %, half up
        self.assertEqual(line.tpp, 3663676)


@tagged("post_install", "-at_install")
class TestTppAccess(KilapTppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.march = cls.make_period(
            MARCH, {cls.emp_a: (90, "baik"), cls.emp_c: (80, "baik")}, {}
        )

    def test_only_keuangan_approves(self):
        sheet = self.make_sheet(self.march)
        sheet.action_verify()
        for login in ("pegawai", "auditor", "bkpsdm"):
            with self.assertRaises(AccessError):
                sheet.with_user(self.users[login]).action_approve()
        self.assertEqual(sheet.state, "verified")
        sheet.with_user(self.users["keuangan"]).action_approve()
        self.assertEqual(sheet.state, "approved")

    def test_keuangan_full_cycle(self):
        keu = self.users["keuangan"]
        sheet = (
            self.env["kilap.tpp.sheet"]
            .with_user(keu)
            .create(
                {
                    "period_id": self.march.id,
                    "department_id": self.opd.id,
                    "company_id": self.company.id,
                }
            )
        )
        sheet.action_compute()
        sheet.action_verify()
        sheet.with_user(self.users["keuangan2"]).action_approve()
        self.assertEqual(len(sheet.line_ids), 2)

    def test_employee_sees_own_line_only(self):
        sheet = self.approve(self.make_sheet(self.march))
        peg = self.users["pegawai"]
        lines = self.env["kilap.tpp.sheet.line"].with_user(peg).search([])
        self.assertEqual(lines.employee_id, self.emp_a)
        other = self.line_of(sheet, self.emp_c)
        with self.assertRaises(AccessError):
            other.with_user(peg).read(["net"])
        with self.assertRaises(AccessError):
            lines.with_user(peg).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["kilap.tpp.sheet"].with_user(peg).create(
                {
                    "period_id": self.march.id,
                    "department_id": self.opd2.id,
                    "company_id": self.company.id,
                }
            )

    def test_auditor_reads_everything_writes_nothing(self):
        sheet = self.approve(self.make_sheet(self.march))
        aud = self.users["auditor"]
        self.assertEqual(
            len(
                self.env["kilap.tpp.sheet.line"]
                .with_user(aud)
                .search([("sheet_id", "=", sheet.id)])
            ),
            2,
        )
        self.assertTrue(self.ruleset.with_user(aud).read(["name"]))
        with self.assertRaises(AccessError):
            sheet.with_user(aud).write({"treasurer_employee_id": self.emp_a.id})
        with self.assertRaises(AccessError):
            self.ruleset.with_user(aud).write({"name": "x"})
        # the differences report is read-only and allowed to auditors
        diff = self.env["kilap.tpp.diff"].with_user(aud).create({"sheet_id": sheet.id})
        diff._fill()
        self.assertFalse(diff.line_ids)

    def test_missed_apel_recorded_by_hr_only(self):
        # a month without a closed period (a closed one freezes its missed apel)
        vals = {
            "employee_id": self.emp_a.id,
            "date": date(2026, 6, 1),
            "name": "Upacara",
        }
        for login in ("pegawai", "keuangan", "auditor"):
            with self.assertRaises(AccessError):
                self.env["kilap.tpp.apel.absence"].with_user(self.users[login]).create(
                    vals
                )
        record = (
            self.env["kilap.tpp.apel.absence"]
            .with_user(self.users["bkpsdm"])
            .create(vals)
        )
        own = self.env["kilap.tpp.apel.absence"].with_user(self.users["pegawai"])
        self.assertEqual(own.search([]), record.with_user(self.users["pegawai"]))

    def test_bkpsdm_cannot_touch_sheets(self):
        sheet = self.make_sheet(self.march)
        bk = self.users["bkpsdm"]
        self.assertFalse(self.env["kilap.tpp.sheet"].with_user(bk).search([]))
        with self.assertRaises(AccessError):
            sheet.with_user(bk).action_compute()


@tagged("post_install", "-at_install")
class TestTppMultiCompanyAndLanguage(KilapTppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.march = cls.make_period(MARCH, {cls.emp_a: (90, "baik")}, {})

    def test_other_company_keuangan_sees_nothing(self):
        sheet = self.approve(self.make_sheet(self.march))
        other_company = self.env["res.company"].create({"name": "Pemda Lain"})
        keu_other, _ = self.make_user(
            "tpp_test_keuangan_lain",
            "kilap_payroll_bridge.group_kilap_keuangan",
            name="Keuangan Lain",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        self.assertFalse(self.env["kilap.tpp.sheet"].with_user(keu_other).search([]))
        self.assertFalse(
            self.env["kilap.tpp.sheet.line"].with_user(keu_other).search([])
        )
        with self.assertRaises(AccessError):
            sheet.with_user(keu_other).read(["amount_net"])
        with self.assertRaises(AccessError):
            self.ruleset.with_user(keu_other).read(["name"])

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["kilap_payroll_bridge"], ["id_ID"], overwrite=True
        )
        open_period = self.make_period(
            APRIL, {self.emp_a: (80, "baik")}, {}, close=False
        )
        with self.assertRaisesRegex(UserError, "belum ditutup"):
            self.env["kilap.tpp.sheet"].with_context(lang="id_ID").create(
                {
                    "period_id": open_period.id,
                    "department_id": self.opd.id,
                    "company_id": self.company.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "harus berjumlah 100"):
            self.ruleset.with_context(lang="id_ID").copy(
                {"date_from": date(2027, 1, 1), "weight_kinerja": 10}
            )


@tagged("post_install", "-at_install")
class TestTppSetBased(KilapTppCase):
    def _queries_for(self, count, month):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": "Pegawai %s-%d" % (month[0].month, i),
                    "company_id": self.company.id,
                    "department_id": self.opd2.id,
                    "kelas_jabatan": 9,
                    "asn_status": "pns",
                }
                for i in range(count)
            ]
        )
        period = self.make_period(
            month,
            {emp: (80, "baik") for emp in employees},
            {
                emp: {month[0] + timedelta(days=2): {"status": "absent"}}
                for emp in employees
            },
        )
        sheet = self.make_sheet(period, opd=self.opd2, compute=False)
        queries = self.queries_of(sheet.action_compute)
        self.assertEqual(sheet.line_count, count)
        employees.department_id = False  # keep the next month's OPD to its own staff
        return queries

    def test_queries_do_not_grow_with_employees(self):
        """Set-based generation: 3 or 30 employees cost the same number of queries."""
        small = self._queries_for(3, MARCH)
        large = self._queries_for(30, APRIL)
        self.assertGreater(small, 0)
        self.assertLessEqual(large, small + 3, (small, large))

    def test_sheets_of_a_period_computed_together(self):
        """All OPDs of a month in one call: the figures of one call per sheet,
        and the queries of one sheet."""
        employees = self.emp_a | self.emp_c | self.emp_other
        period = self.make_period(
            MARCH,
            {emp: (85, "baik") for emp in employees},
            {self.emp_other: {MARCH[0] + timedelta(days=3): {"status": "absent"}}},
        )
        sheets = self.make_sheet(period, compute=False) | self.make_sheet(
            period, opd=self.opd2, compute=False
        )

        def figures():
            return {
                (line.sheet_id.id, line.employee_id.id): (
                    tuple(line[f] for f in DIFF_FIELDS),
                    sorted(line.cut_ids.mapped(lambda c: (c.code, c.cut_pct))),
                    sorted(line.component_ids.mapped(lambda c: c.paid_amount)),
                )
                for line in sheets.line_ids
            }

        together = self.queries_of(sheets.action_compute)
        joint = figures()
        self.assertEqual(len(joint), 3)
        self.assertEqual(sheets[1].line_ids.employee_id, self.emp_other)
        self.assertTrue(sheets[1].line_ids.cut_ids.filtered(lambda c: c.code == "TK"))
        self.assertEqual(
            sheets[0].amount_tpp, sum(sheets[0].line_ids.mapped("tpp"))
        )  # totals recomputed after the bulk insert
        alone = self.queries_of(sheets[1].action_compute)
        sheets[0].action_compute()
        self.env.invalidate_all()
        self.assertEqual(figures(), joint)
        self.assertLessEqual(together, alone + 3, (together, alone))
        notes = self.env["mail.message"].search(
            [("model", "=", "kilap.tpp.sheet"), ("res_id", "in", sheets.ids)]
        )
        self.assertEqual(
            len(notes.filtered(lambda m: "Computed" in (m.body or ""))), 4
        )  # one note per sheet and computation: 2 together, then 1 + 1

    def test_written_lines_hold_their_sheet(self):
        """Lines, components and cuts are written without ``create()``: the fields
        ``create()`` would fill from the sheet are filled, and the sheet, read
        before, sees its new lines."""
        period = self.make_period(
            MARCH,
            {self.emp_a: (85, "baik")},
            {self.emp_a: {MARCH[0] + timedelta(days=3): {"status": "absent"}}},
        )
        sheet = self.make_sheet(period, compute=False)
        self.assertFalse(sheet.line_ids)  # in the cache, empty

        def updated():
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT sum(n_tup_upd) FROM pg_stat_xact_user_tables WHERE relname "
                "IN ('kilap_tpp_sheet_line', 'kilap_tpp_sheet_component')"
            )
            return self.env.cr.fetchone()[0]

        before = updated()
        sheet.action_compute()
        # the fields filled from the sheet are written once, not updated after
        self.assertEqual(updated(), before)
        line = sheet.line_ids
        self.assertEqual(line.employee_id, self.emp_a)
        self.assertEqual(sheet.line_count, 1)
        self.env.invalidate_all()
        self.assertEqual(
            (line.company_id, line.date_from, line.date_to, line.department_id),
            (sheet.company_id, sheet.date_from, sheet.date_to, sheet.department_id),
        )
        self.assertTrue(line.component_ids)
        self.assertEqual(line.component_ids.sheet_id, sheet)
        self.assertEqual(line.cut_ids.filtered(lambda c: c.code == "TK").count, 1)
        self.assertEqual(line.create_uid, self.env.user)

    def test_generate_sheets_of_a_month(self):
        """Finance generates the month's sheets of every OPD at once, once."""
        employees = self.emp_a | self.emp_c | self.emp_other
        period = self.make_period(APRIL, {emp: (85, "baik") for emp in employees}, {})
        keuangan = self.users["keuangan"]
        wizard = (
            self.env["kilap.tpp.generate"]
            .with_user(keuangan)
            .create({"period_id": period.id})
        )
        action = wizard.action_generate()
        batch = self.env["kilap.job.batch"]._kilap_running(period)
        self.assertEqual((batch.state, batch.chunk_count), ("running", 1))
        with self.assertRaisesRegex(UserError, "already being computed"):
            wizard.action_generate()  # not twice while it runs
        run_kilap_jobs(self.env)
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.chunk_ids.node.split(":")[0], socket.gethostname())
        # the jobs ran with the rights of the user who started them: finance
        # generated these sheets, so that user cannot approve them
        self.assertTrue(
            self.env["kilap.tpp.sheet"]
            .search([("period_id", "=", period.id)])
            .preparer_ids
            == keuangan
        )
        Sheet = self.env["kilap.tpp.sheet"].with_user(keuangan)
        sheets = Sheet.search(action["domain"])
        self.assertEqual(sheets.department_id, self.opd | self.opd2)
        self.assertEqual(set(sheets.mapped("state")), {"draft"})
        self.assertEqual(sorted(sheets.mapped("line_count")), [1, 2])
        self.assertEqual(
            sheets.line_ids.employee_id, employees
        )  # each employee on the sheet of their OPD
        # again: nothing new, the existing sheets are left as they are
        sheets[0].action_verify()
        self.assertFalse(Sheet._kilap_generate(period))
        self.assertEqual(Sheet.search_count([("period_id", "=", period.id)]), 2)
        self.assertEqual(sheets[0].state, "verified")
        # only finance generates, and only from a closed month
        with self.assertRaises(AccessError):
            self.env["kilap.tpp.sheet"].with_user(self.users["bkpsdm"])._kilap_generate(
                period
            )
        may = (date(2026, 5, 1), date(2026, 5, 31))
        open_month = self.make_period(may, {self.emp_a: (80, "baik")}, {}, close=False)
        with self.assertRaisesRegex(UserError, "is not closed"):
            Sheet._kilap_generate(open_month)
        self.assertFalse(Sheet.search([("period_id", "=", open_month.id)]))


@tagged("post_install", "-at_install")
class TestTppViews(KilapTppCase):
    def test_views_load_for_each_role(self):
        """The form, list, search and pivot views load for the roles that use them."""
        checks = {
            "keuangan": [
                ("kilap.tpp.sheet", ["list", "form", "search", "pivot"]),
                ("kilap.tpp.sheet.line", ["list", "form", "search", "pivot"]),
                ("kilap.tpp.ruleset", ["list", "form"]),
                ("kilap.tpp.base", ["list", "form", "search"]),
                ("hr.employee", ["form"]),
                ("hr.payslip", ["form"]),
            ],
            "pegawai": [("kilap.tpp.sheet.line", ["list", "form"])],
            "auditor": [("kilap.tpp.sheet", ["list", "form"])],
        }
        payroll_user = self.env.ref("payroll.group_payroll_user")
        self.users["keuangan"].group_ids = [(4, payroll_user.id)]
        for login, models in checks.items():
            for model, kinds in models:
                env = self.env(user=self.users[login])
                result = env[model].get_views([(False, kind) for kind in kinds])
                self.assertEqual(set(result["views"]), set(kinds), (login, model))
        arch = self.env(user=self.users["keuangan"])["hr.employee"].get_views(
            [(False, "form")]
        )["views"]["form"]["arch"]
        self.assertIn("tpp_tax_amount", arch)
