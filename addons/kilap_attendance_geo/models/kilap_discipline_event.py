from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.kilap_activity.models.kilap_job_batch import CHANNEL

# discipline events notified per background job
EVENTS_PER_JOB = 500


class KilapDisciplineEvent(models.Model):
    """A threshold crossed by an employee in a year: one line, raised once."""

    _name = "kilap.discipline.event"
    _description = "Discipline History"
    _inherit = ["mail.thread", "mail.activity.mixin", "kilap.workflow.mixin"]
    _order = "date desc, id desc"
    _kilap_workflow_fields = ("state", "processed_by_id")
    _kilap_initial_state = "open"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one("hr.department", index=True)
    threshold_id = fields.Many2one(
        "kilap.discipline.threshold", required=True, ondelete="restrict"
    )
    year = fields.Integer(required=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    absent_days = fields.Integer(string="TK Days")
    late_early_minutes = fields.Integer(string="TL+PSW Minutes")
    total_days = fields.Integer(string="Counted Days")
    state = fields.Selection(
        [("open", "Open"), ("processed", "Processed")],
        default="open",
        required=True,
        tracking=True,
    )
    note = fields.Text(tracking=True)
    processed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )

    _employee_year_threshold_unique = models.Constraint(
        "UNIQUE(employee_id, year, threshold_id)",
        "A threshold is raised only once per employee and year.",
    )

    notified = fields.Boolean(
        readonly=True,
        copy=False,
        help="The supervisor and BKPSDM have their to-do and their notification.",
    )

    @api.depends("employee_id", "threshold_id", "year")
    def _compute_display_name(self):
        for event in self:
            event.display_name = "%s - %s (%s)" % (
                event.employee_id.name or "",
                event.threshold_id.name or "",
                event.year,
            )

    def _kilap_check_bkpsdm(self):
        if not self.env.user.has_group("kilap_activity.group_kilap_bkpsdm"):
            raise AccessError(
                self.env._("Only BKPSDM follows up discipline thresholds.")
            )
        if self.sudo().employee_id & self.env.user.employee_ids:
            raise AccessError(
                self.env._("Another BKPSDM officer follows up your own threshold.")
            )

    def action_process(self):
        """BKPSDM has followed the threshold up (summons, sanction decision)."""
        self._kilap_check_bkpsdm()
        return self._kilap_transition(
            {"state": "processed", "processed_by_id": self.env.uid},
            from_states=("open",),
        )

    def action_reopen(self):
        self._kilap_check_bkpsdm()
        return self._kilap_transition(
            {"state": "open", "processed_by_id": False}, from_states=("processed",)
        )

    def _kilap_schedule_notify(self):
        """Have the follow-up job notify these new events right after this run.

        A month-end close can raise hundreds of thresholds at once: the close only
        records them, the job assigns the to-dos and sends one message per user.
        """
        if self:
            cron = self.env.ref("kilap_attendance_geo.ir_cron_kilap_discipline_notify")
            cron.sudo()._trigger()

    @api.model
    def _cron_notify_pending(self):
        """Follow-up: the events not notified yet, EVENTS_PER_JOB per job on the
        KILAP channel (a regency's year-end can raise thousands at once)."""
        ids = self.sudo().search([("notified", "=", False)], order="id").ids
        for n in range(0, len(ids), EVENTS_PER_JOB):
            part = ids[n : n + EVENTS_PER_JOB]
            self.sudo().browse(part).with_delay(
                channel=CHANNEL,
                description=self.env._("Notify discipline thresholds"),
                identity_key=f"kilap-discipline-{part[0]}-{part[-1]}",
            )._kilap_notify()

    def _kilap_notify(self):
        """Notify the events not notified yet, each once: a job run twice, or
        two jobs on overlapping events, skip the rows another job holds (locked
        until it commits) or has done."""
        if not self.ids:
            return
        self.env.cr.execute(
            "SELECT id FROM kilap_discipline_event"
            " WHERE id = ANY(%s) AND notified IS NOT TRUE FOR UPDATE SKIP LOCKED",
            [self.ids],
        )
        events = self.browse([row[0] for row in self.env.cr.fetchall()])
        events.invalidate_recordset(["notified"])
        events._kilap_notify_now()

    def _kilap_notify_now(self):
        """One to-do for the supervisor and each BKPSDM user of the company, and
        one notification per user listing all their new thresholds.

        Set-based: the activities are created in one batch, without the e-mail
        Odoo sends per assigned activity.
        """
        if not self:
            return
        bkpsdm = (
            self.env.ref("kilap_activity.group_kilap_bkpsdm")
            .sudo()
            .user_ids.filtered(lambda u: u.active and not u.share)
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = todo._get_date_deadline()
        vals_list, per_user = [], defaultdict(list)
        for event in self:
            users = event.employee_id.parent_id.user_id | bkpsdm.filtered(
                lambda u, c=event.company_id: c in u.company_ids
            )
            summary = self.env._(
                "%(employee)s reached %(days)s days of absence in %(year)s: %(level)s",
                employee=event.employee_id.name,
                days=event.total_days,
                year=event.year,
                level=event.threshold_id.name,
            )
            for user in users:
                vals_list.append(
                    {
                        "activity_type_id": todo.id,
                        "res_model_id": model_id,
                        "res_id": event.id,
                        "user_id": user.id,
                        "summary": summary,
                        "date_deadline": deadline,
                        "automated": True,
                    }
                )
                per_user[user].append((event, summary))
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        for user, items in per_user.items():
            if user == self.env.user or not user.partner_id:
                continue
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("New discipline thresholds to follow up:"),
                Markup().join(Markup("<li>%s</li>") % summary for _e, summary in items),
            )
            items[0][0].message_notify(
                partner_ids=user.partner_id.ids,
                body=body,
                subject=self.env._("Discipline thresholds reached"),
            )
        self.write({"notified": True})
