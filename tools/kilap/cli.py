"""The command line of ./kilap: parse it, run stage 1 (find Odoo, build the venv, re-exec
with the venv's Python), then hand each command to its module.  ``stop``, ``status`` and
``odt`` need no venv.  See README.md and ``./kilap --help``."""

import argparse
import os
import sys

from kilap import demo, env
from kilap.common import KilapError, no_odoo_hint, odoo_src_path, venv_path


def add_test_parser(sub):
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


def add_scale_parsers(sub):
    gen = sub.add_parser(
        "generate",
        help="fill a database with a generated pemda (tools/kilap/generate/)",
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
    gen.add_argument(
        "--rostered",
        type=float,
        default=0,
        help="%% of the staff on a shift roster (a day shift, off at weekends)",
    )
    gen.add_argument(
        "--school",
        type=float,
        default=0,
        help="%% of the staff on the 6-day school week",
    )
    bench = sub.add_parser("bench", help="benchmarks B1-B5 (see BENCHMARKS.md)")
    bench.add_argument(
        "which",
        choices=["b1", "b2", "b3", "b4", "b5", "all", "close", "nodes", "faults"],
    )
    bench.add_argument(
        "--sizes", help="employees, comma-separated (B1 default 1000,5000)"
    )
    bench.add_argument("--label", default="", help="suffix of the JSON file names")
    bench.add_argument(
        "--rostered",
        type=float,
        default=0,
        help="B1/B3/B4: %% of the staff on a roster (database kilap_bench_n<size>r<pct>)",
    )
    bench.add_argument(
        "--queries",
        action="store_true",
        help="B1/B3/B4: count queries per shape (INSERT INTO x, SELECT y) and print the top",
    )


def add_build_parsers(sub):
    lint_p = sub.add_parser("lint", help="ruff + pylint-odoo on addons/")
    lint_p.add_argument(
        "--fix", action="store_true", help="let ruff fix and format first"
    )
    pot = sub.add_parser(
        "pot", help="export the add-ons' i18n/*.pot (click-odoo-makepot)"
    )
    pot.add_argument("--addons", help="comma-separated add-ons (default: all)")
    pot.add_argument(
        "--msgmerge",
        action="store_true",
        help="also merge the new terms into the add-ons' .po files",
    )
    odt = sub.add_parser("odt", help="rebuild the py3o templates (.odt) of the reports")
    odt.add_argument(
        "--check",
        action="store_true",
        help="only compare: exit 1 when a committed .odt differs from its layout",
    )


def build_parser():
    parser = argparse.ArgumentParser(
        prog="./kilap",
        description="KILAP for Odoo: demo server and test runner.",
        epilog="Environment: ODOO_SRC, KILAP_VENV, KILAP_PORT, PGHOST/PGPORT/PGUSER/PGPASSWORD.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo_p = sub.add_parser(
        "demo", help="create/reuse database kilap_demo and start Odoo on 127.0.0.1:8069"
    )
    demo_p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="prefork mode with N HTTP workers, Odoo's default limits and the "
        "websocket process on the next port (default: one threaded process)",
    )
    sub.add_parser("stop", help="stop the demo server")
    sub.add_parser("status", help="show server, ODOO_SRC and venv")
    add_test_parser(sub)
    add_scale_parsers(sub)
    add_build_parsers(sub)
    return parser


def run_in_venv(args, odoo, venv):
    """Stage 2: the commands that need the venv (psycopg2, ruff, Odoo's requirements)."""
    from kilap import lint, pot, scale, testrun  # noqa: PLC0415

    if args.command == "demo":
        return demo.cmd_demo(args, odoo, venv)
    if args.command == "lint":
        return lint.cmd_lint(args, venv)
    if args.command in ("generate", "bench", "pot"):
        if not odoo:
            raise KilapError(no_odoo_hint(odoo_src_path()))
        command = {
            "generate": scale.cmd_generate,
            "bench": scale.cmd_bench,
            "pot": pot.cmd_pot,
        }[args.command]
        return command(args, odoo, venv)
    return testrun.cmd_test(args, odoo, venv)


def main(argv):
    args = build_parser().parse_args(argv)
    if sys.version_info < (3, 10):  # noqa: UP036 - stage 1 runs on any python3
        raise KilapError(
            f"Python >= 3.10 is needed (this is {sys.version.split()[0]}); set KILAP_PYTHON"
        )
    if args.command == "stop":
        return demo.cmd_stop(args)
    if args.command == "status":
        return demo.cmd_status(args)
    if args.command == "odt":
        from kilap import odt  # noqa: PLC0415

        return odt.cmd_odt(args)
    src = odoo_src_path()
    odoo = env.find_odoo(src)
    if args.command == "demo" and not odoo:
        odoo = env.download_odoo(src)
    venv = venv_path()
    if os.environ.get("KILAP_STAGE") != "2":
        env.ensure_venv(odoo)
        env.reexec_in_venv(venv, argv)
    return run_in_venv(args, odoo, venv)


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
