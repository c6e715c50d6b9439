def migrate(cr, version):
    """The shipped TPP salary categories and rules are shared by every company
    (they are noupdate data: the install gave them the install company, which hid
    them from a pemda in another company)."""
    if not version:
        return
    cr.execute(
        "UPDATE hr_salary_rule_category SET company_id = NULL WHERE id IN "
        "(SELECT res_id FROM ir_model_data WHERE module = 'kilap_payroll_bridge' "
        "AND model = 'hr.salary.rule.category')"
    )
    cr.execute(
        "UPDATE hr_salary_rule SET company_id = NULL WHERE id IN "
        "(SELECT res_id FROM ir_model_data WHERE module = 'kilap_payroll_bridge' "
        "AND model = 'hr.salary.rule')"
    )
