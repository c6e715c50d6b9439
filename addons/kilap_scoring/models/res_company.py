from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Per-pemda scoring settings: weights of the index, kinerja cap, head rule."""

    _inherit = "res.company"

    kilap_weight_kinerja = fields.Float(
        string="Kinerja Weight",
        default=60.0,
        help="Relative weight of the kinerja score in the combined index.",
    )
    kilap_weight_disiplin = fields.Float(
        string="Disiplin Weight",
        default=40.0,
        help="Relative weight of the disiplin score in the combined index.",
    )
    kilap_kinerja_cap = fields.Float(
        string="Kinerja Cap",
        default=1.2,
        help="Highest realisation/target ratio one RHK can count for (1.2 = 120 %).",
    )
    kilap_head_takes_unit_result = fields.Boolean(
        string="Head Takes Unit Result",
        help="The head (manager) of a department receives the unit's result "
        "as rating hasil kerja.",
    )

    kilap_close_reminder_days = fields.Integer(
        string="Close Reminder (days before)",
        default=3,
        help="How many days before an evaluation period's close the supervisors "
        "are reminded of the journal entries still waiting for them (0: never).",
    )

    @api.constrains(
        "kilap_weight_kinerja", "kilap_weight_disiplin", "kilap_kinerja_cap"
    )
    def _check_kilap_scoring_settings(self):
        for company in self:
            if (
                company.kilap_weight_kinerja < 0
                or company.kilap_weight_disiplin < 0
                or company.kilap_weight_kinerja + company.kilap_weight_disiplin <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The scoring weights must not be negative "
                        "and must not both be zero."
                    )
                )
            if company.kilap_kinerja_cap <= 0:
                raise ValidationError(self.env._("The kinerja cap must be positive."))
