# Copyright 2026 KILAP for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KILAP Activity",
    "summary": "ASN profile, SKP and RHK, daily activity journal and field duty "
    "for Indonesian civil servants",
    "version": "19.0.1.0.0",
    "category": "Human Resources/KILAP",
    "website": "https://github.com/kilap-odoo/kilap",
    "author": "KILAP for Odoo contributors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "hr",
        "hr_attendance",
        "hr_holidays",
        "resource",
        "portal",
        "mail",
        "report_py3o",
        "queue_job",
    ],
    "data": [
        "security/kilap_security.xml",
        "security/ir.model.access.csv",
        "security/kilap_rules.xml",
        "data/kilap_golongan_data.xml",
        "data/kilap_journal_type_data.xml",
        "data/kilap_cron_data.xml",
        "data/kilap_queue_data.xml",
        "views/kilap_menus.xml",
        "views/hr_employee_views.xml",
        "views/kilap_field_duty_views.xml",
        "views/kilap_journal_entry_views.xml",
        "views/kilap_journal_day_views.xml",
        "views/kilap_skp_views.xml",
        "views/kilap_config_views.xml",
        "views/kilap_job_batch_views.xml",
        "views/kilap_portal_templates.xml",
        "report/kilap_reports.xml",
        "report/kilap_journal_report_templates.xml",
    ],
    "demo": ["demo/kilap_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "kilap_activity/static/src/js/kilap_portal_geolocation.js",
        ],
        "web.report_assets_common": [
            "kilap_activity/static/src/scss/kilap_report.scss",
        ],
    },
}
