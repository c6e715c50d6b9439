"""The generator's Odoo half: ``generate(env, ...)`` builds the plan (kilap.generate.plan)
and writes it into a database that has the four KILAP add-ons: the ORM in batches for the
configuration-like records (setup, people), bulk INSERTs for the month's rows (activity).
Trusted bulk data is exactly what ``hr.attendance._kilap_is_trusted`` lets a superuser
import."""

import datetime
import time

from kilap.generate import activity, people, setup
from kilap.generate.plan import assign_schedules, build_plan, plan_digest

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
STEPS = (
    ("company & rules", setup.company),
    ("OPD tree & offices", setup.org),
    ("employees", people.employees),
    ("rosters", people.rosters),
    ("users", people.users),
    ("SKP, RHK, rencana aksi", people.skps),
    ("leave & field duty", people.absences),
    ("check-ins", activity.attendances),
    ("journal entries", activity.journals),
)


class Generator:
    """What the steps share (the ids of what earlier steps created), and timings."""

    def __init__(self, env, plan, log=print, users=200):
        self.env = env
        self.plan = plan
        self.log = log
        self.users_wanted = users
        self.timings = {}
        self.dates = [datetime.date.fromisoformat(d) for d in plan["days"]]

    def step(self, name, func):
        start, queries = time.time(), self.env.cr.sql_log_count
        result = func(self)
        self.env.flush_all()
        self.timings[name] = round(time.time() - start, 2)
        self.log(
            "  %-28s %7.2f s %7d queries"
            % (name, self.timings[name], self.env.cr.sql_log_count - queries)
        )
        return result

    def run(self):
        self.env = self.env(context=dict(self.env.context, **CONTEXT))
        for name, func in STEPS:
            self.step(name, func)
        self.env.invalidate_all()
        return self.company


def generate(
    env, employees, days, seed, month=None, users=200, log=print, rostered=0, school=0
):
    """Build the plan and write it; returns (company, plan, generator). ``rostered``
    and ``school``: percentages of the staff on a roster and on the 6-day week."""
    month = month or (
        datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    ).replace(day=1)
    started = time.time()
    plan = assign_schedules(build_plan(employees, days, seed, month), rostered, school)
    log(
        "kilap generate: %d employees, %d working days from %s, seed %s (plan %s, %d check-in days)"
        % (
            employees,
            days,
            plan["days"][0],
            seed,
            plan_digest(plan),
            len(plan["events"]),
        )
    )
    gen = Generator(env, plan, log=log, users=users)
    company = gen.run()
    # planner statistics for the bulk-loaded tables, as autovacuum would gather
    # them a little later: the benchmarks then measure a settled database
    env.flush_all()
    env.cr.execute("ANALYZE")
    gen.timings["total"] = round(time.time() - started, 2)
    log(
        "kilap generate: company %r (id %d): %d attendances, %d journal entries in %.1f s"
        % (
            company.name,
            company.id,
            gen.attendance_count,
            gen.journal_count,
            gen.timings["total"],
        )
    )
    return company, plan, gen


def open_env(config, db):
    """The registry of ``db`` with Odoo's configuration file ``config``."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", str(config), "-d", db, "--log-level=warn"])
    return Registry(db)
