"""KILAP Attendance demo data builders: demo-only code, never used in production.

``demo/kilap_attendance_demo.xml`` calls ``kilap.attendance.day._kilap_demo_generate``
through a ``<function>`` tag when the add-on is installed with demo data; this file
only has to be importable for that call to find the method. The methods stay private
(leading underscore), so no RPC caller can run them.
"""

import random
from datetime import date, datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, models

DEMO_OFFICES = [
    # name, latitude, longitude, radius -- Kwandang, Gorontalo Utara (WITA)
    ("Kantor Bupati Gorontalo Utara", 0.9212, 122.6047, 150),
    ("Kantor BKPSDM Gorontalo Utara", 0.9189, 122.6012, 100),
    ("Kantor Dinas Pendidikan Gorontalo Utara", 0.9235, 122.6089, 100),
]
# per employee index: the pattern of their month (minutes late, minutes early)
PATTERNS = [(0, 0), (20, 0), (45, 0), (75, 0), (120, 0), (0, 40), (0, None), (10, 0)]


class KilapAttendanceDay(models.Model):
    """Demo builders on the attendance day: the demo XML calls them on this model,
    and ``_kilap_demo_generate`` ends with the day computation of the demo month."""

    _inherit = "kilap.attendance.day"

    @api.model
    def _kilap_demo_employees(self, company):
        employees = self.env["hr.employee"]
        for xmlid, record in (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [("module", "=", "kilap_activity"), ("model", "=", "hr.employee")],
                ["name", "res_id"],
            )
            .mapped(lambda d: (d.name, d.res_id))
        ):
            if xmlid.startswith("employee_demo_"):
                employees |= employees.browse(record)
        if not employees:
            employees = employees.search(
                [("company_id", "=", company.id), ("nip", "!=", False)]
            )
        if not employees:
            employees = employees.search([("company_id", "=", company.id)], limit=8)
        return employees.exists().sorted("id")

    @api.model
    def _kilap_demo_generate(self):
        """Demo: Kwandang offices and fences, last month's check-ins, every status."""
        company = self.env["res.company"].search(
            [("name", "=", "Pemerintah Kabupaten Gorontalo Utara")], limit=1
        ) or self.env.ref("base.main_company")
        calendar = self.env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
        locations = self.env["hr.work.location"]
        fences = self.env["kilap.geofence"]
        for name, lat, lon, radius in DEMO_OFFICES:
            location = self.env["hr.work.location"].create(
                {
                    "name": name,
                    "company_id": company.id,
                    "address_id": company.partner_id.id,
                    "location_type": "office",
                    "kilap_tz": "Asia/Makassar",
                }
            )
            locations |= location
            fences |= self.env["kilap.geofence"].create(
                {
                    "name": name,
                    "company_id": company.id,
                    "work_location_id": location.id,
                    "latitude": lat,
                    "longitude": lon,
                    "radius": radius,
                }
            )
        today = date.today()
        first = (today - relativedelta(months=1)).replace(day=1)
        last = today.replace(day=1) - timedelta(days=1)
        # the Monday apel at the regent's office: a temporary fence for everybody
        self.env["kilap.geofence"].create(
            {
                "name": "Apel Senin - Lapangan Kantor Bupati",
                "company_id": company.id,
                "latitude": 0.9220,
                "longitude": 122.6050,
                "radius": 200,
                "is_temporary": True,
                "date_from": first,
                "date_to": first + timedelta(days=6),
            }
        )
        employees = self._kilap_demo_employees(company)
        if not employees:
            return
        for index, employee in enumerate(employees):
            employee.write(
                {
                    "resource_calendar_id": calendar.id,
                    "tz": "Asia/Makassar",
                    "work_location_id": locations[index % len(locations)].id,
                }
            )
        # a public holiday and cuti bersama in the demo month (global calendar leaves)
        tz = pytz.timezone("Asia/Makassar")
        weekdays = [
            first + timedelta(days=d)
            for d in range((last - first).days + 1)
            if (first + timedelta(days=d)).weekday() < 5
        ]
        holiday = weekdays[len(weekdays) // 2]

        def utc(day, hours):
            local = tz.localize(
                datetime.combine(day, datetime.min.time()) + timedelta(hours=hours)
            )
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        # in the demo pemda's company (the calendar leave's company follows the
        # current company, not the value given)
        self.env["resource.calendar.leaves"].with_company(company).create(
            {
                "name": "Cuti Bersama (demo)",
                "company_id": company.id,
                "date_from": utc(holiday, 0),
                "date_to": utc(holiday, 23.99),
            }
        )
        # field duty for the second employee, leave and sick leave for the third
        duty_employee = employees[1 % len(employees)]
        duty_days = (weekdays[2], weekdays[3])
        self.env["kilap.field.duty"]._kilap_create_in_state(
            {
                "name": "SPT/094/DEMO",
                "company_id": company.id,
                "employee_ids": [(6, 0, duty_employee.ids)],
                "date_from": duty_days[0],
                "date_to": duty_days[1],
                "destination": "Kota Gorontalo",
                "latitude": 0.5435,
                "longitude": 123.0568,
                "purpose": "Koordinasi TPP dengan Provinsi",
                "state": "approved",
            }
        )
        leave_employee = employees[2 % len(employees)]
        leave_type = self.env["hr.leave.type"].search(
            [
                ("requires_allocation", "=", False),
                ("company_id", "in", (company.id, False)),
            ],
            limit=1,
        )
        leave_days = (weekdays[5], weekdays[6])
        if leave_type:
            leave = (
                self.env["hr.leave"]
                .with_context(leave_skip_state_check=True)
                .create(
                    {
                        "employee_id": leave_employee.id,
                        "holiday_status_id": leave_type.id,
                        "request_date_from": leave_days[0],
                        "request_date_to": leave_days[1],
                        "name": "Cuti (demo)",
                    }
                )
            )
            leave.with_context(leave_skip_state_check=True).write({"state": "validate"})
        rng = random.Random(42)
        vals_list = []
        for index, employee in enumerate(employees):
            location = employee.work_location_id
            fence = (
                fences.filtered(lambda f, loc=location: f.work_location_id == loc)[:1]
                or fences[0]
            )
            late, early = PATTERNS[index % len(PATTERNS)]
            for n, day in enumerate(weekdays):
                if day == holiday or (employee == duty_employee and day in duty_days):
                    continue
                if employee == leave_employee and leave_type and day in leave_days:
                    continue
                if n % 9 == index % 9 and index % 3 == 0:
                    continue  # TK: no attendance at all
                start = 7.5 + (late if n % 2 == 0 else 0) / 60 - rng.randint(0, 10) / 60
                end = 16.5 if day.weekday() == 4 else 16.0
                vals = {
                    "employee_id": employee.id,
                    "check_in": utc(day, start),
                    "in_latitude": fence.latitude + rng.uniform(-0.0003, 0.0003),
                    "in_longitude": fence.longitude + rng.uniform(-0.0003, 0.0003),
                    "in_kilap_gps": True,
                    "in_kilap_accuracy": rng.randint(5, 40),
                    "in_mode": "kilap_portal",
                    "kilap_in_fence_id": fence.id,
                }
                if early is not None or day != weekdays[-1]:
                    out = (
                        end
                        - ((early or 0) if n % 3 == 0 else 0) / 60
                        + rng.randint(0, 20) / 60
                    )
                    vals.update(
                        {
                            "check_out": utc(day, out),
                            "out_latitude": fence.latitude,
                            "out_longitude": fence.longitude,
                            "out_kilap_gps": True,
                            "out_mode": "kilap_portal",
                            "kilap_out_fence_id": fence.id,
                        }
                    )
                vals_list.append(vals)
        attendances = self.env["hr.attendance"].sudo().create(vals_list)
        # one flagged check-in waiting in the review queue
        attendances[:1]._kilap_transition(
            {
                "kilap_flags": "speed",
                "kilap_speed_kmh": 512.0,
                "kilap_review_state": "to_review",
            }
        )
        # a ward on three shifts, a fire station on 24/48 and a 6-day school
        services = self.env["kilap.attendance.demo"]._kilap_demo_services(
            company, first, last
        )
        self._kilap_compute_days(employees | services, first, last)
