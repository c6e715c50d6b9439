"""B3, a supervisor's approval queue: 50 subordinates with 22 days x 10 submitted
journal entries each (11,000); load the grouped queue as the web client does, approve
10,000 at once."""

import datetime

from kilap.bench.measure import Stages, month_of, peak_rss_mb
from kilap.generate.plan import working_days
from kilap.generate.rows import insert_journal_entries

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


def b3(env, company, subordinates=50, days=22, per_day=10, approve=10000):
    """A supervisor with 50 subordinates, 22 days x 10 submitted entries each."""
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
    dates = working_days(start, days)
    office = env.ref("kilap_activity.journal_type_office").id
    cr.execute(
        "SELECT r.employee_id, min(r.id) FROM kilap_skp_rhk r WHERE r.employee_id = ANY(%s) GROUP BY 1",
        [staff.ids],
    )
    rhk = dict(cr.fetchall())
    entries = [
        {
            "employee_id": emp.id,
            "company_id": company.id,
            "department_id": emp.department_id.id,
            "supervisor_id": supervisor.id,
            "penilai_id": supervisor.id,
            "journal_type_id": office,
            "rhk_id": rhk.get(emp.id),
            "name": "Kegiatan %d" % (slot + 1),
            "state": "submitted",
            "date": day,
            "description": "Uraian kegiatan harian.",
            "time_start": 6.0 + slot * 1.5,
            "time_end": 6.0 + slot * 1.5 + 1.25,
        }
        for emp in staff
        for day in dates
        for slot in range(per_day)
    ]
    count = insert_journal_entries(cr, entries, env.uid)
    env.invalidate_all()
    print(
        "B3 supervisor queue: %s (%s) with %d subordinates, %d submitted entries"
        % (supervisor.name, user.login, len(staff), count)
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
    st = Stages(uenv, count)

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
        "entries": count,
        "stages": st.rows,
        "approved": approved,
        "peak_rss_mb": peak_rss_mb(),
    }
