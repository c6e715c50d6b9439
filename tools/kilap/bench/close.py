"""``python -m kilap.bench.close -c odoo.conf -d DB close|nodes|faults``: the month
close of a generated pemda run the production way, as queue_job jobs executed by
Odoo nodes in prefork mode (kilap.bench.cluster), and compared row for row.

- ``close``: one node, 2 workers: wall-clock from BKPSDM's *Compute Scores* to the
  last TPP sheet (the period closed, finance's *Generate TPP Sheets*, both as jobs),
  queries per employee (summed over the chunks), peak memory of every worker;
- ``nodes``: the same close on one node, then on two nodes behind HAProxy (the
  runner dispatching to the proxy: which node ran each chunk), then on two nodes
  with one killed (``kill -9``, master and workers) after its first chunk;
- ``faults``: one node; a worker killed mid-close, then PostgreSQL restarted
  mid-close.
Every run must end with the figures of the first one (a fingerprint of the month's
daily results and score lines). Commits its periods, then removes them."""

import argparse
import datetime
import os
import sys
import time

import psycopg2

from kilap.bench.cluster import Node, Proxy, RssSampler, restart_postgres
from kilap.bench.measure import find_company, month_of, write_json
from kilap.generate.run import open_env

BASE_PORT = int(os.environ.get("KILAP_CLUSTER_PORT") or 8270)
BKPSDM_LOGIN = "kilap_bench_bkpsdm"
# columns that differ between two identical closes (new rows, new period)
VOLATILE = {
    "id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "period_id",
    "sheet_id",
    "line_id",
}
# the details of the TPP lines, keyed by their line's employee
TPP_DETAIL = (
    "line_id IN (SELECT id FROM kilap_tpp_sheet_line WHERE sheet_id IN "
    "(SELECT id FROM kilap_tpp_sheet WHERE period_id = %s))"
)
LINE_EMPLOYEE = (
    "(SELECT employee_id FROM kilap_tpp_sheet_line l WHERE l.id = line_id) "
    "AS line_employee"
)
KEUANGAN_LOGIN = "kilap_bench_keuangan"


def pg(db, retries=60):
    """A psycopg2 connection, waiting while PostgreSQL restarts."""
    for _ in range(retries):
        try:
            conn = psycopg2.connect(dbname=db)
            conn.autocommit = True
            return conn
        except psycopg2.OperationalError:
            time.sleep(1)
    raise SystemExit(f"PostgreSQL did not come back for {db}")


def fingerprint(db, company_id, date_from, date_to, period_id):
    """md5 of every stored figure of the month's daily results, score lines and
    TPP lines with their components and cuts."""
    out = {}
    with pg(db) as conn, conn.cursor() as cr:
        for table, where, args, order, *extra in (
            (
                "kilap_attendance_day",
                "company_id = %s AND date BETWEEN %s AND %s",
                [company_id, date_from, date_to],
                "employee_id, date",
            ),
            ("kilap_score_line", "period_id = %s", [period_id], "employee_id"),
            (
                "kilap_tpp_sheet_line",
                "sheet_id IN (SELECT id FROM kilap_tpp_sheet WHERE period_id = %s)",
                [period_id],
                "employee_id",
            ),
            (
                "kilap_tpp_sheet_component",
                TPP_DETAIL,
                [period_id],
                "line_employee, component_id",
                LINE_EMPLOYEE,
            ),
            (
                "kilap_tpp_sheet_cut",
                TPP_DETAIL,
                [period_id],
                "line_employee, code",
                LINE_EMPLOYEE,
            ),
        ):
            cr.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s ORDER BY column_name",
                [table],
            )
            cols = [c for (c,) in cr.fetchall() if c not in VOLATILE]
            select = ", ".join([*(f'"{c}"' for c in cols), *extra])
            cr.execute(
                f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY {order})) "  # noqa: S608
                f"FROM (SELECT {select} FROM {table} WHERE {where}) t",
                args,
            )
            out[table] = list(cr.fetchone())
    return out


def cleanup(db, company_id, date_from, date_to):
    """Remove the month's periods, daily results and background work."""
    with pg(db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT id FROM kilap_score_period WHERE company_id = %s AND date_from = %s",
            [company_id, date_from],
        )
        periods = [r[0] for r in cr.fetchall()]
        cr.execute(
            "DELETE FROM kilap_job_batch WHERE res_model = 'kilap.score.period' "
            "AND res_id = ANY(%s)",
            [periods],
        )
        cr.execute("DELETE FROM queue_job WHERE channel LIKE 'root.kilap%%'")
        cr.execute("DELETE FROM kilap_tpp_sheet WHERE period_id = ANY(%s)", [periods])
        cr.execute("DELETE FROM kilap_score_period WHERE id = ANY(%s)", [periods])
        cr.execute(
            "DELETE FROM kilap_attendance_day WHERE company_id = %s "
            "AND date BETWEEN %s AND %s",
            [company_id, date_from, date_to],
        )


