"""Receiver of the ZKTeco ADMS ("iclock") push protocol (docs/deployment.md).

The terminal authenticates by nothing but its serial number (and, when set, the
office's IP range): only registered, active terminals are answered, unknown ones
get a 404 and a log row. Punches go through the same ingestion as a file import,
so a replay creates nothing and a closed month refuses them.
"""

import logging
from datetime import datetime, timedelta

import pytz

from odoo import fields, http
from odoo.http import request

from ..rules import attlog

_logger = logging.getLogger(__name__)

MAX_BODY = 2 * 1024 * 1024
SEEN_EVERY = timedelta(minutes=1)
LOG_EVERY = timedelta(hours=1)


def _text(body, status=200):
    return request.make_response(
        body, headers=[("Content-Type", "text/plain; charset=utf-8")], status=status
    )


class KilapAdmsController(http.Controller):
    def _kilap_log(self, kind, serial, message, terminal=None):
        """One log row per device, kind and hour: a device polling every few
        seconds, or a flood of forged serial numbers, cannot fill the table."""
        Log = request.env["kilap.attendance.terminal.log"].sudo()
        serial = (serial or "")[:64]
        ip = request.httprequest.remote_addr
        if kind in ("unknown_device", "ip_refused") and Log.search_count(
            [
                ("serial_number", "=", serial),
                ("kind", "=", kind),
                ("create_date", ">", fields.Datetime.now() - LOG_EVERY),
            ],
            limit=1,
        ):
            return
        _logger.warning("ADMS %s: SN=%r from %s: %s", kind, serial, ip, message)
        Log.create(
            {
                "terminal_id": terminal.id if terminal else False,
                "serial_number": serial,
                "ip_address": ip,
                "kind": kind,
                "message": message,
            }
        )

    def _kilap_terminal(self, serial):
        """The registered, active terminal of ``serial`` at this address, or None."""
        env = request.env
        if not isinstance(serial, str) or not serial.strip() or len(serial) > 64:
            self._kilap_log(
                "unknown_device",
                serial,
                env._("Request without a valid serial number."),
            )
            return None
        terminal = (
            env["kilap.attendance.terminal"]
            .sudo()
            .search([("serial_number", "=", serial)], limit=1)
        )
        if not terminal:
            self._kilap_log(
                "unknown_device",
                serial,
                env._("A terminal that is not registered (or archived) called in."),
            )
            return None
        ip = request.httprequest.remote_addr
        if not terminal._kilap_ip_allowed(ip):
            self._kilap_log(
                "ip_refused",
                serial,
                env._(
                    "The address %(ip)s is outside the allowed IP ranges of the "
                    "terminal.",
                    ip=ip,
                ),
                terminal,
            )
            return None
        now = fields.Datetime.now()
        if not terminal.last_seen or now - terminal.last_seen > SEEN_EVERY:
            terminal.write({"last_seen": now, "last_ip": ip})
        return terminal

    @staticmethod
    def _kilap_options(terminal):
        offset = (
            datetime.now(pytz.timezone(terminal.tz or "Asia/Jakarta"))
            .utcoffset()
            .total_seconds()
        )
        return "\n".join(
            [
                f"GET OPTION FROM: {terminal.serial_number}",
                "ATTLOGStamp=None",
                "OPERLOGStamp=9999",
                "ATTPHOTOStamp=None",
                "ErrorDelay=60",
                "Delay=30",
                "TransTimes=00:00;14:05",
                "TransInterval=1",
                "TransFlag=TransData AttLog",
                f"TimeZone={int(offset // 3600)}",
                "Realtime=1",
                "Encrypt=None",
                "",
            ]
        )

    @http.route(
        ["/iclock/cdata", "/iclock/cdata.aspx"],
        type="http",
        auth="none",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def kilap_cdata(self, **kw):
        """GET: handshake, answered with the options; POST: uploaded records."""
        serial = request.httprequest.args.get("SN")
        terminal = self._kilap_terminal(serial)
        if not terminal:
            return _text("", status=404)
        if request.httprequest.method == "GET":
            return _text(self._kilap_options(terminal))
        table = request.httprequest.args.get("table", "")
        length = request.httprequest.content_length or 0
        if length > MAX_BODY:
            return _text("ERROR: too large", status=413)
        body = request.httprequest.get_data()[: MAX_BODY + 1]
        if len(body) > MAX_BODY:
            return _text("ERROR: too large", status=413)
        if table != "ATTLOG":
            # operation logs, photos, user lists: acknowledged, not stored
            count = len([line for line in body.splitlines() if line.strip()])
            return _text(f"OK: {count}")
        try:
            rows, issues = attlog.parse_adms_body(attlog.decode(body))
        except attlog.AttlogError:
            self._kilap_log(
                "refused",
                serial,
                request.env._("An ATTLOG upload could not be read."),
                terminal,
            )
            return _text("ERROR: unreadable", status=400)
        report = terminal._kilap_ingest(rows, "adms")
        problems = [
            request.env._("Unknown device user %(code)s", code=code)
            for _line, code in report["unknown"]
        ]
        problems += [
            request.env._("Line %(line)s: %(message)s", line=line, message=message)
            for line, message in report["refused"]
        ]
        problems += [
            request.env._("Line %(line)s unreadable: %(value)s", line=line, value=value)
            for line, _kind, value in issues
        ]
        if problems:
            self._kilap_log("refused", serial, "\n".join(problems[:200]), terminal)
        return _text(f"OK: {len(rows) + len(issues)}")

    @http.route(
        ["/iclock/getrequest", "/iclock/getrequest.aspx"],
        type="http",
        auth="none",
        methods=["GET"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def kilap_getrequest(self, **kw):
        """The terminal polls for commands: KILAP sends none."""
        if not self._kilap_terminal(request.httprequest.args.get("SN")):
            return _text("", status=404)
        return _text("OK")

    @http.route(
        ["/iclock/devicecmd", "/iclock/devicecmd.aspx"],
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def kilap_devicecmd(self, **kw):
        if not self._kilap_terminal(request.httprequest.args.get("SN")):
            return _text("", status=404)
        return _text("OK")
