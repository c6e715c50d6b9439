"""KILAP benchmarks B1 (month-end close), B3 (supervisor queue), B4 (PDF reports).

Each benchmark runs inside Odoo (``Registry(db)``) on a database filled by
``tools/kilap_generate.py``, prints its figures, writes JSON under ``.kilap/bench/``
and rolls its transaction back (the database can be measured again after a fix).
B2 (check-in rush over HTTP) lives in ``tools/kilap_bench_http.py``.

    python tools/kilap_bench.py -c odoo.conf -d DB b1|b3|b4 [--company ID]
"""

import argparse
import collections
import contextlib
import datetime
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kilap_generate  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / ".kilap" / "bench"


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


# --------------------------------------------------------------------------- B1


def rate_behaviour(period, seed=1):
    """Supervisors' behaviour ratings: a realistic spread, one grouped write per value."""
    rng = random.Random(seed)
    lines = period.line_ids.sorted("id")
    buckets = {"above": [], "meets": [], "below": []}
    for line in lines:
        value = kilap_generate._weighted(
            rng, [("above", 15), ("meets", 80), ("below", 5)]
        )
        buckets[value].append(line.id)
    Line = lines.browse().with_context(tracking_disable=True)
    for value, ids in buckets.items():
        if ids:
            Line.browse(ids).write({"rating_perilaku": value})


