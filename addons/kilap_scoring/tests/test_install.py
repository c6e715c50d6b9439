from odoo.tests.common import TransactionCase, tagged

from ..rules import predikat, scoring


@tagged("kilap_install", "at_install", "-post_install")
class TestKilapScoringInstall(TransactionCase):
    def test_default_data_loaded(self):
        """The noupdate defaults equal the rules' documented defaults."""
        matrix = self.env["kilap.predikat.matrix"].search([("company_id", "=", False)])
        self.assertEqual(len(matrix), 9)
        cells = {(c.rating_hasil, c.rating_perilaku): c.predikat for c in matrix}
        self.assertEqual(cells, predikat.DEFAULT_MATRIX)
        no_company = self.env["res.company"]
        cuts = self.env["kilap.score.cut"]._kilap_cuts(no_company)
        self.assertEqual(cuts, scoring.DEFAULT_CUTS)
        Threshold = self.env["kilap.score.threshold"]
        self.assertEqual(
            Threshold._kilap_thresholds(no_company), scoring.DEFAULT_THRESHOLDS
        )
