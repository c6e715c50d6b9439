import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class KilapGeofence(models.Model):
    """Apel attendance read from check-ins: who was expected at an apel point and
    did not check in there within its window is recorded as a missed apel, the
    input of the TPP's apel cut (``kilap.tpp.apel.absence``)."""

    _inherit = "kilap.geofence"

    def _kilap_apel_on(self, day):
        """Whether this fence holds an apel on ``day``."""
        self.ensure_one()
        if not (self.active and self.kilap_apel):
            return False
        if self.date_from and day < self.date_from:
            return False
        if self.date_to and day > self.date_to:
            return False
        return (
            not self.kilap_apel_weekday or int(self.kilap_apel_weekday) == day.weekday()
        )

    def _kilap_apel_expected(self, day):
        """Employees expected at the apel: those listed on the fence (else the
        pemda's), with a working day and not excused (leave, field duty)."""
        self.ensure_one()
        Employee = self.env["hr.employee"].sudo()
        employees = self.sudo().employee_ids or Employee.search(
            [("company_id", "=", self.company_id.id)]
        )
        minutes = employees._kilap_work_minutes_by_date(day, day)
        working = employees.filtered(lambda e: minutes.get(e.id, {}).get(day))
        excused = working._kilap_excused_ids({e.id: day for e in working})
        return working.filtered(lambda e: e.id not in excused)

    def _kilap_apel_attended(self, employees, day):
        """The ``employees`` who checked in at this fence within its window of
        ``day``, in their office's time zone; one query."""
        self.ensure_one()
        attendances = (
            self.env["hr.attendance"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("kilap_in_fence_id", "=", self.id),
                    (
                        "check_in",
                        ">=",
                        datetime.combine(day - timedelta(days=1), time.min),
                    ),
                    (
                        "check_in",
                        "<",
                        datetime.combine(day + timedelta(days=2), time.min),
                    ),
                ],
                ["employee_id", "check_in"],
            )
        )
        windows = {}
        attended = set()
        for attendance in attendances:
            employee = attendance.employee_id
            tz_name = employee._kilap_tz()
            if tz_name not in windows:
                tz = pytz.timezone(tz_name)
                midnight = tz.localize(datetime.combine(day, time.min))
                windows[tz_name] = tuple(
                    (midnight + timedelta(hours=hour))
                    .astimezone(pytz.utc)
                    .replace(tzinfo=None)
                    for hour in (self.kilap_apel_hour_from, self.kilap_apel_hour_to)
                )
            start, end = windows[tz_name]
            if start <= attendance.check_in <= end:
                attended.add(employee.id)
        return employees.filtered(lambda e: e.id in attended)

    def _kilap_record_missed_apel(self, day):
        """Record, once, every expected employee who missed the apel of ``day``
        at these fences. Returns the new missed-apel records."""
        Absence = self.env["kilap.tpp.apel.absence"].sudo()
        created = Absence
        for fence in self.sudo().filtered(lambda f: f._kilap_apel_on(day)):
            expected = fence._kilap_apel_expected(day)
            missed = expected - fence._kilap_apel_attended(expected, day)
            known = set(
                Absence.search(
                    [
                        ("employee_id", "in", missed.ids),
                        ("date", "=", day),
                        ("name", "=", fence.name),
                    ]
                ).employee_id.ids
            )
            note = self.env._(
                "No check-in at %(fence)s between %(start)s and %(end)s.",
                fence=fence.name,
                start=_hhmm(fence.kilap_apel_hour_from),
                end=_hhmm(fence.kilap_apel_hour_to),
            )
            created |= Absence.create(
                [
                    {"employee_id": e.id, "date": day, "name": fence.name, "note": note}
                    for e in missed
                    if e.id not in known
                ]
            )
        return created

    def action_kilap_record_missed_apel(self):
        """The button: the apel of today so far (its window is over) or of the last
        apel day before, as the fence's office counts days."""
        self.ensure_one()
        self.check_access("write")
        tz = pytz.timezone(self.company_id.partner_id.tz or "Asia/Jakarta")
        now = datetime.now(tz)
        day = now.date()
        if now.hour + now.minute / 60 < self.kilap_apel_hour_to:
            raise UserError(
                self.env._(
                    "Today's apel window is not over yet: record it after %s.",
                    _hhmm(self.kilap_apel_hour_to),
                )
            )
        created = self._kilap_record_missed_apel(day)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "%(count)s missed apel recorded for %(day)s.",
                    count=len(created),
                    day=day,
                ),
                "type": "info",
            },
        }

    @api.model
    def _cron_kilap_missed_apel(self):
        """Nightly: the apel of yesterday at every apel point; a closed month or a
        failing fence is logged and left, the others go on."""
        fences = self.sudo().search([("kilap_apel", "=", True)])
        by_day = defaultdict(lambda: self.browse())
        for fence in fences:
            tz = pytz.timezone(fence.company_id.partner_id.tz or "Asia/Jakarta")
            by_day[datetime.now(tz).date() - timedelta(days=1)] |= fence
        for day, group in by_day.items():
            for fence in group:
                try:
                    with self.env.cr.savepoint():
                        fence._kilap_record_missed_apel(day)
                except (UserError, ValidationError) as exc:
                    _logger.warning("missed apel of %s on %s: %s", fence.name, day, exc)


def _hhmm(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