def b1(env, company):
    employees = env["hr.employee"].search([("company_id", "=", company.id)])
    n = len(employees)
    date_from, date_to = month_of(env, company)
    print(
        "B1 month-end close: %d employees, %s .. %s (company %d)"
        % (n, date_from, date_to, company.id)
    )
    st = Stages(env, n)
    Period = env["kilap.score.period"]

    # set-up (not timed): contracts for OCA payroll and a structure with the TPP rules
    structure = env["hr.payroll.structure"].create(
        {
            "name": "Gaji ASN + TPP (bench)",
            "code": "ASNB%d" % company.id,
            "company_id": company.id,
            "parent_id": env.ref("kilap_payroll_bridge.structure_tpp").id,
        }
    )
    employees.version_id.write(
        {
            "contract_date_start": datetime.date(2020, 1, 1),
            "wage": 4_000_000,
            "struct_id": structure.id,
        }
    )
    env.flush_all()

    st.run(
        "daily results",
        lambda: env["kilap.attendance.day"]._kilap_compute_days(
            employees, date_from, date_to
        ),
    )

    def scores():
        period = Period.create(
            {"company_id": company.id, "date_from": date_from, "date_to": date_to}
        )
        period._kilap_compute(refresh_attendance=False)
        return period

    period = st.run("scores", scores)
    # the supervisors' work during the month, like the check-ins and journals:
    # shown, not part of the close (each rating is tracked on its line)
    st.run("behaviour ratings (supervisors)", lambda: rate_behaviour(period))
    st.run(
        "close period",
        lambda: period._kilap_transition(
            {
                "state": "closed",
                "closed_on": datetime.datetime.now(),
                "closed_by_id": env.uid,
            }
        ),
    )

    def sheets():
        # what finance's "Generate TPP Sheets" does: every OPD of the month at once
        sheets = env["kilap.tpp.sheet"]._kilap_generate(period)
        sheets.action_verify()
        sheets.action_approve()
        return sheets

    tpp = st.run("TPP sheets", sheets)

    def payslips():
        return env["hr.payslip"].create(
            [
                {
                    "employee_id": emp.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "contract_id": emp.version_id.id,
                    "struct_id": structure.id,
                    "company_id": company.id,
                    "name": "Slip %s" % date_from.strftime("%m/%Y"),
                }
                for emp in employees
            ]
        )

    slips = st.run("payslips (OCA create)", payslips)
    st.run("payslip inputs", slips._kilap_sync_tpp_inputs)
    close_stages = [
        "daily results",
        "scores",
        "close period",
        "TPP sheets",
        "payslip inputs",
    ]
    # the job that the daily results triggered: to-dos and one message per user
    st.run(
        "discipline follow-up (job)",
        env["kilap.discipline.event"]._cron_notify_pending,
    )
    seconds, queries = st.total(close_stages)
    lines = sum(tpp.mapped("line_count"))
    inputs = env["hr.payslip.input"].search_count(
        [("payslip_id", "in", slips.ids), ("code", "=", "TPP")]
    )
    print(
        "  %-24s %8.2f s %8d queries %8.3f q/emp   (close = results, scores, close, "
        "sheets, inputs)" % ("TOTAL close", seconds, queries, queries / max(n, 1))
    )
    print(
        "  TPP lines %d, TPP inputs %d, peak RSS %.0f MiB"
        % (lines, inputs, peak_rss_mb())
    )
    return {
        "benchmark": "B1",
        "employees": n,
        "month": str(date_from),
        "stages": st.rows,
        "close_seconds": seconds,
        "close_queries": queries,
        "tpp_lines": lines,
        "tpp_inputs": inputs,
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------- B3

QUEUE_FIELDS = [
    "date",
    "employee_id",
    "time_start",
    "time_end",
    "name",
    "rhk_id",
    "output_qty",
    "points",
    "duration_minutes",
    "department_id",
    "state",
]


def b3(env, company, subordinates=50, days=22, per_day=5, approve=1000):
    """A supervisor with 50 subordinates, 22 days x 5 submitted entries each."""
    from odoo import api  # noqa: PLC0415

    cr = env.cr
    Employee = env["hr.employee"]
    supervisor = Employee.search(
        [
            ("company_id", "=", company.id),
            ("user_id", "!=", False),
            ("jabatan_type", "=", "administrator"),
        ],
        limit=1,
    )
    user = supervisor.user_id
    user.group_ids = [(4, env.ref("kilap_activity.group_kilap_atasan").id)]
    staff = Employee.search(
        [
            ("company_id", "=", company.id),
            ("jabatan_type", "in", ("fungsional", "pelaksana")),
            ("id", "!=", supervisor.id),
        ],
        limit=subordinates,
        order="id",
    )
    staff.write({"parent_id": supervisor.id})
    env.flush_all()
    # a month without generated journals: the month after the generated one
    gen_from, _gen_to = month_of(env, company)
    start = (gen_from + datetime.timedelta(days=40)).replace(day=1)
    dates = kilap_generate.working_days(start, days)
    office = env.ref("kilap_activity.journal_type_office").id
    cr.execute(
        "SELECT r.employee_id, min(r.id) FROM kilap_skp_rhk r WHERE r.employee_id = ANY(%s) GROUP BY 1",
        [staff.ids],
    )
    rhk = dict(cr.fetchall())
    now = datetime.datetime.now().replace(microsecond=0)
    rows = []
    for emp in staff:
        for day in dates:
            for slot in range(per_day):
                t0 = 7.5 + slot * 1.6
                rows.append(
                    (
                        emp.id,
                        company.id,
                        emp.department_id.id,
                        supervisor.id,
                        supervisor.id,
                        90,
                        office,
                        rhk.get(emp.id),
                        env.uid,
                        env.uid,
                        "Kegiatan %d" % (slot + 1),
                        "kegiatan",
                        "submitted",
                        day,
                        "Uraian kegiatan harian.",
                        True,
                        now,
                        now,
                        t0,
                        t0 + 1.5,
                        1.0,
                        0.0,
                    )
                )
    kilap_generate.bulk_insert(
        cr,
        "kilap_journal_entry",
        [
            "employee_id",
            "company_id",
            "department_id",
            "supervisor_id",
            "penilai_id",
            "duration_minutes",
            "journal_type_id",
            "rhk_id",
            "create_uid",
            "write_uid",
            "name",
            "output_uom",
            "state",
            "date",
            "description",
            "active",
            "create_date",
            "write_date",
            "time_start",
            "time_end",
            "output_qty",
            "points",
        ],
        rows,
    )
    env.invalidate_all()
    print(
        "B3 supervisor queue: %s (%s) with %d subordinates, %d submitted entries"
        % (supervisor.name, user.login, len(staff), len(rows))
    )
    uenv = api.Environment(
        cr, user.id, {"lang": "en_US", "tz": "Asia/Makassar", "uid": user.id}
    )
    Entry = uenv["kilap.journal.entry"]
    domain = [
        ("state", "=", "submitted"),
        "|",
        ("supervisor_id.user_id", "=", user.id),
        ("penilai_id.user_id", "=", user.id),
    ]
    spec = {f: {} for f in QUEUE_FIELDS}
    spec["employee_id"] = {"fields": {"display_name": {}}}
    spec["rhk_id"] = {"fields": {"display_name": {}}}
    spec["department_id"] = {"fields": {"display_name": {}}}
    st = Stages(uenv, len(rows))

    def load_queue():
        uenv.invalidate_all()
        groups = Entry.web_read_group(
            domain, ["employee_id"], ["duration_minutes:sum", "__count"]
        )
        # the user unfolds every employee: groups by day, then the first day's records
        first_groups = []
        for group in groups["groups"]:
            emp = group["employee_id"][0]
            sub = Entry.web_read_group(
                domain + [("employee_id", "=", emp)],
                ["date:day"],
                ["duration_minutes:sum", "__count"],
            )
            first_groups.append(sub["groups"][0])
        flat = Entry.web_search_read(
            domain, spec, limit=80, order="date desc, employee_id"
        )
        return len(groups["groups"]), flat["length"]

    n_groups, length = st.run("load queue (50 groups)", load_queue)
    to_approve = Entry.search(
        domain, order="date, employee_id, time_start", limit=approve
    )
    st.run("bulk approve %d" % len(to_approve), to_approve.action_approve)
    approved = Entry.search_count(
        [("id", "in", to_approve.ids), ("state", "=", "approved")]
    )
    print(
        "  groups %d, records %d, approved %d, peak RSS %.0f MiB"
        % (n_groups, length, approved, peak_rss_mb())
    )
    return {
        "benchmark": "B3",
        "subordinates": len(staff),
        "entries": len(rows),
        "stages": st.rows,
        "approved": approved,
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------- B4


def b4(env, company, employees=300):
    """OPD score report and TPP recap as PDF (wkhtmltopdf) for one OPD of ``employees``."""
    Dept = env["hr.department"]
    opd = Dept.search(
        [("company_id", "=", company.id), ("parent_id", "=", False)],
        limit=1,
        order="id",
    )
    staff = env["hr.employee"].search(
        [("company_id", "=", company.id)], order="id", limit=employees
    )
    # one OPD of `employees` people: move the others' units under it for this run
    staff.filtered(
        lambda e: e.department_id.id != opd.id and not e.department_id.parent_id == opd
    ).write({"department_id": opd.id})
    others = env["hr.employee"].search(
        [("company_id", "=", company.id), ("id", "not in", staff.ids)]
    )
    others.write({"active": False})
    env.flush_all()
    date_from, date_to = month_of(env, company)
    env["kilap.attendance.day"]._kilap_compute_days(staff, date_from, date_to)
    period = env["kilap.score.period"].create(
        {"company_id": company.id, "date_from": date_from, "date_to": date_to}
    )
    period._kilap_compute(refresh_attendance=False)
    rate_behaviour(period)
    period._kilap_transition(
        {
            "state": "closed",
            "closed_on": datetime.datetime.now(),
            "closed_by_id": env.uid,
        }
    )
    sheet = env["kilap.tpp.sheet"].create(
        {"period_id": period.id, "department_id": opd.id, "company_id": company.id}
    )
    sheet.action_compute()
    env.flush_all()
    print(
        "B4 reports: OPD %s, %d score lines, %d TPP lines"
        % (opd.name, len(period.line_ids), sheet.line_count)
    )
    st = Stages(env, len(staff))
    Report = env["ir.actions.report"]
    sizes = {}

    def render(ref, ids, key):
        pdf, kind = Report._render_qweb_pdf(ref, ids)
        sizes[key] = len(pdf)
        (OUT / ("%s.pdf" % key)).write_bytes(pdf)

    OUT.mkdir(parents=True, exist_ok=True)
    for ref, ids, label in (
        ("kilap_scoring.action_report_kilap_score_opd", period.ids, "score"),
        ("kilap_payroll_bridge.action_report_tpp_sheet", sheet.ids, "TPP"),
    ):  # the QWeb half alone, to tell it from wkhtmltopdf's
        st.run(
            "%s report HTML (QWeb)" % label,
            lambda ref=ref, ids=ids: Report._render_qweb_html(ref, ids),
        )
    st.run(
        "OPD score report PDF",
        lambda: render(
            "kilap_scoring.action_report_kilap_score_opd", period.ids, "b4-score-opd"
        ),
    )
    st.run(
        "TPP recap PDF",
        lambda: render(
            "kilap_payroll_bridge.action_report_tpp_sheet", sheet.ids, "b4-tpp-recap"
        ),
    )
    print("  PDF sizes %s, peak RSS %.0f MiB" % (sizes, peak_rss_mb()))
    return {
        "benchmark": "B4",
        "employees": len(staff),
        "stages": st.rows,
        "pdf_bytes": sizes,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap_bench")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("which", choices=["b1", "b3", "b4"])
    parser.add_argument("--company", type=int)
    parser.add_argument("--label", default="")
    parser.add_argument("--port", type=int, default=8175, help="B4: report server port")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile into .kilap/bench/<b>.prof"
    )
    parser.add_argument(
        "--commit", action="store_true", help="keep the results (default: roll back)"
    )
    parser.add_argument(
        "--queries", action="store_true", help="count and print queries per shape"
    )
    args = parser.parse_args(argv)
    Stages.shapes = args.queries
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = kilap_generate.open_env(args.config, args.db)
    with contextlib.ExitStack() as stack, registry.cursor() as cr:
        env = api.Environment(
            cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Makassar"}
        )
        company = find_company(env, args.company)
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        func = {"b1": b1, "b3": b3, "b4": b4}[args.which]
        if args.which == "b4":  # wkhtmltopdf loads the report assets over HTTP
            server = odoo_server(args.config, args.db, args.port, log_name="b4-server")
            stack.enter_context(server)
            env["ir.config_parameter"].set_param(
                "report.url", "http://127.0.0.1:%d" % args.port
            )
        if args.profile:
            import cProfile  # noqa: PLC0415

            profiler = cProfile.Profile()
            result = profiler.runcall(func, env, company)
            OUT.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(str(OUT / ("%s.prof" % args.which)))
        else:
            result = func(env, company)
        result["db"] = args.db
        label = args.label or ("%s" % result.get("employees", ""))
        write_json("%s-%s" % (args.which, label) if label else args.which, result)
        if not args.commit:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
