# Copyright 2026 KILAP for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "KILAP Payroll Bridge",
    "summary": "Versioned TPP rule sets, monthly TPP sheets, payslip inputs for OCA "
    "payroll, bank and SIPD exports",
    "version": "19.0.1.0.0",
    "category": "Human Resources/KILAP",
    "website": "https://github.com/kilap-odoo/kilap",
    "author": "KILAP for Odoo contributors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["kilap_scoring", "payroll", "report_py3o"],
    "data": [
        "security/kilap_payroll_security.xml",
        "security/ir.model.access.csv",
        "views/kilap_tpp_ruleset_views.xml",
    ],
    "demo": [],
}
