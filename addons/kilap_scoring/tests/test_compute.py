from datetime import date

from odoo.tests.common import tagged

from ..rules import predikat as predikat_rules
from .common import KilapScoringCase


@tagged("post_install", "-at_install")
class TestCompute(KilapScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Pegawai A1: two RHK, targets 4 and 2;
        # realised 2 (50 %) and 3 (150 % -> cap 120 %)
        cls.rhk_a, cls.rhk_b = cls._skp(cls.emp_pegawai, [4, 2])
        cls._journal(cls.emp_pegawai, date(2025, 3, 3), 1, cls.rhk_a)
        cls._journal(cls.emp_pegawai, date(2025, 3, 4), 1, cls.rhk_a)
        cls._journal(cls.emp_pegawai, date(2025, 3, 5), 3, cls.rhk_b)
        # not counted: a draft entry, an entry of another month
        cls._journal(cls.emp_pegawai, date(2025, 3, 6), 5, cls.rhk_a, state="draft")
        cls._journal(cls.emp_pegawai, date(2025, 4, 1), 5, cls.rhk_a)
        # attendance of Pegawai A1: TL1 x2, TL3, PSW4, one TK day, one leave day
        cls._day(cls.emp_pegawai, date(2025, 3, 3), tl="TL1")
        cls._day(cls.emp_pegawai, date(2025, 3, 4), tl="TL1", psw="PSW4")
        cls._day(cls.emp_pegawai, date(2025, 3, 5), tl="TL3")
        cls._day(cls.emp_pegawai, date(2025, 3, 6), status="absent")
        cls._day(cls.emp_pegawai, date(2025, 3, 7), status="leave")
        cls._day(cls.emp_pegawai, date(2025, 3, 10))
        # Pegawai B: point-based job family, 30 of 40 expected points
        cls.family = cls.env["kilap.job.family"].create(
            {"name": "Satpol PP", "scoring_method": "points", "expected_points": 40}
        )
        cls.emp_b.job_family_id = cls.family
        cls.catalog = cls.env["kilap.activity.catalog"].create(
            {"name": "Patroli", "unit": "kali", "points_per_unit": 10}
        )
        cls._journal(cls.emp_b, date(2025, 3, 3), 3, catalog=cls.catalog)
        # Pegawai A1 Dua: many TK days -> disiplin floored at 0
        for day in range(3, 31):
            cls._day(cls.emp_pegawai2, date(2025, 3, day), status="absent")
        cls.period = cls._period()
        cls.period._kilap_compute(refresh_attendance=False)

    def test_kinerja_from_journal(self):
        line = self._line(self.period, self.emp_pegawai)
        # mean(min(2/4, 1.2), min(3/2, 1.2)) = (0.5 + 1.2) / 2 = 85 %
        self.assertEqual(line.kinerja_score, 85.0)
        self.assertEqual(line.scoring_method, "journal")
        self.assertEqual(line.rhk_count, 2)
        self.assertEqual(line.target_total, 6)
        self.assertEqual(line.realised_total, 5)
        self.assertEqual(line.rating_hasil, "meets")

    def test_kinerja_cap_configurable(self):
        self.company.kilap_kinerja_cap = 1.0
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(self._line(self.period, self.emp_pegawai).kinerja_score, 75.0)
        self.assertEqual(self.period.kinerja_cap, 1.0)

    def test_kinerja_from_points(self):
        line = self._line(self.period, self.emp_b)
        self.assertEqual(line.scoring_method, "points")
        self.assertEqual(line.points_total, 30)
        self.assertEqual(line.kinerja_score, 75.0)

    def test_no_target_no_kinerja(self):
        line = self._line(self.period, self.emp_atasan)
        self.assertEqual(line.kinerja_score, 0.0)
        self.assertEqual(line.rating_hasil, "below")

    def test_disiplin_counts_and_cuts(self):
        line = self._line(self.period, self.emp_pegawai)
        self.assertEqual((line.tl1_count, line.tl3_count, line.psw4_count), (2, 1, 1))
        self.assertEqual((line.tl2_count, line.tl4_count, line.psw1_count), (0, 0, 0))
        self.assertEqual(line.tk_days, 1)
        self.assertEqual(line.leave_days, 1)
        self.assertEqual(line.present_days, 4)
        # 2 x 0.5 + 1.25 + 1.5 + 3 (TK) = 6.75
        self.assertEqual(line.total_cut, 6.75)
        self.assertEqual(line.disiplin_score, 93.25)
        # 28 TK days x 3 = 84
        self.assertEqual(
            self._line(self.period, self.emp_pegawai2).disiplin_score, 16.0
        )
        self.assertEqual(self._line(self.period, self.emp_pegawai2).tk_days, 28)

    def test_cut_table_is_data(self):
        self.env["kilap.score.cut"].create(
            {"code": "TK", "name": "TK", "points": 4.0, "company_id": self.company.id}
        )
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(
            self._line(self.period, self.emp_pegawai).disiplin_score, 92.25
        )
        # 28 TK days x 4 = 112: floored at 0
        line = self._line(self.period, self.emp_pegawai2)
        self.assertEqual((line.total_cut, line.disiplin_score), (112.0, 0.0))

    def test_weights(self):
        line = self._line(self.period, self.emp_pegawai)
        # 60/40 default: 0.6 x 85 + 0.4 x 93.25 = 88.3
        self.assertEqual(line.total_score, 88.3)
        self.company.write({"kilap_weight_kinerja": 50, "kilap_weight_disiplin": 50})
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.total_score, 89.13)
        self.assertEqual(
            (self.period.weight_kinerja, self.period.weight_disiplin), (50, 50)
        )

    def test_bad_weights(self):
        from odoo.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            self.company.write({"kilap_weight_kinerja": 0, "kilap_weight_disiplin": 0})
        with self.assertRaises(ValidationError):
            self.company.write({"kilap_weight_kinerja": -10})
        with self.assertRaises(ValidationError):
            self.company.write({"kilap_kinerja_cap": 0})

    def test_threshold_edges(self):
        Threshold = self.env["kilap.score.threshold"]
        line = self._line(self.period, self.emp_pegawai)
        # exactly on the "meets" edge (85) -> meets; just above it -> below
        Threshold.create(
            {"rating": "meets", "min_score": 85.0, "company_id": self.company.id}
        )
        Threshold.create(
            {"rating": "above", "min_score": 85.01, "company_id": self.company.id}
        )
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.rating_hasil_auto, "meets")
        Threshold.search([("company_id", "=", self.company.id)]).unlink()
        Threshold.create(
            {"rating": "meets", "min_score": 85.01, "company_id": self.company.id}
        )
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.rating_hasil_auto, "below")
        Threshold.create(
            {"rating": "above", "min_score": 85.0, "company_id": self.company.id}
        )
        Threshold.search(
            [("company_id", "=", self.company.id), ("rating", "=", "meets")]
        ).min_score = 50
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.rating_hasil_auto, "above")

    def test_all_nine_matrix_cells(self):
        line = self._line(self.period, self.emp_pegawai)
        expected = {
            ("above", "below"): "kurang",
            ("above", "meets"): "baik",
            ("above", "above"): "sangat_baik",
            ("meets", "below"): "kurang",
            ("meets", "meets"): "baik",
            ("meets", "above"): "baik",
            ("below", "below"): "sangat_kurang",
            ("below", "meets"): "butuh_perbaikan",
            ("below", "above"): "butuh_perbaikan",
        }
        self.assertEqual(expected, predikat_rules.DEFAULT_MATRIX)
        self.assertFalse(line.predikat)
        for (hasil, perilaku), predikat in expected.items():
            line.with_user(self.user_atasan).write(
                {"rating_hasil_override": hasil, "rating_perilaku": perilaku}
            )
            self.assertEqual(line.rating_hasil, hasil)
            self.assertEqual(line.predikat, predikat, f"{hasil}/{perilaku}")
        self.assertEqual(line.rated_by_id, self.user_atasan)

    def test_matrix_is_data(self):
        self.env["kilap.predikat.matrix"].create(
            {
                "rating_hasil": "meets",
                "rating_perilaku": "above",
                "predikat": "sangat_baik",
                "company_id": self.company.id,
            }
        )
        line = self._line(self.period, self.emp_pegawai)
        line.write({"rating_perilaku": "above"})
        self.assertEqual(line.predikat, "sangat_baik")
        # a cell changed after rating applies at the next computation
        cell = self.env["kilap.predikat.matrix"].search(
            [("company_id", "=", self.company.id)]
        )
        cell.predikat = "baik"
        self.assertEqual(line.predikat, "sangat_baik")
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.predikat, "baik")

    def test_override_survives_recompute(self):
        line = self._line(self.period, self.emp_pegawai)
        line.with_user(self.user_atasan).write(
            {"rating_hasil_override": "above", "rating_perilaku": "above"}
        )
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(line.rating_hasil_auto, "meets")
        self.assertEqual(line.predikat, "sangat_baik")

    def _figures(self, line):
        return {
            name: line[name].id if hasattr(line[name], "id") else line[name]
            for name in (
                "kinerja_score",
                "disiplin_score",
                "total_score",
                "rating_hasil",
                "rank",
                "rank_total",
                "tl1_count",
                "tl3_count",
                "psw4_count",
                "tk_days",
                "leave_days",
                "opd_id",
                "department_id",
                "total_cut",
                "points_total",
            )
        }

    def test_recompute_gives_same_figures(self):
        before = {
            line.employee_id: self._figures(line) for line in self.period.line_ids
        }
        ids = self.period.line_ids.ids
        self.period._kilap_compute(refresh_attendance=False)
        after = {line.employee_id: self._figures(line) for line in self.period.line_ids}
        self.assertEqual(before, after)
        self.assertEqual(self.period.line_ids.ids, ids)

    def test_batch_equals_single(self):
        batch = {line.employee_id: self._figures(line) for line in self.period.line_ids}
        self.assertEqual(len(batch), len(self.employees))
        for employee in (self.emp_pegawai, self.emp_b, self.emp_pegawai2):
            # compute the employee alone on a fresh line of the same period
            self._line(self.period, employee).unlink()
            self.period._kilap_compute(employees=employee, refresh_attendance=False)
            self.assertEqual(
                self._figures(self._line(self.period, employee)), batch[employee]
            )

    def test_progress_and_rank(self):
        self.assertEqual(self.period.state, "computed")
        self.assertEqual(self.period.employee_total, 6)
        self.assertEqual(self.period.computed_count, 6)
        self.assertEqual(self.period.progress, 100.0)
        opd_a_lines = self.period.line_ids.filtered(lambda ln: ln.opd_id == self.opd_a)
        self.assertEqual(len(opd_a_lines), 4)
        ranked = opd_a_lines.sorted(lambda ln: ln.rank)
        self.assertEqual(ranked[0].employee_id, self.emp_pegawai)
        self.assertEqual(ranked[0].rank, 1)
        self.assertEqual(set(opd_a_lines.mapped("rank_total")), {4})
        scores = ranked.mapped("total_score")
        self.assertEqual(scores, sorted(scores, reverse=True))
        # two lines without any input tie and share their rank
        tied = opd_a_lines.filtered(
            lambda ln: ln.employee_id in (self.emp_admin_opd | self.emp_atasan)
        )
        self.assertEqual(len(set(tied.mapped("rank"))), 1)
        self.assertEqual(self._line(self.period, self.emp_pegawai).opd_id, self.opd_a)
        self.assertEqual(
            self._line(self.period, self.emp_pegawai).department_id, self.unit_a
        )

    def test_queries_do_not_grow_with_employees(self):
        """Set-based: computing 12 more employees costs no more queries."""
        Emp = self.env["hr.employee"].with_company(self.company)
        period_small = self._period(date(2025, 5, 1), date(2025, 5, 31))
        period_big = self._period(date(2025, 6, 1), date(2025, 6, 30))
        period_warm = self._period(date(2025, 7, 1), date(2025, 7, 31))
        period_warm._kilap_compute(refresh_attendance=False)
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        period_small._kilap_compute(refresh_attendance=False)
        self.env.flush_all()
        small = self.cr.sql_log_count - start
        Emp.create(
            [
                {
                    "name": f"Tambahan {i}",
                    "company_id": self.company.id,
                    "department_id": self.unit_a.id,
                }
                for i in range(12)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        period_big._kilap_compute(refresh_attendance=False)
        self.env.flush_all()
        big = self.cr.sql_log_count - start
        self.assertEqual(len(period_big.line_ids), 18)
        self.assertLessEqual(big, small + 3, f"{small} queries for 6, {big} for 18")

    def test_unit_head_takes_unit_result(self):
        self.unit_a.manager_id = self.emp_atasan
        self.company.kilap_head_takes_unit_result = True
        self.period._kilap_compute(refresh_attendance=False)
        head = self._line(self.period, self.emp_atasan)
        self.assertTrue(head.is_unit_head)
        # unit mean of Pegawai A1 (85) and A1 Dua (0) = 42.5 -> below
        self.assertEqual(head.rating_hasil_auto, "below")
        self.env["kilap.org.rating"].create(
            {
                "period_id": self.period.id,
                "department_id": self.unit_a.id,
                "rating": "istimewa",
            }
        )
        self.period._kilap_compute(refresh_attendance=False)
        self.assertEqual(head.rating_hasil_auto, "above")
        self.company.kilap_head_takes_unit_result = False
        self.period._kilap_compute(refresh_attendance=False)
        self.assertFalse(head.is_unit_head)
        self.assertEqual(head.rating_hasil_auto, "below")

    def test_distribution_warnings(self):
        lines = self.period.line_ids.filtered(lambda ln: ln.opd_id == self.opd_a)
        lines.write({"rating_hasil_override": "above", "rating_perilaku": "above"})
        self.env["kilap.org.rating"].create(
            {
                "period_id": self.period.id,
                "department_id": self.opd_a.id,
                "rating": "istimewa",
            }
        )
        self.period.invalidate_recordset(["warning_html", "warning_count"])
        warnings = self.period._kilap_warnings()
        self.assertTrue(any("Dinas A" in w and "70" in w for w in warnings), warnings)
        self.assertTrue(any("no behaviour rating" in w for w in warnings), warnings)
        self.assertTrue(self.period.warning_count)
        # warnings do not block closing
        self.period.action_close()
        self.assertEqual(self.period.state, "closed")

    def test_refresh_attendance_hook(self):
        """With kilap_attendance_geo's day computation present, compute still works."""
        period = self._period(date(2025, 8, 1), date(2025, 8, 31))
        period._kilap_compute()
        self.assertEqual(period.computed_count, 6)

    def test_input_links(self):
        line = self._line(self.period, self.emp_pegawai)
        self.assertEqual(line.journal_count, 3)
        self.assertEqual(line.attendance_count, 6)
        action = line.action_view_journal_entries()
        entries = self.env["kilap.journal.entry"].search(action["domain"])
        self.assertEqual(sum(entries.mapped("output_qty")), 5)
        action = line.action_view_attendance_days()
        self.assertEqual(
            len(self.env["kilap.attendance.day"].search(action["domain"])), 6
        )

    def test_kinerja_from_tiered_and_capped_points(self):
        """A teacher's lesson hours: 6 JP an entry at 1 point, more at half, at most
        8 points a day; a class assessment capped at 20 points a month."""
        jp = self.env.ref("kilap_activity.catalog_guru_jp")
        assessed = self.env.ref("kilap_activity.catalog_guru_class")
        self.emp_b.job_family_id = self.env.ref("kilap_activity.job_family_guru")
        # besides the 30 points of the patrol (an item of no family, no cap):
        # 3 March: 8 JP -> 6 + 2 x 0.5 = 7 points; 4 March: 2 entries of 6 JP -> 12,
        # capped at 8; 5 March: 4 JP -> 4; classes: 12 x 2 = 24, capped at 20
        entries = [
            self._journal(self.emp_b, date(2025, 3, 3), 8, hour=10.0, catalog=jp),
            self._journal(self.emp_b, date(2025, 3, 4), 6, hour=8.0, catalog=jp),
            self._journal(self.emp_b, date(2025, 3, 4), 6, hour=10.0, catalog=jp),
            self._journal(self.emp_b, date(2025, 3, 5), 4, catalog=jp),
            self._journal(self.emp_b, date(2025, 3, 6), 12, catalog=assessed),
        ]
        self.assertEqual([e.points for e in entries], [7.0, 6.0, 6.0, 4.0, 24.0])
        self.period._kilap_compute(refresh_attendance=False)
        line = self._line(self.period, self.emp_b)
        self.assertEqual(line.points_total, 30 + 7 + 8 + 4 + 20)
        self.assertEqual(line.expected_points, 120)
        self.assertAlmostEqual(line.kinerja_score, 69 / 120 * 100, places=2)
