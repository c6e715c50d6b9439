from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.hr_attendance.controllers.main import HrAttendance


def _ip_position():
    """Odoo's GeoIP position of the request, when a GeoIP database is installed."""
    try:
        location = request.geoip.location
    except Exception:  # noqa: BLE001 -- no GeoIP database: skip the comparison
        return {}
    if location is None or location.latitude is None:
        return {}
    return {
        "kilap_ip_latitude": location.latitude,
        "kilap_ip_longitude": location.longitude,
    }


class KilapHrAttendance(HrAttendance):
    """Tell the validation which position came from GPS and which from the IP."""

    @staticmethod
    def _get_geoip_response(
        mode, latitude=False, longitude=False, device_tracking_enabled=True
    ):
        response = HrAttendance._get_geoip_response(
            mode,
            latitude=latitude,
            longitude=longitude,
            device_tracking_enabled=device_tracking_enabled,
        )
        # Odoo falls back to the IP position when the browser sent none: never a
        # fence hit. Only the device position is kept; the IP position is stored
        # apart for comparison.
        response["kilap_gps"] = bool(latitude or longitude)
        response["latitude"] = latitude
        response["longitude"] = longitude
        response.update(_ip_position())
        return response


class KilapAttendanceController(http.Controller):
    """Phone/portal check-in and offline sync: JSON, for the logged-in employee."""

    def _kilap_employee(self):
        employee = request.env.user._kilap_employee()
        if not employee:
            raise UserError(request.env._("Your user is not linked to an employee."))
        return employee

    @http.route(
        "/kilap/attendance/check", type="jsonrpc", auth="user", methods=["POST"]
    )
    def kilap_check(
        self,
        latitude=None,
        longitude=None,
        accuracy=None,
        mock=False,
        selfie=None,
        device_key=None,
        **kw,
    ):
        """Check in (or out when checked in) at the device position.

        ``selfie``: base64 JPEG/PNG of at most 100 KB (company setting);
        ``device_key``: the phone page's random key (its SHA-256 is kept).
        """
        employee = self._kilap_employee()
        geo_information = {
            "mode": "kilap_portal",
            "latitude": latitude,
            "longitude": longitude,
            "kilap_gps": True,
            "kilap_accuracy": accuracy,
            "kilap_mock": mock,
            "kilap_selfie": selfie,
            "kilap_device": device_key,
            "ip_address": request.geoip.ip,
            "browser": request.httprequest.user_agent.browser,
        }
        geo_information.update(_ip_position())
        try:
            with request.env.cr.savepoint():
                attendance = employee._attendance_action_change(geo_information)
        except (UserError, ValidationError, AccessError) as exc:
            return {"ok": False, "message": exc.args[0]}
        attendance = attendance.sudo()
        checked_out = bool(attendance.check_out)
        fence = (
            attendance.kilap_out_fence_id
            if checked_out
            else attendance.kilap_in_fence_id
        )
        return {
            "ok": True,
            "state": "checked_out" if checked_out else "checked_in",
            "attendance_id": attendance.id,
            "fence": fence.name or False,
            "field_duty": attendance.kilap_field_duty_id.name or False,
            "flagged": attendance.kilap_review_state == "to_review",
        }

    @http.route("/kilap/attendance/sync", type="jsonrpc", auth="user", methods=["POST"])
    def kilap_sync(self, items=None, **kw):
        """Offline queue.

        ``items`` = [{uuid, kind, device_time, latitude, longitude, accuracy, mock,
        selfie, device_key}]
        """
        employee = self._kilap_employee()
        results = request.env["kilap.attendance.sync"]._kilap_process(employee, items)
        return {"results": results}
