from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KilapSkpLockMixin(models.AbstractModel):
    """Lines of an SKP (RHK, indicators, action plan) are frozen with their SKP."""

    _name = "kilap.skp.lock.mixin"
    _description = "SKP line lock"

    def _kilap_skp(self):
        raise NotImplementedError

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._kilap_skp()._kilap_check_editable()
        return records

    def write(self, vals):
        self._kilap_skp()._kilap_check_editable()
        res = super().write(vals)
        self._kilap_skp()._kilap_check_editable()
        return res

    def unlink(self):
        self._kilap_skp()._kilap_check_editable()
        return super().unlink()


class KilapSkpRhk(models.Model):
    """Rencana Hasil Kerja: a planned result of the SKP, main or additional."""

    _name = "kilap.skp.rhk"
    _description = "RHK (Planned Work Result)"
    _inherit = ["kilap.skp.lock.mixin"]
    _order = "skp_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    skp_id = fields.Many2one("kilap.skp", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(
        related="skp_id.employee_id", store=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="skp_id.company_id", store=True, readonly=True)
    year = fields.Integer(related="skp_id.year", store=True, readonly=True)
    skp_state = fields.Selection(related="skp_id.state", string="SKP Status")
    kind = fields.Selection(
        [("main", "Main"), ("additional", "Additional")], required=True, default="main"
    )
    parent_rhk_id = fields.Many2one(
        "kilap.skp.rhk",
        string="Supports Supervisor RHK",
        index="btree_not_null",
        ondelete="set null",
    )
    indicator_ids = fields.One2many(
        "kilap.skp.indicator", "rhk_id", string="Indicators"
    )
    action_ids = fields.One2many("kilap.skp.action", "rhk_id", string="Action Plan")

    def _kilap_skp(self):
        return self.skp_id

    @api.depends("name", "skp_id.year")
    def _compute_display_name(self):
        for rhk in self:
            rhk.display_name = (
                f"[{rhk.skp_id.year}] {rhk.name}" if rhk.skp_id else rhk.name
            )

    @api.constrains("parent_rhk_id", "skp_id")
    def _check_parent_rhk(self):
        for rhk in self.filtered("parent_rhk_id"):
            parent = rhk.parent_rhk_id
            employee = rhk.skp_id.employee_id
            if parent.skp_id.year != rhk.skp_id.year or parent.employee_id not in (
                employee.parent_id | employee.penilai_id
            ):
                raise ValidationError(
                    self.env._(
                        "A supported RHK must be one of the supervisor's RHK of the "
                        "same year."
                    )
                )
