from odoo.tests import TransactionCase, tagged


@tagged("kilap_install", "at_install", "-post_install")
class TestKilapActivityInstall(TransactionCase):
    def test_data_loaded(self):
        """Golongan (17 PNS + 17 PPPK), entry types and the reminder cron are loaded."""
        Golongan = self.env["kilap.golongan"]
        self.assertEqual(Golongan.search_count([("kind", "=", "pns")]), 17)
        self.assertEqual(Golongan.search_count([("kind", "=", "pppk")]), 17)
        self.assertTrue(
            self.env.ref("kilap_activity.journal_type_field").evidence_required
        )
        self.assertTrue(
            self.env.ref("kilap_activity.ir_cron_kilap_journal_reminder").active
        )
