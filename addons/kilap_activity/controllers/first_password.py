from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home

CHANGE_PASSWORD_URL = "/my/security"


class KilapFirstPasswordHome(Home):
    """Accounts made by the employee list import carry a first password chosen by
    BKPSDM: until the user replaces it (portal's security page, which clears the
    flag through ``res.users._change_password``), the backend sends them there."""

    @staticmethod
    def _kilap_must_change(uid):
        return bool(uid) and (
            request.env["res.users"].sudo().browse(uid).kilap_must_change_password
        )

    def _login_redirect(self, uid, redirect=None):
        if self._kilap_must_change(uid):
            return CHANGE_PASSWORD_URL
        return super()._login_redirect(uid, redirect=redirect)

    @http.route()
    def web_client(self, s_action=None, **kw):
        if self._kilap_must_change(request.session.uid):
            return request.redirect(CHANGE_PASSWORD_URL)
        return super().web_client(s_action, **kw)
