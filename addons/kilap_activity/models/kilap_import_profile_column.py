from odoo import fields, models

from .kilap_import_profile import PROFILE_FIELDS


class KilapImportProfileColumn(models.Model):
    """One employee field and the file column it is read from."""

    _name = "kilap.import.profile.column"
    _description = "Employee Import Column"
    _order = "profile_id, id"

    profile_id = fields.Many2one(
        "kilap.import.profile", required=True, ondelete="cascade", index=True
    )
    key = fields.Selection(
        [(key, label) for key, label, _c, _r in PROFILE_FIELDS],
        string="Field",
        required=True,
    )
    column = fields.Char(
        string="Column Header", help="As written in the file's first row."
    )

    _key_unique = models.Constraint(
        "UNIQUE(profile_id, key)", "Each field appears once in a profile."
    )
