from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapAttendanceBand(models.Model):
    """A lateness (TL) or early-leave (PSW) band: minute range as data."""

    _name = "kilap.attendance.band"
    _description = "Lateness / Early-Leave Band"
    _order = "kind, sequence, minute_from"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="TL1..TL4, PSW1..PSW4")
    kind = fields.Selection(
        [("tl", "Late arrival (TL)"), ("psw", "Early leave (PSW)")], required=True
    )
    sequence = fields.Integer(default=10)
    minute_from = fields.Integer(required=True)
    minute_to = fields.Integer(help="Inclusive upper edge; 0 means no upper limit.")
    is_missing_band = fields.Boolean(
        string="Missing record band",
        help="Used when the check-in (TL) or the check-out (PSW) is missing.",
    )
    company_id = fields.Many2one("res.company", index=True)
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "A band code must be unique per company."
    )

    @api.constrains("minute_from", "minute_to")
    def _check_range(self):
        for band in self:
            if band.minute_from < 1 or (
                band.minute_to and band.minute_to < band.minute_from
            ):
                raise ValidationError(
                    self.env._(
                        "A band must start at 1 minute or later and end after "
                        "it starts."
                    )
                )

    def _as_tuples(self):
        """Bands as ``(code, from, to)`` tuples for rules.bands.classify_minutes."""
        return [(b.code, b.minute_from, b.minute_to or None) for b in self]
