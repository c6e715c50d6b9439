from odoo import api, fields, models


class KilapScoreCut(models.Model):
    """Disiplin points cut per occurrence of a band (TL1..PSW4) or per TK day.

    Rows without a company are the defaults; a company row with the same code
    replaces the default for that company.
    """

    _name = "kilap.score.cut"
    _description = "Discipline Cut per Band"
    _order = "sequence, code"

    code = fields.Char(required=True, help="Band code (TL1..TL4, PSW1..PSW4) or TK.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    points = fields.Float(
        string="Points Cut",
        required=True,
        digits=(6, 2),
        help="Points taken from the 100-point disiplin score per occurrence.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _code_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (code, company_id)",
        "A cut code must be unique per company.",
    )
    _points_positive = models.Constraint(
        "CHECK(points >= 0)", "A discipline cut cannot be negative."
    )

    @api.model
    def _kilap_cuts(self, company):
        """``{code: points}`` for ``company`` (company rows win), one query."""
        cuts = {}
        rows = self.sudo().search_fetch(
            [("company_id", "in", [False, company.id])],
            ["code", "points", "company_id"],
            order="company_id desc nulls first",
        )
        for row in rows:
            cuts[row.code] = row.points
        return cuts
