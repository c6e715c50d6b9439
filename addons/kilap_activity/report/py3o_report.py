from odoo import models


class Py3oReport(models.TransientModel):
    """Give the SKP py3o template readable labels (Utama/Tambahan, translated)."""

    _inherit = "py3o.report"

    def _get_parser_context(self, model_instance, data):
        context = super()._get_parser_context(model_instance, data)
        if model_instance._name == "kilap.skp":
            rhk_model = self.env["kilap.skp.rhk"]
            labels = dict(rhk_model._fields["kind"]._description_selection(self.env))
            context["kind_label"] = lambda rhk: labels.get(rhk.kind, "")
        return context
