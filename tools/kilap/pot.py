"""./kilap pot: export each add-on's i18n/<addon>.pot with click-odoo-makepot, from a
throwaway database copied from the cached template of the add-ons with their demo data
(the demo records' names are translated too);
``--msgmerge`` also merges the new terms into the add-ons' .po files."""

import os

from kilap.common import STATE, addons_dir, note, say
from kilap.db import drop_db, ensure_postgres
from kilap.odoodb import click_odoo, create_kilap_db
from kilap.server import free_port, render_config
from kilap.testrun import selected_addons


def i18n_files(addons):
    """{path: bytes} of the add-ons' .pot and .po files."""
    found = {}
    for addon in addons:
        for path in sorted((addons_dir() / addon / "i18n").glob("*.po*")):
            found[path] = path.read_bytes()
    return found


def cmd_pot(args, odoo, venv):
    selected = selected_addons(args)
    ensure_postgres()
    conf, data_dir = render_config(odoo, venv, free_port(), name="pot.conf")
    db = f"kilap_pot_{os.getpid()}"
    log = STATE / "pot.log"
    before = i18n_files(selected)
    try:
        create_kilap_db(venv, conf, db, STATE / "pot-install.log", demo=True)
        note(f"exporting {', '.join(selected)} (click-odoo-makepot; log: {log})")
        code = click_odoo(
            *(venv, "click-odoo-makepot", conf, "-d", db),
            *("--addons-dir", str(addons_dir()), "-m", ",".join(selected)),
            *(["--msgmerge"] if args.msgmerge else []),
            log=log,
        )
    finally:
        drop_db(db, data_dir)
    if code:
        say(f"kilap: click-odoo-makepot failed (exit {code}); see {log}")
        return 1
    after = i18n_files(selected)
    for path, data in after.items():
        say(f"  {path}: {'unchanged' if before.get(path) == data else 'written'}")
    return 0
