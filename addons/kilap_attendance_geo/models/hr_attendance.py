import base64
import binascii
import contextvars
import io
import math
from datetime import timedelta

import pytz
from PIL import Image, UnidentifiedImageError

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import device as device_rules
from ..rules import geo

# Set while a check-in/out action (systray, kiosk, phone, offline) runs. A context
# var, not a context key: RPC callers control the context, never this variable.
KILAP_ACTION = contextvars.ContextVar("kilap_attendance_action", default=False)

PROTECTED_FIELDS = {
    "employee_id",
    "check_in",
    "check_out",
    "in_latitude",
    "in_longitude",
    "out_latitude",
    "out_longitude",
    "in_kilap_gps",
    "out_kilap_gps",
    "in_kilap_accuracy",
    "out_kilap_accuracy",
    "in_kilap_mock",
    "out_kilap_mock",
    "kilap_in_fence_id",
    "kilap_out_fence_id",
    "kilap_field_duty_id",
    "kilap_flags",
    "kilap_offline",
}
# Written only by a check-in action (phone page, offline sync), never afterwards.
ACTION_ONLY_FIELDS = {
    "in_kilap_selfie",
    "out_kilap_selfie",
    "in_kilap_device",
    "out_kilap_device",
}
# Paths where the employee checks in from their own device (kiosk and manual
# entries excepted): the selfie setting applies to them.
SELFIE_MODES = ("systray", "kilap_portal", "kilap_offline")
DEVICE_MODES = ("kilap_portal", "kilap_offline")
LOCATION_GROUP = "kilap_activity.group_kilap_location"
KILAP_MODES = [
    ("kilap_portal", "Phone / Portal"),
    ("kilap_offline", "Offline Sync"),
    ("kilap_terminal", "Fingerprint Terminal"),
]
KILAP_MODES_ONDELETE = dict.fromkeys(dict(KILAP_MODES), "set default")


