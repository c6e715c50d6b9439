from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import offline


class KilapAttendanceSync(models.Model):
    """One queued offline item as received: makes the sync route idempotent by UUID."""

    _name = "kilap.attendance.sync"
    _description = "Offline Attendance Sync Item"
    _order = "id desc"
    _rec_name = "uuid"

    uuid = fields.Char(string="Client UUID", required=True, readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    kind = fields.Selection([("in", "Check-in"), ("out", "Check-out")], readonly=True)
    device_time = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("accepted", "Accepted"), ("refused", "Refused")], required=True, readonly=True
    )
    message = fields.Char(readonly=True)
    attendance_id = fields.Many2one(
        "hr.attendance", readonly=True, index="btree_not_null"
    )

    _uuid_unique = models.Constraint(
        "UNIQUE(uuid)", "This offline item was already received."
    )

    def _kilap_result(self):
        self.ensure_one()
        return {
            "uuid": self.uuid,
            "status": self.state,
            "message": self.message or "",
            "attendance_id": self.attendance_id.id or False,
        }

    @api.model
    def _kilap_parse_time(self, value):
        if not isinstance(value, str) or not value:
            return None
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if parsed.tzinfo:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        return parsed.replace(microsecond=0)

    @api.model
    def _kilap_process(self, employee, items):
        """Apply a batch of queued check-ins/outs of ``employee``; one result per item.

        Each item runs in its own savepoint, so a refused item never blocks the
        others; every answer is stored by UUID and replayed as is.
        """
        if not isinstance(items, list):
            raise UserError(self.env._("The offline batch must be a list of items."))
        if len(items) > 500:
            raise UserError(self.env._("Send at most 500 offline items at a time."))
        employee = employee.sudo()
        uuids = [
            i.get("uuid")
            for i in items
            if isinstance(i, dict) and isinstance(i.get("uuid"), str)
        ]
        known = {
            s.uuid: s
            for s in self.sudo().search_fetch(
                [("uuid", "in", uuids)],
                ["uuid", "employee_id", "state", "message", "attendance_id"],
            )
        }
        company = employee.company_id
        now = fields.Datetime.now()
        results = []
        for item in items:
            if not isinstance(item, dict):
                results.append(
                    {
                        "uuid": False,
                        "status": "refused",
                        "message": self.env._("Each offline item must be an object."),
                        "attendance_id": False,
                    }
                )
                continue
            uuid = item.get("uuid")
            if not isinstance(uuid, str) or not uuid.strip() or len(uuid) > 64:
                results.append(
                    {
                        "uuid": uuid if isinstance(uuid, str) else False,
                        "status": "refused",
                        "message": self.env._(
                            "Each offline item needs a client UUID of at most 64 "
                            "characters."
                        ),
                        "attendance_id": False,
                    }
                )
                continue
            if uuid in known:
                sync = known[uuid]
                if sync.employee_id != employee:
                    results.append(
                        {
                            "uuid": uuid,
                            "status": "refused",
                            "message": self.env._(
                                "This UUID was already used by another employee."
                            ),
                            "attendance_id": False,
                        }
                    )
                else:
                    results.append(sync._kilap_result())
                continue
            kind = item.get("kind")
            device_time = self._kilap_parse_time(item.get("device_time"))
            attendance = self.env["hr.attendance"]
            message, state = "", "accepted"
            try:
                if kind not in ("in", "out"):
                    raise UserError(self.env._("The item kind must be 'in' or 'out'."))
                if device_time is None:
                    raise UserError(
                        self.env._(
                            "The device time must be an ISO date and time, e.g. "
                            "2025-01-31T07:25:00Z."
                        )
                    )
                error = offline.device_time_error(
                    device_time,
                    now,
                    company.kilap_offline_window_h,
                    company.kilap_offline_future_min,
                )
                if error == offline.ERR_TOO_OLD:
                    raise UserError(
                        self.env._(
                            "This item is older than %(hours)s hours and can no longer "
                            "be "
                            "synchronised. Ask for an attendance correction.",
                            hours=company.kilap_offline_window_h,
                        )
                    )
                if error == offline.ERR_FUTURE:
                    raise UserError(
                        self.env._(
                            "The device time is in the future. Check the clock of your "
                            "device."
                        )
                    )
                geo_information = {
                    "mode": "kilap_offline",
                    "latitude": item.get("latitude"),
                    "longitude": item.get("longitude"),
                    "kilap_gps": True,
                    "kilap_accuracy": item.get("accuracy"),
                    "kilap_mock": item.get("mock", False),
                    "kilap_selfie": item.get("selfie"),
                    "kilap_device": item.get("device_key"),
                }
                with self.env.cr.savepoint():
                    attendance = employee._kilap_attendance_at(
                        kind, device_time, geo_information
                    )
                    if offline.is_offline(device_time, now):
                        attendance.sudo().write({"kilap_offline": True})
                    late = company.kilap_offline_late_min
                    if late and (now - device_time).total_seconds() > late * 60:
                        attendance.sudo()._kilap_flag("offline_late")
            except (UserError, ValidationError, AccessError) as exc:
                attendance = self.env["hr.attendance"]
                state, message = "refused", exc.args[0]
            sync = self.sudo().create(
                {
                    "uuid": uuid,
                    "employee_id": employee.id,
                    "kind": kind if kind in ("in", "out") else False,
                    "device_time": device_time,
                    "state": state,
                    "message": message,
                    "attendance_id": attendance.id,
                }
            )
            known[uuid] = sync
            results.append(sync._kilap_result())
        return results
