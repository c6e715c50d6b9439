from odoo import api, fields, models
from odoo.exceptions import ValidationError

OFF_CODES = ("-", "OFF", "L")


class KilapShiftPattern(models.Model):
    """A rotation that fills a roster for a month at once: ``P P S S M M - -``
    (three shifts, two days off), ``24 - -`` (24 hours on, 48 hours off).

    Steps are shift codes separated by spaces; ``-`` (or ``OFF``/``L``, libur) is
    an off day.
    """

    _name = "kilap.shift.pattern"
    _description = "Roster Pattern"
    _order = "company_id, name"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    sequence_codes = fields.Char(
        string="Steps",
        required=True,
        help="Shift codes, one per day, separated by spaces; '-' is an off day.",
    )
    step_count = fields.Integer(compute="_compute_step_count")
    active = fields.Boolean(default=True)

    @api.depends("sequence_codes")
    def _compute_step_count(self):
        for pattern in self:
            pattern.step_count = len((pattern.sequence_codes or "").split())

    @api.constrains("sequence_codes", "company_id")
    def _check_codes(self):
        for pattern in self:
            pattern._kilap_steps()

    def _kilap_steps(self):
        """The shift of each step (an empty recordset for an off day)."""
        self.ensure_one()
        codes = (self.sequence_codes or "").split()
        if not codes:
            raise ValidationError(self.env._("A pattern has at least one step."))
        Shift = self.env["kilap.shift.type"].sudo()
        shifts = {
            shift.code.upper(): shift
            for shift in Shift.search([("company_id", "=", self.company_id.id)])
        }
        steps = []
        for code in codes:
            if code.upper() in OFF_CODES:
                steps.append(Shift)
            elif code.upper() in shifts:
                steps.append(shifts[code.upper()])
            else:
                raise ValidationError(
                    self.env._(
                        "Pattern %(pattern)s: no shift with code %(code)s in this "
                        "pemda.",
                        pattern=self.name,
                        code=code,
                    )
                )
        return steps
