from odoo import fields, models


class KilapJournalEntry(models.Model):
    """Phone journal entries carry a client UUID: a replayed sync creates nothing."""

    _inherit = "kilap.journal.entry"

    kilap_client_uuid = fields.Char(
        string="Client UUID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Set by the phone page; the same UUID is never saved twice.",
    )

    _kilap_client_uuid_unique = models.Constraint(
        "UNIQUE(kilap_client_uuid)", "This journal entry was already received."
    )
