"""Demo of the workforce beyond the office clerk: an RSUD ward with nurses on a
3-shift roster, a fire station on 24 hours on / 48 off, and a school with
teachers on the 6-day week. Demo-only code (called from the attendance demo)."""

import random
from datetime import datetime, timedelta

import pytz

from odoo import api, models

# name, NIP, sex, golongan, jabatan, kelas jabatan
NURSES = [
    (
        "Ns. Rahmawati Pakaya, S.Kep",
        "199104122015032003",
        "female",
        "iii_b",
        "Perawat Ahli Pertama",
        8,
    ),
    (
        "Ns. Yusuf Hasan, S.Kep",
        "199207082017031002",
        "male",
        "iii_a",
        "Perawat Ahli Pertama",
        8,
    ),
    (
        "Fitriani Mohamad, A.Md.Kep",
        "199511232019022001",
        "female",
        "ii_c",
        "Perawat Terampil",
        6,
    ),
]
FIREFIGHTERS = [
    ("Irwan Tuli", "198803142010011004", "male", "ii_b", "Pemadam Kebakaran Pemula", 5),
    (
        "Rizal Ahmad",
        "199002052012011003",
        "male",
        "ii_a",
        "Pemadam Kebakaran Pemula",
        5,
    ),
    (
        "Hendrik Lamato",
        "198712302011011002",
        "male",
        "ii_c",
        "Pemadam Kebakaran Terampil",
        6,
    ),
]
TEACHERS = [
    (
        "Nurhayati Polapa, S.Pd",
        "198906172014022002",
        "female",
        "iii_b",
        "Guru Ahli Pertama",
        8,
    ),
    ("Arman Daud, S.Pd", "199309282019031004", "male", "iii_a", "Guru Ahli Pertama", 8),
]
# (code, name, start, end, break minutes, TK days when missed)
WARD_SHIFTS = [
    ("P", "Pagi", 7.0, 14.0, 30, 1),
    ("S", "Siang", 14.0, 21.0, 30, 1),
    ("M", "Malam", 21.0, 7.0, 60, 1),
]
STATION_SHIFTS = [("24", "Siaga 24 jam", 8.0, 8.0, 180, 3)]


