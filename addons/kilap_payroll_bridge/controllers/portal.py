from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal


class KilapTppPortal(CustomerPortal):
    """/my/tpp: an employee's own TPP lines (record rules do the filtering)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "tpp_count" in counters:
            line_model = request.env["kilap.tpp.sheet.line"]
            values["tpp_count"] = (
                line_model.search_count(self._kilap_tpp_domain())
                if line_model.has_access("read")
                else 0
            )
        return values

    def _kilap_tpp_domain(self):
        return [
            ("employee_id.user_id", "=", request.env.uid),
            ("state", "in", ("approved", "paid")),
        ]

    @route(["/my/tpp"], type="http", auth="user", website=True)
    def portal_my_tpp(self, **kw):
        line_model = request.env["kilap.tpp.sheet.line"]
        lines = (
            line_model.search(self._kilap_tpp_domain(), order="date_from desc")
            if line_model.has_access("read")
            else line_model
        )
        values = self._prepare_portal_layout_values()
        values.update({"lines": lines, "page_name": "tpp"})
        return request.render("kilap_payroll_bridge.portal_my_tpp", values)
