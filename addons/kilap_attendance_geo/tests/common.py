from datetime import date, datetime, timedelta

import pytz

from odoo.tests import TransactionCase

KWANDANG = (0.9212, 122.6047)


class KilapGeoCase(TransactionCase):
    """A WITA office in Kwandang with a 100 m fence and employees with users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"kilap_makeup_enabled": False})
        cls.calendar = cls.env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        cls.opd = cls.env["hr.department"].create({"name": "Dinas Uji"})
        cls.opd_sub = cls.env["hr.department"].create(
            {"name": "Bidang Uji", "parent_id": cls.opd.id}
        )
        cls.other_opd = cls.env["hr.department"].create({"name": "Dinas Lain"})
        cls.location = cls.env["hr.work.location"].create(
            {
                "name": "Kantor Uji",
                "address_id": cls.company.partner_id.id,
                "kilap_tz": "Asia/Makassar",
            }
        )
        cls.fence = cls.env["kilap.geofence"].create(
            {
                "name": "Kantor Uji",
                "work_location_id": cls.location.id,
                "latitude": KWANDANG[0],
                "longitude": KWANDANG[1],
                "radius": 100,
            }
        )
        groups = {
            "pegawai": "kilap_activity.group_kilap_pegawai",
            "atasan": "kilap_activity.group_kilap_atasan",
            "admin": "kilap_activity.group_kilap_admin_opd",
            "bkpsdm": "kilap_activity.group_kilap_bkpsdm",
            "auditor": "kilap_activity.group_kilap_auditor",
        }
        cls.users = {}
        for key, group in groups.items():
            cls.users[key] = cls.env["res.users"].create(
                {
                    "name": f"Geo {key}",
                    "login": f"geo_{key}",
                    "password": f"geo_{key}_pw1",
                    "group_ids": [
                        (
                            6,
                            0,
                            [cls.env.ref("base.group_user").id, cls.env.ref(group).id],
                        )
                    ],
                    "tz": "Asia/Makassar",
                }
            )
        emp = cls.env["hr.employee"]
        cls.atasan = emp.create(
            cls._emp_vals("Atasan Uji", cls.opd, cls.users["atasan"])
        )
        cls.pegawai = emp.create(
            cls._emp_vals("Pegawai Uji", cls.opd_sub, cls.users["pegawai"], cls.atasan)
        )
        cls.admin = emp.create(cls._emp_vals("Admin Uji", cls.opd, cls.users["admin"]))
        cls.bkpsdm = emp.create(
            cls._emp_vals("BKPSDM Uji", cls.other_opd, cls.users["bkpsdm"])
        )
        cls.outsider = emp.create(cls._emp_vals("Pegawai Lain", cls.other_opd, None))
        cls.auditor = emp.create(
            cls._emp_vals("Auditor Uji", cls.other_opd, cls.users["auditor"])
        )

    @classmethod
    def _emp_vals(cls, name, department, user, parent=None):
        return {
            "name": name,
            "department_id": department.id,
            "user_id": user and user.id,
            "parent_id": parent and parent.id,
            "work_location_id": cls.location.id,
            "resource_calendar_id": cls.calendar.id,
            "tz": "Asia/Makassar",
        }

    @staticmethod
    def north_of(point, metres):
        """A point ``metres`` due north (haversine-exact along a meridian)."""
        from ..rules import geo

        dlat = metres / (geo.EARTH_RADIUS_M * 3.141592653589793 / 180)
        return point[0] + dlat, point[1]

    @staticmethod
    def wita(day, hour, minute=0):
        """Naive UTC datetime of a WITA local time."""
        local = pytz.timezone("Asia/Makassar").localize(
            datetime.combine(day, datetime.min.time())
        )
        local += timedelta(hours=hour, minutes=minute)
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @classmethod
    def is_holiday(cls, day):
        """A public holiday or cuti bersama on ``day`` (demo data places them
        relative to today, so tests step around them)."""
        return bool(
            cls.env["resource.calendar.leaves"].search_count(
                [
                    ("resource_id", "=", False),
                    ("date_from", "<", cls.wita(day, 24)),
                    ("date_to", ">", cls.wita(day, 0)),
                ]
            )
        )

    @classmethod
    def last_weekday(cls, weekday):
        """The latest ``weekday`` at least a week ago that is no holiday."""
        day = date.today() - timedelta(days=7)
        while day.weekday() != weekday or cls.is_holiday(day):
            day -= timedelta(days=1)
        return day

    def trusted_attendance(self, employee, check_in, check_out=False, **vals):
        """Create an attendance as trusted server code (superuser, no check-in)."""
        return (
            self.env["hr.attendance"]
            .sudo()
            .create(
                {
                    "employee_id": employee.id,
                    "check_in": check_in,
                    "check_out": check_out,
                    "in_latitude": KWANDANG[0],
                    "in_longitude": KWANDANG[1],
                    **vals,
                }
            )
        )
