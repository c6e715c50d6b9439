"""What every benchmark measures and writes: seconds, CPU and SQL queries per stage (by
shape with ``--queries``), peak memory, the machine, JSON under ``.kilap/bench/``; and the
generated company and month a benchmark works on."""

import collections
import contextlib
import datetime
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kilap.common import STATE

OUT = STATE / "bench"


def cpu_seconds():
    """User + system CPU of this (Odoo) process: less sensitive to a shared host."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine():
    return {
        "cpus": os.cpu_count(),
        "ram_gib": round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
        ),
        "python": platform.python_version(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
    }


WRITE_SHAPE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', re.I)
FROM_TABLE = re.compile(r'\bFROM\s+"?(\w+)', re.I)


def query_shape(query):
    """'INSERT INTO kilap_attendance_day', 'SELECT hr_employee', ... of one query."""
    text = getattr(query, "code", query)
    if isinstance(text, bytes):  # cr.execute_values() sends bytes
        text = text[:2000].decode(errors="replace")
    text = str(text)
    write = WRITE_SHAPE.match(text)
    if write:
        return "%s %s" % (write.group(1).upper(), write.group(2))
    verb = (text.split(None, 1) or ["?"])[0].upper()
    if verb in ("SELECT", "WITH"):
        table = FROM_TABLE.search(text)
        return "SELECT %s" % (table.group(1) if table else "-")
    return verb


@contextlib.contextmanager
def count_shapes(counter):
    """Count the queries of the block by shape (``--queries``): what grows with N."""
    from odoo import sql_db  # noqa: PLC0415

    original = sql_db.Cursor.execute

    def execute(self, query, params=None, log_exceptions=True):
        counter[query_shape(query)] += 1
        return original(self, query, params, log_exceptions)

    sql_db.Cursor.execute = execute
    try:
        yield counter
    finally:
        sql_db.Cursor.execute = original


class Stages:
    """Seconds and SQL queries per stage (cursor.sql_log_count delta, flush and
    precommit included)."""

    shapes = False  # --queries: also count queries per shape and print the top ones

    def __init__(self, env, employees):
        self.env = env
        self.employees = employees
        self.rows = []

    def run(self, name, func):
        cr = self.env.cr
        # cr.flush() is what COMMIT does first: ORM flush and precommit hooks (the
        # chatter's tracking messages), so a stage pays for all it causes
        cr.flush()
        counter = collections.Counter()
        with count_shapes(counter) if self.shapes else contextlib.nullcontext():
            q0, t0, c0 = cr.sql_log_count, time.perf_counter(), cpu_seconds()
            result = func()
            cr.flush()
        seconds = time.perf_counter() - t0
        cpu = cpu_seconds() - c0
        queries = cr.sql_log_count - q0
        self.rows.append(
            {
                "stage": name,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "queries": queries,
                "queries_per_employee": round(queries / max(self.employees, 1), 3),
                "ms_per_employee": round(1000 * seconds / max(self.employees, 1), 2),
            }
        )
        print(
            "  %-24s %8.2f s (cpu %7.2f s) %8d queries %8.3f q/emp %8.2f ms/emp"
            % (
                name,
                seconds,
                cpu,
                queries,
                queries / max(self.employees, 1),
                1000 * seconds / max(self.employees, 1),
            ),
            flush=True,
        )
        if counter:
            self.rows[-1]["query_shapes"] = dict(counter.most_common())
            for shape, count in counter.most_common(8):
                print("      %6d  %s" % (count, shape))
        return result

    def total(self, names=None):
        rows = [r for r in self.rows if names is None or r["stage"] in names]
        return (
            round(sum(r["seconds"] for r in rows), 2),
            sum(r["queries"] for r in rows),
        )


@contextlib.contextmanager
def odoo_server(config, db, port, workers=0, log_name="server"):
    """An Odoo HTTP server for ``db`` on 127.0.0.1:``port`` for the duration."""
    from odoo import release  # noqa: PLC0415

    odoo_bin = Path(release.__file__).resolve().parent.parent / "odoo-bin"
    OUT.mkdir(parents=True, exist_ok=True)
    log = open(OUT / ("%s.log" % log_name), "w")  # noqa: SIM115
    cmd = [sys.executable, str(odoo_bin), "-c", str(config), "-d", db]
    cmd += ["--db-filter", "^%s$" % db, "--http-port", str(port)]
    cmd += ["--http-interface", "127.0.0.1", "--gevent-port", str(port + 1000)]
    cmd += ["--workers", str(workers), "--max-cron-threads", "0", "--log-level", "warn"]
    server = subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    try:
        url = "http://127.0.0.1:%d/web/login" % port
        for _ in range(120):
            if server.poll() is not None:
                raise SystemExit("the Odoo server exited; see %s" % log.name)
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(1)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def write_json(name, data):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / ("%s.json" % name)
    data = dict(data, machine=machine())
    path.write_text(json.dumps(data, indent=2, default=str))
    print("  -> %s" % path)
    return path


def find_company(env, company_id=None):
    Company = env["res.company"]
    if company_id:
        return Company.browse(company_id)
    company = Company.search(
        [("name", "like", "Pemkab Gorontalo Utara (gen ")], order="id desc", limit=1
    )
    if not company:
        raise SystemExit(
            "no generated company in this database: run ./kilap generate first"
        )
    return company


def month_of(env, company):
    env.cr.execute(
        "SELECT min(date) FROM hr_attendance WHERE kilap_company_id = %s",
        [company.id],
    )
    first = env.cr.fetchone()[0]
    start = first.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )
    return start, end
