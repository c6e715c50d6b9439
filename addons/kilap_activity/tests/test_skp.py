import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestSkp(KilapActivityCase):
    def _skp(self, employee=None, user=None):
        Skp = self.env["kilap.skp"]
        if user:
            Skp = Skp.with_user(user)
        return Skp.create(
            {
                "employee_id": (employee or self.emp_pegawai).id,
                "year": self.today.year,
                "rhk_ids": [
                    fields.Command.create(
                        {
                            "name": "Terkelolanya data",
                            "indicator_ids": [
                                fields.Command.create(
                                    {"name": "Jumlah data", "target_qty": 12}
                                )
                            ],
                            "action_ids": [
                                fields.Command.create(
                                    {"name": "Input data", "month": 1}
                                )
                            ],
                        }
                    ),
                    fields.Command.create({"name": "Laporan", "kind": "additional"}),
                ],
            }
        )

    def test_workflow_and_lock(self):
        skp = self._skp(user=self.user_pegawai)
        self.assertEqual(
            skp.penilai_id, self.emp_atasan, "appraiser defaults to penilai"
        )
        skp.with_user(self.user_pegawai).action_submit()
        with self.assertRaisesRegex(AccessError, "own SKP"):
            skp.with_user(self.user_pegawai).action_approve()
        with self.assertRaises(AccessError):
            skp.with_user(self.user_other_atasan).action_approve()
        skp.with_user(self.user_atasan).action_approve()
        self.assertEqual(skp.state, "approved")
        rhk = skp.rhk_ids[0]
        with self.assertRaisesRegex(UserError, "Revise"):
            rhk.with_user(self.user_pegawai).write({"name": "ubah"})
        with self.assertRaisesRegex(UserError, "Revise"):
            rhk.indicator_ids.with_user(self.user_pegawai).write({"target_qty": 1})
        with self.assertRaisesRegex(UserError, "Revise"):
            rhk.action_ids.with_user(self.user_pegawai).unlink()
        with self.assertRaisesRegex(UserError, "Revise"):
            self.env["kilap.skp.rhk"].with_user(self.user_pegawai).create(
                {"name": "baru", "skp_id": skp.id}
            )
        with self.assertRaisesRegex(UserError, "buttons"):
            skp.with_user(self.user_pegawai).write({"state": "draft"})
        with self.assertRaises(AccessError):
            skp.with_user(self.user_pegawai).unlink()
        with self.assertRaisesRegex(UserError, "draft SKPs"):
            skp.with_user(self.user_bkpsdm).unlink()

    def test_revision_tracked(self):
        skp = self._skp()
        skp.action_submit()
        skp.with_user(self.user_atasan).action_approve()
        action = skp.with_user(self.user_atasan).action_open_revise_wizard()
        wizard = Form(
            self.env["kilap.skp.revise.wizard"]
            .with_user(self.user_atasan)
            .with_context(**action["context"])
        )
        wizard.reason = "Perubahan target triwulan IV"
        wizard.save().action_revise()
        self.assertEqual(skp.state, "draft")
        self.assertEqual(skp.revision, 1)
        self.assertIn("Perubahan target", skp.message_ids[0].body)
        skp.rhk_ids[0].with_user(self.user_pegawai).name = "Target baru"
        self.assertEqual(skp.rhk_ids[0].name, "Target baru")
        with self.assertRaisesRegex(UserError, "reason is required"):
            skp.with_user(self.user_atasan).action_revise("")

    def test_submit_needs_rhk(self):
        skp = self.env["kilap.skp"].create(
            {"employee_id": self.emp_pegawai.id, "year": 2020}
        )
        with self.assertRaisesRegex(UserError, "at least one RHK"):
            skp.action_submit()

    def test_one_skp_per_year(self):
        self._skp()
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self._skp()

    def test_parent_rhk_must_be_supervisors(self):
        boss = self._skp(self.emp_atasan)
        mine = self._skp()
        mine.rhk_ids[0].parent_rhk_id = boss.rhk_ids[0]
        self.assertEqual(mine.rhk_ids[0].parent_rhk_id, boss.rhk_ids[0])
        peer = self._skp(self.emp_pegawai2)
        with self.assertRaisesRegex(ValidationError, "supervisor's RHK"):
            mine.rhk_ids[1].parent_rhk_id = peer.rhk_ids[0]

    def test_action_month_range(self):
        skp = self._skp()
        with self.assertRaisesRegex(ValidationError, "1 to 12"):
            skp.rhk_ids[0].action_ids.month = 13
