from odoo.tests import TransactionCase, tagged


@tagged("kilap_install", "at_install", "-post_install")
class TestInstall(TransactionCase):
    def test_default_data_loaded(self):
        ruleset = self.env.ref("kilap_payroll_bridge.ruleset_default")
        self.assertEqual(len(ruleset.band_line_ids), 8)
        self.assertEqual(
            self.env.ref("kilap_payroll_bridge.component_beban_kerja").account_code,
            "5.1.01.02.01.0001",
        )
        self.assertIn(
            self.env.ref("kilap_payroll_bridge.salary_rule_tpp"),
            self.env.ref("kilap_payroll_bridge.structure_tpp").rule_ids,
        )
