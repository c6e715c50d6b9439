"""Odoo processes: render config/odoo.local.conf into .kilap/, run odoo-bin to a log
(install, update), and start or stop the demo server, threaded or prefork."""

import getpass
import os
import secrets
import signal
import socket
import string
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from kilap.common import REPO, STATE, KilapError, addons_dir, note, run_logged, tail
from kilap.env import site_packages, venv_python

PID_FILE = STATE / "server.pid"
SERVER_LOG = STATE / "server.log"
# Odoo's own defaults for a prefork server (odoo-bin --help): what a pemda runs
PREFORK_LIMITS = (
    "--limit-time-real=120",
    "--limit-time-cpu=60",
    f"--limit-memory-soft={2048 * 1024 * 1024}",
    f"--limit-memory-hard={2560 * 1024 * 1024}",
)


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
    """Render config/odoo.local.conf into .kilap/<name>; return (path, data_dir)."""
    STATE.mkdir(exist_ok=True)
    data_dir = STATE / "data"
    addons = [Path(odoo) / "addons", oca_addons_path(venv), addons_dir()]
    values = {
        "addons_path": ",".join(str(p) for p in addons),
        "data_dir": str(data_dir),
        "db_host": os.environ.get("PGHOST", ""),
        "db_port": os.environ.get("PGPORT", ""),
        "db_user": os.environ.get("PGUSER") or getpass.getuser(),
        "db_password": os.environ.get("PGPASSWORD", ""),
        "http_port": str(http_port),
        "admin_passwd": master_password(),
    }
    template = string.Template((REPO / "config" / "odoo.local.conf").read_text())
    out = STATE / name
    # an unset option is left out: Odoo 19 warns about "False" in a non-boolean one
    text = "".join(
        line
        for line in template.substitute(values).splitlines(keepends=True)
        if not line.rstrip().endswith("=") or line.lstrip().startswith(";")
    )
    out.write_text(text)
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
    cmd = odoo_cmd(odoo, venv, conf, "-d", db, *args, "--stop-after-init")
    cmd += ["--http-port", str(free_port())]
    return run_logged(cmd, log, cwd=str(STATE))


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


def port_busy_error(port):
    return KilapError(
        f"port {port} on 127.0.0.1 is busy (another Odoo?). Stop that process or choose another "
        f"port: KILAP_PORT=8070 ./kilap demo"
    )


def server_pid():
    try:
        pid = int(PID_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return None
    return pid if b"odoo-bin" in cmdline else None


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
    """Start odoo-bin in the background for ``db``; return its pid once it answers."""
    if not port_free(port):
        raise port_busy_error(port)
    cmd = odoo_cmd(odoo, venv, conf, "-d", db, f"--db-filter=^{db}$")
    cmd += ["--http-port", str(port), *prefork_args(workers, port)]
    log = open(SERVER_LOG, "a")  # noqa: SIM115 - handed to the child
    log.write(f"\n==== kilap demo {time.strftime('%Y-%m-%d %H:%M:%S')} ====\n")
    log.flush()
    proc = subprocess.Popen(
        cmd,
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
