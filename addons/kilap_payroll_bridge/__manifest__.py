# Copyright 2026 KILAP for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KILAP Payroll Bridge",
    "summary": "Versioned TPP rule sets, monthly TPP sheets, payslip inputs for OCA "
    "payroll, bank and SIPD exports",
    "version": "19.0.1.2.0",
    "category": "Human Resources/KILAP",
    "website": "https://github.com/kilap-odoo/kilap",
    "author": "KILAP for Odoo contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kilap_scoring", "payroll", "report_py3o"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/kilap_payroll_security.xml",
        "security/ir.model.access.csv",
        "security/kilap_payroll_rules.xml",
        "data/kilap_tpp_component_data.xml",
        "data/kilap_tpp_ruleset_data.xml",
        "data/kilap_payroll_data.xml",
        "data/kilap_apel_data.xml",
        "views/kilap_tpp_ruleset_views.xml",
        "views/kilap_tpp_base_views.xml",
        "views/kilap_tpp_sheet_views.xml",
        "views/kilap_geofence_views.xml",
        "views/hr_payslip_views.xml",
        "views/hr_payslip_run_views.xml",
        "views/kilap_tpp_reset_wizard_views.xml",
        "views/portal_templates.xml",
        "report/kilap_tpp_sheet_report.xml",
    ],
    "demo": ["demo/kilap_tpp_demo.xml"],
}
