"""Periods and the closed month, attacked over JSON-RPC (docs/security.md).

A period changes state only through its actions; a closed month freezes its
inputs on every path until BKPSDM reopens it, with one named exemption for the
personal-data retention job that can never change a figure.
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.kilap_activity.tests.common import KilapRpcCase

FORGED = {"context": {"kilap_state_change": True}}


@tagged("post_install", "-at_install")
class TestPeriodAttacks(KilapRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.pegawai = ref("kilap_activity.employee_demo_pegawai")
        cls.staf = ref("kilap_activity.employee_demo_staf_dinkes_umum")
        cls.company = cls.pegawai.company_id
        cls.tz = pytz.timezone(cls.staf._kilap_tz())
        # today in the office, seen at 20:00: every hour the tests write is over,
        # whatever the clock of the machine that runs them says
        cls.today = datetime.now(cls.tz).date()
        cls.startClassPatcher(freeze_time(cls.utc(20.0)))
        Period = cls.env["kilap.score.period"]
        start, end = Period._kilap_month_bounds(cls.today)
        cls.period = Period.search(
            [("company_id", "=", cls.company.id), ("date_from", "=", start)]
        ) or Period.create(
            {"company_id": cls.company.id, "date_from": start, "date_to": end}
        )
        # inputs of this month, written while it is still open
        Attendance = cls.env["hr.attendance"]
        cls.attendance = Attendance.create(
            {
                "employee_id": cls.staf.id,
                "check_in": cls.utc(7.5),
                "check_out": cls.utc(16.0),
                "in_latitude": 0.84,
                "in_longitude": 122.9,
            }
        )
        cls.flagged = Attendance.create(
            {"employee_id": cls.staf.id, "check_in": cls.utc(17.0)}
        )
        cls.flagged._kilap_flag("speed")
        cls.correction = (
            cls.env["kilap.attendance.correction"]
            .with_context(tracking_disable=True)
            ._kilap_create_in_state(
                {
                    "employee_id": cls.staf.id,
                    "date": cls.today,
                    "check_in": cls.utc(7.0),
                    "check_out": cls.utc(15.5),
                    "reason": "Mesin rusak",
                    "state": "submitted",
                }
            )
        )
        # a rostered colleague's shift of the day
        cls.rostered = cls.staf
        cls.rostered.kilap_rostered = True
        cls.shift = cls.env["kilap.shift.type"].create(
            {
                "code": "PF",
                "name": "Pagi",
                "hour_from": 7,
                "hour_to": 14,
                "company_id": cls.company.id,
            }
        )
        cls.roster = cls.env["kilap.shift.roster"].create(
            {
                "employee_id": cls.rostered.id,
                "date": cls.today,
                "shift_type_id": cls.shift.id,
            }
        )
        cls.period._kilap_transition({"state": "closed"})

    @classmethod
    def utc(cls, hour):
        """Today at ``hour`` in the office, as the naive UTC Odoo stores."""
        local = cls.tz.localize(
            datetime.combine(cls.today, time(int(hour), int(hour % 1 * 60)))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ---------------------------------------------------------------- periods
    def test_period_state_only_through_actions(self):
        """Attack 7: a period reopened or closed by write, with no reason."""
        before = self.snapshot(self.period, ["state", "reopen_count"])
        for vals in ({"state": "open"}, {"reopen_reason": "x", "reopen_count": 0}):
            self.assertRefused(
                "bkpsdm", "kilap.score.period", "write", [self.period.ids, vals], FORGED
            )
        self.assertRefused(
            "bkpsdm", "kilap.score.period", "_kilap_reopen", [self.period.ids, "x"]
        )
        wizard, failure = self.call_kw(
            "bkpsdm",
            "kilap.score.reopen.wizard",
            "create",
            [{"period_id": self.period.id, "reason": "   "}],
        )
        self.assertFalse(failure, failure)
        self.assertRefused(
            "bkpsdm", "kilap.score.reopen.wizard", "action_confirm", [[wizard]]
        )
        self.assertRefused(
            "adminopd", "kilap.score.period", "action_close", [self.period.ids]
        )
        self.assertEqual(self.snapshot(self.period, ["state", "reopen_count"]), before)
        # the action, with a reason, by BKPSDM: reopened and posted
        wizard, _f = self.call_kw(
            "bkpsdm",
            "kilap.score.reopen.wizard",
            "create",
            [{"period_id": self.period.id, "reason": "Koreksi presensi Dinkes"}],
        )
        _r, failure = self.call_kw(
            "bkpsdm", "kilap.score.reopen.wizard", "action_confirm", [[wizard]]
        )
        self.assertFalse(failure, failure)
        self.assertEqual(self.period.state, "open")
        self.assertIn(
            "Koreksi presensi Dinkes", "".join(self.period.message_ids.mapped("body"))
        )

    # ------------------------------------------------------- the closed month
    def assertFrozen(self, login, model, method, args, kwargs=None):
        message = self.assertRefused(login, model, method, args, kwargs)
        self.assertIn(self.period.name, message)
        self.assertIn("closed", message)

    def test_closed_month_freezes_attendance(self):
        """Attack 8: raw attendance of a closed month created by offline sync and
        edited by Admin OPD with a manual reason; a correction approved; a
        flagged attendance reviewed."""
        names = ["check_in", "check_out", "kilap_review_state"]
        watched = self.attendance | self.flagged
        before = self.snapshot(watched, names)
        count = self.env["hr.attendance"].search_count([])
        fence = self.env["kilap.geofence"]._kilap_locate(
            self.pegawai, self.today, 0.0, 0.0
        )[0]
        self.authenticate("pegawai", "pegawai")
        result = self.make_jsonrpc_request(
            "/kilap/attendance/sync",
            {
                "items": [
                    {
                        "uuid": "frozen-1",
                        "kind": "in",
                        "device_time": (
                            fields.Datetime.now() - timedelta(minutes=5)
                        ).isoformat(timespec="seconds")
                        + "Z",
                        "latitude": fence.latitude,
                        "longitude": fence.longitude,
                        "accuracy": 10,
                    }
                ]
            },
        )
        answer = result["results"][0]
        self.assertEqual(answer["status"], "refused", answer)
        self.assertIn(self.period.name, answer["message"])
        self.assertFrozen(
            "adminopd",
            "hr.attendance",
            "write",
            [
                self.attendance.ids,
                {
                    "check_out": fields.Datetime.to_string(self.utc(17.5)),
                    "kilap_manual_reason": "Lembur",
                },
            ],
        )
        self.assertFrozen(
            "adminopd",
            "kilap.attendance.correction",
            "action_approve",
            [self.correction.ids],
        )
        self.assertFrozen(
            "adminopd", "hr.attendance", "action_kilap_accept", [self.flagged.ids]
        )
        self.assertEqual(self.snapshot(watched, names), before)
        self.assertEqual(self.env["hr.attendance"].search_count([]), count)
        self.assertEqual(self.correction.state, "submitted")

    def test_closed_month_freezes_the_roster(self):
        """Attack 8: Admin OPD rosters a day of a closed month differently, adds
        one or removes it."""
        names = ["kind", "shift_type_id"]
        before = self.snapshot(self.roster, names)
        self.assertFrozen(
            "adminopd",
            "kilap.shift.roster",
            "write",
            [self.roster.ids, {"kind": "off", "shift_type_id": False}],
        )
        self.assertFrozen("adminopd", "kilap.shift.roster", "unlink", [self.roster.ids])
        self.assertEqual(self.snapshot(self.roster, names), before)

    def test_closed_month_freezes_journal_duty_and_leave(self):
        """Attack 8: journal entries, field duty and leave of a closed month."""
        self.assertFrozen(
            "pegawai",
            "kilap.journal.entry",
            "create",
            [
                {
                    "name": "Terlambat ditulis",
                    "description": "x",
                    "employee_id": self.pegawai.id,
                    "date": fields.Date.to_string(self.today),
                    "time_start": 19.0,
                    "time_end": 19.5,
                    "rhk_id": self.env["kilap.skp.rhk"]
                    .search([("employee_id", "=", self.pegawai.id)], limit=1)
                    .id,
                }
            ],
        )
        self.assertFrozen(
            "pegawai",
            "kilap.field.duty",
            "create",
            [
                {
                    "name": "SPT/LAMBAT",
                    "employee_ids": [(6, 0, self.pegawai.ids)],
                    "requester_id": self.pegawai.id,
                    "date_from": fields.Date.to_string(self.today),
                    "date_to": fields.Date.to_string(self.today),
                    "destination": "Kwandang",
                    "allow_anywhere": True,
                    "purpose": "Rapat",
                }
            ],
        )
        leave_type = self.env["hr.leave.type"].search(
            [("requires_allocation", "=", False)], limit=1
        )
        with self.assertRaisesRegex(Exception, self.period.name):
            self.env["hr.leave"].create(
                {
                    "employee_id": self.staf.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": self.today,
                    "request_date_to": self.today,
                }
            )

    def test_retention_exemption_changes_no_figure(self):
        """The one exemption: the retention job clears positions of a closed month,
        and nothing else, even under the exemption."""
        Attendance = self.env["hr.attendance"]
        job = self.attendance.sudo()  # the retention job runs as superuser
        with self.assertRaisesRegex(Exception, self.period.name):
            job.write({"in_latitude": 0.0})  # no exemption
        with Attendance._kilap_retention_exemption():
            job.write({"in_latitude": 0.0, "in_longitude": 0.0})
            with self.assertRaisesRegex(Exception, self.period.name):
                job.write({"check_out": self.utc(18.0)})
            with self.assertRaises(UserError):  # AccessError is one too
                self.attendance.with_user(
                    self.env.ref("kilap_activity.user_demo_bkpsdm")
                ).write({"in_longitude": 1.0})  # users never have the exemption
        self.assertEqual(
            (self.attendance.in_latitude, self.attendance.check_out),
            (0.0, self.utc(16.0)),
        )

    def test_draft_skp_sets_no_target(self):
        """Review pass: an approved SKP revised to draft, its targets cut and never
        resubmitted, gives no target to the score."""
        skp = self.env["kilap.skp"].search(
            [("employee_id", "=", self.pegawai.id), ("year", "=", self.today.year)]
        )
        self.assertEqual(skp.state, "approved")
        _r, failure = self.call_kw(
            "pegawai", "kilap.skp", "action_revise", [skp.ids, "Salah target"]
        )
        self.assertFalse(failure, failure)
        targets = self.period._kilap_gather_targets(self.pegawai)
        self.assertFalse(targets.get(self.pegawai.id))
