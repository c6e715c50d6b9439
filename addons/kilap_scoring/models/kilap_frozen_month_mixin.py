import contextvars
from contextlib import contextmanager

from odoo import api, fields, models

from odoo.addons.kilap_activity.models.base import BULK_PAGE_SIZE

# Set only by _kilap_retention_exemption(); a context variable, never a context key.
_RETENTION = contextvars.ContextVar("kilap_retention_exemption", default=False)

# writes that never change what a closed month was scored or paid on
HARMLESS_FIELDS = frozenset(
    ("message_main_attachment_id", "activity_ids", "message_follower_ids")
)


class KilapFrozenMonthMixin(models.AbstractModel):
    """What a closed month freezes: its inputs, not only its results.

    Every model below inherits this mixin; a record dated in a closed evaluation
    period of its company cannot be created, changed or deleted, whatever the path
    (form, RPC, phone route, offline sync, import, approval of a correction...),
    until BKPSDM reopens the period. The list (docs/security.md keeps it too):

    * ``hr.attendance`` -- raw check-ins and check-outs, and their review;
    * ``kilap.attendance.correction`` -- correction requests and their approval;
    * ``kilap.field.duty`` -- field duties overlapping the month;
    * ``kilap.shift.roster`` -- the roster entries of rostered employees;
    * ``kilap.journal.entry`` -- the daily journal;
    * ``kilap.attendance.day`` -- the daily results computed from the above;
    * ``hr.leave`` -- leaves overlapping the month (their effect on the results);
    * ``kilap.tpp.apel.absence`` (kilap_payroll_bridge) -- missed apel;
    * ``kilap.score.line``, ``kilap.org.rating`` -- the month's scores.

    The one exemption: ``_kilap_retention_exemption()`` lets system code (a
    personal-data retention job) clear the fields in ``_kilap_retention_fields``
    -- positions, addresses, photos -- which no figure is computed from.
    """

    _name = "kilap.frozen.month.mixin"
    _description = "KILAP Frozen Month Input"

    # fields that the retention exemption may change; none feeds a figure
    _kilap_retention_fields = frozenset()
    # fields whose change can move a record into another month; None: any field
    # (e.g. a leave's dates are computed from others), so checked after every write
    _kilap_frozen_fields = None

    def _kilap_frozen_ranges(self):
        """``{(company id, first date, last date)}`` the records are dated in."""
        raise NotImplementedError

    def _kilap_check_frozen(self):
        self.env["kilap.score.period"]._kilap_check_locked_ranges(
            self.sudo()._kilap_frozen_ranges()
        )

    @api.model
    def _kilap_range(self, company, date_from, date_to=None):
        if not (company and date_from):
            return None
        start = fields.Date.to_date(date_from)
        return (company.id, start, fields.Date.to_date(date_to) or start)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._kilap_check_frozen()
        return records

    @api.model
    def _kilap_frozen_vals_ranges(self, vals_list):
        """The ranges ``_kilap_frozen_ranges`` would give for rows with these
        values, when a model can tell from the values alone; None otherwise."""
        return None

    @api.model
    def _kilap_bulk_insert(self, vals_list, page_size=BULK_PAGE_SIZE):
        """Computed rows inserted without ``create()`` obey the freeze too:
        checked on the values before anything is written when the model can,
        else on the new rows."""
        ranges = self._kilap_frozen_vals_ranges(vals_list)
        if ranges is not None:
            self.env["kilap.score.period"]._kilap_check_locked_ranges(ranges)
            return super()._kilap_bulk_insert(vals_list, page_size)
        records = super()._kilap_bulk_insert(vals_list, page_size)
        records._kilap_check_frozen()
        return records

    def write(self, vals):
        changed = set(vals) - HARMLESS_FIELDS
        if not changed:
            return super().write(vals)
        if _RETENTION.get() and self.env.su and changed <= self._kilap_retention_fields:
            return super().write(vals)
        self._kilap_check_frozen()
        res = super().write(vals)
        if self._kilap_frozen_fields is None or changed & self._kilap_frozen_fields:
            self._kilap_check_frozen()  # where the write moved the records to
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen_month(self):
        self._kilap_check_frozen()

    @contextmanager
    def _kilap_retention_exemption(self):
        """The named exemption of the personal-data retention job: as superuser,
        it may clear ``_kilap_retention_fields`` of closed months, nothing else."""
        token = _RETENTION.set(True)
        try:
            yield
        finally:
            _RETENTION.reset(token)
