"""The demo speaks Indonesian when the database has it (./kilap demo loads it)."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    def demo_langs(self):
        users = self.env["res.users"].search([("login", "in", ["pegawai", "bkpsdm"])])
        company = self.env.ref("kilap_activity.company_demo_gorut")
        self.assertEqual(len(users), 2)
        return set(users.mapped("lang")), company.partner_id.lang

    def test_without_indonesian_nothing_changes(self):
        before = self.demo_langs()
        self.assertFalse(self.env["res.lang"]._get_code("id_ID"))
        self.env["kilap.activity.demo"]._kilap_demo_speak_indonesian()
        self.assertEqual(self.demo_langs(), before)

    def test_with_indonesian_the_demo_logins_speak_it(self):
        self.env["res.lang"]._activate_lang("id_ID")
        other = self.env["res.users"].create({"name": "Not demo", "login": "notdemo"})
        self.env["kilap.activity.demo"]._kilap_demo_speak_indonesian()
        self.assertEqual(self.demo_langs(), ({"id_ID"}, "id_ID"))
        self.assertEqual(self.env.ref("base.user_admin").lang, "id_ID")
        self.assertNotEqual(other.lang, "id_ID")
