import base64
import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestJournal(KilapActivityCase):
    def test_create_and_points(self):
        catalog = self.env["kilap.activity.catalog"].create(
            {"name": "Mengajar", "unit": "JP", "points_per_unit": 1.5}
        )
        entry = self.entry(user=self.user_pegawai, catalog_id=catalog.id, output_qty=4)
        self.assertEqual(entry.state, "draft")
        self.assertEqual(entry.duration_minutes, 60)
        self.assertEqual(entry.points, 6.0)
        self.assertEqual(entry.employee_id, self.emp_pegawai)

    def test_catalogue_items_of_own_family_with_their_evidence(self):
        """A teacher may use the teachers' items, not the health workers'; an item
        asking for a photo refuses to be sent without one; formulas are checked."""
        guru = self.env.ref("kilap_activity.job_family_guru")
        self.emp_pegawai.job_family_id = guru
        patients = self.env.ref("kilap_activity.catalog_nakes_patient")
        with self.assertRaisesRegex(ValidationError, "not for"):
            self.entry(user=self.user_pegawai, catalog_id=patients.id, output_qty=3)
        jp = self.env.ref("kilap_activity.catalog_guru_jp")
        entry = self.entry(user=self.user_pegawai, catalog_id=jp.id, output_qty=8)
        self.assertEqual(entry.points, 7.0)  # 6 JP at 1, 2 JP at 0.5
        photo_item = jp.copy({"name": "JP (foto)", "evidence": "photo"})
        entry.catalog_id = photo_item
        with self.assertRaisesRegex(ValidationError, "needs a photo"):
            entry.with_user(self.user_pegawai).action_submit()
        self.assertEqual(entry.state, "draft")
        for values, message in (
            ({"points_per_unit": -1}, "cannot be negative"),
            ({"formula_kind": "tiered", "tier_units": 0}, "units at the first rate"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
            ):
                jp.copy(values)

    def test_times_invalid(self):
        with self.assertRaisesRegex(ValidationError, "start before it ends"):
            self.entry(time_start=10.0, time_end=9.0)

    def test_overlap_refused(self):
        self.entry(time_start=8.0, time_end=10.0)
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self.entry(time_start=9.5, time_end=11.0)
        # touching spans are fine, and another employee may use the same hours
        self.entry(time_start=10.0, time_end=11.0)
        self.entry(employee=self.emp_pegawai2, time_start=8.0, time_end=10.0)

    def test_rejected_entry_does_not_block_overlap(self):
        first = self.entry(time_start=8.0, time_end=10.0)
        first.with_user(self.user_pegawai).action_submit()
        first.with_user(self.user_atasan).action_reject("Tidak jelas")
        second = self.entry(time_start=8.0, time_end=10.0)
        self.assertTrue(second)

    def test_future_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "future date"):
            self.entry(
                user=self.user_pegawai, date=self.today + datetime.timedelta(days=1)
            )

    def test_window_in_working_days(self):
        ok_day = self.working_day_back(self.emp_pegawai, 3)
        entry = self.entry(user=self.user_pegawai, date=ok_day)
        self.assertEqual(entry.date, ok_day)
        late_day = self.working_day_back(self.emp_pegawai, 4)
        with self.assertRaisesRegex(ValidationError, "too late"):
            self.entry(
                user=self.user_pegawai, date=late_day, time_start=10, time_end=11
            )
        # the window follows the company setting
        self.company.kilap_journal_window_days = 4
        self.entry(user=self.user_pegawai, date=late_day, time_start=10, time_end=11)

    def test_public_holiday_extends_window(self):
        """A public holiday is not a working day, so it does not use up the window."""
        late_day = self.working_day_back(self.emp_pegawai, 4)
        holiday = self.working_day_back(self.emp_pegawai, 1)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Libur nasional",
                "calendar_id": self.calendar.id,
                "date_from": fields.Datetime.to_datetime(holiday)
                - datetime.timedelta(hours=8),
                "date_to": fields.Datetime.to_datetime(holiday)
                + datetime.timedelta(hours=15),
            }
        )
        entry = self.entry(user=self.user_pegawai, date=late_day)
        self.assertTrue(entry)

    def test_window_opening_by_bkpsdm(self):
        late_day = self.working_day_back(self.emp_pegawai, 8)
        Window = self.env["kilap.journal.window"]
        with self.assertRaises(AccessError):
            Window.with_user(self.user_atasan).create(
                {"name": "x", "date_from": late_day, "date_to": late_day}
            )
        window = Window.with_user(self.user_bkpsdm).create(
            {
                "name": "Gangguan jaringan",
                "company_id": self.company.id,
                "department_id": self.opd_a.id,
                "date_from": late_day,
                "date_to": late_day,
            }
        )
        entry = self.entry(user=self.user_pegawai, date=late_day)
        self.assertEqual(entry.date, late_day)
        # other OPD is not covered
        with self.assertRaisesRegex(ValidationError, "too late"):
            self.entry(employee=self.emp_staff_b, date=late_day)
        window.open_until = self.today - datetime.timedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "too late"):
            self.entry(
                user=self.user_pegawai, date=late_day, time_start=12, time_end=13
            )
        self.assertTrue(window.message_ids, "window changes are tracked")

    def _skp(self, employee, state="approved"):
        skp = self.env["kilap.skp"].create(
            {
                "employee_id": employee.id,
                "year": self.today.year,
                "rhk_ids": [fields.Command.create({"name": "RHK utama"})],
            }
        )
        skp._kilap_transition({"state": state})
        return skp

    def test_rhk_required_with_approved_skp(self):
        self.entry(time_start=7.5, time_end=8.0)  # no SKP yet: fine
        skp = self._skp(self.emp_pegawai)
        with self.assertRaisesRegex(ValidationError, "approved SKP"):
            self.entry(time_start=8.0, time_end=9.0)
        entry = self.entry(time_start=8.0, time_end=9.0, rhk_id=skp.rhk_ids.id)
        self.assertTrue(entry.rhk_required)
        other = self._skp(self.emp_pegawai2)
        with self.assertRaisesRegex(ValidationError, "own SKP"):
            self.entry(time_start=9.0, time_end=10.0, rhk_id=other.rhk_ids.id)

    def test_evidence_required(self):
        entry = self.entry(user=self.user_pegawai, journal_type_id=self.field_type.id)
        with self.assertRaisesRegex(ValidationError, "need evidence"):
            entry.with_user(self.user_pegawai).action_submit()
        self.assertEqual(entry.state, "draft")
        photo = (
            self.env["ir.attachment"]
            .with_user(self.user_pegawai)
            .create({"name": "foto.jpg", "datas": base64.b64encode(b"\xff\xd8\xff")})
        )
        entry.with_user(self.user_pegawai).attachment_ids = photo
        entry.with_user(self.user_pegawai).action_submit()
        self.assertEqual(entry.state, "submitted")

    def test_approve_by_supervisor(self):
        entry = self.entry(user=self.user_pegawai)
        self.flush_tracking()
        entry.with_user(self.user_pegawai).action_submit()
        self.flush_tracking()
        self.assertTrue(entry.with_user(self.user_atasan).can_approve)
        self.assertFalse(entry.with_user(self.user_pegawai).can_approve)
        entry.with_user(self.user_atasan).action_approve()
        self.flush_tracking()
        self.assertEqual(entry.state, "approved")
        self.assertEqual(entry.approver_id, self.user_atasan)
        entry = entry.sudo()
        tracked = entry.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(
            len(tracked), 2, "draft->submitted and submitted->approved tracked"
        )
        notice = entry.message_ids.filtered(lambda m: "was approved" in (m.body or ""))
        self.assertIn(self.user_pegawai.partner_id, notice.partner_ids)

    def test_approve_by_appraiser(self):
        self.emp_pegawai2.penilai_id = self.emp_admin_opd
        entry = self.entry(employee=self.emp_pegawai2)
        entry.action_submit()
        entry.with_user(self.user_admin_opd).action_approve()
        self.assertEqual(entry.state, "approved")

    def test_nobody_approves_own_entries(self):
        entry = self.entry(employee=self.emp_atasan, user=self.user_atasan)
        entry.with_user(self.user_atasan).action_submit()
        with self.assertRaisesRegex(AccessError, "own journal"):
            entry.with_user(self.user_atasan).action_approve()
        # BKPSDM cannot approve their own entry either
        mine = self.entry(employee=self.emp_bkpsdm, user=self.user_bkpsdm)
        mine.with_user(self.user_bkpsdm).action_submit()
        with self.assertRaisesRegex(AccessError, "own journal"):
            mine.with_user(self.user_bkpsdm).action_approve()
        self.assertEqual(mine.state, "submitted")

    def test_other_supervisor_cannot_approve(self):
        entry = self.entry()
        entry.action_submit()
        with self.assertRaises(AccessError):
            entry.with_user(self.user_other_atasan).action_approve()
        with self.assertRaises(AccessError):
            entry.with_user(self.user_pegawai2).action_approve()
        self.assertEqual(entry.state, "submitted")

    def test_reject_needs_reason_wizard(self):
        entries = self.entry() | self.entry(time_start=9, time_end=10)
        entries.action_submit()
        action = entries.with_user(self.user_atasan).action_open_reject_wizard()
        wizard_form = Form(
            self.env["kilap.reject.wizard"]
            .with_user(self.user_atasan)
            .with_context(**action["context"])
        )
        self.assertEqual(len(wizard_form.journal_entry_ids), 2)
        with self.assertRaises(AssertionError):
            wizard_form.save()  # reason is required
        with self.assertRaisesRegex(UserError, "reason is required"):
            entries.with_user(self.user_atasan).action_reject("  ")
        wizard_form.reason = "Lampirkan bukti"
        wizard_form.save().action_reject()
        self.assertEqual(set(entries.mapped("state")), {"rejected"})
        self.assertEqual(entries[0].reject_reason, "Lampirkan bukti")
        self.assertTrue(
            entries[0].activity_ids.filtered(lambda a: a.user_id == self.user_pegawai),
            "the employee gets a to-do to fix the entry",
        )
        entries[0].with_user(self.user_pegawai).action_reset_draft()
        self.assertEqual(entries[0].state, "draft")

    def test_bulk_approve(self):
        entries = (
            self.entry()
            | self.entry(time_start=9, time_end=10)
            | self.entry(employee=self.emp_pegawai2)
        )
        entries.action_submit()
        entries.with_user(self.user_atasan).action_approve()
        self.assertEqual(set(entries.mapped("state")), {"approved"})

    def test_cannot_approve_draft(self):
        entry = self.entry()
        with self.assertRaisesRegex(UserError, "Only submitted"):
            entry.with_user(self.user_atasan).action_approve()

    def test_locked_after_submit_and_approve(self):
        entry = self.entry(user=self.user_pegawai)
        entry.with_user(self.user_pegawai).action_submit()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            entry.with_user(self.user_pegawai).write({"description": "ubah"})
        entry.with_user(self.user_atasan).action_approve()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            entry.with_user(self.user_atasan).write({"time_end": 12})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            entry.with_user(self.user_pegawai).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            entry.with_user(self.user_bkpsdm).unlink()
        with self.assertRaises(AccessError):
            entry.with_user(self.user_pegawai).write({"active": False})
        with self.assertRaisesRegex(UserError, "buttons"):
            entry.with_user(self.user_pegawai).write({"state": "draft"})
        entry.with_user(self.user_bkpsdm).write({"active": False})
        self.assertFalse(entry.active)
        self.assertEqual(entry.state, "approved")

    def test_new_entries_are_drafts(self):
        with self.assertRaisesRegex(UserError, "starts in its first state"):
            self.entry(user=self.user_pegawai, state="approved")

    def test_draft_can_be_deleted(self):
        entry = self.entry(user=self.user_pegawai)
        entry.with_user(self.user_pegawai).unlink()
        self.assertFalse(entry.exists())

    def test_lock_hook_for_inheritance(self):
        """kilap_scoring extends _kilap_check_locked: called on write and unlink."""
        entry = self.entry()
        calls = []
        original = type(entry)._kilap_check_locked

        def spy(records, operation, vals=None):
            calls.append(operation)
            return original(records, operation, vals)

        self.patch(type(entry), "_kilap_check_locked", spy)
        entry.write({"description": "lagi"})
        entry.unlink()
        self.assertEqual(calls, ["write", "unlink"])

    def test_day_minutes(self):
        day = self.last_working_day(self.emp_pegawai)
        e1 = self.entry(date=day, time_start=7.5, time_end=9.0)
        self.entry(date=day, time_start=9.0, time_end=10.0)
        self.assertEqual(e1.day_minutes_logged, 150)
        self.assertEqual(e1.day_minutes_scheduled, 450)
        summary = self.env["kilap.journal.day"].search(
            [("employee_id", "=", self.emp_pegawai.id), ("date", "=", day)]
        )
        self.assertEqual(summary.minutes_logged, 150)
        self.assertEqual(summary.entry_count, 2)
        self.assertEqual(summary.minutes_scheduled, 450)
        self.assertAlmostEqual(summary.coverage, 100 * 150 / 450, places=2)
