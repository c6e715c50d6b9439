from odoo.tests import Form, tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestViewsPerRole(KilapActivityCase):
    """The forms open and save for each role, with the fields they display."""

    def test_journal_form_per_role(self):
        users = (
            self.user_pegawai,
            self.user_atasan,
            self.user_admin_opd,
            self.user_bkpsdm,
        )
        for start, user in enumerate(users):
            with self.subTest(user=user.login):
                form = Form(self.env["kilap.journal.entry"].with_user(user))
                form.name = "Kegiatan"
                form.description = "Uraian"
                form.time_start = 7.5 + start
                form.time_end = 8.0 + start
                entry = form.save()
                self.assertEqual(entry.employee_id.user_id, user)
                self.assertEqual(entry.state, "draft")

    def test_approver_opens_subordinate_entry(self):
        entry = self.entry(user=self.user_pegawai)
        entry.action_submit()
        form = Form(entry.with_user(self.user_atasan))
        self.assertTrue(form.can_approve)
        self.assertEqual(form.day_minutes_logged, 60)

    def test_other_forms_open(self):
        for model in ("kilap.skp", "kilap.field.duty", "kilap.journal.window"):
            with self.subTest(model=model):
                form = Form(self.env[model].with_user(self.user_bkpsdm))
                self.assertTrue(form)
        views = (
            self.env["kilap.journal.entry"]
            .with_user(self.user_pegawai)
            .get_views(
                [
                    (False, "list"),
                    (False, "calendar"),
                    (False, "pivot"),
                    (False, "kanban"),
                    (False, "search"),
                ]
            )
        )
        self.assertEqual(
            set(views["views"]), {"list", "calendar", "pivot", "kanban", "search"}
        )
