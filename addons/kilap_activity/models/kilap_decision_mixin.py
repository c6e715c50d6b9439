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

    def _kilap_decide(self, state, capacity, **values):
        """Move this request from submitted to ``state`` as decided by the current
        user in ``capacity`` (the answer of its approver check): the approver and
        the capacity recorded, a note when someone decided in another's place,
        the to-do closed. As superuser unless Admin OPD decides within its own
        record rules: an acting official may not write the colleague's record."""
        self.ensure_one()
        Assignment = self.env["kilap.acting.assignment"]
        self._kilap_transition(
            {
                "state": state,
                "approver_id": self.env.uid,
                **Assignment._kilap_capacity_vals(capacity),
                **values,
            },
            from_states=("submitted",),
            sudo=capacity[0] != "admin_opd",
        )
        Assignment._kilap_note_capacity(self, capacity)
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
