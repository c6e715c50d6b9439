"""PostgreSQL for ./kilap: reach the server (starting the machine's cluster or a
project-local one when it is down), and create, inspect and drop databases.
psycopg2 is imported only in stage 2 (the venv)."""

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

from kilap.common import KILAP_ADDONS, STATE, KilapError, note


def pg_params():
    """libpq parameters from the usual PG* variables (unset host: local socket)."""
    params = {"dbname": "postgres"}
    for key, var in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if os.environ.get(var):
            params[key] = os.environ[var]
    return params


def pg_connect(dbname="postgres"):
    import psycopg2  # noqa: PLC0415 - only in stage 2

    params = dict(pg_params(), dbname=dbname, connect_timeout=5)
    return psycopg2.connect(**params)


def pg_error():
    """None when PostgreSQL answers, else the one-line reason."""
    import psycopg2  # noqa: PLC0415

    try:
        pg_connect().close()
        return None
    except psycopg2.Error as exc:
        return " ".join(str(exc).split())


def local_cluster_dir():
    return STATE / "pgdata"


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def start_postgres():
    """Start the machine's cluster, else a project-local one under .kilap/."""
    conf_root = Path("/etc/postgresql")
    versions = sorted(p.name for p in conf_root.iterdir()) if conf_root.is_dir() else []
    if versions and shutil.which("pg_ctlcluster") and not os.environ.get("PGHOST"):
        version = versions[-1]
        note(f"PostgreSQL is down; starting cluster {version}/main")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
            stdin=subprocess.DEVNULL,
        )
        for _ in range(20):
            if pg_error() is None:
                return True
            time.sleep(0.5)
        return False
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    sock = STATE / "pgsock"
    if not (initdb and pg_ctl) or os.environ.get("PGHOST", str(sock)) != str(sock):
        return False
    if os.geteuid() == 0:
        return False  # initdb refuses to run as root
    data = local_cluster_dir()
    sock.mkdir(parents=True, exist_ok=True)
    if not (data / "PG_VERSION").is_file():
        note(f"creating a project-local PostgreSQL cluster in {data}")
        subprocess.run(
            [initdb, "-D", str(data), "-A", "trust", "-E", "UTF8", "--no-locale"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    note("starting the project-local PostgreSQL cluster")
    subprocess.run(
        [pg_ctl, "-D", str(data), "-l", str(STATE / "postgres.log"), "-w"]
        + ["-o", f"-k {sock} -c listen_addresses=''", "start"],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    os.environ["PGHOST"] = str(sock)
    return pg_error() is None


def ensure_postgres():
    reason = pg_error()
    if reason is None:
        return
    if start_postgres():
        return
    where = os.environ.get("PGHOST") or "the local socket"
    raise KilapError(
        f"PostgreSQL is unreachable at {where} ({reason}).\n"
        "  Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect <version> main start`) or point "
        "PGHOST/PGPORT/PGUSER/PGPASSWORD at a server where your user may create databases."
    )


@contextlib.contextmanager
def pg_cursor(dbname="postgres"):
    conn = pg_connect(dbname)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            yield cr
    finally:
        conn.close()


def db_exists(name):
    with pg_cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return bool(cr.fetchone())


def installed_modules(name, prefix=""):
    """Installed module names of database ``name`` (None: not an Odoo database)."""
    import psycopg2  # noqa: PLC0415

    try:
        with pg_cursor(name) as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cr.fetchone()[0]:
                return None
            cr.execute(
                "SELECT name FROM ir_module_module WHERE state = 'installed' AND name LIKE %s",
                (prefix + "%",),
            )
            return sorted(r[0] for r in cr.fetchall())
    except psycopg2.Error:
        return None


def db_kilap_state(name):
    """('absent'|'complete'|'partial'|'foreign', missing add-ons)."""
    if not db_exists(name):
        return "absent", []
    installed = installed_modules(name, "kilap")
    if not installed:
        return "foreign", []
    missing = [a for a in KILAP_ADDONS if a not in installed]
    return ("partial" if missing else "complete"), missing


def drop_db(name, data_dir):
    with pg_cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    shutil.rmtree(Path(data_dir) / "filestore" / name, ignore_errors=True)