class KilapAttendanceDemo(models.AbstractModel):
    """Demo builders of the shift and school units: a model of its own (no table),
    called by ``kilap.attendance.day._kilap_demo_generate``."""

    _name = "kilap.attendance.demo"
    _description = "KILAP attendance demo data: shift and school units"

    @api.model
    def _kilap_demo_services(self, company, first, last):
        """Units, staff, rosters, a month of punches and point journals; returns
        the new employees (their daily results are computed with the others)."""
        ref = self.env.ref
        Department = self.env["hr.department"]
        kadinkes = ref(
            "kilap_activity.employee_demo_kadinkes", raise_if_not_found=False
        )
        rsud = Department.create(
            {"name": "RSUD Zainal Umar Sidiki", "company_id": company.id}
        )
        ward = Department.create(
            {"name": "Ruang Rawat Inap", "parent_id": rsud.id, "company_id": company.id}
        )
        damkar = Department.create(
            {"name": "Dinas Pemadam Kebakaran", "company_id": company.id}
        )
        school = Department.create(
            {
                "name": "SD Negeri 1 Kwandang",
                "parent_id": ref("kilap_activity.department_demo_disdik").id,
                "company_id": company.id,
            }
        )
        places = {}
        for key, name, lat, lon in (
            ("rsud", "RSUD Zainal Umar Sidiki", 0.9251, 122.6102),
            ("damkar", "Pos Pemadam Kebakaran Kwandang", 0.9198, 122.6071),
            ("school", "SD Negeri 1 Kwandang", 0.9242, 122.6020),
        ):
            location = self.env["hr.work.location"].create(
                {
                    "name": name,
                    "company_id": company.id,
                    "address_id": company.partner_id.id,
                    "location_type": "office",
                    "kilap_tz": "Asia/Makassar",
                }
            )
            fence = self.env["kilap.geofence"].create(
                {
                    "name": name,
                    "company_id": company.id,
                    "work_location_id": location.id,
                    "latitude": lat,
                    "longitude": lon,
                    "radius": 150,
                }
            )
            places[key] = (location, fence)
        office = ref("kilap_attendance_geo.calendar_perpres_21_2023")
        six_days = ref("kilap_attendance_geo.calendar_school_6_days")
        families = {
            "rsud": ref("kilap_activity.job_family_nakes"),
            "damkar": ref("kilap_activity.job_family_damkar"),
            "school": ref("kilap_activity.job_family_guru"),
        }
        staff = {}
        for key, rows, department, calendar in (
            ("rsud", NURSES, ward, office),
            ("damkar", FIREFIGHTERS, damkar, office),
            ("school", TEACHERS, school, six_days),
        ):
            staff[key] = self.env["hr.employee"].create(
                [
                    {
                        "name": name,
                        "company_id": company.id,
                        "department_id": department.id,
                        "parent_id": kadinkes.id
                        if kadinkes and key == "rsud"
                        else False,
                        "sex": sex,
                        "nip": nip,
                        "asn_status": "pns",
                        "golongan_id": ref(f"kilap_activity.golongan_{golongan}").id,
                        "jabatan_type": "fungsional",
                        "jabatan_name": jabatan,
                        "job_title": jabatan,
                        "kelas_jabatan": kelas,
                        "job_family_id": families[key].id,
                        "resource_calendar_id": calendar.id,
                        "work_location_id": places[key][0].id,
                        "tz": "Asia/Makassar",
                        "kilap_rostered": key != "school",
                    }
                    for name, nip, sex, golongan, jabatan, kelas in rows
                ]
            )
        shifts = {}
        for department, rows in ((ward, WARD_SHIFTS), (damkar, STATION_SHIFTS)):
            for code, name, start, end, rest, tk in rows:
                shifts[code] = self.env["kilap.shift.type"].create(
                    {
                        "code": code,
                        "name": name,
                        "hour_from": start,
                        "hour_to": end,
                        "break_minutes": rest,
                        "absence_days": tk,
                        "company_id": company.id,
                        "department_id": department.id,
                    }
                )
        Pattern = self.env["kilap.shift.pattern"]
        ward_pattern = Pattern.create(
            {
                "name": "Rawat inap 3 sif",
                "sequence_codes": "P P S S M M - -",
                "company_id": company.id,
            }
        )
        station_pattern = Pattern.create(
            {
                "name": "Damkar 24/48",
                "sequence_codes": "24 - -",
                "company_id": company.id,
            }
        )
        for employees, pattern, stagger in (
            (staff["rsud"], ward_pattern, 3),
            (staff["damkar"], station_pattern, 1),
        ):
            self.env["kilap.shift.roster.fill"].create(
                {
                    "pattern_id": pattern.id,
                    "employee_ids": [(6, 0, employees.ids)],
                    "date_from": first,
                    "date_to": last,
                    "stagger": stagger,
                }
            ).action_fill()
        self._kilap_demo_service_punches(staff, places, first, last)
        self._kilap_demo_service_journals(staff, first, last)
        return staff["rsud"] | staff["damkar"] | staff["school"]

    @api.model
    def _kilap_demo_service_punches(self, staff, places, first, last):
        """A month of punches: shifts as rostered (a few late, one missed), the
        teachers Monday to Saturday."""
        tz = pytz.timezone("Asia/Makassar")
        rng = random.Random(7)

        def utc(day, hours):
            local = tz.localize(datetime.combine(day, datetime.min.time()))
            return (
                (local + timedelta(hours=hours))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        vals_list = []

        def punch(employee, fence, day, start, end):
            vals_list.append(
                {
                    "employee_id": employee.id,
                    "check_in": utc(day, start),
                    "check_out": utc(day, end),
                    "in_latitude": fence.latitude,
                    "in_longitude": fence.longitude,
                    "out_latitude": fence.latitude,
                    "out_longitude": fence.longitude,
                    "in_kilap_gps": True,
                    "out_kilap_gps": True,
                    "in_mode": "kilap_portal",
                    "out_mode": "kilap_portal",
                    "kilap_in_fence_id": fence.id,
                    "kilap_out_fence_id": fence.id,
                }
            )

        roster = self.env["kilap.shift.roster"]._kilap_by_employee(
            staff["rsud"] | staff["damkar"], first, last
        )
        for index, employee in enumerate(staff["rsud"] | staff["damkar"]):
            fence = places["rsud" if employee in staff["rsud"] else "damkar"][1]
            shifts = [
                (day, entry)
                for day, entry in sorted(roster[employee.id].items())
                if entry.kind == "shift"
            ]
            for n, (day, entry) in enumerate(shifts):
                if (index, n) in ((1, 2), (4, 1)):
                    continue  # one missed shift: TK as the shift type counts it
                shift = entry.shift_type_id
                late = 31 if (n + index) % 7 == 0 else rng.randint(-15, 5)
                start = shift.hour_from + late / 60
                end = shift.hour_from + shift.duration_hours + rng.randint(0, 15) / 60
                punch(employee, fence, day, start, end)
        fence = places["school"][1]
        day = first
        while day <= last:
            if day.weekday() < 6:
                for index, employee in enumerate(staff["school"]):
                    late = 20 if (day.day + index) % 6 == 0 else rng.randint(-20, 0)
                    end = 12.0 if day.weekday() == 4 else 14.0
                    punch(
                        employee,
                        fence,
                        day,
                        7.0 + late / 60,
                        end + rng.randint(0, 10) / 60,
                    )
            day += timedelta(days=1)
        self.env["hr.attendance"].sudo().create(vals_list)

    @api.model
    def _kilap_demo_service_journals(self, staff, first, last):
        """Approved point journals: patients and visits, responses and standby
        shifts, lesson hours and classes assessed."""
        ref = self.env.ref
        items = {
            "rsud": [
                (ref("kilap_activity.catalog_nakes_patient"), 18),
                (ref("kilap_activity.catalog_nakes_procedure"), 2),
            ],
            "damkar": [(ref("kilap_activity.catalog_damkar_standby"), 1)],
            "school": [(ref("kilap_activity.catalog_guru_jp"), 5)],
        }
        minutes = (
            staff["rsud"] | staff["damkar"] | staff["school"]
        )._kilap_work_minutes_by_date(first, last)
        vals_list = []
        for key, employees in staff.items():
            for employee in employees:
                for day in sorted(minutes[employee.id]):
                    for n, (item, qty) in enumerate(items[key]):
                        vals_list.append(
                            {
                                "name": item.name,
                                "description": item.name,
                                "employee_id": employee.id,
                                "date": day,
                                "time_start": 8.0 + n,
                                "time_end": 8.5 + n,
                                "output_qty": qty,
                                "catalog_id": item.id,
                                "state": "approved",
                            }
                        )
        self.env["kilap.journal.entry"].sudo().with_context(
            kilap_journal_import=True
        )._kilap_create_in_state(vals_list)
