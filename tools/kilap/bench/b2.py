"""B2 check-in rush: KILAP's geofenced route against Odoo's own systray route
(``python -m kilap.bench.b2 -c odoo.conf -d DB``).

Starts an Odoo server with 2 workers on 127.0.0.1:<port> for a generated database,
logs in distinct generated employees (one session each), then sends, from this
separate process, the same number of check-ins (round 1) and check-outs (round 2)
to ``/kilap/attendance/check`` and ``/hr_attendance/systray_check_in_out``, both at
the employee's office position, interleaved in one run. Prints requests/s and
p50/p95/p99 per route and the ratios; checks there was no error and no duplicate
attendance. Bounded: 2 x ``--employees`` requests per route, loopback only.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import statistics
import sys
import time

from kilap.bench.measure import odoo_server, write_json
from kilap.generate.names import USER_PASSWORD

ROUTES = {
    "kilap": "/kilap/attendance/check",
    "core": "/hr_attendance/systray_check_in_out",
}


def rpc(port, path, params, cookie=None, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    start = time.perf_counter()
    conn.request("POST", path, body, headers)
    resp = conn.getresponse()
    data = resp.read()
    elapsed = time.perf_counter() - start
    set_cookie = resp.getheader("Set-Cookie") or ""
    conn.close()
    payload = json.loads(data or b"{}")
    return elapsed, payload, set_cookie.split(";", 1)[0] or cookie


def pick_employees(db, count):
    """Generated employees with a user: (login, latitude, longitude) of their office."""
    import psycopg2  # noqa: PLC0415

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            """SELECT DISTINCT ON (e.id) u.login, g.latitude, g.longitude, e.id
                 FROM hr_employee e
                 JOIN res_users u ON u.id = e.user_id AND u.active
                 JOIN hr_version v ON v.employee_id = e.id
                 JOIN kilap_geofence g ON g.work_location_id = v.work_location_id
                WHERE u.login LIKE 'gen%%' AND e.active
                ORDER BY e.id LIMIT %s""",
            [count],
        )
        people = cr.fetchall()
        # the generated month left some check-outs missing (as real months do):
        # close them, so that every picked employee's first request is a check-in
        cr.execute(
            "UPDATE hr_attendance SET check_out = check_in + interval '8 hours'"
            " WHERE employee_id = ANY(%s) AND check_out IS NULL",
            [[p[3] for p in people]],
        )
        return people


def attendance_check(db, employee_ids, since):
    import psycopg2  # noqa: PLC0415

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE check_out IS NULL) FROM hr_attendance"
            " WHERE employee_id = ANY(%s) AND check_in >= %s",
            [employee_ids, since],
        )
        total, still_open = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM (SELECT employee_id FROM hr_attendance"
            " WHERE employee_id = ANY(%s) AND check_in >= %s"
            " GROUP BY employee_id HAVING count(*) > 1) d",
            [employee_ids, since],
        )
        duplicates = cr.fetchone()[0]
    return total, still_open, duplicates


def percentile(values, pct):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap.bench.b2")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--port", type=int, default=8175)
    parser.add_argument("--employees", type=int, default=40, help="per route")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    people = pick_employees(args.db, 2 * args.employees)
    if len(people) < 2 * args.employees:
        raise SystemExit(
            "need %d generated users, found %d" % (2 * args.employees, len(people))
        )
    with odoo_server(args.config, args.db, args.port, workers=2, log_name="b2-server"):
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - 5))
        groups = {"kilap": people[: args.employees], "core": people[args.employees :]}
        sessions = {}

        def login(person):
            _t, payload, cookie = rpc(
                args.port,
                "/web/session/authenticate",
                {
                    "db": args.db,
                    "login": person[0],
                    "password": USER_PASSWORD,
                },
            )
            if "error" in payload:
                raise SystemExit("login %s failed: %s" % (person[0], payload["error"]))
            return person[0], cookie

        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            sessions = dict(pool.map(login, people))
        print(
            "B2 check-in rush: %d sessions, server with 2 workers on 127.0.0.1:%d"
            % (len(sessions), args.port)
        )
        results = {name: {"lat": [], "errors": 0, "seconds": 0.0} for name in ROUTES}

        def call(job):
            name, person = job
            login_, lat, lon, _emp = person
            params = {"latitude": float(lat), "longitude": float(lon)}
            if name == "kilap":
                params["accuracy"] = 10
            elapsed, payload, _c = rpc(
                args.port, ROUTES[name], params, sessions[login_]
            )
            ok = "error" not in payload and (
                name != "kilap" or payload["result"].get("ok")
            )
            return name, elapsed, ok, payload

        for _round in range(2):  # check in, then check out
            for name in ("kilap", "core"):  # same run, one after the other
                jobs = [(name, p) for p in groups[name]]
                start = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
                    for name_, elapsed, ok, payload in pool.map(call, jobs):
                        results[name_]["lat"].append(elapsed)
                        if not ok:
                            results[name_]["errors"] += 1
                            if results[name_]["errors"] <= 3:
                                print("  error on %s: %s" % (name_, str(payload)[:300]))
                results[name]["seconds"] += time.perf_counter() - start
        summary = {}
        for name, res in results.items():
            lat = res["lat"]
            summary[name] = {
                "requests": len(lat),
                "errors": res["errors"],
                "req_per_s": round(len(lat) / res["seconds"], 2),
                "p50_ms": round(1000 * statistics.median(lat), 1),
                "p95_ms": round(1000 * percentile(lat, 95), 1),
                "p99_ms": round(1000 * percentile(lat, 99), 1),
            }
            print(
                "  %-6s %-40s %4d req %3d err %7.2f req/s p50 %6.1f p95 %6.1f p99 %6.1f ms"
                % (
                    name,
                    ROUTES[name],
                    len(lat),
                    res["errors"],
                    summary[name]["req_per_s"],
                    summary[name]["p50_ms"],
                    summary[name]["p95_ms"],
                    summary[name]["p99_ms"],
                )
            )
        ratios = {
            "p95_kilap_over_core": round(
                summary["kilap"]["p95_ms"] / summary["core"]["p95_ms"], 2
            ),
            "throughput_kilap_over_core": round(
                summary["kilap"]["req_per_s"] / summary["core"]["req_per_s"], 2
            ),
        }
        emp_ids = [p[3] for p in people]
        total, still_open, duplicates = attendance_check(args.db, emp_ids, since)
        print(
            "  ratios: p95 %.2f (goal <= 1.0), throughput %.2f (goal >= 1.0)"
            % (ratios["p95_kilap_over_core"], ratios["throughput_kilap_over_core"])
        )
        print(
            "  attendances created %d (expected %d), still open %d, duplicates %d"
            % (total, len(people), still_open, duplicates)
        )
        write_json(
            "b2-%s" % args.db.replace("kilap_bench_", ""),
            {
                "benchmark": "B2",
                "db": args.db,
                "routes": summary,
                "ratios": ratios,
                "attendances": total,
                "open": still_open,
                "duplicates": duplicates,
                "concurrency": args.concurrency,
                "workers": 2,
                "pid": os.getpid(),
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
