from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import tagged

from .common import MONTH, MONTH_END, KilapScoringCase


@tagged("post_install", "-at_install")
class TestPeriod(KilapScoringCase):
    def test_end_before_start(self):
        with self.assertRaises(ValidationError):
            self._period(date(2025, 3, 31), date(2025, 3, 1))

    def test_not_a_calendar_month(self):
        with self.assertRaises(ValidationError):
            self._period(date(2025, 3, 2), date(2025, 3, 31))
        with self.assertRaises(ValidationError):
            self._period(date(2025, 3, 1), date(2025, 4, 30))

    def test_duplicate_month(self):
        period = self._period()
        self.assertEqual(period.name, "2025-03")
        with self.assertRaises(ValidationError):
            self._period()
        self.assertEqual(
            self.env["kilap.score.period"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )

    def test_generate_months(self):
        self._period()
        periods = self.env["kilap.score.period"]._kilap_generate_months(
            2025, self.company
        )
        self.assertEqual(len(periods), 11)
        self.assertNotIn(3, periods.mapped("month"))
        feb = periods.filtered(lambda p: p.month == 2)
        self.assertEqual(
            (feb.date_from, feb.date_to), (date(2025, 2, 1), date(2025, 2, 28))
        )
        self.assertEqual(feb.quarter, "1")
        self.assertFalse(
            self.env["kilap.score.period"]._kilap_generate_months(2025, self.company)
        )

    def _closed_period(self):
        rhk = self._skp(self.emp_pegawai, [4])
        self.entry = self._journal(self.emp_pegawai, date(2025, 3, 10), 2, rhk)
        self.day = self._day(self.emp_pegawai, date(2025, 3, 10), tl="TL1")
        period = self._period()
        period._kilap_compute(refresh_attendance=False)
        period.with_user(self.user_bkpsdm).action_close()
        self.assertEqual(period.state, "closed")
        self.assertEqual(period.closed_by_id, self.user_bkpsdm)
        return period

    def test_lock_and_reopen(self):
        period = self._closed_period()
        line = self._line(period, self.emp_pegawai)
        Day = self.env["kilap.attendance.day"]
        # attendance results of the closed month are locked
        with self.assertRaises(UserError):
            self.day.write({"status": "absent"})
        with self.assertRaises(UserError):
            self._day(self.emp_pegawai2, date(2025, 3, 11))
        with self.assertRaises(UserError):
            self.day.unlink()
        # journal entries too
        with self.assertRaises(UserError):
            self.entry.write({"output_qty": 9})
        with self.assertRaises(UserError):
            self._journal(self.emp_pegawai2, date(2025, 3, 12), 1)
        with self.assertRaises(UserError):
            self.entry.unlink()
        # moving a record from an open month into the closed one is refused too
        april_day = self._day(self.emp_pegawai, date(2025, 4, 1))
        with self.assertRaises(UserError):
            april_day.write({"date": date(2025, 3, 20)})
        self.assertEqual(self.day.status, "present")
        # other months and other companies are untouched by the lock
        Day.create(
            {
                "employee_id": self.emp_pegawai.id,
                "company_id": self.company.id,
                "date": date(2025, 2, 28),
                "status": "present",
            }
        )
        # the scores themselves are locked and cannot be recomputed
        with self.assertRaises(UserError):
            line.write({"rating_perilaku": "above"})
        with self.assertRaises(UserError):
            period._kilap_compute()
        with self.assertRaises(UserError):
            period.unlink()
        with self.assertRaises(UserError):
            self.env["kilap.org.rating"].create(
                {
                    "period_id": period.id,
                    "department_id": self.opd_a.id,
                    "rating": "baik",
                }
            )
        # reopening: BKPSDM only, with a reason, tracked
        wizard = self.env["kilap.score.reopen.wizard"].with_user(self.user_bkpsdm)
        with self.assertRaises(UserError):
            wizard.create({"period_id": period.id, "reason": "   "}).action_confirm()
        self.assertEqual(period.state, "closed")
        with self.assertRaises(AccessError):
            self.env["kilap.score.reopen.wizard"].with_user(self.user_atasan).create(
                {"period_id": period.id, "reason": "Salah hitung"}
            )
        with self.assertRaises(UserError):
            period.with_user(self.user_admin_opd)._kilap_reopen("Salah hitung")
        wizard.with_context(tracking_disable=False).create(
            {"period_id": period.id, "reason": "Koreksi presensi"}
        ).action_confirm()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(period.state, "open")
        self.assertEqual(period.reopen_reason, "Koreksi presensi")
        self.assertEqual(period.reopen_count, 1)
        self.assertTrue(any("Koreksi presensi" in m.body for m in period.message_ids))
        # the state changes are tracked in the chatter
        tracked = period.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked[:1].new_value_char, "Open")
        # unlocked again
        self.day.write({"status": "absent"})
        period._kilap_compute(refresh_attendance=False)
        self.assertEqual(self._line(period, self.emp_pegawai).tk_days, 1)

    def test_close_requires_computed_and_bkpsdm(self):
        period = self._period()
        with self.assertRaises(UserError):
            period.action_close()
        period._kilap_compute(refresh_attendance=False)
        with self.assertRaises(UserError):
            period.with_user(self.user_admin_opd).action_close()
        with self.assertRaises(UserError):
            period._kilap_reopen("not closed")
        self.assertEqual(period.state, "computed")

    def test_period_dates_fixed_once_computed(self):
        period = self._period()
        period._kilap_compute(refresh_attendance=False)
        with self.assertRaises(UserError):
            period.write({"date_from": date(2025, 4, 1), "date_to": date(2025, 4, 30)})
        self.assertEqual(period.date_to, MONTH_END)
        self.assertEqual(period.date_from, MONTH)

    def test_day_computation_skips_closed_month(self):
        """kilap_attendance_geo's recomputation leaves a closed month untouched."""
        Day = self.env["kilap.attendance.day"]
        if not hasattr(Day, "_kilap_compute_days"):
            self.skipTest("kilap_attendance_geo has no day computation yet")
        self._closed_period()
        march = Day.search([("employee_id", "=", self.emp_pegawai.id)])
        snapshot = march.read(["date", "status", "tl_band_id"])
        rows = Day._kilap_compute_days(
            self.emp_pegawai, date(2025, 3, 25), date(2025, 4, 4)
        )
        self.assertEqual(
            march.exists().read(["date", "status", "tl_band_id"]), snapshot
        )
        self.assertFalse(
            rows.filtered(lambda d: date(2025, 3, 25) <= d.date <= date(2025, 3, 31))
            - march
        )

    def test_bulk_created_days_locked_too(self):
        """Both bulk paths of the daily results (create() and the computed rows'
        COPY) meet the same lock."""
        self._closed_period()
        Day = self.env["kilap.attendance.day"]
        vals = {
            "employee_id": self.emp_pegawai2.id,
            "company_id": self.company.id,
            "status": "present",
        }
        for n, bulk in enumerate((Day._kilap_bulk_create, Day._kilap_bulk_insert)):
            before = Day.search_count([])
            with self.assertRaisesRegex(UserError, "is closed"):
                with self.env.cr.savepoint():
                    bulk(
                        [
                            {**vals, "date": date(2025, 4, 1)},
                            {**vals, "date": date(2025, 3, 13)},
                        ]
                    )
            self.assertEqual(Day.search_count([]), before)
            april = bulk([{**vals, "date": date(2025, 4, 2 + n)}])
            self.assertEqual(april.status, "present")

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["kilap_scoring"], ["id_ID"])
        Period = self.env["kilap.score.period"].with_context(lang="id_ID")
        with self.assertRaisesRegex(
            ValidationError, "tidak boleh berakhir sebelum dimulai"
        ):
            Period.create(
                {
                    "company_id": self.company.id,
                    "date_from": date(2025, 3, 31),
                    "date_to": date(2025, 3, 1),
                }
            )
        label = dict(
            self.env["kilap.score.line"]
            .with_context(lang="id_ID")
            ._fields["rating_perilaku"]
            ._description_selection(Period.env)
        )["meets"]
        self.assertEqual(label, "Sesuai Ekspektasi")

    def test_lock_check_is_one_query_per_batch(self):
        self._closed_period()
        Day = self.env["kilap.attendance.day"]
        few = Day.create(
            [
                {
                    "employee_id": self.emp_b.id,
                    "company_id": self.company.id,
                    "date": date(2025, 4, day),
                    "status": "present",
                }
                for day in (1, 2)
            ]
        )
        many = Day.create(
            [
                {
                    "employee_id": employee.id,
                    "company_id": self.company.id,
                    "date": date(2025, 4, day),
                    "status": "present",
                }
                for employee in self.employees - self.emp_b
                for day in range(1, 29)
            ]
        )
        Period = self.env["kilap.score.period"]
        counts = []
        for records in (few, many):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Period._kilap_check_locked(records)
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 3)
