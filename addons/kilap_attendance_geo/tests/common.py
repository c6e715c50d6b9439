from datetime import date, datetime, timedelta

import pytz

from odoo.tests import TransactionCase

from odoo.addons.kilap_activity.tests.common import KilapTestMixin, role_groups

KWANDANG = (0.9212, 122.6047)


class KilapGeoMixin(KilapTestMixin):
    """``KilapTestMixin`` and the attendance helpers: WITA times, points near the
    office, holidays to step around, tardiness bands, trusted attendances."""

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

    @classmethod
    def band(cls, code):
        """The tardiness (TL) or early-leave (PSW) band ``code``, e.g. ``"TL1"``."""
        return cls.env.ref(f"kilap_attendance_geo.band_{code.lower()}")

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


class KilapGeoCase(KilapGeoMixin, TransactionCase):
    """A WITA office in Kwandang with a 100 m fence and employees with users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"kilap_makeup_enabled": False})
        cls.calendar = cls.env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        cls.opd = cls.make_department("Dinas Uji")
        cls.opd_sub = cls.make_department("Bidang Uji", cls.opd)
        cls.other_opd = cls.make_department("Dinas Lain")
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
        cls.users = {}

        def staff(key, role, name, department, parent=None):
            """An employee and its user ``geo_<key>`` in KILAP ``role``."""
            cls.users[key], employee = cls.make_user(
                f"geo_{key}",
                role_groups(role),
                employee=cls._emp_vals(name, department, parent),
                name=f"Geo {key}",
                password=f"geo_{key}_pw1",
                tz="Asia/Makassar",
            )
            return employee

        cls.atasan = staff("atasan", "atasan", "Atasan Uji", cls.opd)
        cls.pegawai = staff(
            "pegawai", "pegawai", "Pegawai Uji", cls.opd_sub, cls.atasan
        )
        cls.admin = staff("admin", "admin_opd", "Admin Uji", cls.opd)
        cls.bkpsdm = staff("bkpsdm", "bkpsdm", "BKPSDM Uji", cls.other_opd)
        cls.outsider = cls.env["hr.employee"].create(
            cls._emp_vals("Pegawai Lain", cls.other_opd)
        )
        cls.auditor = staff("auditor", "auditor", "Auditor Uji", cls.other_opd)

    @classmethod
    def _emp_vals(cls, name, department, parent=None):
        return {
            "name": name,
            "department_id": department.id,
            "parent_id": parent and parent.id,
            "work_location_id": cls.location.id,
            "resource_calendar_id": cls.calendar.id,
            "tz": "Asia/Makassar",
        }
