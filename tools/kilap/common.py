"""Paths, settings and messages shared by every part of ./kilap (stdlib only)."""

import ast
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
STATE = REPO / ".kilap"
TOOLS = REPO / "tools"
PACKAGE = Path(__file__).resolve().parent

KILAP_ADDONS = [
    "kilap_activity",
    "kilap_attendance_geo",
    "kilap_scoring",
    "kilap_payroll_bridge",
]
ODOO_GIT = "https://github.com/odoo/odoo.git"
INSTALL_TAG = "kilap_install"


def run_logged(cmd, log, mode="w", cwd=None):
    """Run ``cmd`` with its output appended (``mode="a"``) or written to ``log``,
    the command line first; returns the CompletedProcess."""
    with open(log, mode) as fh:
        fh.write(f"\n$ {' '.join(str(part) for part in cmd)}\n")
        fh.flush()
        return subprocess.run(
            cmd,
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
            cwd=cwd,
        )


class KilapError(Exception):
    """An expected failure: printed as one clear message, no traceback."""


def say(msg=""):
    print(msg, flush=True)


def note(msg):
    print(f"kilap: {msg}", flush=True)


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


def tools_env(**extra):
    """The environment of a child that imports ``kilap.*`` (tools/ on PYTHONPATH)."""
    path = os.pathsep.join(filter(None, [str(TOOLS), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, **extra)


def discover_addons(directory):
    """Installable add-ons (a folder with __manifest__.py) in ``directory``."""
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
