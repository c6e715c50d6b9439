"""The processes of a local Odoo cluster for ``./kilap bench nodes|faults|close``:
Odoo nodes in prefork mode on one database and one file store, HAProxy in front of
them for queue_job's runner, the peak memory of every worker, and PostgreSQL restarts.

Runs in the venv (``python -m kilap.bench.close``), beside an imported Odoo whose
``odoo-bin`` it starts."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from kilap.bench.measure import OUT

# Odoo's own defaults for a prefork server, as a pemda runs it
LIMITS = (
    "--limit-time-real=120",
    "--limit-time-cpu=60",
    f"--limit-memory-soft={2048 * 1024 * 1024}",
    f"--limit-memory-hard={2560 * 1024 * 1024}",
)


def wait_http(url, proc, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{url}: the process exited (code {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Node:
    """One Odoo server: ``workers`` HTTP workers, no cron, the websocket process,
    queue_job's runner (one of the nodes' runners is active) dispatching to
    ``dispatch_port`` with ``kilap_slots`` KILAP jobs at a time."""

    def __init__(self, name, config, db, port, workers, dispatch_port, kilap_slots):
        self.name, self.port = name, port
        from odoo import release  # noqa: PLC0415

        odoo_bin = Path(release.__file__).resolve().parent.parent / "odoo-bin"
        cmd = [sys.executable, str(odoo_bin), "-c", str(config)]
        cmd += ["-d", db, "--db-filter", f"^{db}$", "--http-interface", "127.0.0.1"]
        cmd += ["--http-port", str(port), "--gevent-port", str(port + 1)]
        cmd += ["--workers", str(workers), "--max-cron-threads", "0", *LIMITS]
        cmd += ["--load", "base,web,queue_job", "--log-level", "warn"]
        env = dict(
            os.environ,
            ODOO_QUEUE_JOB_HOST="127.0.0.1",
            ODOO_QUEUE_JOB_PORT=str(dispatch_port),
            ODOO_QUEUE_JOB_CHANNELS=f"root:{kilap_slots},root.kilap:{kilap_slots}",
        )
        OUT.mkdir(parents=True, exist_ok=True)
        self.log_path = OUT / f"node-{name}.log"
        log = open(self.log_path, "w")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        wait_http(f"http://127.0.0.1:{port}/web/health", self.proc)
        self.warm(db, workers)

    def warm(self, db, workers):
        """Have every worker load the registry before the clock starts."""
        url = f"http://127.0.0.1:{self.port}/web/login?db={db}"
        threads = [
            threading.Thread(target=wait_http, args=(url, self.proc))
            for _ in range(workers * 3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def processes(self):
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def workers(self):
        """The HTTP workers (children that are not the websocket process)."""
        return [
            p
            for p in self.processes()[1:]
            if "gevent" not in p.cmdline()[:3] and p.status() != "zombie"
        ]

    def kill(self):
        """``kill -9`` the whole node: master, workers, runner."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


class Proxy:
    """HAProxy on ``port``, round-robin over the nodes' HTTP ports (the job runner's
    dispatch address), with a health check so a dead node is skipped."""

    def __init__(self, port, nodes_ports):
        haproxy = shutil.which("haproxy")
        if not haproxy:
            raise SystemExit(
                "haproxy is not installed (Debian: apt-get install haproxy)"
            )
        servers = "\n".join(
            f"    server n{n} 127.0.0.1:{p} check inter 1s fall 2 rise 2"
            for n, p in enumerate(nodes_ports)
        )
        cfg = OUT / "haproxy.cfg"
        cfg.write_text(
            "defaults\n    mode http\n    timeout connect 5s\n"
            "    timeout client 15m\n    timeout server 15m\n"
            f"frontend jobs\n    bind 127.0.0.1:{port}\n    default_backend nodes\n"
            "backend nodes\n    balance roundrobin\n"
            "    option httpchk\n"
            "    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host localhost\n"
            + servers
            + "\n"
        )
        log = open(OUT / "haproxy.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [haproxy, "-f", str(cfg), "-db"], stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        time.sleep(1)
        if self.proc.poll() is not None:
            raise SystemExit(f"haproxy exited; see {OUT / 'haproxy.log'}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class RssSampler(threading.Thread):
    """Peak resident memory of every process of the nodes, sampled 4 times a second."""

    def __init__(self, nodes):
        super().__init__(daemon=True)
        self.nodes, self.peak, self.stopped = nodes, {}, threading.Event()

    def run(self):
        while not self.stopped.is_set():
            for node in self.nodes:
                for proc in node.processes():
                    try:
                        rss = proc.memory_info().rss
                    except psutil.Error:
                        continue
                    key = (node.name, proc.pid)
                    self.peak[key] = max(self.peak.get(key, 0), rss)
            self.stopped.wait(0.25)

    def stop(self):
        self.stopped.set()
        self.join(5)
        return {
            f"{name}/{pid}": round(rss / 2**20)
            for (name, pid), rss in self.peak.items()
        }


def restart_postgres():
    """Restart the local PostgreSQL cluster (every connection is cut)."""
    out = subprocess.run(
        ["pg_lsclusters", "-h"], capture_output=True, text=True, check=True
    ).stdout.split()
    version, cluster = out[0], out[1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
        check=True,
        stdin=subprocess.DEVNULL,
    )
