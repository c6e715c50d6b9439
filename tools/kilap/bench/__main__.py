"""``python -m kilap.bench -c odoo.conf -d DB b1|b3|b4``: what ``./kilap bench`` runs in
the venv.  Each benchmark runs inside Odoo (``Registry(db)``) on a database filled by
``./kilap generate``, prints its figures, writes JSON under ``.kilap/bench/`` and rolls
its transaction back (the database can be measured again after a fix).  B2 (check-in
rush over HTTP) is ``python -m kilap.bench.b2``, B5 (employee import as background
jobs) ``python -m kilap.bench.b5``."""

import argparse
import contextlib
import sys

from kilap.bench.b1 import b1
from kilap.bench.b3 import b3
from kilap.bench.b4 import b4
from kilap.bench.measure import OUT, Stages, find_company, odoo_server, write_json
from kilap.generate.run import open_env


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap.bench")
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

    registry = open_env(args.config, args.db)
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
