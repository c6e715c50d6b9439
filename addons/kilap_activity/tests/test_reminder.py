import datetime

import pytz

from odoo.tests import tagged

from .common import KilapActivityCase


@tagged("post_install", "-at_install")
class TestReminder(KilapActivityCase):
    def _utc(self, day, hour):
        local = pytz.timezone("Asia/Makassar").localize(
            datetime.datetime.combine(day, datetime.time(hour))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _todo_activities(self, employee):
        return self.env["mail.activity"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", employee.id)]
        )

    def test_reminder_and_digest(self):
        day = self.last_working_day(self.emp_pegawai)
        done = self.entry(employee=self.emp_pegawai2, date=day)
        done.action_submit()
        waiting = self.entry(employee=self.emp_pegawai, date=day)
        Entry = self.env["kilap.journal.entry"]
        # before the reminder hour nothing happens
        Entry._cron_kilap_reminder(now=self._utc(day, 10))
        self.assertFalse(self._todo_activities(self.emp_pegawai))
        Entry._cron_kilap_reminder(now=self._utc(day, 15))
        reminded = self._todo_activities(self.emp_pegawai)
        self.assertEqual(len(reminded), 1)
        self.assertEqual(reminded.user_id, self.user_pegawai)
        self.assertFalse(
            self._todo_activities(self.emp_pegawai2), "submitted: no reminder"
        )
        self.assertEqual(self.company.kilap_reminder_last_date, day)
        # supervisor digest lists the submitted entry
        digest = self.env["mail.message"].search(
            [("model", "=", "hr.employee"), ("res_id", "=", self.emp_atasan.id)],
            order="id desc",
            limit=1,
        )
        self.assertIn(self.emp_pegawai2.name, digest.body)
        self.assertIn(self.user_atasan.partner_id, digest.partner_ids)
        # runs once a day only
        Entry._cron_kilap_reminder(now=self._utc(day, 16))
        self.assertEqual(len(self._todo_activities(self.emp_pegawai)), 1)
        self.assertTrue(waiting)

    def test_no_reminder_on_weekend(self):
        saturday = self.today + datetime.timedelta(days=(5 - self.today.weekday()) % 7)
        missing = self.env["kilap.journal.entry"]._kilap_remind_employees(
            self.company, saturday
        )
        self.assertFalse(missing)
        monday = saturday + datetime.timedelta(days=2)
        missing = self.env["kilap.journal.entry"]._kilap_remind_employees(
            self.company, monday
        )
        self.assertIn(self.emp_pegawai, missing)

    def test_reminder_hour_setting(self):
        day = self.last_working_day(self.emp_pegawai)
        self.company.kilap_reminder_hour = 17.0
        self.env["kilap.journal.entry"]._cron_kilap_reminder(now=self._utc(day, 15))
        self.assertFalse(self._todo_activities(self.emp_pegawai))
