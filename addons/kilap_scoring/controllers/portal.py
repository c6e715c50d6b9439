from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class KilapScoringPortal(CustomerPortal):
    """/my/scores: an employee's own monthly scores, newest first."""

    _items_per_page = 24

    def _kilap_score_domain(self):
        return [("employee_id.user_id", "=", request.env.uid)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "kilap_score_count" in counters:
            # own lines only, whatever groups the user has
            values["kilap_score_count"] = (
                request.env["kilap.score.line"]
                .sudo()
                .search_count(self._kilap_score_domain())
            )
        return values

    @http.route(
        ["/my/scores", "/my/scores/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_kilap_scores(self, page=1, **kw):
        lines = request.env["kilap.score.line"].sudo()
        domain = self._kilap_score_domain()
        total = lines.search_count(domain)
        pager = portal_pager(
            url="/my/scores", total=total, page=page, step=self._items_per_page
        )
        scores = lines.search(
            domain,
            order="date_from desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "scores": scores,
                "pager": pager,
                "page_name": "kilap_scores",
                "default_url": "/my/scores",
            }
        )
        return request.render("kilap_scoring.portal_my_kilap_scores", values)

    @http.route(
        "/my/scores/<int:line_id>/report", type="http", auth="user", website=True
    )
    def portal_my_kilap_score_report(self, line_id, report_type="pdf", download=False):
        """The employee's own monthly score report; anyone else's is not found."""
        line = request.env["kilap.score.line"].sudo().browse(line_id).exists()
        if not line or line.employee_id.user_id != request.env.user:
            raise request.not_found()
        return self._show_report(
            model=line,
            report_type=report_type,
            report_ref="kilap_scoring.action_report_kilap_score_employee",
            download=download,
        )
