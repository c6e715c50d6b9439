from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestAccess(KilapActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.e_pegawai = cls.entry_cls(cls.emp_pegawai)
        cls.e_pegawai2 = cls.entry_cls(cls.emp_pegawai2)
        cls.e_atasan = cls.entry_cls(cls.emp_atasan)
        cls.e_admin = cls.entry_cls(cls.emp_admin_opd)
        cls.e_staff_b = cls.entry_cls(cls.emp_staff_b)
        cls.all_entries = (
            cls.e_pegawai | cls.e_pegawai2 | cls.e_atasan | cls.e_admin | cls.e_staff_b
        )
        cls.skp_pegawai = cls.env["kilap.skp"].create(
            {
                "employee_id": cls.emp_pegawai.id,
                "year": cls.today.year,
                "rhk_ids": [fields.Command.create({"name": "RHK"})],
            }
        )
        cls.skp_b = cls.env["kilap.skp"].create(
            {
                "employee_id": cls.emp_staff_b.id,
                "year": cls.today.year,
                "rhk_ids": [fields.Command.create({"name": "RHK B"})],
            }
        )
        cls.duty_b = cls.env["kilap.field.duty"].create(
            {
                "name": "SPT/B",
                "company_id": cls.company.id,
                "employee_ids": [fields.Command.set(cls.emp_staff_b.ids)],
                "requester_id": cls.emp_staff_b.id,
                "date_from": cls.today,
                "date_to": cls.today,
                "destination": "Kecamatan",
                "allow_anywhere": True,
                "purpose": "Tugas",
            }
        )

    @classmethod
    def entry_cls(cls, employee):
        return cls.env["kilap.journal.entry"].create(
            {
                "name": f"Kegiatan {employee.name}",
                "description": "x",
                "employee_id": employee.id,
                "date": cls.today,
                "time_start": 8.0,
                "time_end": 9.0,
            }
        )

    def visible(self, user, model="kilap.journal.entry", records=None):
        records = records if records is not None else self.all_entries
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_pegawai_own_only(self):
        self.assertEqual(self.visible(self.user_pegawai), self.e_pegawai)
        with self.assertRaises(AccessError):
            self.e_pegawai2.with_user(self.user_pegawai).read(["name"])
        with self.assertRaises(AccessError):
            self.e_pegawai2.with_user(self.user_pegawai).write({"description": "y"})
        with self.assertRaises(AccessError):
            self.env["kilap.journal.entry"].with_user(self.user_pegawai).create(
                {
                    "name": "untuk orang lain",
                    "description": "x",
                    "employee_id": self.emp_pegawai2.id,
                    "time_start": 10,
                    "time_end": 11,
                }
            )
        self.e_pegawai.with_user(self.user_pegawai).write({"description": "milik saya"})
        self.assertEqual(
            self.visible(self.user_pegawai, "kilap.skp", self.skp_pegawai | self.skp_b),
            self.skp_pegawai,
        )
        self.assertFalse(
            self.visible(self.user_pegawai, "kilap.field.duty", self.duty_b)
        )

    def test_atasan_subordinates(self):
        self.assertEqual(
            self.visible(self.user_atasan),
            self.e_pegawai | self.e_pegawai2 | self.e_atasan,
        )
        with self.assertRaises(AccessError):
            self.e_admin.with_user(self.user_atasan).read(["name"])
        with self.assertRaises(AccessError):
            self.e_staff_b.with_user(self.user_atasan).write({"description": "y"})
        self.e_pegawai.with_user(self.user_atasan).write(
            {"description": "dikoreksi atasan"}
        )
        rhk = (
            self.env["kilap.skp.rhk"]
            .with_user(self.user_atasan)
            .search([("id", "in", (self.skp_pegawai | self.skp_b).rhk_ids.ids)])
        )
        self.assertEqual(rhk, self.skp_pegawai.rhk_ids)

    def test_admin_opd_department_tree(self):
        self.assertEqual(
            self.visible(self.user_admin_opd),
            self.e_pegawai | self.e_pegawai2 | self.e_atasan | self.e_admin,
        )
        with self.assertRaises(AccessError):
            self.e_staff_b.with_user(self.user_admin_opd).read(["name"])
        self.assertFalse(
            self.visible(self.user_admin_opd, "kilap.field.duty", self.duty_b)
        )
        days = (
            self.env["kilap.journal.day"]
            .with_user(self.user_admin_opd)
            .search([("date", "=", self.today), ("company_id", "=", self.company.id)])
        )
        self.assertNotIn(self.emp_staff_b, days.employee_id)
        self.assertIn(self.emp_pegawai, days.employee_id)

    def test_bkpsdm_whole_company(self):
        self.assertEqual(self.visible(self.user_bkpsdm), self.all_entries)
        self.e_staff_b.with_user(self.user_bkpsdm).write(
            {"description": "koreksi BKPSDM"}
        )
        self.assertEqual(
            self.visible(self.user_bkpsdm, "kilap.field.duty", self.duty_b), self.duty_b
        )

    def test_auditor_read_only(self):
        self.assertEqual(self.visible(self.user_auditor), self.all_entries)
        self.assertEqual(
            self.visible(self.user_auditor, "kilap.skp", self.skp_pegawai | self.skp_b),
            self.skp_pegawai | self.skp_b,
        )
        with self.assertRaises(AccessError):
            self.e_pegawai.with_user(self.user_auditor).write({"description": "y"})
        with self.assertRaises(AccessError):
            self.skp_b.with_user(self.user_auditor).write({"penilai_id": False})
        with self.assertRaises(AccessError):
            self.duty_b.with_user(self.user_auditor).write({"purpose": "y"})

    def test_multi_company(self):
        other_emp = self.env["hr.employee"].create(
            {"name": "Lain", "company_id": self.other_company.id, "tz": "Asia/Makassar"}
        )
        other = self.entry_cls(other_emp)
        self.assertFalse(self.visible(self.user_bkpsdm, records=other))
        self.assertFalse(self.visible(self.user_auditor, records=other))
        with self.assertRaises(AccessError):
            other.with_user(self.user_bkpsdm).read(["name"])

    def test_config_only_bkpsdm(self):
        with self.assertRaises(AccessError):
            self.env["kilap.activity.catalog"].with_user(self.user_admin_opd).create(
                {"name": "x", "unit": "u"}
            )
        catalog = (
            self.env["kilap.activity.catalog"]
            .with_user(self.user_bkpsdm)
            .create({"name": "x", "unit": "u"})
        )
        self.assertTrue(catalog)
        with self.assertRaises(AccessError):
            self.env.ref("kilap_activity.journal_type_field").with_user(
                self.user_pegawai
            ).evidence_required = False
