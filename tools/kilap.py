#!/usr/bin/env python3
"""KILAP for Odoo - project tooling behind ./kilap.

Stage 1 runs with any Python >= 3.10 (stdlib only): it finds Odoo 19 in ODOO_SRC and builds
or refreshes the virtual environment in KILAP_VENV.  Stage 2 re-executes this file with the
venv's Python (psycopg2 is then available) and does the real work.

Commands: demo, stop, status, test, lint, generate, bench.  See README.md and ``./kilap --help``.
"""

import argparse
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATE = REPO / ".kilap"
REQ = REPO / "requirements"
TOOLING_VERSION = "1"  # bump to force a venv refresh

KILAP_ADDONS = [
    "kilap_activity",
    "kilap_attendance_geo",
    "kilap_scoring",
    "kilap_payroll_bridge",
]
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
ODOO_GIT = "https://github.com/odoo/odoo.git"
INSTALL_TAG = "kilap_install"
# the pytest plugin name of pytest-odoo (entry point "odoo" in its dist-info)
PYTEST_ODOO_PLUGIN = "odoo"


class KilapError(Exception):
    """An expected failure: printed as one clear message, no traceback."""


def say(msg=""):
    print(msg, flush=True)


def note(msg):
    print(f"kilap: {msg}", flush=True)


# --------------------------------------------------------------------------- settings


def env_path(name, default):
    value = os.environ.get(name) or default
    return Path(os.path.expanduser(value))


def odoo_src_path():
    return env_path("ODOO_SRC", "~/.cache/kilap/odoo-19.0")


def venv_path():
    return env_path("KILAP_VENV", "~/.cache/kilap/venv")


def addons_dir():
    return env_path("KILAP_ADDONS_DIR", str(REPO / "addons"))


def demo_port():
    return int(os.environ.get("KILAP_PORT") or 8069)


def no_odoo_hint(path):
    return (
        f"no Odoo 19 at {path} (set ODOO_SRC to an Odoo 19 source tree, e.g. "
        f"`git clone --depth 1 --branch 19.0 {ODOO_GIT} <dir>` then "
        f"`ODOO_SRC=<dir> ./kilap ...`)"
    )


# --------------------------------------------------------------------------- Odoo tree


def odoo_version(src):
    """Return the (major, minor) of the Odoo tree at ``src`` or None."""
    src = Path(src)
    release = src / "odoo" / "release.py"
    if not (src / "odoo-bin").is_file() or not release.is_file():
        return None
    match = re.search(
        r"^version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)",
        release.read_text(errors="replace"),
        re.M,
    )
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


def find_odoo(src):
    version = odoo_version(src)
    return Path(src) if version and version[0] == 19 else None


