from odoo.tests.common import TransactionCase, tagged


@tagged("kilap_install", "at_install", "-post_install")
class TestKilapScoringInstall(TransactionCase):
    def test_default_data_loaded(self):
        matrix = self.env["kilap.predikat.matrix"].search([("company_id", "=", False)])
        self.assertEqual(len(matrix), 9)
        cuts = self.env["kilap.score.cut"]._kilap_cuts(self.env.company)
        self.assertEqual(cuts["TK"], 3.0)
        self.assertEqual(cuts["TL4"], 1.5)
        thresholds = self.env["kilap.score.threshold"]._kilap_thresholds(
            self.env.company
        )
        self.assertEqual(set(thresholds), {"below", "meets", "above"})
