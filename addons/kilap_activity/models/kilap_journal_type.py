from odoo import fields, models


class KilapJournalType(models.Model):
    """Kind of journal entry; says whether proof must be attached before submitting."""

    _name = "kilap.journal.type"
    _description = "Journal Entry Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    evidence_required = fields.Boolean(
        help="Entries of this type need a photo, a document or a link before "
        "submission."
    )
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)
