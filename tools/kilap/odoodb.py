"""Databases of the KILAP add-ons for generate, bench and pot, made by click-odoo-contrib.

``click-odoo-initdb`` copies a template database cached under the hash of the add-ons'
files (and their dependencies'): the add-ons are installed once per change, not once per
database.  ``click-odoo-update`` updates only the add-ons whose files changed since.
``./kilap test`` does not use the cache: a copied template would skip the tests that run
at install time (``--test-tags kilap_install``).
"""

from pathlib import Path

from kilap.common import KILAP_ADDONS, STATE, KilapError, note, run_logged, tail
from kilap.db import db_kilap_state

# templates are named <prefix>-<date>-<hash>; click-odoo-initdb drops the older ones
CACHE_PREFIX = {False: "kilapgen", True: "kilapdem"}  # without / with demo data
CACHE_SIZE = 2


def click_odoo(venv, tool, conf, *args, log):
    """Run a click-odoo-contrib command with Odoo's configuration, output to ``log``."""
    cmd = [str(Path(venv) / "bin" / tool), "-c", str(conf), *args]
    return run_logged(cmd, log, cwd=str(STATE)).returncode


def create_kilap_db(venv, conf, db, log, demo=False):
    """A new database ``db`` with the four add-ons, with or without their demo data."""
    note(
        f"creating {db} with the KILAP add-ons{' and demo data' if demo else ''} from a "
        f"template cached by their hash (click-odoo-initdb; log: {log})"
    )
    code = click_odoo(
        *(venv, "click-odoo-initdb", conf, "-n", db, "-m", ",".join(KILAP_ADDONS)),
        *("--demo" if demo else "--no-demo", "--cache-prefix", CACHE_PREFIX[demo]),
        *("--cache-max-size", str(CACHE_SIZE)),
        log=log,
    )
    if code or db_kilap_state(db)[0] != "complete":
        raise KilapError(f"creating {db} failed; last lines of {log}:\n{tail(log)}")


def update_kilap_db(venv, conf, db, log):
    """Update, in ``db``, the add-ons whose files changed since it was made or updated."""
    note(f"updating the add-ons of {db} that changed (click-odoo-update; log: {log})")
    code = click_odoo(
        venv, "click-odoo-update", conf, "-d", db, "--ignore-core-addons", log=log
    )
    if code:
        raise KilapError(f"updating the add-ons in {db} failed; see {log}")
