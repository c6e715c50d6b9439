from odoo import fields, models


class KilapAttendanceTerminalLog(models.Model):
    """What the terminal receiver refused or noticed: unknown devices, addresses
    outside the allowed range, punches in a closed month. Written by the
    receiver only; read by BKPSDM and Admin OPD."""

    _name = "kilap.attendance.terminal.log"
    _description = "Fingerprint Terminal Log"
    _order = "id desc"
    _rec_name = "serial_number"

    terminal_id = fields.Many2one(
        "kilap.attendance.terminal",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="terminal_id.company_id", store=True)
    opd_id = fields.Many2one(related="terminal_id.opd_id", store=True)
    serial_number = fields.Char(readonly=True, index=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    kind = fields.Selection(
        [
            ("unknown_device", "Unknown device"),
            ("ip_refused", "Address not allowed"),
            ("refused", "Punches refused"),
            ("received", "Punches received"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    message = fields.Text(readonly=True)
