from odoo.tests import tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestTrackingInBatch(KilapActivityCase):
    """A bulk decision logs each entry's state change as Odoo would, in one batch."""

    slot = 0

    def submitted(self, count):
        """``count`` submitted entries of the pegawai, a quarter hour each."""
        entries = self.env["kilap.journal.entry"]
        for _n in range(count):
            start = 6.0 + self.slot * 0.25
            self.slot += 1
            entries |= self.entry(
                time_start=start, time_end=start + 0.25, name=f"Tugas {self.slot}"
            )
        entries.action_submit()
        self.flush_tracking()
        return entries

    def state_logs(self, entry):
        return entry.sudo().message_ids.filtered(
            lambda m: any(
                t.field_id.name == "state" and t.new_value_char == "Approved"
                for t in m.tracking_value_ids
            )
        )

    def test_same_log_as_one_by_one(self):
        alone, *batch = self.submitted(4)
        alone.with_user(self.user_atasan).action_approve()
        self.flush_tracking()
        batch = self.env["kilap.journal.entry"].browse(e.id for e in batch)
        batch.with_user(self.user_atasan).action_approve()
        self.flush_tracking()
        expected = self.state_logs(alone)
        self.assertEqual(len(expected), 1)
        for entry in batch:
            log = self.state_logs(entry)
            self.assertEqual(len(log), 1, "one state log per entry")
            for name in ("author_id", "message_type", "subtype_id", "body", "model"):
                self.assertEqual(log[name], expected[name], name)
            self.assertEqual(log.res_id, entry.id)
            self.assertEqual(
                sorted(
                    (t.field_id.name, t.old_value_char, t.new_value_char)
                    for t in log.tracking_value_ids
                ),
                sorted(
                    (t.field_id.name, t.old_value_char, t.new_value_char)
                    for t in expected.tracking_value_ids
                ),
            )
            self.assertEqual(log.author_id, self.user_atasan.partner_id)

    def test_queries_do_not_grow_with_entries(self):
        def approve(entries):
            before = self.env.cr.sql_log_count
            entries.with_user(self.user_atasan).action_approve()
            self.flush_tracking()
            return self.env.cr.sql_log_count - before

        approve(self.submitted(2))  # warm the caches
        few = approve(self.submitted(2))
        many = approve(self.submitted(12))
        self.assertLessEqual(many, few + 2, (few, many))
