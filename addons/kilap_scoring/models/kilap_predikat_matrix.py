from odoo import api, fields, models

from .kilap_score_line import PREDIKAT_SELECTION, RATING_SELECTION


class KilapPredikatMatrix(models.Model):
    """One cell of the PermenPANRB 6/2022 predikat matrix, as data."""

    _name = "kilap.predikat.matrix"
    _description = "Predikat Matrix Cell"
    _order = "rating_hasil, rating_perilaku"
    _rec_name = "predikat"

    rating_hasil = fields.Selection(
        RATING_SELECTION, string="Work Result Rating", required=True
    )
    rating_perilaku = fields.Selection(
        RATING_SELECTION, string="Behaviour Rating", required=True
    )
    predikat = fields.Selection(PREDIKAT_SELECTION, required=True)
    company_id = fields.Many2one("res.company", index=True)

    _cell_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (rating_hasil, rating_perilaku, company_id)",
        "The matrix has one cell per pair of ratings and company.",
    )

    @api.model
    def _kilap_matrix(self, company):
        """``{(hasil, perilaku): predikat}`` for ``company``; company cells win."""
        matrix = {}
        rows = self.sudo().search_fetch(
            [("company_id", "in", [False, company.id])],
            ["rating_hasil", "rating_perilaku", "predikat", "company_id"],
            order="company_id desc nulls first",
        )
        for row in rows:
            matrix[(row.rating_hasil, row.rating_perilaku)] = row.predikat
        return matrix