class HrAttendance(models.Model):
    """Every check-in/out, whatever its path, passes the same geofence validation."""

    _name = "hr.attendance"
    _inherit = ["hr.attendance", "kilap.workflow.mixin"]
    _kilap_workflow_fields = ("kilap_review_state", "kilap_reviewer_id")
    _kilap_state_field = "kilap_review_state"
    _kilap_initial_state = "none"
    # core hr_attendance writes its own computed figures (overtime) as the user
    _kilap_guard_computed = False

    in_mode = fields.Selection(
        selection_add=KILAP_MODES,
        ondelete=KILAP_MODES_ONDELETE,
    )
    out_mode = fields.Selection(
        selection_add=KILAP_MODES,
        ondelete=KILAP_MODES_ONDELETE,
    )
    # personal data, need to know only (docs/security.md): core fields narrowed
    in_latitude = fields.Float(groups=LOCATION_GROUP)
    in_longitude = fields.Float(groups=LOCATION_GROUP)
    out_latitude = fields.Float(groups=LOCATION_GROUP)
    out_longitude = fields.Float(groups=LOCATION_GROUP)
    in_location = fields.Char(groups=LOCATION_GROUP)
    out_location = fields.Char(groups=LOCATION_GROUP)
    in_ip_address = fields.Char(groups=LOCATION_GROUP)
    out_ip_address = fields.Char(groups=LOCATION_GROUP)
    in_browser = fields.Char(groups=LOCATION_GROUP)
    out_browser = fields.Char(groups=LOCATION_GROUP)
    in_kilap_gps = fields.Boolean(string="Check-in from GPS", readonly=True)
    in_kilap_accuracy = fields.Float(
        string="Check-in Accuracy (m)", readonly=True, aggregator=None
    )
    in_kilap_mock = fields.Boolean(string="Check-in Mock Location", readonly=True)
    in_kilap_ip_latitude = fields.Float(
        digits=(10, 7), readonly=True, aggregator=None, groups=LOCATION_GROUP
    )
    in_kilap_ip_longitude = fields.Float(
        digits=(10, 7), readonly=True, aggregator=None, groups=LOCATION_GROUP
    )
    out_kilap_gps = fields.Boolean(string="Check-out from GPS", readonly=True)
    out_kilap_accuracy = fields.Float(
        string="Check-out Accuracy (m)", readonly=True, aggregator=None
    )
    out_kilap_mock = fields.Boolean(string="Check-out Mock Location", readonly=True)
    out_kilap_ip_latitude = fields.Float(
        digits=(10, 7), readonly=True, aggregator=None, groups=LOCATION_GROUP
    )
    out_kilap_ip_longitude = fields.Float(
        digits=(10, 7), readonly=True, aggregator=None, groups=LOCATION_GROUP
    )
    in_kilap_selfie = fields.Image(
        string="Check-in Selfie", attachment=True, readonly=True, groups=LOCATION_GROUP
    )
    out_kilap_selfie = fields.Image(
        string="Check-out Selfie", attachment=True, readonly=True, groups=LOCATION_GROUP
    )
    in_kilap_device = fields.Char(
        string="Check-in Device",
        readonly=True,
        index="btree_not_null",
        groups=LOCATION_GROUP,
        help="SHA-256 of the random key the phone page keeps in its browser.",
    )
    out_kilap_device = fields.Char(
        string="Check-out Device",
        readonly=True,
        index="btree_not_null",
        groups=LOCATION_GROUP,
    )
    kilap_in_fence_id = fields.Many2one(
        "kilap.geofence", string="Check-in Fence", readonly=True
    )
    kilap_out_fence_id = fields.Many2one(
        "kilap.geofence", string="Check-out Fence", readonly=True
    )
    kilap_in_distance_m = fields.Integer(string="Check-in Distance (m)", readonly=True)
    kilap_out_distance_m = fields.Integer(
        string="Check-out Distance (m)", readonly=True
    )
    kilap_field_duty_id = fields.Many2one(
        "kilap.field.duty", string="Field Duty", readonly=True
    )
    kilap_speed_kmh = fields.Float(
        string="Speed since Previous Fix (km/h)", readonly=True, aggregator="max"
    )
    kilap_ip_distance_km = fields.Float(
        string="GPS/IP Distance (km)", readonly=True, aggregator="max"
    )
    kilap_flags = fields.Char(string="Spoofing Flags", readonly=True)
    kilap_flag_reasons = fields.Char(
        string="Review Reasons", compute="_compute_kilap_flag_reasons"
    )
    kilap_offline = fields.Boolean(string="Offline", readonly=True, index=True)
    kilap_terminal_id = fields.Many2one(
        "kilap.attendance.terminal",
        string="Terminal",
        readonly=True,
        index="btree_not_null",
        help="The fingerprint terminal this attendance was punched on.",
    )
    kilap_manual_reason = fields.Text(
        string="Manual Entry Reason",
        tracking=True,
        help="Required when BKPSDM or Admin OPD record an attendance outside the "
        "geofence.",
    )
    kilap_review_state = fields.Selection(
        [
            ("none", "Not flagged"),
            ("to_review", "To Review"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
        ],
        string="Review",
        default="none",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    kilap_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, tracking=True
    )
    kilap_company_id = fields.Many2one(
        related="employee_id.company_id", string="Company", store=True, index=True
    )

    # ------------------------------------------------------------------ validation
    @api.model
    def _kilap_is_trusted(self, vals):
        """Server code running as superuser outside a check-in action (data import,
        automatic check-out, test fixtures) is trusted; users never are."""
        return (
            self.env.su
            and not KILAP_ACTION.get()
            and not vals.get("kilap_manual_reason")
        )

    @api.model
    def _kilap_coordinate_message(self, code):
        return {
            geo.ERR_MISSING: self.env._(
                "No GPS position was received. Enable location on your device and try "
                "again."
            ),
            geo.ERR_NOT_NUMBER: self.env._("The GPS position is not a valid number."),
            geo.ERR_LAT_RANGE: self.env._(
                "The latitude must be between -90 and 90 degrees."
            ),
            geo.ERR_LON_RANGE: self.env._(
                "The longitude must be between -180 and 180 degrees."
            ),
        }[code]

    @api.model
    def _kilap_validate_side(self, employee, side, when, vals, previous=None):
        """Check one side (``in``/``out``) of an attendance.

        Return the KILAP values to store.

        Raises a translated UserError, so nothing is written, when the position is
        missing, malformed, spoofed or outside every fence that applies.
        """
        employee = employee.sudo()
        company = employee.company_id
        reason = (vals.get("kilap_manual_reason") or "").strip()
        res = {}
        if reason:
            if not (
                self.env.su
                or self.env.user.has_group("kilap_activity.group_kilap_admin_opd")
            ):
                raise AccessError(
                    self.env._(
                        "Only BKPSDM or Admin OPD may record an attendance with a "
                        "manual reason."
                    )
                )
            return res
        lat, lon = vals.get(f"{side}_latitude"), vals.get(f"{side}_longitude")
        if lat is None and lon is None:
            lat = lon = False
        error = geo.coordinate_error(lat, lon)
        if error:
            raise UserError(self._kilap_coordinate_message(error))
        if vals.get(f"{side}_kilap_gps", True) is False:
            raise UserError(
                self.env._(
                    "Your device did not send a GPS position. A position guessed from "
                    "the "
                    "network (IP address) is not accepted for attendance."
                )
            )
        accuracy = vals.get(f"{side}_kilap_accuracy")
        if geo.number_error(accuracy, 0):
            raise UserError(
                self.env._("The GPS accuracy must be a positive number of metres.")
            )
        if accuracy and accuracy > company.kilap_max_accuracy_m:
            raise UserError(
                self.env._(
                    "The GPS accuracy of %(accuracy)s m is worse than the allowed "
                    "%(limit)s m. "
                    "Wait for a better GPS fix and try again.",
                    accuracy=round(accuracy),
                    limit=company.kilap_max_accuracy_m,
                )
            )
        mock = vals.get(f"{side}_kilap_mock")
        if mock not in (None, False, True, 0, 1):
            raise UserError(self.env._("The mock-location flag must be true or false."))
        if mock:
            raise UserError(
                self.env._(
                    "Your device reports a simulated (mock) location. Attendance "
                    "refused."
                )
            )
        mode = vals.get(f"{side}_mode")
        res.update(self._kilap_selfie_vals(company, side, mode, vals))
        local_date = self._kilap_local_date(employee, when)
        fence, distance, inside = (
            self.env["kilap.geofence"]
            .sudo()
            ._kilap_locate(employee, local_date, lat, lon)
        )
        if inside:
            res[f"kilap_{side}_fence_id"] = fence.id
            res[f"kilap_{side}_distance_m"] = round(distance)
        else:
            duty = self._kilap_duty_at(employee, local_date, lat, lon)
            if duty:
                res["kilap_field_duty_id"] = duty.id
            elif fence:
                raise UserError(
                    self.env._(
                        "You are %(distance)s m from the nearest geofence %(fence)s "
                        "(radius %(radius)s m). "
                        "Attendance is only accepted inside a geofence or at your "
                        "approved field duty.",
                        distance=math.ceil(distance),
                        fence=fence.name,
                        radius=fence.radius,
                    )
                )
            else:
                raise UserError(
                    self.env._(
                        "No geofence applies to %(employee)s on %(date)s and there is "
                        "no approved "
                        "field duty. Ask your Admin OPD to set up your office "
                        "geofence.",
                        employee=employee.name,
                        date=local_date,
                    )
                )
        flags = self._kilap_spoof_flags(employee, side, when, lat, lon, vals, previous)
        if mode in DEVICE_MODES:
            device_res = self._kilap_device_flags(employee, side, when, vals)
            if device_res.get("kilap_flags") and flags.get("kilap_flags"):
                device_res["kilap_flags"] = self._kilap_merge_flags(
                    flags["kilap_flags"], device_res["kilap_flags"]
                )
            flags.update(device_res)
        res.update(flags)
        return res

    @api.model
    def _kilap_selfie_vals(self, company, side, mode, vals):
        """The selfie to store for this side: ``{field: base64}`` or ``{}``.

        Raises a translated UserError when it is missing although the company
        requires one, or is not a real JPEG/PNG image of at most 100 KB.
        """
        field = f"{side}_kilap_selfie"
        selfie = vals.get(field)
        setting = company.kilap_selfie_mode
        if mode not in SELFIE_MODES or setting == "off":
            return {field: False} if field in vals else {}
        if not selfie:
            if setting == "required":
                raise UserError(
                    self.env._(
                        "Your office requires a selfie with every check-in and "
                        "check-out. Take one with the front camera on the KILAP phone "
                        "page and try again."
                    )
                )
            return {}
        unreadable = self.env._(
            "The selfie is not a JPEG or PNG photo. Take it again with the camera."
        )
        if isinstance(selfie, bytes):
            selfie = selfie.decode("ascii", "replace")
        if not isinstance(selfie, str):
            raise UserError(unreadable)
        limit = device_rules.MAX_SELFIE_BYTES

        def too_big(size):
            return UserError(
                self.env._(
                    "The selfie is %(size)s KB; at most %(limit)s KB is accepted. "
                    "Update the KILAP phone page and take it again.",
                    size=math.ceil(size / 1024),
                    limit=limit // 1024,
                )
            )

        # a huge string is refused by its length, before decoding it
        if len(selfie) * 3 // 4 > limit + 3:
            raise too_big(len(selfie) * 3 // 4)
        try:
            raw = base64.b64decode(selfie, validate=True)
        except (binascii.Error, ValueError):
            raise UserError(unreadable) from None
        if len(raw) > limit:
            raise too_big(len(raw))
        try:
            with Image.open(io.BytesIO(raw)) as image:
                kind = image.format
                image.load()
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise UserError(unreadable) from None
        if kind not in ("JPEG", "PNG"):
            raise UserError(unreadable)
        return {field: base64.b64encode(raw)}

    @api.model
    def _kilap_device_flags(self, employee, side, when, vals):
        """Register the employee's first phone; flag a check-in from another one,
        or from a phone another employee used on the same local day."""
        field = f"{side}_kilap_device"
        key_hash = device_rules.key_hash(vals.get(field))
        res = {field: key_hash or False}
        Device = self.env["kilap.attendance.device"].sudo()
        flags = []
        registered = Device.search([("employee_id", "=", employee.id)])
        now = fields.Datetime.now()
        if not registered:
            if key_hash:
                Device.create(
                    {
                        "employee_id": employee.id,
                        "key_hash": key_hash,
                        "first_seen": now,
                        "last_seen": now,
                    }
                )
        elif key_hash and key_hash in registered.mapped("key_hash"):
            registered.filtered(lambda d: d.key_hash == key_hash).last_seen = now
        else:
            flags.append("device_new")
        if key_hash:
            when = fields.Datetime.to_datetime(when) or now
            tz = pytz.timezone(employee._kilap_tz())
            local = pytz.utc.localize(when).astimezone(tz)
            start = tz.localize(
                local.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
            ).astimezone(pytz.utc)
            start = start.replace(tzinfo=None)
            end = start + timedelta(days=1)
            if self.sudo().search_count(
                [
                    ("employee_id", "!=", employee.id),
                    "|",
                    ("in_kilap_device", "=", key_hash),
                    ("out_kilap_device", "=", key_hash),
                    ("check_in", "<", end),
                    "|",
                    ("check_in", ">=", start),
                    ("check_out", ">=", start),
                ],
                limit=1,
            ):
                flags.append("device_shared")
        if flags:
            res["kilap_flags"] = ",".join(flags)
            res["kilap_review_state"] = "to_review"
        return res

    @api.model
    def _kilap_local_date(self, employee, when):
        when = fields.Datetime.to_datetime(when) or fields.Datetime.now()
        tz = pytz.timezone(employee._kilap_tz())
        return pytz.utc.localize(when).astimezone(tz).date()

    @api.model
    def _kilap_duty_at(self, employee, date, lat, lon):
        duties = self.env["kilap.field.duty"]._kilap_approved_duties(
            employee, date, date
        )
        for duty in duties.sorted(lambda d: not d.allow_anywhere):
            if duty.allow_anywhere:
                return duty
            if (duty.latitude or duty.longitude) and geo.haversine_m(
                lat, lon, duty.latitude, duty.longitude
            ) <= duty.radius:
                return duty
        return duties.browse()

    @api.model
    def _kilap_spoof_flags(self, employee, side, when, lat, lon, vals, previous):
        """Speed since the previous fix and GPS/IP distance: flag, never refuse."""
        company = employee.company_id
        when = fields.Datetime.to_datetime(when) or fields.Datetime.now()
        res, flags = {}, []
        fix = (
            previous
            if previous is not None
            else self._kilap_previous_fix(employee, when)
        )
        if fix:
            seconds = (when - fix[0]).total_seconds()
            speed = geo.speed_kmh(geo.haversine_m(lat, lon, fix[1], fix[2]), seconds)
            if speed is not None:
                res["kilap_speed_kmh"] = round(speed, 1)
                if speed > company.kilap_max_speed_kmh:
                    flags.append("speed")
        ip_lat, ip_lon = (
            vals.get(f"{side}_kilap_ip_latitude"),
            vals.get(f"{side}_kilap_ip_longitude"),
        )
        if (ip_lat or ip_lon) and not geo.coordinate_error(ip_lat, ip_lon):
            ip_km = geo.haversine_m(lat, lon, ip_lat, ip_lon) / 1000.0
            res["kilap_ip_distance_km"] = round(ip_km, 1)
            if ip_km > company.kilap_max_ip_distance_km:
                flags.append("ip")
        if flags:
            res["kilap_flags"] = ",".join(flags)
            res["kilap_review_state"] = "to_review"
        return res

    @api.model
    def _kilap_previous_fix(self, employee, when):
        """Latest GPS fix ``(time, lat, lon)`` of the employee before ``when``.

        One query.
        """
        last = self.sudo().search_fetch(
            [("employee_id", "=", employee.id), ("check_in", "<", when)],
            [
                "check_in",
                "check_out",
                "in_latitude",
                "in_longitude",
                "out_latitude",
                "out_longitude",
                "in_kilap_gps",
                "out_kilap_gps",
            ],
            order="check_in desc",
            limit=1,
        )
        if not last:
            return None
        if (
            last.check_out
            and last.check_out < when
            and (last.out_latitude or last.out_longitude)
        ):
            return last.check_out, last.out_latitude, last.out_longitude
        if last.in_latitude or last.in_longitude:
            return last.check_in, last.in_latitude, last.in_longitude
        return None

    def _kilap_flag(self, flag):
        """Send these attendances to the review queue with one more reason."""
        for attendance in self:
            flags = self._kilap_merge_flags(attendance.kilap_flags, flag)
            attendance._kilap_transition(
                {
                    "kilap_flags": flags,
                    "kilap_review_state": "to_review",
                }
            )

    @api.depends("kilap_flags")
    def _compute_kilap_flag_reasons(self):
        reasons = {
            "speed": self.env._("Moved faster than the speed limit since the last fix"),
            "ip": self.env._("GPS position far from the network (IP) position"),
            "offline_late": self.env._(
                "Synchronised late: received long after the device time"
            ),
            "device_new": self.env._(
                "Sent from a phone other than the employee's registered one"
            ),
            "device_shared": self.env._(
                "The same phone was used by another employee on that day"
            ),
        }
        for attendance in self:
            codes = filter(None, (attendance.kilap_flags or "").split(","))
            attendance.kilap_flag_reasons = "; ".join(
                reasons.get(code, code) for code in codes
            )

    @api.model
    def _kilap_merge_flags(self, old, new):
        merged = sorted(set(filter(None, (old or "").split(","))) | set(new.split(",")))
        return ",".join(merged)

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        # the caller's values first: the validation below may flag for review
        self._kilap_workflow_check_create(vals_list)
        for vals in vals_list:
            self._kilap_check_action_only(vals)
            self._kilap_check_terminal_source(vals)
            if self._kilap_is_trusted(vals):
                continue
            employee = self.env["hr.employee"].browse(
                vals.get("employee_id") or self._default_employee().id
            )
            if not employee:
                raise UserError(self.env._("An attendance needs an employee."))
            if (
                not KILAP_ACTION.get()
                and not self.env.su
                and employee in self.env.user.employee_ids
            ):
                raise AccessError(
                    self.env._(
                        "Nobody records their own attendance by hand: check in, or "
                        "file an attendance correction."
                    )
                )
            vals.update(
                self._kilap_validate_side(employee, "in", vals.get("check_in"), vals)
            )
            if vals.get("check_out"):
                out = self._kilap_validate_side(
                    employee,
                    "out",
                    vals["check_out"],
                    vals,
                    previous=(
                        fields.Datetime.to_datetime(vals.get("check_in")),
                        vals.get("in_latitude"),
                        vals.get("in_longitude"),
                    )
                    if vals.get("in_latitude") or vals.get("in_longitude")
                    else None,
                )
                if out.get("kilap_flags") and vals.get("kilap_flags"):
                    out["kilap_flags"] = self._kilap_merge_flags(
                        vals["kilap_flags"], out["kilap_flags"]
                    )
                vals.update(out)
        with self._kilap_system_workflow():
            return super().create(vals_list)

    def write(self, vals):
        self._kilap_workflow_check_write(vals)
        self._kilap_check_action_only(vals)
        self._kilap_check_terminal_source(vals)
        touched = PROTECTED_FIELDS & set(vals)
        if not touched or self._kilap_is_trusted(vals):
            return super().write(vals)
        if (
            not KILAP_ACTION.get()
            and not self.env.su
            and (
                any(att.employee_id.user_id == self.env.user for att in self.sudo())
                or vals.get("employee_id") in self.env.user.employee_ids.ids
            )
        ):
            raise AccessError(
                self.env._(
                    "You cannot change the times or the coordinates of your own "
                    "attendance. "
                    "Ask for an attendance correction instead."
                )
            )
        for attendance in self:
            own_vals = dict(vals)
            employee = (
                self.env["hr.employee"].browse(own_vals.get("employee_id"))
                or attendance.employee_id
            )
            if not KILAP_ACTION.get() and (
                {"check_in", "in_latitude", "in_longitude", "employee_id"} & touched
            ):
                own_vals.update(
                    self._kilap_validate_side(
                        employee,
                        "in",
                        own_vals.get("check_in", attendance.check_in),
                        own_vals,
                    )
                )
            if own_vals.get("check_out"):
                out = self._kilap_validate_side(
                    employee, "out", own_vals["check_out"], own_vals
                )
                if out.get("kilap_flags"):
                    out["kilap_flags"] = self._kilap_merge_flags(
                        attendance.kilap_flags, out["kilap_flags"]
                    )
                own_vals.update(out)
            with attendance._kilap_system_workflow():
                super(HrAttendance, attendance).write(own_vals)
        return True

    @api.model
    def _kilap_check_terminal_source(self, vals):
        """Only the terminal receiver marks an attendance as punched on a terminal."""
        if not self.env.su and (
            vals.get("kilap_terminal_id")
            or "kilap_terminal" in (vals.get("in_mode"), vals.get("out_mode"))
        ):
            raise AccessError(
                self.env._(
                    "Only a registered fingerprint terminal records terminal "
                    "attendances."
                )
            )

    @api.model
    def _kilap_check_action_only(self, vals):
        """Selfies and device keys come with the check-in itself, never later."""
        if ACTION_ONLY_FIELDS & set(vals) and not (KILAP_ACTION.get() or self.env.su):
            raise AccessError(
                self.env._(
                    "The selfie and the phone of an attendance are recorded by the "
                    "check-in itself and cannot be set or changed afterwards."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kilap_evidence(self):
        """Attendance is evidence for pay: users correct it, never delete it."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Attendances cannot be deleted. "
                    "Ask for an attendance correction instead."
                )
            )

    # ------------------------------------------------------------------ review queue
    def _kilap_check_reviewer(self):
        """Admin OPD or BKPSDM, never on their own attendance (the record rules
        give the scope)."""
        if not self.env.user.has_group("kilap_activity.group_kilap_admin_opd"):
            raise AccessError(
                self.env._("Only Admin OPD or BKPSDM may review flagged attendances.")
            )
        self.check_access("write")
        if self.filtered(lambda a: a.kilap_review_state != "to_review"):
            raise UserError(
                self.env._(
                    "Only attendances waiting for review can be accepted or rejected."
                )
            )
        if self.sudo().employee_id & self.env.user.employee_ids:
            raise AccessError(self.env._("You cannot review your own attendance."))

    def _kilap_review(self, decision):
        self._kilap_check_reviewer()
        self._kilap_transition(
            {"kilap_review_state": decision, "kilap_reviewer_id": self.env.uid},
            from_states=("to_review",),
            sudo=True,
        )
        self._kilap_recompute_days()
        return True

    def action_kilap_accept(self):
        return self._kilap_review("accepted")

    def action_kilap_reject(self):
        return self._kilap_review("rejected")

    def _kilap_recompute_days(self):
        """Recompute the daily results touched by these attendances."""
        for employee in self.employee_id:
            atts = self.filtered(lambda a, e=employee: a.employee_id == e)
            dates = [self._kilap_local_date(employee, a.check_in) for a in atts]
            self.env["kilap.attendance.day"].sudo()._kilap_compute_days(
                employee, min(dates), max(dates)
            )

    @api.constrains("kilap_review_state", "kilap_manual_reason")
    def _check_kilap_reason(self):
        for attendance in self:
            if (
                attendance.kilap_manual_reason is not False
                and not attendance.kilap_manual_reason.strip()
            ):
                raise ValidationError(
                    self.env._("The manual entry reason cannot be blank.")
                )
