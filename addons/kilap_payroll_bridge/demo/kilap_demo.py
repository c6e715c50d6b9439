"""KILAP Payroll Bridge demo data builder: demo-only code, never used in production.

``demo/kilap_tpp_demo.xml`` calls ``kilap.tpp.sheet._kilap_demo_approved_sheets``
through a ``<function>`` tag when the add-on is installed with demo data; this file
only has to be importable for that call to find the method. It stays private (leading
underscore), so no RPC caller can generate and approve sheets this way.
"""

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class KilapTppSheet(models.Model):
    """Demo builder on the TPP sheet: the demo XML calls it on this model, and it
    uses the sheet's own generation and verify/approve actions."""

    _inherit = "kilap.tpp.sheet"

    @api.model
    def _kilap_demo_approved_sheets(self):
        """Demo: approved sheets for the latest closed period (skipped if none)."""
        keuangan = self.env.ref(
            "kilap_activity.user_demo_keuangan", raise_if_not_found=False
        )
        group = self.env.ref("kilap_payroll_bridge.group_kilap_keuangan")
        if keuangan:
            payroll = self.env.ref("payroll.group_payroll_user")
            keuangan.sudo().group_ids = [
                fields.Command.link(group.id),
                fields.Command.link(payroll.id),
            ]
        period = self.env["kilap.score.period"].search(
            [("state", "=", "closed")], order="date_from desc", limit=1
        )
        if not period:
            _logger.info("KILAP TPP demo: no closed scoring period, no demo sheet.")
            return False
        ruleset_model = self.env["kilap.tpp.ruleset"]
        if not ruleset_model._version_for(period.company_id, period.date_from):
            default = self.env.ref(
                "kilap_payroll_bridge.ruleset_default", raise_if_not_found=False
            )
            if not default:
                return False
            default.copy(
                {
                    "company_id": period.company_id.id,
                    "date_from": min(default.date_from, period.date_from),
                    "name": default.name,
                }
            )
        sheets = self._kilap_generate(period)
        sheets.action_verify()
        sheets.action_approve()  # superuser: the demo has no second person
        return True
