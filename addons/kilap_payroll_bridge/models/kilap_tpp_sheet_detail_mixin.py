from odoo import api, models
from odoo.exceptions import UserError


class KilapTppSheetDetailMixin(models.AbstractModel):
    """Components and cuts of a TPP line: frozen with their sheet.

    They are written by the sheet's computation and change only while the sheet
    is draft; an edit makes its author one of the sheet's preparers (four-eyes).
    """

    _name = "kilap.tpp.sheet.detail.mixin"
    _description = "TPP Sheet Line Detail"

    @api.model_create_multi
    def create(self, vals_list):
        line_ids = {vals.get("line_id") for vals in vals_list} - {None, False}
        lines = self.env["kilap.tpp.sheet.line"].browse(line_ids)
        lines._check_sheet_draft(lines.sheet_id, "create")
        details = super().create(vals_list)
        lines.sheet_id._kilap_add_preparer()
        return details

    def write(self, vals):
        self.line_id._check_sheet_draft(self.line_id.sheet_id, "write")
        if {"line_id", "sheet_id"} & set(vals):
            raise UserError(self.env._("A TPP line's detail stays on its line."))
        self.line_id.sheet_id._kilap_add_preparer()
        return super().write(vals)

    def unlink(self):
        self.line_id._check_sheet_draft(self.line_id.sheet_id, "unlink")
        self.line_id.sheet_id._kilap_add_preparer()
        return super().unlink()
