from odoo import fields, models

from .kilap_acting_assignment import APPROVAL_BASIS


class KilapDecisionMixin(models.AbstractModel):
    """Who decided a request, and in which capacity: the supervisor, the acting
    official (Plt/Plh) of an absent one, the next supervisor after escalation.
    One set of fields for every approvable model (journal entries, field duties,
    attendance corrections); each lists them in its workflow fields, so only its
    decision actions write them."""

    _name = "kilap.decision.mixin"
    _description = "KILAP Decision Capacity"

    submitted_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the request was last submitted: escalation counts from it.",
    )
    approval_basis = fields.Selection(
        APPROVAL_BASIS,
        string="Decided As",
        readonly=True,
        copy=False,
        tracking=True,
        help="In which capacity the approver decided the request.",
    )
    approved_for_id = fields.Many2one(
        "hr.employee",
        string="Decided For",
        readonly=True,
        copy=False,
        tracking=True,
        help="The official the request waited for, when someone else decided it: "
        "the absent official (acting) or the late supervisor (escalation).",
    )
    acting_assignment_id = fields.Many2one(
        "kilap.acting.assignment", readonly=True, copy=False
    )
