"""The staff phone page: one light, offline-capable page for a civil servant's day.

``/my/kilap`` renders a standalone page (no ``web.assets_frontend``: a few KB of
plain CSS/JS) with the day's state embedded as JSON; the page checks in through
``/kilap/attendance/check``, queues offline check-ins for ``/kilap/attendance/sync``
and writes journal entries through ``/kilap/phone/journal`` (idempotent by client
UUID). The service worker and the manifest are served at the page's scope.
"""

import base64
import binascii
import datetime
import json
import math

import pytz

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import file_open
from odoo.tools.misc import format_date

STATIC = "/kilap_attendance_geo/static/src/phone"
THEME_COLOR = "#0b5d3b"
MAX_JOURNAL_ITEMS = 50


def _hhmm(hours):
    """7.5 -> '07:30'."""
    if hours is None or hours is False:
        return ""
    minutes = round(hours * 60)
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _parse_hhmm(value):
    """'07:30' -> 7.5; None when malformed."""
    if not isinstance(value, str) or value.count(":") != 1:
        return None
    hours, minutes = value.strip().split(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    hours, minutes = int(hours), int(minutes)
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        return None
    return hours + minutes / 60.0


class KilapPhone(http.Controller):
    # ------------------------------------------------------------------ helpers
    def _kilap_phone_employee(self):
        """The employee of the logged-in user (internal or portal), or an empty set."""
        return request.env.user._kilap_employee().sudo()

    def _kilap_phone_i18n(self):
        """Strings the script shows, translated in the user's language."""
        env = request.env
        return {
            "check_in": env._("Check in"),
            "check_out": env._("Check out"),
            "checking": env._("Getting your position…"),
            "sending": env._("Sending…"),
            "accuracy": env._("GPS accuracy: ±%s m"),
            "nearest": env._(
                "%(name)s: %(distance)s m outside the fence (radius %(radius)s m)"
            ),
            "inside": env._(
                "%(name)s: you are inside (%(distance)s m from the centre)"
            ),
            "no_fence": env._("No geofence is set up for you today."),
            "tap_locate": env._("Tap “Update position” to measure the distance."),
            "no_geo": env._("This browser cannot give a GPS position."),
            "denied": env._(
                "Location permission was refused. Allow location for this site in "
                "your browser settings, then try again."
            ),
            "unavailable": env._(
                "No GPS position is available. Go outdoors or near a window and "
                "try again."
            ),
            "timeout": env._("The GPS took too long. Try again."),
            "checked_in": env._("Checked in at %s."),
            "checked_out": env._("Checked out at %s."),
            "at_fence": env._("Location: %s"),
            "flagged": env._("Your check-in will be reviewed by the Admin OPD."),
            "queued": env._(
                "No connection: saved on this phone, it will be sent when the "
                "network returns."
            ),
            "pending_in": env._("Check-in at %s (waiting for network)"),
            "pending_out": env._("Check-out at %s (waiting for network)"),
            "pending_journal": env._(
                "Journal %(time)s: %(text)s (waiting for network)"
            ),
            "synced": env._("%s item(s) sent."),
            "sync_refused": env._("Not accepted: %s"),
            "online": env._("Online"),
            "offline": env._("Offline mode"),
            "pending": env._("Waiting"),
            "saved": env._("Journal entry saved."),
            "stale": env._("Offline: data as of %s."),
            "session": env._("Your session has expired. Log in again."),
            "minutes": env._("%(logged)s of %(scheduled)s min"),
            "no_entries": env._("No entries this week yet."),
            "duty_distance": env._("Distance to the destination: %s m"),
            "selfie_take": env._("Take a selfie with the front camera to check in."),
            "selfie_missing": env._(
                "A selfie is required. Tap the button again and take the photo."
            ),
            "selfie_error": env._("The selfie could not be made smaller. Try again."),
        }

    def _kilap_phone_state(self, employee):
        """Everything the page shows, computed for the employee's own day."""
        env = request.env
        employee = employee.sudo()
        tz = pytz.timezone(employee._kilap_tz())
        today = employee._kilap_today()
        Day = env["kilap.attendance.day"].sudo()
        sources = Day._kilap_gather(employee, today, today)
        day = Day._kilap_day_values(employee, today, sources) or {}

        def local_hhmm(dt):
            return pytz.utc.localize(dt).astimezone(tz).strftime("%H:%M")

        open_attendance = (
            env["hr.attendance"]
            .sudo()
            .search(
                [("employee_id", "=", employee.id), ("check_out", "=", False)],
                order="check_in desc",
                limit=1,
            )
        )
        # schedule, punctuality
        if not day:
            schedule_text = env._("No work scheduled today")
        elif day.get("status") == "holiday":
            schedule_text = env._("Holiday: %s", day.get("holiday_name") or "")
        elif day.get("status") == "unscheduled":
            schedule_text = env._("Not on the roster today: ask your Admin OPD")
        else:
            schedule_text = "%s – %s" % (
                _hhmm(day["scheduled_start"]),
                _hhmm(day["scheduled_end"]),
            )
        status = day.get("status")
        punctual_text, punctual_class = "", ""
        if status == "present" and day.get("check_in"):
            late = day.get("late_minutes") or 0
            if late:
                band = env["kilap.attendance.band"].sudo().browse(day.get("tl_band_id"))
                punctual_text = env._(
                    "Late %(minutes)s min (%(band)s)",
                    minutes=late,
                    band=band.code or "-",
                )
                punctual_class = "late"
            else:
                punctual_text = env._("On time")
                punctual_class = "ok"
        elif status in ("leave", "sick", "training", "field_duty"):
            labels = dict(Day._fields["status"]._description_selection(env))
            punctual_text = labels.get(status, "")
        if day.get("check_in"):
            status_text = env._("Checked in at %s", local_hhmm(day["check_in"]))
            if day.get("check_out"):
                status_text = env._(
                    "In %(check_in)s, out %(check_out)s",
                    check_in=local_hhmm(day["check_in"]),
                    check_out=local_hhmm(day["check_out"]),
                )
        elif open_attendance:
            status_text = env._(
                "Checked in at %s", local_hhmm(open_attendance.check_in)
            )
        else:
            status_text = env._("Not checked in yet")
        # fences that serve the employee today
        env.cr.execute(env["kilap.geofence"]._kilap_applicable_sql(employee, today))
        rows = env.cr.fetchall()
        names = {
            f.id: f.name
            for f in env["kilap.geofence"].sudo().browse([r[0] for r in rows])
        }
        fences = [
            {"name": names[r[0]], "lat": r[1], "lon": r[2], "radius": r[3]}
            for r in rows
        ]
        # field duty today
        duty = (
            env["kilap.field.duty"]
            ._kilap_approved_duties(employee, today)
            .filtered(lambda d: employee in d.employee_ids)[:1]
        )
        duty_vals = False
        if duty:
            duty_vals = {
                "id": duty.id,
                "name": duty.name,
                "destination": duty.destination,
                "dates": "%s – %s"
                % (format_date(env, duty.date_from), format_date(env, duty.date_to)),
                "lat": duty.latitude,
                "lon": duty.longitude,
                "radius": duty.radius,
                "anywhere": duty.allow_anywhere,
                "report_url": "/my/field-duty/%s" % duty.id,
            }
        # journal
        logged, scheduled = (
            env["kilap.journal.day"]
            .sudo()
            ._kilap_minutes_for({(employee.id, today)})
            .get((employee.id, today), (0, 0))
        )
        Entry = env["kilap.journal.entry"].sudo()
        week_start = today - datetime.timedelta(days=today.weekday())
        entries = Entry.search(
            [
                ("employee_id", "=", employee.id),
                ("date", ">=", week_start),
                ("date", "<=", week_start + datetime.timedelta(days=6)),
            ]
        )
        state_labels = dict(Entry._fields["state"]._description_selection(env))
        return {
            "employee": employee.name,
            "today": fields.Date.to_string(today),
            "date_label": format_date(env, today, date_format="EEEE, d MMMM y"),
            "generated_at": datetime.datetime.now(tz).strftime("%H:%M"),
            "tz": employee._kilap_tz(),
            "schedule_text": schedule_text,
            "status_text": status_text,
            "punctual_text": punctual_text,
            "punctual_class": punctual_class,
            "checked_in": bool(open_attendance),
            "max_accuracy": employee.company_id.kilap_max_accuracy_m,
            "selfie": employee.company_id.kilap_selfie_mode,
            "fences": fences,
            "duty": duty_vals,
            "journal_logged": logged,
            "journal_scheduled": scheduled or day.get("scheduled_minutes") or 0,
            "entries": [
                {
                    "id": e.id,
                    "date": format_date(env, e.date, date_format="EEE d MMM"),
                    "time": "%s–%s" % (_hhmm(e.time_start), _hhmm(e.time_end)),
                    "name": e.name,
                    "state": e.state,
                    "state_label": state_labels.get(e.state, e.state),
                    "minutes": e.duration_minutes,
                    "photos": len(e.attachment_ids),
                }
                for e in entries
            ],
        }

    def _kilap_phone_rhks(self, employee):
        today = employee._kilap_today()
        return (
            request.env["kilap.skp.rhk"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("skp_id.state", "=", "approved"),
                    ("year", "=", today.year),
                ]
            )
        )

    # ------------------------------------------------------------------ page
    @http.route("/my/kilap", type="http", auth="user", methods=["GET"])
    def kilap_phone_page(self, **kw):
        employee = self._kilap_phone_employee()
        lang = request.env.lang or "id_ID"
        if not employee:
            return request.render(
                "kilap_attendance_geo.phone_no_employee",
                {"html_lang": lang.split("_")[0]},
            )
        rhks = self._kilap_phone_rhks(employee)
        state = self._kilap_phone_state(employee)
        values = {
            "html_lang": lang.split("_")[0],
            "employee": employee.sudo(),
            "state": state,
            "state_json": json.dumps(state),
            "i18n_json": json.dumps(self._kilap_phone_i18n()),
            "rhks": rhks,
            "rhk_required": bool(rhks),
            "static": STATIC,
            "theme_color": THEME_COLOR,
        }
        response = request.render("kilap_attendance_geo.phone_page", values)
        response.headers["Cache-Control"] = "no-store"
        return response

    @http.route("/my/kilap/sw.js", type="http", auth="public", methods=["GET"])
    def kilap_phone_sw(self, **kw):
        with file_open("kilap_attendance_geo/static/src/phone/sw.js", "rb") as f:
            body = f.read()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "application/javascript; charset=utf-8"),
                ("Service-Worker-Allowed", "/my/kilap"),
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route(
        "/my/kilap/manifest.webmanifest", type="http", auth="public", methods=["GET"]
    )
    def kilap_phone_manifest(self, **kw):
        env = request.env
        manifest = {
            "name": env._("KILAP Attendance and Journal"),
            "short_name": "KILAP",
            "description": env._("Check in, write your daily journal, field duty."),
            "lang": "id",
            "start_url": "/my/kilap",
            "scope": "/my/kilap",
            "display": "standalone",
            "orientation": "portrait",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOR,
            "icons": [
                {
                    "src": f"{STATIC}/icon-192.png",
                    "sizes": "192x192",
                    "type": "image/png",
                },
                {
                    "src": f"{STATIC}/icon-512.png",
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "any maskable",
                },
            ],
        }
        return request.make_response(
            json.dumps(manifest),
            headers=[
                ("Content-Type", "application/manifest+json; charset=utf-8"),
                ("Cache-Control", "public, max-age=86400"),
            ],
        )

    # ------------------------------------------------------------------ JSON
    @http.route("/kilap/phone/state", type="jsonrpc", auth="user", methods=["POST"])
    def kilap_phone_state(self, **kw):
        employee = self._kilap_phone_employee()
        if not employee:
            raise UserError(request.env._("Your user is not linked to an employee."))
        return self._kilap_phone_state(employee)

    @http.route("/kilap/phone/journal", type="jsonrpc", auth="user", methods=["POST"])
    def kilap_phone_journal(self, items=None, **kw):
        """Save journal entries from the phone (online or queued offline).

        ``items`` = [{uuid, date, time_start "HH:MM", time_end, description,
        rhk_id, output_qty, submit, latitude, longitude,
        photo: {name, mimetype, data (base64)}}].
        Idempotent by ``uuid``: a replay answers as before and creates nothing. One
        result per item: {uuid, status: accepted|refused, message, entry_id, state}.
        """
        env = request.env
        employee = self._kilap_phone_employee()
        if not employee:
            raise UserError(env._("Your user is not linked to an employee."))
        if not isinstance(items, list):
            raise UserError(env._("The journal batch must be a list of items."))
        if len(items) > MAX_JOURNAL_ITEMS:
            raise UserError(
                env._("Send at most %s journal entries at a time.", MAX_JOURNAL_ITEMS)
            )
        Entry = (
            request.env["kilap.journal.entry"].sudo().with_context(active_test=False)
        )
        uuids = [
            i["uuid"]
            for i in items
            if isinstance(i, dict) and isinstance(i.get("uuid"), str)
        ]
        known = {
            e.kilap_client_uuid: e
            for e in Entry.search([("kilap_client_uuid", "in", uuids)])
        }
        rhk_ids = set(self._kilap_phone_rhks(employee).ids)
        results = []
        for item in items:
            uuid = item.get("uuid") if isinstance(item, dict) else None
            if not isinstance(uuid, str) or not uuid.strip() or len(uuid) > 64:
                results.append(
                    self._kilap_refused(
                        uuid,
                        env._(
                            "Each journal item needs a client UUID of at most "
                            "64 characters."
                        ),
                    )
                )
                continue
            if uuid in known:
                entry = known[uuid]
                if entry.employee_id != employee:
                    results.append(
                        self._kilap_refused(
                            uuid,
                            env._("This UUID was already used by another employee."),
                        )
                    )
                else:
                    results.append(
                        self._kilap_accepted(uuid, entry, env._("Already received."))
                    )
                continue
            try:
                vals, photo = self._kilap_journal_vals(employee, item, rhk_ids)
                with request.env.cr.savepoint():
                    entry = Entry.create(vals)
                    if photo:
                        entry.attachment_ids = request.env[
                            "kilap.upload.policy"
                        ]._kilap_attach(
                            entry, [photo], employee.company_id, images_only=True
                        )
                    if item.get("submit"):
                        entry.action_submit()
                known[uuid] = entry
                results.append(self._kilap_accepted(uuid, entry, ""))
            except (UserError, ValidationError, AccessError) as exc:
                results.append(self._kilap_refused(uuid, exc.args[0]))
        return {"results": results}

    def _kilap_refused(self, uuid, message):
        return {
            "uuid": uuid if isinstance(uuid, str) else False,
            "status": "refused",
            "message": message,
            "entry_id": False,
            "state": False,
        }

    def _kilap_accepted(self, uuid, entry, message):
        return {
            "uuid": uuid,
            "status": "accepted",
            "message": message,
            "entry_id": entry.id,
            "state": entry.state,
        }

    def _kilap_journal_vals(self, employee, item, rhk_ids):
        """Validate one phone item: ``(vals, photo)``, or raise a UserError."""
        env = request.env
        date = item.get("date")
        if date in (None, False, ""):
            date = employee._kilap_today()
        else:
            try:
                date = fields.Date.to_date(date) if isinstance(date, str) else None
            except ValueError:
                date = None
            if not date:
                raise UserError(env._("The date must be written as YYYY-MM-DD."))
        start, end = (
            _parse_hhmm(item.get("time_start")),
            _parse_hhmm(item.get("time_end")),
        )
        if start is None or end is None:
            raise UserError(
                env._("Write the start and end times as HH:MM, e.g. 07:30.")
            )
        if start >= end:
            raise UserError(env._("The activity must start before it ends."))
        description = item.get("description")
        if not isinstance(description, str) or not description.strip():
            raise UserError(env._("Describe what you did."))
        description = description.strip()
        rhk_id = item.get("rhk_id") or False
        if rhk_id:
            if isinstance(rhk_id, str) and rhk_id.isdigit():
                rhk_id = int(rhk_id)
            if not isinstance(rhk_id, int) or rhk_id not in rhk_ids:
                raise UserError(env._("Choose one of your own RHK."))
        elif rhk_ids:
            raise UserError(env._("Choose the RHK this activity serves."))
        qty = self._kilap_journal_qty(item.get("output_qty", 1))
        vals = {
            "employee_id": employee.id,
            "date": date,
            "time_start": start,
            "time_end": end,
            "name": description.splitlines()[0][:80],
            "description": description,
            "rhk_id": rhk_id,
            "output_qty": qty,
            "kilap_client_uuid": item["uuid"],
        }
        lat, lon = item.get("latitude"), item.get("longitude")
        if (
            isinstance(lat, int | float)
            and isinstance(lon, int | float)
            and not isinstance(lat, bool)
            and math.isfinite(lat)
            and math.isfinite(lon)
            and -90 <= lat <= 90
            and -180 <= lon <= 180
        ):
            vals.update(latitude=lat, longitude=lon)
        return vals, self._kilap_journal_photo(item.get("photo"))

    def _kilap_journal_qty(self, qty):
        if qty in (None, ""):
            return 1.0
        if isinstance(qty, str):
            try:
                qty = float(qty.replace(",", "."))
            except ValueError:
                qty = None
        if (
            isinstance(qty, bool)
            or not isinstance(qty, int | float)
            or not math.isfinite(qty)
            or qty < 0
        ):
            raise UserError(
                request.env._("The quantity must be a number of 0 or more.")
            )
        return float(qty)

    def _kilap_journal_photo(self, photo):
        """``(name, bytes)`` of the photo item, None without one; the upload
        policy checks the bytes when they are stored."""
        if not photo:
            return None
        unreadable = request.env._("The photo could not be read. Take it again.")
        if not isinstance(photo, dict) or not isinstance(photo.get("data"), str):
            raise UserError(unreadable)
        try:
            raw = base64.b64decode(photo["data"], validate=True)
        except (binascii.Error, ValueError):
            raise UserError(unreadable) from None
        name = photo.get("name") if isinstance(photo.get("name"), str) else ""
        return (name[:120] or "foto.jpg", raw)