def bench_user(env, login, name, groups, company_id):
    """A user of the bench with ``groups`` (xml ids), created once."""
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        user = env["res.users"].create(
            {
                "name": name,
                "login": login,
                "company_id": company_id,
                "company_ids": [(6, 0, [company_id])],
                "group_ids": [(4, env.ref(xmlid).id) for xmlid in groups],
            }
        )
    return user


def as_user(registry, login, name, groups, company_id, func):
    """``func(env)`` as that user in one committed transaction."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        user = bench_user(env, login, name, ["base.group_user", *groups], company_id)
        env = env(user=user.id, su=False, context={"allowed_company_ids": [company_id]})
        result = func(env)
        cr.commit()
        return result


def vacuum(db):
    """Each run writes and removes a month: leave no dead rows to the next."""
    conn = pg(db)  # VACUUM runs outside a transaction block
    try:
        conn.cursor().execute("VACUUM ANALYZE kilap_attendance_day, kilap_score_line")
    finally:
        conn.close()


def start_close(registry, company_id, date_from, date_to):
    """BKPSDM clicks *Compute Scores* on a new period: the jobs are enqueued.
    Returns the period's id and its background work's."""

    def compute(env):
        period = env["kilap.score.period"].create(
            {"company_id": company_id, "date_from": date_from, "date_to": date_to}
        )
        period.action_compute()
        return period.id, env["kilap.job.batch"]._kilap_running(period).id

    return as_user(
        registry, BKPSDM_LOGIN, "BKPSDM (bench)",
        ["kilap_activity.group_kilap_bkpsdm"], company_id, compute,
    )  # fmt: skip


def close_and_generate(registry, company_id, period_id):
    """BKPSDM closes the period (through *Close Period*'s confirmation: a generated
    month leaves journal entries waiting for approval); finance clicks *Generate
    TPP Sheets* (jobs)."""
    as_user(
        registry, BKPSDM_LOGIN, "BKPSDM (bench)",
        ["kilap_activity.group_kilap_bkpsdm"], company_id,
        lambda env: env["kilap.score.close.wizard"]
        .create({"period_id": period_id})
        .action_confirm(),
    )  # fmt: skip
    return as_user(
        registry, KEUANGAN_LOGIN, "Keuangan (bench)",
        ["kilap_payroll_bridge.group_kilap_keuangan"], company_id,
        lambda env: env["kilap.tpp.sheet"]._kilap_generate_in_background(
            env["kilap.score.period"].browse(period_id)
        ).id,
    )  # fmt: skip


def wait_batch(db, batch_id, on_chunk=None, timeout=1800):
    """Poll until the background work is done (its owner's finishing step ran
    in the same transaction); ``on_chunk(done)`` after each new chunk done."""
    deadline, seen = time.time() + timeout, -1
    while time.time() < deadline:
        try:
            with pg(db) as conn, conn.cursor() as cr:
                cr.execute(
                    "SELECT b.state, count(*) FILTER (WHERE c.state = 'done') "
                    "FROM kilap_job_batch b LEFT JOIN kilap_job_chunk c "
                    "ON c.batch_id = b.id WHERE b.id = %s GROUP BY b.state",
                    [batch_id],
                )
                state, done = cr.fetchone()
        except psycopg2.OperationalError:
            time.sleep(1)
            continue
        if state == "failed":
            raise SystemExit(f"background work {batch_id} failed: see its chunks")
        if state == "done":
            return
        if on_chunk and done > seen:
            seen = done
            on_chunk(done)
        time.sleep(0.3)
    raise SystemExit(f"background work {batch_id} did not finish within {timeout} s")


def chunk_report(db, period_id):
    with pg(db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT c.node, CASE WHEN b.method = '_kilap_compute_chunk' "
            "THEN c.item_count ELSE 0 END, c.query_count, c.duration, c.attempts, "
            "c.date_done FROM kilap_job_chunk c JOIN kilap_job_batch b ON b.id = c.batch_id "
            "WHERE b.res_model = 'kilap.score.period' AND b.res_id = %s ORDER BY c.sequence",
            [period_id],
        )
        rows = cr.fetchall()
        # jobs queue_job ran more than once (retry counts the runs): found dead
        # (node or worker killed, connection cut) or retried after a database error
        cr.execute(
            "SELECT count(*) FROM queue_job WHERE channel LIKE 'root.kilap%%' "
            "AND retry > 1"
        )
        retried = cr.fetchone()[0]
        # per background work: chunks, seconds of work summed over the chunks
        # (in the jobs), and from the click to its last chunk
        cr.execute(
            "SELECT b.method, count(*), sum(c.duration), max(c.duration), "
            "extract(epoch FROM max(c.date_done) - b.create_date) "
            "FROM kilap_job_chunk c JOIN kilap_job_batch b ON b.id = c.batch_id "
            "WHERE b.res_model = 'kilap.score.period' AND b.res_id = %s "
            "GROUP BY b.id ORDER BY b.id",
            [period_id],
        )
        for method, count, work, longest, span in cr.fetchall():
            print(
                f"    {method}: {count} chunks, {work:.1f} s of work "
                f"(longest {longest:.1f} s), {span:.1f} s from the click"
            )
    return retried, rows


def run(args, registry, company_id, month, label, ports, disturb=None, proxy=False):
    """One close on nodes at ``ports``; returns its figures."""
    date_from, date_to = month
    cleanup(args.db, company_id, date_from, date_to)
    vacuum(args.db)
    dispatch = BASE_PORT + 90 if proxy else ports[0]
    nodes = [
        Node(f"{label}-{n}", args.config, args.db, port, args.workers, dispatch, 2)
        for n, port in enumerate(ports)
    ]
    balancer = Proxy(dispatch, ports) if proxy else None
    sampler = RssSampler(nodes)
    sampler.start()
    events = []
    try:
        clicked = time.time()
        period_id, batch_id = start_close(registry, company_id, date_from, date_to)
        wait_batch(
            args.db,
            batch_id,
            on_chunk=(lambda done: disturb(nodes, done, events)) if disturb else None,
        )
        computed = time.time() - clicked
        wait_batch(args.db, close_and_generate(registry, company_id, period_id))
        wall = time.time() - clicked
    finally:
        peaks = sampler.stop()
        for node in nodes:
            node.stop()
        if balancer:
            balancer.stop()
    retried, chunks = chunk_report(args.db, period_id)
    by_node = {}
    for node, *_rest in chunks:
        by_node[node.rsplit("/", 1)[0]] = by_node.get(node.rsplit("/", 1)[0], 0) + 1
    employees = sum(c[1] for c in chunks)
    queries = sum(c[2] or 0 for c in chunks)
    result = {
        "label": label,
        "wall_seconds": round(wall, 1),
        "compute_seconds": round(computed, 1),
        "chunks": len(chunks),
        "employees": employees,
        "queries": queries,
        "queries_per_employee": round(queries / max(employees, 1), 3),
        "chunks_per_node": by_node,
        "retried_jobs": retried,
        "peak_rss_mib": peaks,
        "events": events,
        "fingerprint": fingerprint(args.db, company_id, date_from, date_to, period_id),
    }
    cleanup(args.db, company_id, date_from, date_to)
    worst = max(peaks.values(), default=0)
    print(
        f"  {label:<28} {wall:7.1f} s (scores {computed:.1f} s)  {len(chunks):3d} chunks  {employees} employees  "
        f"{result['queries_per_employee']:.3f} q/emp  nodes {by_node}  "
        f"jobs run again {retried}  peak RSS {worst} MiB  {' '.join(events)}"
    )
    return result


def kill_node_after_first(nodes, done, events):
    if done >= 1 and not events and len(nodes) > 1:
        nodes[-1].kill()
        events.append(f"killed node {nodes[-1].name} after {done} chunk(s)")


def kill_worker_after_first(nodes, done, events):
    busy = [w for w in nodes[0].workers() if w.cpu_percent(0.05) > 1]
    if done >= 1 and not events and busy:
        busy[0].kill()
        events.append(f"kill -9 worker {busy[0].pid} after {done} chunk(s)")


def restart_pg_after_first(nodes, done, events):
    if done >= 1 and not events:
        restart_postgres()
        events.append(f"PostgreSQL restarted after {done} chunk(s)")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap.bench.close")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("which", choices=["close", "nodes", "faults"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    registry = open_env(args.config, args.db)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = find_company(env)
        month = month_of(env, company)
        employees = env["hr.employee"].search_count([("company_id", "=", company.id)])
    print(
        f"{args.which}: {employees} employees, {month[0]} .. {month[1]}, "
        f"{args.workers} workers per node, jobs of one OPD"
    )
    one, two = [BASE_PORT], [BASE_PORT, BASE_PORT + 10]
    runs = [run(args, registry, company.id, month, "one node", one)]
    if args.which == "nodes":
        runs.append(
            run(args, registry, company.id, month, "two nodes", two, proxy=True)
        )
        runs.append(
            run(
                args, registry, company.id, month, "two nodes, one killed", two,
                disturb=kill_node_after_first, proxy=True,
            )
        )  # fmt: skip
    elif args.which == "faults":
        runs.append(
            run(args, registry, company.id, month, "worker killed", one,
                disturb=kill_worker_after_first)
        )  # fmt: skip
        runs.append(
            run(args, registry, company.id, month, "PostgreSQL restarted", one,
                disturb=restart_pg_after_first)
        )  # fmt: skip
    reference = runs[0]["fingerprint"]
    same = all(r["fingerprint"] == reference for r in runs)
    print(
        "  figures: %s (daily results %s rows, score lines %s, TPP lines %s)"
        % (
            "identical in every run" if same else "DIFFERENT",
            reference["kilap_attendance_day"][0],
            reference["kilap_score_line"][0],
            reference["kilap_tpp_sheet_line"][0],
        )
    )
    name = f"{args.which}-{employees}" + (f"-{args.label}" if args.label else "")
    write_json(name, {"benchmark": args.which, "employees": employees, "runs": runs,
                      "identical": same, "when": datetime.datetime.now()})  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
