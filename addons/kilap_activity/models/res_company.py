import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# what a segment of a letter number may hold: digits, letters, dots and dashes
# (no "%", which ir.sequence would interpolate, and no "/", the separator)
_LETTER_CODE = re.compile(r"^[0-9A-Za-z.\-]+$")


class ResCompany(models.Model):
    """Journal and letter settings per pemda: each sets its own values by
    Perbup/Perwali and its tata naskah dinas."""

    _inherit = "res.company"

    kilap_journal_window_days = fields.Integer(
        string="Journal Window (working days)",
        default=3,
        help="How many working days after the activity an entry may still be written.",
    )
    kilap_upload_max_mb = fields.Integer(
        string="Upload Limit (MB)",
        default=8,
        help="Largest photo or document accepted by the KILAP forms and routes.",
    )
    kilap_reminder_hour = fields.Float(
        string="Journal Reminder Hour",
        default=15.0,
        help="Office time at which employees without a submitted entry are reminded.",
    )
    kilap_reminder_last_date = fields.Date(
        string="Last Journal Reminder",
        readonly=True,
        help="Technical: the day the reminder last ran, so it runs once a day.",
    )
    kilap_escalate_after_days = fields.Integer(
        string="Escalate After (working days)",
        default=0,
        help="A journal entry waiting longer than this many working days of its "
        "supervisor's calendar may be decided by the supervisor's own supervisor. "
        "0: never.",
    )
    kilap_checkin_reminder = fields.Boolean(
        string="Check-in Reminder",
        help="At the start of their working day, remind employees who have not "
        "checked in yet (not on leave, field duty or a holiday).",
    )
    kilap_checkin_reminder_last_run = fields.Datetime(
        string="Last Check-in Reminder",
        readonly=True,
        help="Technical: until when the check-in reminder has looked.",
    )
    kilap_spt_classification = fields.Char(
        string="SPT Classification Code",
        default="094",
        required=True,
        help="Archive classification code that opens the number of an assignment "
        "letter (SPT), from the pemda's tata naskah dinas; 094 is travel of "
        "employees in the classification of Permendagri 78/2012.",
    )
    kilap_spt_unit_code = fields.Char(
        string="SPT Unit Code",
        help="Optional code of the issuing unit, between SPT and the year "
        "(e.g. BKPSDM gives 094/001/SPT/BKPSDM/2026).",
    )
    kilap_spt_sequence_id = fields.Many2one(
        "ir.sequence",
        string="SPT Register",
        readonly=True,
        copy=False,
        help="Technical: the yearly numbering of this pemda's assignment letters, "
        "created with its first approved field duty.",
    )

    @api.constrains("kilap_spt_classification", "kilap_spt_unit_code")
    def _check_kilap_spt_codes(self):
        for company in self:
            for code in (company.kilap_spt_classification, company.kilap_spt_unit_code):
                if code and not _LETTER_CODE.match(code):
                    raise ValidationError(
                        self.env._(
                            "%(code)s cannot be part of a letter number: use digits, "
                            "letters, dots and dashes only.",
                            code=code,
                        )
                    )

    def _kilap_spt_affixes(self):
        """Prefix and suffix of the SPT numbers: classification/NNN/SPT[/unit]/year."""
        self.ensure_one()
        unit = f"/{self.kilap_spt_unit_code}" if self.kilap_spt_unit_code else ""
        return (
            f"{self.kilap_spt_classification}/",
            f"/SPT{unit}/%(range_year)s",
        )

    def _kilap_spt_sequence(self):
        """This pemda's SPT register: one gap-free counter per calendar year.

        Created on first use; writing the company row makes two first approvals
        at once conflict (one is retried) rather than open two registers.
        """
        self.ensure_one()
        company = self.sudo()
        if not company.kilap_spt_sequence_id:
            prefix, suffix = company._kilap_spt_affixes()
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._(
                            "SPT register of %(company)s", company=company.name
                        ),
                        "code": "kilap.field.duty.spt",
                        "company_id": company.id,
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "padding": 3,
                        "prefix": prefix,
                        "suffix": suffix,
                    }
                )
            )
            company.kilap_spt_sequence_id = sequence
        return company.kilap_spt_sequence_id

    def write(self, vals):
        res = super().write(vals)
        if {"kilap_spt_classification", "kilap_spt_unit_code"} & set(vals):
            for company in self.sudo().filtered("kilap_spt_sequence_id"):
                prefix, suffix = company._kilap_spt_affixes()
                company.kilap_spt_sequence_id.write(
                    {"prefix": prefix, "suffix": suffix}
                )
        return res

    @api.constrains("kilap_escalate_after_days")
    def _check_kilap_escalation(self):
        for company in self:
            if company.kilap_escalate_after_days < 0:
                raise ValidationError(
                    self.env._("The escalation days cannot be negative.")
                )
