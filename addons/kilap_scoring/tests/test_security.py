from datetime import date

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import tagged

from odoo.addons.kilap_activity.tests.common import run_kilap_jobs

from .common import KilapScoringCase


@tagged("post_install", "-at_install")
class TestSecurity(KilapScoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = cls._period()
        cls.period._kilap_compute(refresh_attendance=False)
        cls.Line = cls.env["kilap.score.line"]
        cls.domain = [("period_id", "=", cls.period.id)]

    def _visible(self, user):
        return self.Line.with_user(user).search(self.domain).employee_id

    def test_pegawai_reads_own_only(self):
        self.assertEqual(self._visible(self.user_pegawai), self.emp_pegawai)
        other = self._line(self.period, self.emp_pegawai2)
        with self.assertRaises(AccessError):
            other.with_user(self.user_pegawai).read(["total_score"])
        own = self._line(self.period, self.emp_pegawai)
        with self.assertRaises(AccessError):
            own.with_user(self.user_pegawai).write({"rating_perilaku": "above"})
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_pegawai).write({"name": "x"})

    def test_atasan_reads_and_rates_subordinates_only(self):
        self.assertEqual(
            self._visible(self.user_atasan),
            self.emp_atasan | self.emp_pegawai | self.emp_pegawai2,
        )
        line = self._line(self.period, self.emp_pegawai)
        line.with_user(self.user_atasan).write(
            {"rating_perilaku": "above", "feedback": "Bagus"}
        )
        self.assertEqual(line.rating_perilaku, "above")
        # no other field than the ratings
        with self.assertRaises(AccessError):
            line.with_user(self.user_atasan).write({"kinerja_score": 100})
        # not their own line
        with self.assertRaises(AccessError):
            self._line(self.period, self.emp_atasan).with_user(self.user_atasan).write(
                {"rating_perilaku": "above"}
            )
        # not someone outside their team
        with self.assertRaises(AccessError):
            self._line(self.period, self.emp_b).with_user(self.user_atasan).write(
                {"rating_perilaku": "above"}
            )
        self.assertFalse(self._line(self.period, self.emp_b).rating_perilaku)

    def test_rating_a_non_subordinate(self):
        """A subordinate whose penilai is someone else cannot be rated."""
        self.emp_pegawai2.penilai_id = self.emp_admin_opd
        line = self._line(self.period, self.emp_pegawai2)
        with self.assertRaises(AccessError):
            line.with_user(self.user_atasan).write({"rating_perilaku": "meets"})
        self.assertFalse(line.rating_perilaku)
        line.with_user(self.user_admin_opd).write({"rating_perilaku": "meets"})
        self.assertEqual(line.rating_perilaku, "meets")

    def test_bulk_rating_wizard(self):
        Wizard = self.env["kilap.score.rating.wizard"].with_user(self.user_atasan)
        wizard = Wizard.create({"period_id": self.period.id, "rating": "meets"})
        self.assertEqual(
            wizard.line_ids.employee_id, self.emp_pegawai | self.emp_pegawai2
        )
        wizard.action_apply()
        self.assertEqual(
            set(
                self.period.line_ids.filtered(
                    lambda ln: ln.employee_id in (self.emp_pegawai | self.emp_pegawai2)
                ).mapped("rating_perilaku")
            ),
            {"meets"},
        )
        self.assertFalse(self._line(self.period, self.emp_b).rating_perilaku)
        # nothing left to rate
        wizard = Wizard.create({"period_id": self.period.id, "rating": "above"})
        with self.assertRaises(UserError):
            wizard.action_apply()
        # slipping a foreign line into the wizard is refused
        foreign = self._line(self.period, self.emp_b)
        wizard = Wizard.create(
            {"period_id": self.period.id, "rating": "above", "only_unrated": False}
        )
        with self.assertRaises(AccessError):
            wizard.write({"line_ids": [(4, foreign.id)]})
            wizard.action_apply()
        self.assertFalse(foreign.rating_perilaku)
        # a pegawai cannot use the wizard
        with self.assertRaises(AccessError):
            self.env["kilap.score.rating.wizard"].with_user(self.user_pegawai).create(
                {"period_id": self.period.id}
            )

    def test_admin_opd_reads_their_opd(self):
        self.assertEqual(
            self._visible(self.user_admin_opd),
            self.emp_admin_opd | self.emp_atasan | self.emp_pegawai | self.emp_pegawai2,
        )
        with self.assertRaises(AccessError):
            self._line(self.period, self.emp_b).with_user(self.user_admin_opd).read(
                ["total_score"]
            )
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_admin_opd).write({"name": "x"})
        with self.assertRaises(UserError):
            self.period.with_user(self.user_admin_opd).action_compute()

    def test_bkpsdm_all_and_closes(self):
        self.assertEqual(self._visible(self.user_bkpsdm), self.employees)
        self.period.with_user(self.user_bkpsdm).action_compute()
        run_kilap_jobs(self.env)
        self.period.with_user(self.user_bkpsdm).action_close()
        self.assertEqual(self.period.state, "closed")
        period = (
            self.env["kilap.score.period"]
            .with_user(self.user_bkpsdm)
            .create(
                {
                    "company_id": self.company.id,
                    "date_from": date(2025, 4, 1),
                    "date_to": date(2025, 4, 30),
                }
            )
        )
        self.assertEqual(period.state, "open")

    def test_auditor_reads_all_writes_nothing(self):
        self.assertEqual(self._visible(self.user_auditor), self.employees)
        line = self._line(self.period, self.emp_pegawai)
        with self.assertRaises(AccessError):
            line.with_user(self.user_auditor).write({"rating_perilaku": "above"})
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_auditor).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["kilap.predikat.matrix"].with_user(self.user_auditor).create(
                {
                    "rating_hasil": "above",
                    "rating_perilaku": "above",
                    "predikat": "baik",
                }
            )

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "Pemda Lain"})
        period = self.env["kilap.score.period"].create(
            {
                "company_id": other.id,
                "date_from": date(2025, 3, 1),
                "date_to": date(2025, 3, 31),
            }
        )
        self.assertFalse(
            self.env["kilap.score.period"]
            .with_user(self.user_bkpsdm)
            .search([("id", "=", period.id)])
        )

    def _web_read_form(self, records):
        """Read the fields of the form view as the web client would (its arch)."""
        views = records.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        info = views["models"][records._name]["fields"]
        names = {
            node.get("name")
            for node in arch.iter("field")
            if not any(
                parent.tag in ("list", "kanban") for parent in node.iterancestors()
            )
        }
        spec = {
            name: {"fields": {"display_name": {}}}
            if info[name]["type"] in ("many2one", "one2many", "many2many")
            else {}
            for name in names
        }
        return records.web_read(spec)

    def test_forms_open_for_each_role(self):
        own = self._line(self.period, self.emp_pegawai)
        for user, line in (
            (self.user_pegawai, own),
            (self.user_atasan, own),
            (self.user_admin_opd, own),
            (self.user_auditor, self._line(self.period, self.emp_b)),
            (self.user_bkpsdm, self._line(self.period, self.emp_b)),
        ):
            with self.subTest(user=user.login):
                (values,) = self._web_read_form(line.with_user(user))
                self.assertEqual(values["employee_id"]["id"], line.employee_id.id)
                (period,) = self._web_read_form(self.period.with_user(user))
                self.assertEqual(period["state"], "computed")

    def test_employee_score_history(self):
        employee = self.emp_pegawai.with_user(self.user_atasan)
        self.assertEqual(employee.kilap_score_count, 1)
        action = employee.action_kilap_view_scores()
        lines = (
            self.env["kilap.score.line"]
            .with_user(self.user_atasan)
            .search(action["domain"])
        )
        self.assertEqual(lines.employee_id, self.emp_pegawai)
        # record rules apply: a pegawai sees no score of a colleague
        self.assertEqual(
            self.emp_pegawai2.with_user(self.user_pegawai).kilap_score_count, 0
        )
