import datetime
from urllib.parse import quote

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def _parse_time(value):
    """'07:30' -> 7.5; raises ValueError on anything else."""
    hours, minutes = (value or "").strip().split(":")
    hours, minutes = int(hours), int(minutes)
    if not (0 <= hours <= 24 and 0 <= minutes < 60):
        raise ValueError(value)
    return hours + minutes / 60.0


class KilapPortal(CustomerPortal):
    """Phone-first journal and field-duty pages for staff (internal or portal users).

    Everything runs with sudo but is always restricted to the logged-in user's own
    employee, the usual portal pattern.
    """

    def _kilap_uploads(self, name):
        """``(filename, bytes)`` of the files posted under ``name``."""
        return [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist(name)
            if upload and upload.filename
        ]

    def _kilap_employee(self):
        return request.env.user._kilap_employee().sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        employee = self._kilap_employee()
        if "kilap_journal_count" in counters:
            values["kilap_journal_count"] = (
                request.env["kilap.journal.entry"]
                .sudo()
                .search_count([("employee_id", "=", employee.id)])
                if employee
                else 0
            )
        if "kilap_duty_count" in counters:
            values["kilap_duty_count"] = (
                request.env["kilap.field.duty"]
                .sudo()
                .search_count([("employee_ids", "in", employee.ids)])
                if employee
                else 0
            )
        return values

    # ---------------------------------------------------------------- journal
    @http.route(["/my/journal"], type="http", auth="user", website=True)
    def kilap_journal_list(self, week=0, state=None, **kw):
        employee = self._kilap_employee()
        if not employee:
            return request.render("kilap_activity.portal_no_employee")
        week = int(week or 0)
        today = employee._kilap_today()
        start = (
            today
            - datetime.timedelta(days=today.weekday())
            + datetime.timedelta(weeks=week)
        )
        end = start + datetime.timedelta(days=6)
        domain = [
            ("employee_id", "=", employee.id),
            ("date", ">=", start),
            ("date", "<=", end),
        ]
        if state in ("draft", "submitted", "approved", "rejected"):
            domain.append(("state", "=", state))
        entries = request.env["kilap.journal.entry"].sudo().search(domain)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "kilap_journal",
                "employee": employee,
                "entries": entries,
                "week": week,
                "week_start": start,
                "week_end": end,
                "state": state,
                "states": dict(
                    entries._fields["state"]._description_selection(request.env)
                ),
                "message": kw.get("message"),
            }
        )
        return request.render("kilap_activity.portal_my_journal", values)

    def _kilap_journal_form_values(self, employee, error=None, post=None):
        rhks = (
            request.env["kilap.skp.rhk"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("skp_id.state", "=", "approved"),
                    ("year", "=", employee._kilap_today().year),
                ]
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "kilap_journal_new",
                "employee": employee,
                "rhks": rhks,
                "types": request.env["kilap.journal.type"].sudo().search([]),
                "catalog_items": request.env["kilap.activity.catalog"]
                .sudo()
                .search([]),
                "today": employee._kilap_today(),
                "error": error,
                "post": post or {},
            }
        )
        return values

    @http.route(
        ["/my/journal/new"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def kilap_journal_new(self, **post):
        employee = self._kilap_employee()
        if not employee:
            return request.render("kilap_activity.portal_no_employee")
        if request.httprequest.method != "POST":
            return request.render(
                "kilap_activity.portal_my_journal_new",
                self._kilap_journal_form_values(employee),
            )
        Entry = request.env["kilap.journal.entry"].sudo()
        try:
            vals = {
                "employee_id": employee.id,
                "date": fields.Date.to_date(post.get("date"))
                or employee._kilap_today(),
                "time_start": _parse_time(post.get("time_start")),
                "time_end": _parse_time(post.get("time_end")),
                "name": (post.get("name") or "").strip(),
                "description": (post.get("description") or "").strip(),
                "rhk_id": int(post["rhk_id"]) if post.get("rhk_id") else False,
                "journal_type_id": int(post["journal_type_id"])
                if post.get("journal_type_id")
                else False,
                "catalog_id": int(post["catalog_id"])
                if post.get("catalog_id")
                else False,
                "output_qty": float(post.get("output_qty") or 1.0),
                "evidence_url": post.get("evidence_url") or False,
                "latitude": float(post.get("latitude") or 0.0),
                "longitude": float(post.get("longitude") or 0.0),
            }
        except ValueError:
            return request.render(
                "kilap_activity.portal_my_journal_new",
                self._kilap_journal_form_values(
                    employee,
                    request.env._("Check the times (HH:MM) and numbers."),
                    post,
                ),
            )
        if not vals["name"] or not vals["description"]:
            return request.render(
                "kilap_activity.portal_my_journal_new",
                self._kilap_journal_form_values(
                    employee,
                    request.env._("The activity and its description are required."),
                    post,
                ),
            )
        if (
            vals["rhk_id"]
            and vals["rhk_id"]
            not in self._kilap_journal_form_values(employee)["rhks"].ids
        ):
            raise AccessError(request.env._("This RHK is not yours."))
        try:
            with request.env.cr.savepoint():
                entry = Entry.create(vals)
                attachments = request.env["kilap.upload.policy"]._kilap_attach(
                    entry,
                    self._kilap_uploads("photo"),
                    employee.company_id,
                )
                if attachments:
                    entry.attachment_ids = attachments
                if post.get("submit"):
                    entry.action_submit()
        except (UserError, ValidationError) as exc:
            return request.render(
                "kilap_activity.portal_my_journal_new",
                self._kilap_journal_form_values(employee, exc.args[0], post),
            )
        return request.redirect("/my/journal?message=saved")

    @http.route(
        ["/my/journal/<int:entry_id>/submit"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def kilap_journal_submit(self, entry_id, **kw):
        employee = self._kilap_employee()
        entry = request.env["kilap.journal.entry"].sudo().browse(entry_id).exists()
        if not entry or entry.employee_id != employee:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                entry.action_submit()
        except (UserError, ValidationError) as exc:
            return request.redirect("/my/journal?message=%s" % quote(exc.args[0]))
        return request.redirect("/my/journal?message=submitted")

    # ---------------------------------------------------------------- field duty
    @http.route(["/my/field-duty"], type="http", auth="user", website=True)
    def kilap_duty_list(self, **kw):
        employee = self._kilap_employee()
        if not employee:
            return request.render("kilap_activity.portal_no_employee")
        duties = (
            request.env["kilap.field.duty"]
            .sudo()
            .search([("employee_ids", "in", employee.ids)], limit=50)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "kilap_duty",
                "employee": employee,
                "duties": duties,
                "message": kw.get("message"),
            }
        )
        return request.render("kilap_activity.portal_my_field_duty", values)

    @http.route(
        ["/my/field-duty/<int:duty_id>"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def kilap_duty_report(self, duty_id, **post):
        employee = self._kilap_employee()
        duty = request.env["kilap.field.duty"].sudo().browse(duty_id).exists()
        if not duty or employee not in duty.employee_ids:
            raise request.not_found()
        error = None
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    attachments = request.env["kilap.upload.policy"]._kilap_attach(
                        duty, self._kilap_uploads("photos"), employee.company_id
                    )
                    duty.write(
                        {
                            "report_narrative": post.get("narrative") or False,
                            "report_attachment_ids": [
                                fields.Command.link(a.id) for a in attachments
                            ],
                        }
                    )
                    duty.action_report()
                return request.redirect("/my/field-duty?message=reported")
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "kilap_duty_report",
                "duty": duty,
                "error": error,
                "post": post,
            }
        )
        return request.render("kilap_activity.portal_my_field_duty_report", values)
