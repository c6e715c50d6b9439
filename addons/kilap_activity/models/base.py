import threading
from contextlib import contextmanager

from odoo import api, models
from odoo.orm import models as orm_models

# rows per INSERT of _kilap_bulk_create (the ORM's create() sends 100 per query)
BULK_PAGE_SIZE = 5000
ORM_PAGE_SIZE = orm_models.INSERT_BATCH_SIZE

_LOCK = threading.Lock()
_running = 0  # bulk creations running in this process (threaded server)


@contextmanager
def _insert_page_size(page_size):
    """Let the ORM's ``_create()`` send ``page_size`` rows per INSERT.

    The only place where KILAP touches an ORM internal. The batch size changes
    how many INSERTs carry the rows, never which rows: a create() of another
    thread that runs meanwhile gets the same records in fewer queries.
    """
    global _running  # noqa: PLW0603 - one counter per process, under the lock
    with _LOCK:
        previous = orm_models.INSERT_BATCH_SIZE
        orm_models.INSERT_BATCH_SIZE = page_size
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            orm_models.INSERT_BATCH_SIZE = previous if _running else ORM_PAGE_SIZE


class Base(models.AbstractModel):
    """Bulk creation for month-end volumes.

    A regency's month is ~110,000 daily results, 5,000 score and TPP lines and
    20,000 payslip inputs; ``create()`` inserts them 100 rows per query, so the
    close's query count grows with the number of employees.
    """

    _inherit = "base"

    @api.model
    def _kilap_bulk_create(self, vals_list, page_size=BULK_PAGE_SIZE):
        """``create()`` with one INSERT per ``page_size`` rows instead of 100.

        It *is* ``create()``: every override of the model runs (its checks cannot
        be forgotten by a new model, and no model overrides this method), with
        access rights, record rules, defaults, constraints and x2many commands.
        Only the chatter is left out (``tracking_disable``): month-end rows are
        computed, not typed. Returns the new records in the order of ``vals_list``.
        """
        if not vals_list:
            return self.browse()
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True)
        with _insert_page_size(page_size):
            return quiet.create(vals_list).with_env(self.env)
