import contextvars
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError

# Records whose workflow fields may be written right now, as (model, id) pairs, and
# (model, None) while a model's own code creates records in a later state. Set only
# by KilapWorkflowMixin's private methods. A context variable, not a context key:
# an RPC caller controls the context, never this variable.
_LIFTED = contextvars.ContextVar("kilap_workflow_lifted", default=frozenset())


@contextmanager
def _lifted(tokens):
    token = _LIFTED.set(_LIFTED.get() | frozenset(tokens))
    try:
        yield
    finally:
        _LIFTED.reset(token)


class KilapWorkflowMixin(models.AbstractModel):
    """The one state guard of every KILAP workflow (see docs/security.md).

    A model lists its workflow fields (state, approver, approval date, reason...)
    in ``_kilap_workflow_fields`` and its initial state in
    ``_kilap_initial_state``. Then:

    * ``create`` accepts workflow fields only at their initial (or empty) value;
    * ``write`` refuses them from anybody, superuser included, unless an action
      method changes them through ``_kilap_transition``, after checking who acts
      and from which state;
    * ``copy`` never copies them.

    ``_kilap_transition`` is private (RPC cannot call it) and is the only place
    where a workflow moves.
    """

    _name = "kilap.workflow.mixin"
    _description = "KILAP Workflow Guard"

    _kilap_workflow_fields = ("state",)
    # refuse caller values for read-only stored computed fields (points, minutes)
    _kilap_guard_computed = True
    _kilap_state_field = "state"
    _kilap_initial_state = "draft"

    # ------------------------------------------------------------------ guard
    def _kilap_workflow_guarded(self, names):
        return set(names) & set(self._kilap_workflow_fields)

    @api.model
    def _kilap_workflow_check_create(self, vals_list):
        """Refuse new records in a later state or with an approval filled in."""
        if (self._name, None) in _LIFTED.get():
            return
        for vals in vals_list:
            for name in self._kilap_workflow_guarded(vals):
                value = vals[name]
                initial = (
                    self._kilap_initial_state
                    if name == self._kilap_state_field
                    else False
                )
                if value and value != initial:
                    raise UserError(
                        self.env._(
                            "A new %(model)s starts in its first state: %(field)s "
                            "cannot be set when it is created.",
                            model=self._description,
                            field=self._fields[name]._description_string(self.env),
                        )
                    )

    def _kilap_workflow_check_write(self, vals):
        guarded = self._kilap_workflow_guarded(vals)
        if not guarded:
            return
        lifted = _LIFTED.get()
        if all((self._name, rid) in lifted for rid in self.ids):
            return
        raise UserError(
            self.env._(
                "%(field)s of a %(model)s changes only through its action buttons "
                "(submit, approve, reject, close...).",
                model=self._description,
                field=self._fields[sorted(guarded)[0]]._description_string(self.env),
            )
        )

    def _kilap_check_computed(self, names):
        """Computed figures (points, minutes...) are the system's: a caller can
        store any value in a read-only stored computed field otherwise."""
        if self.env.su or not self._kilap_guard_computed:
            return
        for name in names:
            field = self._fields.get(name)
            if field and field.compute and field.store and field.readonly:
                if not field.inverse:
                    raise UserError(
                        self.env._(
                            "%(field)s of a %(model)s is computed: it cannot be set.",
                            field=field._description_string(self.env),
                            model=self._description,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        self._kilap_workflow_check_create(vals_list)
        for vals in vals_list:
            self._kilap_check_computed(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kilap_workflow_check_write(vals)
        self._kilap_check_computed(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in self._kilap_workflow_guarded(vals):
                del vals[name]
        return vals_list

    # ------------------------------------------------------------- transitions
    def _kilap_transition(self, vals, from_states=None, sudo=False):
        """Write workflow ``vals`` on these records: the one door of every workflow.

        Callers (action methods) have already checked who acts. ``from_states``
        refuses, with nothing written, a record that is not in one of them.
        ``sudo`` writes as superuser, for the acting user's decision on a record
        they may not write otherwise (e.g. a supervisor on a subordinate's entry).
        """
        if from_states is not None:
            state = self._kilap_state_field
            wrong = self.filtered(lambda r: r[state] not in from_states)
            if wrong:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: this action is not possible in "
                        "that state.",
                        record=wrong[0].display_name,
                        state=dict(
                            wrong._fields[state]._description_selection(self.env)
                        ).get(wrong[0][state]),
                    )
                )
        records = self.sudo() if sudo else self
        with _lifted((self._name, rid) for rid in self.ids):
            records.write(vals)
        return True

    @api.model
    def _kilap_create_in_state(self, vals_list):
        """Create records already past their first state: system code only
        (generators, demo data, imports that carry a decided state)."""
        with _lifted([(self._name, None)]):
            records = self.create(vals_list)
        return records

    @contextmanager
    def _kilap_system_workflow(self):
        """Let this model's own code set workflow fields on create and write
        (e.g. attendance flagged for review by its validation)."""
        with _lifted([(self._name, None), *((self._name, rid) for rid in self.ids)]):
            yield