def online(host="github.com", port=443, timeout=5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def download_odoo(src):
    """Clone Odoo's official 19.0 branch into ``src`` (demo only)."""
    src = Path(src)
    if src.exists() and any(src.iterdir()):
        raise KilapError(
            f"{src} exists but is not an Odoo 19 source tree; "
            + no_odoo_hint(src).split(" (", 1)[1].rstrip(")")
        )
    if not shutil.which("git") or not online():
        raise KilapError(
            "Odoo 19 not found and github.com is not reachable (offline?).\n"
            "  " + no_odoo_hint(src)
        )
    note(f"downloading Odoo 19.0 source into {src} (about 1 GB, a few minutes) ...")
    src.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    # abort when the transfer stalls below 1 kB/s for 60 s, give up after 30 minutes
    env.setdefault("GIT_HTTP_LOW_SPEED_LIMIT", "1000")
    env.setdefault("GIT_HTTP_LOW_SPEED_TIME", "60")
    tmp = src.with_name(src.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        proc = subprocess.run(
            [
                "git",
                "clone",
                "--quiet",
                "--depth",
                "1",
                "--branch",
                "19.0",
                ODOO_GIT,
                str(tmp),
            ],
            env=env,
            timeout=1800,
            check=False,
        )
    except subprocess.TimeoutExpired:
        proc = None
    if proc is None or proc.returncode != 0 or not find_odoo(tmp):
        shutil.rmtree(tmp, ignore_errors=True)
        raise KilapError("downloading Odoo failed.\n  " + no_odoo_hint(src))
    tmp.rename(src)
    return src


# --------------------------------------------------------------------------- requirements


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_overrides(text):
    """``{normalized name: [replacement lines]}`` from requirements/odoo-overrides.txt."""
    overrides = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if "=>" not in line:
            raise KilapError(f"requirements/odoo-overrides.txt: bad line {raw!r}")
        name, repl = (part.strip() for part in line.split("=>", 1))
        overrides.setdefault(normalize(name), [])
        if repl:
            overrides[normalize(name)].append(repl)
    return overrides


REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def filter_requirements(odoo_text, overrides):
    """Odoo's requirements.txt with the overridden packages replaced."""
    out = [
        "# generated by ./kilap from ODOO_SRC/requirements.txt + requirements/odoo-overrides.txt"
    ]
    for raw in odoo_text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = REQ_NAME.match(line)
        if match and normalize(match.group(1)) in overrides:
            continue
        out.append(line)
    for repls in overrides.values():
        for repl in repls:
            if repl not in out:
                out.append(repl)
    return "\n".join(out) + "\n"


def venv_python(venv):
    return Path(venv) / "bin" / "python"


def site_packages(venv):
    py = venv_python(venv)
    out = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def requirements_stamp(odoo):
    digest = hashlib.sha256()
    digest.update(f"{TOOLING_VERSION} {sys.version_info[:3]} {odoo}\n".encode())
    files = [
        REQ / "bootstrap.txt",
        REQ / "dev.txt",
        REQ / "oca-addons.txt",
        REQ / "odoo-overrides.txt",
    ]
    if odoo:
        files.append(Path(odoo) / "requirements.txt")
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def pip(venv, args, log):
    cmd = [
        str(venv_python(venv)),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        *args,
    ]
    with open(log, "a") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n")
        fh.flush()
        proc = subprocess.run(
            cmd,
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    if proc.returncode:
        tail = "".join(Path(log).read_text(errors="replace").splitlines(True)[-25:])
        raise KilapError(
            f"pip install failed ({' '.join(args)}); last lines of {log}:\n{tail}"
        )


def ensure_venv(odoo):
    """Create/refresh KILAP_VENV; skip the install when the stamp matches."""
    venv = venv_path()
    py = venv_python(venv)
    wanted = f"{sys.version_info[0]}.{sys.version_info[1]}"
    if py.exists():
        probe = subprocess.run(
            [str(py), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode or probe.stdout.strip() != wanted:
            note(
                f"virtual environment {venv} is broken or uses another Python; recreating it"
            )
            shutil.rmtree(venv)
    stamp_file = venv / ".kilap-stamp"
    stamp = requirements_stamp(odoo)
    if not py.exists():
        note(f"creating virtual environment {venv} (Python {wanted})")
        venv.parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        if proc.returncode:
            raise KilapError(
                f"could not create a virtual environment in {venv} "
                "(on Debian/Ubuntu: apt-get install python3-venv)"
            )
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
        write_odoo_pth(venv, odoo)
        return venv
    STATE.mkdir(exist_ok=True)
    log = STATE / "pip.log"
    log.write_text("")
    started = time.time()
    note(
        f"installing Python requirements into {venv} "
        f"({'Odoo 19 + ' if odoo else ''}tooling; log: {log}) ..."
    )
    stamp_file.unlink(missing_ok=True)
    pip(venv, ["-q", "-r", str(REQ / "bootstrap.txt")], log)
    constraints = []
    if odoo:
        overrides = parse_overrides((REQ / "odoo-overrides.txt").read_text())
        filtered = venv / "kilap-odoo-requirements.txt"
        filtered.write_text(
            filter_requirements(
                (Path(odoo) / "requirements.txt").read_text(), overrides
            )
        )
        pip(venv, ["-q", "--no-build-isolation", "-r", str(filtered)], log)
        constraints = ["-c", str(filtered)]
    pip(venv, ["-q", "-r", str(REQ / "dev.txt"), *constraints], log)
    pip(venv, ["-q", "--no-deps", "-r", str(REQ / "oca-addons.txt")], log)
    write_odoo_pth(venv, odoo)
    stamp_file.write_text(stamp + "\n")
    note(f"requirements installed in {time.time() - started:.0f} s")
    return venv


def write_odoo_pth(venv, odoo):
    """Make ODOO_SRC importable: namespace package ``odoo`` merges with the OCA wheels."""
    pth = site_packages(venv) / "kilap-odoo-src.pth"
    if odoo:
        content = f"{Path(odoo).resolve()}\n"
        if not pth.is_file() or pth.read_text() != content:
            pth.write_text(content)
    else:
        pth.unlink(missing_ok=True)


def reexec_in_venv(venv, argv):
    py = venv_python(venv)
    env = dict(os.environ, KILAP_STAGE="2", KILAP_BASE_PYTHON=sys.executable)
    env.pop("PYTHONHOME", None)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(str(py), [str(py), str(Path(__file__).resolve()), *argv], env)


# --------------------------------------------------------------------------- PostgreSQL


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
    if not (initdb and pg_ctl) or os.environ.get(
        "PGHOST", str(STATE / "pgsock")
    ) != str(STATE / "pgsock"):
        return False
    if os.geteuid() == 0:
        return False  # initdb refuses to run as root
    data, sock = local_cluster_dir(), STATE / "pgsock"
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
        [
            pg_ctl,
            "-D",
            str(data),
            "-l",
            str(STATE / "postgres.log"),
            "-w",
            "-o",
            f"-k {sock} -c listen_addresses=''",
            "start",
        ],
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


# --------------------------------------------------------------------------- Odoo config


def oca_addons_path(venv):
    return site_packages(venv) / "odoo" / "addons"


def master_password():
    path = STATE / "master-password"
    if not path.is_file():
        STATE.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(24) + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


def render_config(odoo, venv, http_port, name="odoo.conf"):
    """Render config/odoo.local.conf into .kilap/<name> and return its path."""
    import getpass  # noqa: PLC0415

    STATE.mkdir(exist_ok=True)
    data_dir = STATE / "data"
    addons = [Path(odoo) / "addons", oca_addons_path(venv), addons_dir()]
    values = {
        "addons_path": ",".join(str(p) for p in addons),
        "data_dir": str(data_dir),
        "db_host": os.environ.get("PGHOST") or "False",
        "db_port": os.environ.get("PGPORT") or "False",
        "db_user": os.environ.get("PGUSER") or getpass.getuser(),
        "db_password": os.environ.get("PGPASSWORD") or "False",
        "http_port": str(http_port),
        "admin_passwd": master_password(),
    }
    template = string.Template((REPO / "config" / "odoo.local.conf").read_text())
    out = STATE / name
    out.write_text(template.substitute(values))
    out.chmod(0o600)
    return out, data_dir


def odoo_cmd(odoo, venv, conf, *args):
    return [
        str(venv_python(venv)),
        str(Path(odoo) / "odoo-bin"),
        "-c",
        str(conf),
        *args,
    ]


def odoo_run_to_log(odoo, venv, conf, db, log, *args):
    """Run ``odoo-bin -d db *args --stop-after-init``, Odoo's output going to ``log``."""
    with open(log, "w") as fh:
        return subprocess.run(
            odoo_cmd(
                odoo,
                venv,
                conf,
                "-d",
                db,
                *args,
                "--stop-after-init",
                "--http-port",
                str(free_port()),
            ),
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
            cwd=str(STATE),
        )


def port_free(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
            return True
        except OSError:
            return False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def discover_addons(directory):
    """Installable add-ons (a folder with __manifest__.py) in ``directory``."""
    import ast  # noqa: PLC0415

    found = []
    if not Path(directory).is_dir():
        return found
    for manifest in sorted(Path(directory).glob("*/__manifest__.py")):
        try:
            data = ast.literal_eval(manifest.read_text())
        except (SyntaxError, ValueError):
            data = {}
        if data.get("installable", True):
            found.append(manifest.parent.name)
    return found


def tail(path, lines=40):
    try:
        return "".join(Path(path).read_text(errors="replace").splitlines(True)[-lines:])
    except OSError:
        return ""


# --------------------------------------------------------------------------- server


PID_FILE = STATE / "server.pid"
SERVER_LOG = STATE / "server.log"


def server_pid():
    try:
        pid = int(PID_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        cmdline = (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode(errors="replace")
        )
    except OSError:
        return None
    return pid if "odoo-bin" in cmdline else None


def stop_server(quiet=False):
    pid = server_pid()
    if not pid:
        PID_FILE.unlink(missing_ok=True)
        if not quiet:
            note("no KILAP server is running")
        return False
    os.kill(pid, signal.SIGTERM)
    for _ in range(60):
        if not server_pid():
            break
        time.sleep(0.25)
    else:
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
    PID_FILE.unlink(missing_ok=True)
    if not quiet:
        note(f"stopped the KILAP server (pid {pid})")
    return True


# Odoo's own defaults for a prefork server (odoo-bin --help): what a pemda runs
PREFORK_LIMITS = (
    "--limit-time-real=120",
    "--limit-time-cpu=60",
    f"--limit-memory-soft={2048 * 1024 * 1024}",
    f"--limit-memory-hard={2560 * 1024 * 1024}",
)


def prefork_args(workers, port):
    """``odoo-bin`` options of a prefork demo: N HTTP workers, one cron worker,
    the websocket (gevent) process on ``port + 1`` and Odoo's default limits;
    queue_job's runner starts in the main process (server_wide_modules)."""
    if not workers:
        return []
    if not port_free(port + 1):
        raise KilapError(f"port {port + 1} (websocket process) on 127.0.0.1 is busy")
    return [
        f"--workers={workers}",
        "--max-cron-threads=1",
        f"--gevent-port={port + 1}",
        *PREFORK_LIMITS,
    ]


def start_server(odoo, venv, conf, db, port, workers=0):
    if not port_free(port):
        raise KilapError(
            f"port {port} on 127.0.0.1 is busy (another Odoo?). Stop that process or choose another "
            f"port: KILAP_PORT=8070 ./kilap demo"
        )
    log = open(SERVER_LOG, "a")  # noqa: SIM115 - handed to the child
    log.write(f"\n==== kilap demo {time.strftime('%Y-%m-%d %H:%M:%S')} ====\n")
    log.flush()
    proc = subprocess.Popen(
        odoo_cmd(
            odoo,
            venv,
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--http-port",
            str(port),
            *prefork_args(workers, port),
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        cwd=str(STATE),
    )
    log.close()
    PID_FILE.write_text(f"{proc.pid}\n")
    url = f"http://127.0.0.1:{port}/web/login"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            PID_FILE.unlink(missing_ok=True)
            raise KilapError(
                f"the Odoo server exited (code {proc.returncode}); last lines of {SERVER_LOG}:\n"
                + tail(SERVER_LOG)
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return proc.pid
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise KilapError(
        f"the Odoo server did not answer on {url} within 120 s; see {SERVER_LOG}"
    )


def demo_users(db):
    logins = [login for login, _ in DEMO_LOGINS]
    with pg_cursor(db) as cr:
        cr.execute(
            "SELECT u.login, p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id "
            "WHERE u.login = ANY(%s) AND u.active",
            (logins,),
        )
        return dict(cr.fetchall())


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


# --------------------------------------------------------------------------- commands


def cmd_demo(args, odoo, venv):
    ensure_postgres()
    port = demo_port()
    if server_pid():
        note("a KILAP server is already running; restarting it")
        stop_server(quiet=True)
    if not port_free(port):
        raise KilapError(
            f"port {port} on 127.0.0.1 is busy (another Odoo?). Stop that process or choose another "
            f"port: KILAP_PORT=8070 ./kilap demo"
        )
    conf, _data_dir = render_config(odoo, venv, port)
    state, missing = db_kilap_state(DEMO_DB)
    if state == "foreign":
        raise KilapError(
            f"database {DEMO_DB!r} exists but is not a KILAP database; drop or rename it "
            f"(dropdb {DEMO_DB}) and run ./kilap demo again"
        )
    if state in ("absent", "partial"):
        to_install = KILAP_ADDONS if state == "absent" else missing
        log = STATE / "demo-install.log"
        note(
            f"{'creating' if state == 'absent' else 'completing'} database {DEMO_DB} with "
            f"{', '.join(to_install)} and demo data (a few minutes; log: {log}) ..."
        )
        started = time.time()
        proc = odoo_run_to_log(
            odoo, venv, conf, DEMO_DB, log, "-i", ",".join(to_install), "--with-demo"
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
    else:
        note(
            f"database {DEMO_DB} already has the KILAP add-ons; reusing it (nothing updated)"
        )
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


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []

    def add(self, passed=0, failed=0, skipped=0, label=None):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        if failed and label:
            self.failures.append(label)

    def line(self):
        return (
            f"kilap: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"
        )


def run_step(label, cmd, tally, cwd=REPO):
    say(f"---- {label}")
    proc = subprocess.run(cmd, cwd=str(cwd), stdin=subprocess.DEVNULL, check=False)
    if proc.returncode == 0:
        tally.add(passed=1)
    else:
        tally.add(failed=1, label=label)
        say(f"---- {label}: FAILED (exit {proc.returncode})")
    return proc.returncode


def lint(venv, tally, fix=False):
    """ruff (add-ons, tools, tests) and pylint-odoo (add-ons); one check each."""
    target = addons_dir()
    modules = [str(Path(target) / a) for a in discover_addons(target)]
    paths = [
        str(p) for p in (Path(target), REPO / "tools", REPO / "tests") if p.is_dir()
    ]
    bindir = Path(venv) / "bin"
    ruff = str(bindir / "ruff")
    if fix:
        subprocess.run([ruff, "check", "--fix", *paths], cwd=str(REPO), check=False)
        subprocess.run([ruff, "format", *paths], cwd=str(REPO), check=False)
    run_step("ruff check", [ruff, "check", "--no-fix", *paths], tally)
    run_step("ruff format --check", [ruff, "format", "--check", *paths], tally)
    if not modules:
        say(f"---- pylint-odoo: no add-ons in {target}")
        tally.add(skipped=1)
        return
    fmt = "colorized" if sys.stdout.isatty() else "text"
    run_step(
        "pylint-odoo (.pylintrc)",
        [
            str(bindir / "pylint"),
            f"--rcfile={REPO / '.pylintrc'}",
            f"--output-format={fmt}",
            *modules,
        ],
        tally,
    )


def junit_counts(path):
    """(passed, failed, skipped) from a pytest junit xml file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failures = errors = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0))
        errors += int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failures - errors - skipped, failures + errors, skipped


def pytest_step(label, cmd, junit, tally, env=None):
    say(f"---- {label}")
    Path(junit).unlink(missing_ok=True)
    proc = subprocess.run(
        [*cmd, f"--junitxml={junit}"],
        cwd=str(REPO),
        stdin=subprocess.DEVNULL,
        check=False,
        env=env,
    )
    counts = junit_counts(junit) if proc.returncode != 5 else (0, 0, 0)
    if counts is None:
        counts = (0, 0, 0)
    passed, failed, skipped = counts
    if proc.returncode not in (0, 5) and not failed:
        failed = 1  # usage error, crash or interrupted run: count the step itself
    tally.add(passed, failed, skipped, label=label if failed else None)
    if proc.returncode == 5:
        say(f"---- {label}: no tests collected")
    return proc.returncode


ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def install_test_counts(log_text):
    failed = errors = total = 0
    for match in ODOO_RESULT.finditer(log_text):
        failed += int(match.group(1))
        errors += int(match.group(2))
        total += int(match.group(3))
    return total - failed - errors, failed + errors


def odoo_tests(args, odoo, venv, tally):
    target = addons_dir()
    available = discover_addons(target)
    selected = args.addons.split(",") if args.addons else available
    selected = [a.strip() for a in selected if a.strip()]
    unknown = [a for a in selected if a not in available]
    if unknown:
        raise KilapError(
            f"no add-on {', '.join(unknown)} in {target} (have: {', '.join(available) or 'none'})"
        )
    if not selected:
        say(f"---- odoo: no add-ons in {target}")
        tally.add(skipped=1)
        return
    try:
        ensure_postgres()
    except KilapError as exc:
        say(f"error: {exc}")
        tally.add(failed=1, label="PostgreSQL")
        return
    db = f"kilap_test_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    conf, data_dir = render_config(odoo, venv, free_port(), name="odoo-test.conf")
    log = STATE / "test-install.log"
    try:
        say(
            f"---- odoo install: {', '.join(selected)} + demo into throwaway database {db}"
            f" (--test-enable --test-tags {INSTALL_TAG}; log: {log.relative_to(REPO)})"
        )
        started = time.time()
        proc = odoo_run_to_log(
            odoo,
            venv,
            conf,
            db,
            log,
            "-i",
            ",".join(selected),
            "--with-demo",
            "--test-enable",
            "--test-tags",
            INSTALL_TAG,
            "--log-level",
            "info",
        )
        text = log.read_text(errors="replace")
        passed, failed = install_test_counts(text)
        installed = installed_modules(db) if db_exists(db) else None
        missing = [a for a in selected if a not in (installed or [])]
        tally.add(passed=passed, failed=failed, label=f"{INSTALL_TAG} tests")
        if missing:
            tally.add(failed=1, label="odoo install")
            errors = [
                ln for ln in text.splitlines() if " ERROR " in ln or " CRITICAL " in ln
            ][-15:]
            say(
                f"---- odoo install: FAILED (exit {proc.returncode}, not installed: {', '.join(missing)}); "
                f"errors from {log}:"
            )
            say("\n".join(errors) or tail(log))
            return
        # the install itself counts as one check
        tally.add(passed=1)
        if proc.returncode and not failed:
            tally.add(
                failed=1, label=f"odoo install (exit {proc.returncode}, see {log})"
            )
        say(
            f"---- odoo install: done in {time.time() - started:.0f} s "
            f"({passed} {INSTALL_TAG} tests passed, {failed} failed)"
        )
        dirs = [
            str(Path(target) / a / "tests")
            for a in selected
            if (Path(target) / a / "tests").is_dir()
        ]
        scenarios = REPO / "tests" / "scenarios"
        if not args.addons and any(scenarios.glob("test_*.py")):
            dirs.append(str(scenarios))
        if not dirs:
            say("---- odoo tests: no tests/ folder in the selected add-ons")
            return
        pytest_step(
            "odoo tests (pytest-odoo --odoo-http): "
            + " ".join(
                str(Path(d).relative_to(REPO)) if Path(d).is_relative_to(REPO) else d
                for d in dirs
            ),
            [
                str(venv_python(venv)),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-o",
                "addopts=",
                "-p",
                "kilap_pytest",
                f"--odoo-config={conf}",
                f"--odoo-database={db}",
                "--odoo-http",
                "--odoo-log-level=error",
                "-q",
                "-rfEs",
                *dirs,
            ],
            STATE / "junit-odoo.xml",
            tally,
            env=dict(
                os.environ,
                PYTHONPATH=os.pathsep.join(
                    filter(None, [str(REPO / "tools"), os.environ.get("PYTHONPATH")])
                ),
            ),
        )
    finally:
        if args.keep_db:
            note(f"kept database {db} (--keep-db); drop it with: dropdb {db}")
        else:
            try:
                drop_db(db, data_dir)
            except Exception as exc:  # noqa: BLE001 - report, never hide the summary
                say(f"warning: could not drop {db}: {exc}")


def cmd_test(args, odoo, venv):
    tally = Tally()
    if not args.no_lint and not args.addons:
        lint(venv, tally)
    if not args.addons:
        pytest_step(
            "plain pytest (tests/, no Odoo)",
            [
                str(venv_python(venv)),
                "-m",
                "pytest",
                "-p",
                f"no:{PYTEST_ODOO_PLUGIN}",
                "-p",
                "no:cacheprovider",
                "-q",
                "-rfEs",
                "tests",
                "--ignore=tests/scenarios",
            ],
            STATE / "junit-plain.xml",
            tally,
        )
    if odoo:
        odoo_tests(args, odoo, venv, tally)
    else:
        say(
            f"skipped: no Odoo 19 at {odoo_src_path()} (set ODOO_SRC to an Odoo 19 source tree)"
        )
        tally.add(skipped=1)
    if tally.failures:
        say(f"failed steps: {', '.join(tally.failures)}")
    say(tally.line())
    return 1 if tally.failed else 0


def cmd_lint(args, venv):
    tally = Tally()
    lint(venv, tally, fix=args.fix)
    say(tally.line())
    return 1 if tally.failed else 0


# --------------------------------------------------------------------------- generate / bench

BENCH_PORT = int(os.environ.get("KILAP_BENCH_PORT") or 8175)
BENCH_SIZES = {"b1": (1000, 5000), "b3": (1000,), "b4": (1000,)}


def tool_cmd(venv, script, *args):
    return [str(venv_python(venv)), str(REPO / "tools" / script), *args]


def addons_stamp():
    """Fingerprint of the add-ons' files: the bench template is rebuilt when it changes."""
    digest = hashlib.sha256()
    for path in sorted(addons_dir().rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def install_kilap_db(odoo, venv, conf, db, log):
    """A database with the four add-ons (no demo data); copied from kilap_bench_base."""
    template = "kilap_bench_base"
    stamp_file = STATE / "bench-template.stamp"
    stamp = addons_stamp()
    fresh = stamp_file.is_file() and stamp_file.read_text() == stamp
    if db != template and (db_kilap_state(template)[0] != "complete" or not fresh):
        install_kilap_db(odoo, venv, conf, template, log)
        stamp_file.write_text(stamp)
    if db != template:
        with pg_cursor() as cr:
            cr.execute(f'CREATE DATABASE "{db}" TEMPLATE "{template}"')
        return
    if db_exists(db):
        drop_db(db, STATE / "data")
    note(f"installing the KILAP add-ons into {db} (log: {log})")
    proc = odoo_run_to_log(odoo, venv, conf, db, log, "-i", ",".join(KILAP_ADDONS))
    if proc.returncode or db_kilap_state(db)[0] != "complete":
        raise KilapError(f"installing the add-ons into {db} failed; see {log}")


def cmd_generate(args, odoo, venv):
    ensure_postgres()
    conf, _data = render_config(odoo, venv, BENCH_PORT, name="bench.conf")
    db = args.db or f"kilap_bench_n{args.employees}"
    state, _missing = db_kilap_state(db)
    if state == "foreign":
        raise KilapError(f"database {db!r} is not a KILAP database")
    if state != "complete":
        install_kilap_db(odoo, venv, conf, db, STATE / "bench-install.log")
    extra = ["--month", args.month] if args.month else []
    proc = subprocess.run(
        tool_cmd(
            venv,
            "kilap_generate.py",
            "-c",
            str(conf),
            "-d",
            db,
            "--employees",
            str(args.employees),
            "--days",
            str(args.days),
            "--seed",
            str(args.seed),
            "--users",
            str(args.users),
            *extra,
        ),
        check=False,
        cwd=str(STATE),
    )
    return proc.returncode


def generated_db(odoo, venv, size, seed=1, days=22):
    """kilap_bench_n<size>, generated once (reused by later runs)."""
    db = f"kilap_bench_n{size}"
    if db_kilap_state(db)[0] == "complete":
        with pg_cursor(db) as cr:
            cr.execute(
                "SELECT count(*) FROM res_company WHERE name LIKE 'Pemkab Gorontalo Utara (gen %%'"
            )
            generated = cr.fetchone()[0]
        if generated:
            stamp_file = STATE / f"bench-{db}.stamp"
            stamp = addons_stamp()
            if not stamp_file.is_file() or stamp_file.read_text() != stamp:
                update_kilap_db(
                    odoo, venv, db
                )  # add-ons changed since: update in place
                stamp_file.write_text(stamp)
            return db
        drop_db(db, STATE / "data")
    elif db_exists(db):
        drop_db(db, STATE / "data")
    args = argparse.Namespace(
        db=db, employees=size, days=days, seed=seed, users=200, month="2026-10"
    )
    if cmd_generate(args, odoo, venv):
        raise KilapError(f"generating {db} failed")
    (STATE / f"bench-{db}.stamp").write_text(addons_stamp())
    return db


def update_kilap_db(odoo, venv, db):
    conf, _data = render_config(odoo, venv, BENCH_PORT, name="bench.conf")
    log = STATE / "bench-update.log"
    note(f"updating the KILAP add-ons in {db} (log: {log})")
    proc = odoo_run_to_log(odoo, venv, conf, db, log, "-u", ",".join(KILAP_ADDONS))
    if proc.returncode:
        raise KilapError(f"updating the add-ons in {db} failed; see {log}")


def cmd_bench(args, odoo, venv):
    ensure_postgres()
    conf, _data = render_config(odoo, venv, BENCH_PORT, name="bench.conf")
    which = ["b1", "b3", "b4", "b2"] if args.which == "all" else [args.which]
    code = 0
    for bench in which:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
        if bench == "b2":
            db = generated_db(odoo, venv, (sizes or [300])[0])
            cmd = tool_cmd(
                venv,
                "kilap_bench_http.py",
                "-c",
                str(conf),
                "-d",
                db,
                "--port",
                str(BENCH_PORT),
                "--odoo-bin",
                str(Path(odoo) / "odoo-bin"),
            )
            code |= subprocess.run(cmd, check=False, cwd=str(STATE)).returncode
            continue
        for size in sizes or BENCH_SIZES[bench]:
            db = generated_db(odoo, venv, size)
            cmd = tool_cmd(
                venv,
                "kilap_bench.py",
                "-c",
                str(conf),
                "-d",
                db,
                bench,
                "--label",
                f"{size}{('-' + args.label) if args.label else ''}",
                *(["--queries"] if args.queries else []),
            )
            code |= subprocess.run(cmd, check=False, cwd=str(STATE)).returncode
    return code


# --------------------------------------------------------------------------- main


def build_parser():
    parser = argparse.ArgumentParser(
        prog="./kilap",
        description="KILAP for Odoo: demo server and test runner.",
        epilog="Environment: ODOO_SRC, KILAP_VENV, KILAP_PORT, PGHOST/PGPORT/PGUSER/PGPASSWORD.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser(
        "demo", help="create/reuse database kilap_demo and start Odoo on 127.0.0.1:8069"
    )
    demo.add_argument(
        "--workers",
        type=int,
        default=0,
        help="prefork mode with N HTTP workers, Odoo's default limits and the "
        "websocket process on the next port (default: one threaded process)",
    )
    sub.add_parser("stop", help="stop the demo server")
    sub.add_parser("status", help="show server, ODOO_SRC and venv")
    test = sub.add_parser(
        "test", help="lint, plain pytest, then the Odoo suite on a throwaway database"
    )
    test.add_argument(
        "--addons",
        help="comma-separated add-ons whose Odoo tests to run (skips lint and plain tests)",
    )
    test.add_argument(
        "--no-lint", action="store_true", help="skip ruff and pylint-odoo"
    )
    test.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the throwaway database for inspection",
    )
    gen = sub.add_parser(
        "generate",
        help="fill a database with a generated pemda (tools/kilap_generate.py)",
    )
    gen.add_argument("--employees", type=int, default=1000)
    gen.add_argument("--days", type=int, default=22, help="working days of check-ins")
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--db", help="database (default kilap_bench_n<employees>)")
    gen.add_argument(
        "--month", help="YYYY-MM of the first working day (default: last month)"
    )
    gen.add_argument(
        "--users", type=int, default=200, help="users to create (supervisors first)"
    )
    bench = sub.add_parser("bench", help="benchmarks B1-B4 (see BENCHMARKS.md)")
    bench.add_argument("which", choices=["b1", "b2", "b3", "b4", "all"])
    bench.add_argument(
        "--sizes", help="employees, comma-separated (B1 default 1000,5000)"
    )
    bench.add_argument("--label", default="", help="suffix of the JSON file names")
    bench.add_argument(
        "--queries",
        action="store_true",
        help="B1/B3/B4: count queries per shape (INSERT INTO x, SELECT y) and print the top",
    )
    lint_p = sub.add_parser("lint", help="ruff + pylint-odoo on addons/")
    lint_p.add_argument(
        "--fix", action="store_true", help="let ruff fix and format first"
    )
    return parser


def main(argv):
    args = build_parser().parse_args(argv)
    if sys.version_info < (3, 10):  # noqa: UP036 - stage 1 runs on any python3
        raise KilapError(
            f"Python >= 3.10 is needed (this is {sys.version.split()[0]}); set KILAP_PYTHON"
        )
    if args.command == "stop":
        return cmd_stop(args)
    if args.command == "status":
        return cmd_status(args)
    src = odoo_src_path()
    odoo = find_odoo(src)
    if args.command == "demo" and not odoo:
        odoo = download_odoo(src)
    venv = venv_path()
    if os.environ.get("KILAP_STAGE") != "2":
        ensure_venv(odoo)
        reexec_in_venv(venv, argv)
    if args.command == "demo":
        return cmd_demo(args, odoo, venv)
    if args.command == "lint":
        return cmd_lint(args, venv)
    if args.command in ("generate", "bench"):
        if not odoo:
            raise KilapError(no_odoo_hint(src))
        return (cmd_generate if args.command == "generate" else cmd_bench)(
            args, odoo, venv
        )
    return cmd_test(args, odoo, venv)


def entry():
    try:
        code = main(sys.argv[1:])
    except KilapError as exc:
        print(f"kilap: error: {exc}", file=sys.stderr, flush=True)
        code = 2
    except KeyboardInterrupt:
        print("kilap: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    entry()
