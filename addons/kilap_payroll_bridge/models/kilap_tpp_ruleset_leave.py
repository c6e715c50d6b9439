from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapTppRulesetLeave(models.Model):
    """A tier of a leave effect: from N to M working days in the month, X % paid."""

    _name = "kilap.tpp.ruleset.leave"
    _inherit = ["kilap.tpp.ruleset.line.mixin"]
    _description = "TPP Leave Effect"
    _order = "ruleset_id, leave_kind, leave_type_id, day_from"

    ruleset_id = fields.Many2one(
        "kilap.tpp.ruleset", required=True, ondelete="cascade", index=True
    )
    leave_kind = fields.Selection(
        [("sick", "Sick leave"), ("leave", "Leave")], required=True, default="sick"
    )
    leave_type_id = fields.Many2one(
        "hr.leave.type",
        help="Only for leave: the time-off type counted; empty counts every leave day.",
    )
    day_from = fields.Integer(required=True, default=1)
    day_to = fields.Integer(help="Inclusive; 0 means no upper limit.")
    paid_pct = fields.Float(string="TPP Paid (%)", required=True, default=100.0)

    def _leave_key(self):
        self.ensure_one()
        if self.leave_kind == "leave" and self.leave_type_id:
            return "leave:%d" % self.leave_type_id.id
        return self.leave_kind

    @api.constrains("day_from", "day_to", "paid_pct")
    def _check_tier(self):
        for line in self:
            if line.day_from < 1 or (line.day_to and line.day_to < line.day_from):
                msg = self.env._(
                    "A leave tier starts at day 1 or later and ends after it starts."
                )
                raise ValidationError(msg)
            if not 0 <= line.paid_pct <= 100:
                raise ValidationError(
                    self.env._("The paid percentage must be between 0 and 100.")
                )
