from odoo import fields, models

from ..models.kilap_tpp_sheet import DIFF_FIELDS


class KilapTppDiff(models.TransientModel):
    """What a recompute of a sheet would change, computed without writing it."""

    _name = "kilap.tpp.diff"
    _description = "TPP Sheet Differences"

    sheet_id = fields.Many2one("kilap.tpp.sheet", required=True, ondelete="cascade")
    line_ids = fields.One2many("kilap.tpp.diff.line", "diff_id", string="Differences")
    difference_count = fields.Integer(compute="_compute_difference_count")
    summary = fields.Char(compute="_compute_difference_count")

    def _compute_difference_count(self):
        for wizard in self:
            wizard.difference_count = len(wizard.line_ids)
            wizard.summary = (
                self.env._("A recompute would change %s figures.", len(wizard.line_ids))
                if wizard.line_ids
                else self.env._("A recompute would give exactly the same figures.")
            )

    def _differences(self):
        """List of (employee id, field, current, recomputed) for the sheet."""
        self.ensure_one()
        sheet = self.sheet_id
        sheet.check_access("read")
        new_vals = {v["employee_id"]: v for v in sheet.sudo()._prepare_line_vals()}
        current = {line.employee_id.id: line for line in sheet.sudo().line_ids}
        result = []
        for emp_id in sorted(set(new_vals) | set(current)):
            line, vals = current.get(emp_id), new_vals.get(emp_id)
            for field_name in DIFF_FIELDS:
                old = line[field_name] if line else 0.0
                new = vals[field_name] if vals else 0.0
                if round(old - new, 2):
                    result.append((emp_id, field_name, old, new))
        return result

    def _fill(self):
        self.ensure_one()
        labels = self.env["kilap.tpp.sheet.line"]._fields
        self.line_ids = [
            fields.Command.create(
                {
                    "employee_id": emp_id,
                    "field_name": field_name,
                    "field_label": labels[field_name].get_description(self.env)[
                        "string"
                    ],
                    "current_amount": old,
                    "recomputed_amount": new,
                }
            )
            for emp_id, field_name, old, new in self._differences()
        ]
