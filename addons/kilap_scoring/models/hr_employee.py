from odoo import fields, models


class HrEmployee(models.Model):
    """The employee's monthly score history, one click from the employee form."""

    _inherit = "hr.employee"

    kilap_score_count = fields.Integer(
        string="Monthly Scores",
        compute="_compute_kilap_score_count",
        groups="kilap_activity.group_kilap_pegawai",
    )

    def _compute_kilap_score_count(self):
        # lines the current user may read (record rules), one query for the set
        counts = dict(
            self.env["kilap.score.line"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.kilap_score_count = counts.get(employee, 0)

    def action_kilap_view_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kilap_scoring.kilap_score_line_action_mine"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {}
        action["name"] = self.env._("Monthly Scores of %s", self.name)
        return action
