from odoo import fields, models


class KilapScoreLine(models.Model):
    """One employee's score for one period, with the counts it was built from."""

    _name = "kilap.score.line"
    _description = "Employee Monthly Score"
    _order = "period_id desc, total_score desc"

    period_id = fields.Many2one(
        "kilap.score.period", required=True, index=True, ondelete="cascade"
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", index=True)
    kinerja_score = fields.Float(digits=(6, 2))
    disiplin_score = fields.Float(digits=(6, 2))
    total_score = fields.Float(digits=(6, 2))
    rating_hasil = fields.Selection(
        [("below", "Below expectation"), ("meets", "Meets expectation"),
         ("above", "Above expectation")],
        string="Work Result Rating",
    )
    rating_perilaku = fields.Selection(
        [("below", "Below expectation"), ("meets", "Meets expectation"),
         ("above", "Above expectation")],
        string="Behaviour Rating",
    )
    predikat = fields.Selection(
        [
            ("sangat_baik", "Sangat Baik"),
            ("baik", "Baik"),
            ("butuh_perbaikan", "Butuh Perbaikan"),
            ("kurang", "Kurang"),
            ("sangat_kurang", "Sangat Kurang"),
        ]
    )

    _period_employee_unique = models.Constraint(
        "UNIQUE(period_id, employee_id)", "One score per employee and period."
    )
