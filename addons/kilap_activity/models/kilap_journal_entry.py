from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KilapJournalEntry(models.Model):
    """One line of the daily activity journal: what was done, for which RHK, proof."""

    _name = "kilap.journal.entry"
    _description = "Daily Activity Journal Entry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, time_start desc, id desc"

    name = fields.Char(
        string="Activity", required=True, tracking=True, help="Short title of the activity."
    )
    active = fields.Boolean(default=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user.employee_id,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, readonly=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, readonly=True
    )
    supervisor_id = fields.Many2one(
        related="employee_id.parent_id", store=True, index=True, readonly=True,
        string="Supervisor",
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    time_start = fields.Float(string="Start", required=True, default=7.5)
    time_end = fields.Float(string="End", required=True, default=8.5)
    duration_minutes = fields.Integer(
        compute="_compute_duration_minutes", store=True, string="Minutes"
    )
    description = fields.Text(required=True)
    rhk_id = fields.Many2one("kilap.skp.rhk", string="RHK", index="btree_not_null", tracking=True)
    catalog_id = fields.Many2one("kilap.activity.catalog", string="Catalogue Item")
    output_qty = fields.Float(string="Output Quantity", default=1.0)
    points = fields.Float(compute="_compute_points", store=True)
    output_uom = fields.Char(string="Output Unit")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    reject_reason = fields.Text(tracking=True, copy=False)
    approver_id = fields.Many2one("res.users", readonly=True, tracking=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)

    @api.depends("time_start", "time_end")
    def _compute_duration_minutes(self):
        for entry in self:
            entry.duration_minutes = max(
                0, round((entry.time_end - entry.time_start) * 60)
            )

    @api.depends("catalog_id.points_per_unit", "output_qty")
    def _compute_points(self):
        for entry in self:
            entry.points = (entry.catalog_id.points_per_unit or 0.0) * entry.output_qty

    @api.constrains("time_start", "time_end")
    def _check_times(self):
        for entry in self:
            if not 0 <= entry.time_start < entry.time_end <= 24:
                raise ValidationError(
                    _("The activity must start before it ends, within the same day.")
                )
