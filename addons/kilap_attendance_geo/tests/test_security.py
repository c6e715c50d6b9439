from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KilapGeoCase


@tagged("post_install", "-at_install")
class TestSecurity(KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        monday = cls.last_weekday(0)
        cls.employees = cls.pegawai | cls.atasan | cls.admin | cls.bkpsdm | cls.outsider
        cls.days = cls.env["kilap.attendance.day"]._kilap_compute_days(
            cls.employees, monday - timedelta(days=1), monday
        )

    def visible(self, role):
        return (
            self.env["kilap.attendance.day"]
            .with_user(self.users[role])
            .search([("id", "in", self.days.ids)])
            .employee_id
        )

    def test_read_scopes(self):
        self.assertEqual(self.visible("pegawai"), self.pegawai)
        self.assertEqual(self.visible("atasan"), self.atasan | self.pegawai)
        self.assertEqual(self.visible("admin"), self.admin | self.atasan | self.pegawai)
        self.assertEqual(self.visible("bkpsdm"), self.employees)
        self.assertEqual(self.visible("auditor"), self.employees)

    def test_write_denied(self):
        own = self.days.filtered(lambda d: d.employee_id == self.pegawai)[:1]
        for role in ("pegawai", "atasan", "admin", "auditor"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                own.with_user(self.users[role]).write({"status": "present"})
        own.with_user(self.users["bkpsdm"]).write({"status": "absent"})
        with self.assertRaises(AccessError):
            own.with_user(self.users["bkpsdm"]).unlink()

    def test_geofence_access(self):
        fence = self.fence.with_user(self.users["pegawai"])
        self.assertEqual(fence.name, "Kantor Uji")
        with self.assertRaises(AccessError):
            fence.write({"radius": 5000})
        with self.assertRaises(AccessError):
            self.env["kilap.geofence"].with_user(self.users["auditor"]).create(
                {"name": "X", "latitude": 1, "longitude": 1}
            )
        # an office-wide fence is BKPSDM's; Admin OPD manages their OPD's fences
        with self.assertRaises(AccessError):
            self.fence.with_user(self.users["admin"]).write({"radius": 120})
        own_fence = self.env["kilap.geofence"].create(
            {
                "name": "Pagar Bidang Uji",
                "latitude": 1,
                "longitude": 1,
                "department_ids": [(6, 0, self.opd_sub.ids)],
            }
        )
        own_fence.with_user(self.users["admin"]).write({"radius": 120})
        self.assertEqual(own_fence.radius, 120)
        other_fence = self.env["kilap.geofence"].create(
            {
                "name": "Pagar Dinas Lain",
                "latitude": 1,
                "longitude": 1,
                "department_ids": [(6, 0, self.other_opd.ids)],
            }
        )
        with self.assertRaises(AccessError):
            other_fence.with_user(self.users["admin"]).write({"radius": 10})

    def test_attendance_read_scopes(self):
        monday = self.last_weekday(0)
        atts = self.env["hr.attendance"]
        for employee in self.employees:
            atts |= self.trusted_attendance(
                employee, self.wita(monday, 7), self.wita(monday, 16)
            )
        seen = (
            self.env["hr.attendance"]
            .with_user(self.users["atasan"])
            .search([("id", "in", atts.ids)])
        )
        self.assertEqual(seen.employee_id, self.atasan | self.pegawai)
        seen = (
            self.env["hr.attendance"]
            .with_user(self.users["pegawai"])
            .search([("id", "in", atts.ids)])
        )
        self.assertEqual(seen.employee_id, self.pegawai)
        with self.assertRaises(AccessError):
            atts.with_user(self.users["auditor"]).write({"kilap_manual_reason": "x"})

    def test_settings_are_company_fields(self):
        settings = self.env["res.config.settings"].create({"kilap_max_accuracy_m": 40})
        settings.execute()
        self.assertEqual(self.company.kilap_max_accuracy_m, 40)
