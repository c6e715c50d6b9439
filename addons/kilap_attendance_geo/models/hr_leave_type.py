from odoo import fields, models


class HrLeaveType(models.Model):
    """How a validated leave of this type counts in the daily attendance result."""

    _inherit = "hr.leave.type"

    kilap_treatment = fields.Selection(
        [
            ("present", "Counts as present"),
            ("absent", "Counts as absent (TK)"),
            ("leave", "Leave"),
            ("sick", "Sick leave"),
            ("training", "Training"),
        ],
        string="KILAP Treatment",
        default="leave",
        required=True,
        help="Status given to the days of a validated leave in the daily attendance "
        "result.",
    )
