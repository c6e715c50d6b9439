"""The pinned environment starts Odoo in prefork mode cleanly, websocket process
included (it crashed in a loop at import: pkg_resources could not find zope.*).

Runs where the venv has Odoo's requirements and ODOO_SRC holds Odoo 19; skipped
otherwise, like the Odoo stage.
"""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from kilap import common, env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gevent_dependencies_resolve():
    """What the websocket process does at import: pkg_resources finds them all."""
    pytest.importorskip("gevent")
    pkg_resources = pytest.importorskip("pkg_resources")
    pkg_resources.require("gevent")


def test_prefork_server_and_websocket_process_start(tmp_path):
    odoo = common.odoo_src_path()
    if not env.find_odoo(odoo):
        pytest.skip(f"no Odoo 19 at {odoo}")
    pytest.importorskip("gevent")
    http_port, gevent_port = free_port(), free_port()
    log = tmp_path / "odoo.log"
    server = subprocess.Popen(
        [
            sys.executable,
            str(odoo / "odoo-bin"),
            f"--addons-path={odoo / 'addons'}",
            "--workers=2",
            "--max-cron-threads=0",
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            "--db-filter=^kilap_no_such_db$",
            f"--logfile={log}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 60
        health = None
        while time.time() < deadline and health is None:
            time.sleep(1)
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{http_port}/web/health", timeout=5
                ) as response:
                    health = response.status
            except OSError:
                continue
        assert health == 200, log.read_text(errors="replace")[-3000:]
        # the websocket (gevent) process listens and stays up
        time.sleep(5)
        with socket.create_connection(("127.0.0.1", gevent_port), timeout=5):
            pass
        text = log.read_text(errors="replace")
        assert "DistributionNotFound" not in text, text[-3000:]
        assert "Traceback" not in text, text[-3000:]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
