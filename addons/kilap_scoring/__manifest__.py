# Copyright 2026 KILAP for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KILAP Scoring",
    "summary": "Monthly evaluation period, performance index, PermenPANRB predikat, "
    "ranking and evaluation reports",
    "version": "19.0.1.1.0",
    "category": "Human Resources/KILAP",
    "website": "https://github.com/kilap-odoo/kilap",
    "author": "KILAP for Odoo contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kilap_attendance_geo", "report_py3o"],
    "data": [
        "security/ir.model.access.csv",
        "security/kilap_scoring_security.xml",
        "data/kilap_scoring_data.xml",
        "data/kilap_scoring_cron_data.xml",
        "views/kilap_score_period_views.xml",
        "views/kilap_score_line_views.xml",
        "views/kilap_scoring_config_views.xml",
        "views/hr_employee_views.xml",
        "views/kilap_scoring_menus.xml",
        "views/kilap_scoring_portal_templates.xml",
        "report/kilap_score_reports.xml",
    ],
    "demo": ["demo/kilap_scoring_demo.xml"],
}
