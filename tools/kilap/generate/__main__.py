"""``python -m kilap.generate -c odoo.conf -d DB --employees N --days D --seed S``: what
``./kilap generate`` runs in the venv (see kilap.generate.run)."""

import argparse
import datetime
import sys

from kilap.generate.run import generate, open_env


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap.generate")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--employees", type=int, default=100)
    parser.add_argument("--days", type=int, default=22)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--month", help="YYYY-MM of the first day (default: last month)"
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rostered", type=float, default=0.0)
    parser.add_argument("--school", type=float, default=0.0)
    args = parser.parse_args(argv)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = open_env(args.config, args.db)
    month = datetime.date.fromisoformat(args.month + "-01") if args.month else None
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generate(
            env,
            args.employees,
            args.days,
            args.seed,
            month,
            users=args.users,
            rostered=args.rostered,
            school=args.school,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
