"""./kilap generate and ./kilap bench: the databases they need (see kilap.odoodb), then
the generator or a benchmark inside Odoo, in a child process with the venv's Python."""

import os
import subprocess

from kilap.common import STATE, KilapError, tools_env
from kilap.db import db_exists, db_kilap_state, drop_db, ensure_postgres, pg_cursor
from kilap.env import venv_python
from kilap.odoodb import create_kilap_db, update_kilap_db
from kilap.server import render_config

BENCH_PORT = int(os.environ.get("KILAP_BENCH_PORT") or 8175)
BENCH_SIZES = {
    "b1": (1000, 5000),
    "b3": (1000,),
    "b4": (1000,),
    "b5": (1000,),
    "close": (1000, 5000),
    "nodes": (5000,),
    "faults": (5000,),
}
# the close as jobs on real prefork nodes (kilap.bench.close): not in "all"
CLUSTER = ("close", "nodes", "faults")


def run_child(venv, module, *args):
    """``python -m kilap.<module> args`` inside the venv (it imports Odoo)."""
    cmd = [str(venv_python(venv)), "-m", f"kilap.{module}", *args]
    return subprocess.run(cmd, check=False, cwd=str(STATE), env=tools_env()).returncode


def bench_conf(odoo, venv):
    return render_config(odoo, venv, BENCH_PORT, name="bench.conf")[0]


def generate(
    odoo,
    venv,
    db,
    employees,
    days=22,
    seed=1,
    users=200,
    month=None,
    rostered=0,
    school=0,
):
    """Fill ``db`` (created when absent) with a generated pemda; the child's exit code."""
    ensure_postgres()
    conf = bench_conf(odoo, venv)
    state, _missing = db_kilap_state(db)
    if state == "foreign":
        raise KilapError(f"database {db!r} is not a KILAP database")
    if state == "partial":
        raise KilapError(
            f"database {db!r} lacks some KILAP add-ons; drop it (dropdb {db}) and run again"
        )
    if state == "absent":
        create_kilap_db(venv, conf, db, STATE / "bench-install.log")
    return run_child(
        venv,
        "generate",
        *("-c", str(conf), "-d", db, "--employees", str(employees)),
        *("--days", str(days), "--seed", str(seed), "--users", str(users)),
        *(["--month", month] if month else []),
        *(["--rostered", str(rostered)] if rostered else []),
        *(["--school", str(school)] if school else []),
    )


def cmd_generate(args, odoo, venv):
    db = args.db or f"kilap_bench_n{args.employees}"
    return generate(
        *(odoo, venv, db, args.employees, args.days, args.seed, args.users, args.month),
        rostered=args.rostered,
        school=args.school,
    )


def generated_db(odoo, venv, size, users=200, rostered=0):
    """kilap_bench_n<size> (``u<users>`` when not 200 users), generated once (seed 1,
    22 days of October 2026) and reused; the add-ons that changed since are updated
    in place."""
    db = (
        f"kilap_bench_n{size}"
        + (f"u{users}" if users != 200 else "")
        + (f"r{rostered:g}" if rostered else "")
    )
    if db_kilap_state(db)[0] == "complete":
        with pg_cursor(db) as cr:
            # a generation that died half-way left a company and no journal
            cr.execute(
                "SELECT count(*) FROM kilap_journal_entry j JOIN res_company c "
                "ON c.id = j.company_id WHERE c.name LIKE 'Pemkab Gorontalo Utara (gen %%'"
            )
            generated = cr.fetchone()[0]
        if generated:
            update_kilap_db(
                venv, bench_conf(odoo, venv), db, STATE / "bench-update.log"
            )
            return db
    if db_exists(db):
        drop_db(db, STATE / "data")
    if generate(odoo, venv, db, size, users=users, month="2026-10", rostered=rostered):
        raise KilapError(f"generating {db} failed")
    return db


def cmd_bench(args, odoo, venv):
    ensure_postgres()
    conf = bench_conf(odoo, venv)
    which = ["b1", "b3", "b4", "b2"] if args.which == "all" else [args.which]
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    code = 0
    for bench in which:
        if bench == "b2":
            # --sizes N beyond the default: N distinct employees check in, each
            # with a user of their own (N / 2 per route)
            size = (sizes or [300])[0]
            users = size if size > 300 else 200
            db = generated_db(odoo, venv, size, users)
            code |= run_child(
                venv,
                "bench.b2",
                *("-c", str(conf), "-d", db, "--port", str(BENCH_PORT)),
                *("--employees", str(max(40, size // 2))),
            )
            continue
        for size in sizes or BENCH_SIZES[bench]:
            db = generated_db(odoo, venv, size, rostered=args.rostered)
            if bench in CLUSTER:
                code |= run_child(venv, "bench.close", "-c", str(conf), "-d", db, bench)
                continue
            if bench == "b5":  # the import as background jobs on a prefork node
                code |= run_child(
                    venv, "bench.b5", "-c", str(conf), "-d", db, "--label", args.label
                )
                continue
            label = f"{size}{('-' + args.label) if args.label else ''}"
            code |= run_child(
                venv,
                "bench",
                *("-c", str(conf), "-d", db, bench, "--label", label),
                *(["--queries"] if args.queries else []),
            )
    return code
