import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestFieldDuty(KilapActivityCase):
    def _duty(self, user=None, **vals):
        values = {
            "name": "SPT/001",
            "company_id": self.company.id,
            "employee_ids": [fields.Command.set(self.emp_pegawai.ids)],
            "requester_id": self.emp_pegawai.id,
            "date_from": self.today,
            "date_to": self.today + datetime.timedelta(days=1),
            "destination": "Puskesmas Atinggola",
            "latitude": 0.85,
            "longitude": 123.0,
            "purpose": "Supervisi",
        }
        values.update(vals)
        Duty = self.env["kilap.field.duty"]
        if user:
            Duty = Duty.with_user(user)
        return Duty.create(values)

    def test_end_before_start(self):
        with self.assertRaisesRegex(ValidationError, "end before it starts"):
            self._duty(date_to=self.today - datetime.timedelta(days=1))

    def test_missing_coordinates(self):
        with self.assertRaisesRegex(ValidationError, "coordinates"):
            self._duty(latitude=0, longitude=0)
        duty = self._duty(latitude=0, longitude=0, allow_anywhere=True)
        self.assertTrue(duty.allow_anywhere)
        with self.assertRaisesRegex(ValidationError, "out of range"):
            self._duty(latitude=95)

    def test_workflow_report(self):
        duty = self._duty(user=self.user_pegawai)
        self.flush_tracking()
        duty.with_user(self.user_pegawai).action_submit()
        self.flush_tracking()
        with self.assertRaisesRegex(AccessError, "own field duty"):
            duty.with_user(self.user_pegawai).action_approve()
        with self.assertRaises(AccessError):
            duty.with_user(self.user_other_atasan).action_approve()
        duty.with_user(self.user_atasan).action_approve()
        self.flush_tracking()
        self.assertEqual(duty.state, "approved")
        self.assertEqual(duty.approver_id, self.user_atasan)
        with self.assertRaisesRegex(UserError, "last day"):
            duty.with_user(self.user_pegawai).action_report()
        duty.sudo().date_to = self.today
        with self.assertRaisesRegex(ValidationError, "narrative"):
            duty.with_user(self.user_pegawai).action_report()
        duty.with_user(self.user_pegawai).report_narrative = "<p>Selesai</p>"
        with self.assertRaisesRegex(ValidationError, "evidence"):
            duty.with_user(self.user_pegawai).action_report()
        photo = (
            self.env["ir.attachment"]
            .with_user(self.user_pegawai)
            .create({"name": "foto.jpg", "raw": b"\xff\xd8"})
        )
        duty.with_user(self.user_pegawai).report_attachment_ids = photo
        duty.with_user(self.user_pegawai).action_report()
        self.flush_tracking()
        self.assertEqual(duty.state, "reported")
        self.assertEqual(duty.report_date, fields.Date.context_today(duty))
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            duty.with_user(self.user_pegawai).write({"destination": "lain"})
        with self.assertRaises(AccessError):
            duty.with_user(self.user_pegawai).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            duty.with_user(self.user_bkpsdm).unlink()
        states = duty.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(states), 3)

    def test_reject_with_reason(self):
        duty = self._duty()
        duty.action_submit()
        with self.assertRaisesRegex(UserError, "reason is required"):
            duty.with_user(self.user_atasan).action_reject("")
        action = duty.with_user(self.user_atasan).action_open_reject_wizard()
        wizard = (
            self.env["kilap.reject.wizard"]
            .with_user(self.user_atasan)
            .with_context(**action["context"])
            .create({"reason": "SPT belum ditandatangani"})
        )
        wizard.action_reject()
        self.assertEqual(duty.state, "rejected")
        self.assertEqual(duty.reject_reason, "SPT belum ditandatangani")
        with self.assertRaisesRegex(UserError, "Only approved"):
            duty.action_report()

    def test_approved_duties_api(self):
        approved = self._duty()
        approved.action_submit()
        approved.with_user(self.user_atasan).action_approve()
        pending = self._duty(name="SPT/002")
        pending.action_submit()
        far = self._duty(
            name="SPT/003",
            date_from=self.today + datetime.timedelta(days=30),
            date_to=self.today + datetime.timedelta(days=31),
        )
        far.action_submit()
        far.with_user(self.user_atasan).action_approve()
        Duty = self.env["kilap.field.duty"]
        found = Duty._kilap_approved_duties(self.emp_pegawai, self.today, self.today)
        self.assertEqual(found, approved)
        found = Duty._kilap_approved_duties(
            self.emp_pegawai | self.emp_pegawai2,
            self.today,
            self.today + datetime.timedelta(days=40),
        )
        self.assertEqual(found, approved | far)
        self.assertFalse(Duty._kilap_approved_duties(self.emp_pegawai2, self.today))
