# Copyright 2026 KILAP for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KILAP Attendance Geo",
    "summary": "Geofenced check-in, anti-spoofing, offline sync, daily attendance "
    "results and PP 94/2021 discipline thresholds",
    "version": "19.0.1.1.0",
    "category": "Human Resources/KILAP",
    "website": "https://github.com/kilap-odoo/kilap",
    "author": "KILAP for Odoo contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kilap_activity", "base_geolocalize"],
    "data": [
        "security/ir.model.access.csv",
        "security/kilap_attendance_security.xml",
        "data/kilap_attendance_band_data.xml",
        "data/kilap_schedule_data.xml",
        "data/ir_cron_data.xml",
        "views/kilap_geofence_views.xml",
        "views/hr_work_location_views.xml",
        "views/hr_attendance_views.xml",
        "views/kilap_attendance_day_views.xml",
        "views/kilap_attendance_correction_views.xml",
        "views/kilap_discipline_views.xml",
        "views/hr_leave_type_views.xml",
        "views/res_config_settings_views.xml",
        "views/kilap_phone_templates.xml",
    ],
    "demo": ["demo/kilap_attendance_demo.xml"],
}
