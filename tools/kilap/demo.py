"""./kilap demo, stop and status: the demo database kilap_demo (created once with the
add-ons' demo data, then reused as it is) and its server, with one login per role."""

import os
import time

from kilap.common import (
    KILAP_ADDONS,
    REPO,
    STATE,
    KilapError,
    demo_port,
    note,
    odoo_src_path,
    say,
    tail,
    venv_path,
)
from kilap.db import db_exists, db_kilap_state, drop_db, ensure_postgres, pg_cursor
from kilap.env import find_odoo
from kilap.server import (
    SERVER_LOG,
    odoo_run_to_log,
    port_busy_error,
    port_free,
    render_config,
    server_pid,
    start_server,
    stop_server,
)

DEMO_DB = os.environ.get("KILAP_DEMO_DB") or "kilap_demo"
DEMO_LOGINS = [
    ("admin", "Administrator"),
    ("bkpsdm", "BKPSDM"),
    ("adminopd", "Admin OPD"),
    ("atasan", "Atasan (supervisor)"),
    ("pegawai", "Pegawai (staff)"),
    ("keuangan", "Keuangan (finance)"),
    ("bendahara", "Bendahara (treasurer)"),
    ("auditor", "Inspektorat (auditor)"),
]


def demo_users(db):
    logins = [login for login, _ in DEMO_LOGINS]
    with pg_cursor(db) as cr:
        cr.execute(
            "SELECT u.login, p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id "
            "WHERE u.login = ANY(%s) AND u.active",
            (logins,),
        )
        return dict(cr.fetchall())


def set_base_url(db, url):
    """The address the demo answers on, as Odoo's base URL: wkhtmltopdf fetches the
    PDF's styles there (the install ran on another, passing port)."""
    with pg_cursor(db) as cr:
        cr.execute(
            "UPDATE ir_config_parameter SET value = %s WHERE key = 'web.base.url'",
            (url,),
        )
        if not cr.rowcount:
            cr.execute(
                "INSERT INTO ir_config_parameter (key, value) "
                "VALUES ('web.base.url', %s)",
                (url,),
            )


def format_logins(rows):
    table = [("role", "login", "password", "name")]
    for login, role in DEMO_LOGINS:
        if login in rows:
            name = rows[login]
            if isinstance(name, dict):  # translatable jsonb
                name = name.get("en_US") or next(iter(name.values()), "")
            table.append((role, login, login, str(name)))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    missing = [login for login, _ in DEMO_LOGINS if login not in rows]
    if missing:
        lines.append(f"(not in this database yet: {', '.join(missing)})")
    return "\n".join(lines)


def install_demo_db(odoo, venv, conf, state, missing):
    """Create kilap_demo with every add-on and its demo data, or complete it."""
    to_install = KILAP_ADDONS if state == "absent" else missing
    log = STATE / "demo-install.log"
    note(
        f"{'creating' if state == 'absent' else 'completing'} database {DEMO_DB} with "
        f"{', '.join(to_install)} and demo data (a few minutes; log: {log}) ..."
    )
    started = time.time()
    proc = odoo_run_to_log(
        *(odoo, venv, conf, DEMO_DB, log, "-i", ",".join(to_install), "--with-demo"),
        # Indonesian with every module's terms, before the demo data gives it to the
        # demo company and logins (English stays in the user's preferences)
        "--load-language=id_ID",
    )
    created = state == "absent"
    state, missing = db_kilap_state(DEMO_DB)
    if proc.returncode or state != "complete":
        if created and db_exists(DEMO_DB):
            drop_db(
                DEMO_DB, STATE / "data"
            )  # a half-built demo: start afresh next time
        raise KilapError(
            f"installing the KILAP add-ons into {DEMO_DB} failed (exit {proc.returncode}); "
            f"last lines of {log}:\n{tail(log)}"
        )
    note(f"database {DEMO_DB} ready in {time.time() - started:.0f} s")


def cmd_demo(args, odoo, venv):
    ensure_postgres()
    port = demo_port()
    if server_pid():
        note("a KILAP server is already running; restarting it")
        stop_server(quiet=True)
    if not port_free(port):
        raise port_busy_error(port)
    conf, _data_dir = render_config(odoo, venv, port)
    state, missing = db_kilap_state(DEMO_DB)
    if state == "foreign":
        raise KilapError(
            f"database {DEMO_DB!r} exists but is not a KILAP database; drop or rename it "
            f"(dropdb {DEMO_DB}) and run ./kilap demo again"
        )
    if state in ("absent", "partial"):
        install_demo_db(odoo, venv, conf, state, missing)
    else:
        note(
            f"database {DEMO_DB} already has the KILAP add-ons; reusing it (nothing updated)"
        )
    set_base_url(DEMO_DB, f"http://127.0.0.1:{port}")
    pid = start_server(odoo, venv, conf, DEMO_DB, port, workers=args.workers)
    say()
    say(
        f"KILAP demo running at http://127.0.0.1:{port}  (pid {pid}, log {SERVER_LOG.relative_to(REPO)})"
    )
    say("Logins (password = login):")
    say(format_logins(demo_users(DEMO_DB)))
    say()
    say("Stop it with: ./kilap stop")
    return 0


def cmd_stop(_args):
    stop_server()
    return 0


def cmd_status(_args):
    pid = server_pid()
    say(f"server: {'running, pid %d' % pid if pid else 'stopped'}")
    say(
        f"ODOO_SRC: {odoo_src_path()} ({'Odoo 19' if find_odoo(odoo_src_path()) else 'no Odoo 19'})"
    )
    say(f"KILAP_VENV: {venv_path()}")
    return 0
