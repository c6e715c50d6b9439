"""Generator, people: employees (by a technical user, so that hr draws no avatar),
their users (one password hash for all), SKPs with RHK and monthly actions, leave and
field duty."""

import datetime

from kilap.generate.names import RHK_TEMPLATES, TZ, USER_PASSWORD
from kilap.generate.rows import bulk_insert, now


def employees(gen):
    env, plan, company = gen.env, gen.plan, gen.company
    golongan = {
        g.split(".")[-1]: env.ref("kilap_activity.golongan_%s" % g).id
        for g in {p["golongan"] for p in plan["people"]}
    }
    school = env.ref("kilap_attendance_geo.calendar_school_6_days").id
    vals_list = []
    for p in plan["people"]:
        dept = (
            gen.unit_ids[p["unit"]] if p["unit"] is not None else gen.opd_ids[p["opd"]]
        )
        vals_list.append(
            {
                "name": p["name"],
                "company_id": company.id,
                "department_id": dept,
                "work_location_id": gen.location_ids[p["opd"]],
                "resource_calendar_id": (
                    school if p.get("schedule") == "school" else gen.calendar.id
                ),
                "kilap_rostered": p.get("schedule") == "roster",
                "tz": TZ,
                "sex": p["gender"],
                "birthday": p["birthday"],
                "nip": p["nip"],
                "tmt_cpns": p["tmt_cpns"],
                "asn_status": p["asn_status"],
                "golongan_id": golongan[p["golongan"]],
                "jabatan_type": p["jabatan_type"],
                "jabatan_name": p["jabatan_name"],
                "kelas_jabatan": p["kelas"],
                "work_email": "%s@gorutkab.go.id" % p["nip"],
            }
        )
    ids = []
    # Created by a technical user without write access to views: hr then skips
    # drawing an SVG avatar per employee (10 attachments each, the slowest part by
    # far); the avatar is drawn on the fly when shown instead.
    Employee = env["hr.employee"].with_user(technical_user(gen)).sudo()
    for start in range(0, len(vals_list), 1000):
        ids.extend(Employee.create(vals_list[start : start + 1000]).ids)
    Employee = env["hr.employee"]
    gen.employee_ids = ids
    # supervisors and heads: one grouped write per supervisor
    by_parent = {}
    for p in plan["people"]:
        if p["parent"] is not None:
            by_parent.setdefault(ids[p["parent"]], []).append(ids[p["index"]])
    for parent, children in by_parent.items():
        Employee.browse(children).write({"parent_id": parent})
    Dept = env["hr.department"]
    for p in plan["people"]:
        if p["jabatan_type"] == "jpt":
            Dept.browse(gen.opd_ids[p["opd"]]).manager_id = ids[p["index"]]
        elif p["jabatan_type"] == "administrator" and p["unit"] is not None:
            Dept.browse(gen.unit_ids[p["unit"]]).manager_id = ids[p["index"]]


def rosters(gen):
    """The rostered staff's month: a day shift Monday to Friday (the hours the
    generated check-ins keep), off at the weekend; bulk rows like the ORM's."""
    env, plan = gen.env, gen.plan
    rostered = [p for p in plan["people"] if p.get("schedule") == "roster"]
    if not rostered:
        return
    shift = env["kilap.shift.type"].create(
        {
            "code": "PG",
            "name": "Pagi (generated)",
            "hour_from": 7.5,
            "hour_to": 16.0,
            "break_minutes": 60,
            "company_id": gen.company.id,
        }
    )
    first = datetime.date.fromisoformat(plan["month"])
    # the whole month: a rostered date left without an entry would be unscheduled
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )
    stamp, uid = now(), env.uid
    rows = []
    for p in rostered:
        dept = (
            gen.unit_ids[p["unit"]] if p["unit"] is not None else gen.opd_ids[p["opd"]]
        )
        day = first
        while day <= last:
            on = day.weekday() < 5
            rows.append(
                (
                    gen.employee_ids[p["index"]],
                    gen.company.id,
                    dept,
                    day,
                    "shift" if on else "off",
                    shift.id if on else None,
                    uid,
                    uid,
                    stamp,
                    stamp,
                )
            )
            day += datetime.timedelta(days=1)
    bulk_insert(
        env.cr,
        "kilap_shift_roster",
        (
            "employee_id",
            "company_id",
            "department_id",
            "date",
            "kind",
            "shift_type_id",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
        ),
        rows,
    )
    gen.roster_count = len(rows)


def technical_user(gen):
    env = gen.env
    login = "kilap_generator"
    user = (
        env["res.users"].with_context(active_test=False).search([("login", "=", login)])
    )
    if not user:
        user = env["res.users"].create(
            {
                "name": "KILAP generator",
                "login": login,
                "active": False,
                "group_ids": [(6, 0, [env.ref("base.group_user").id])],
            }
        )
    user.company_ids = [(4, gen.company.id)]
    return user.id


def users(gen):
    """Users for every supervisor and the first staff, up to ``users`` in all."""
    env, plan = gen.env, gen.plan
    supervisors = {p["parent"] for p in plan["people"] if p["parent"] is not None}
    chosen = sorted(supervisors) + [
        p["index"] for p in plan["people"] if p["index"] not in supervisors
    ]
    chosen = chosen[: max(gen.users_wanted, len(supervisors))]
    pegawai = env.ref("kilap_activity.group_kilap_pegawai")
    base_user = env.ref("base.group_user")
    vals_list = [
        {
            "name": plan["people"][i]["name"],
            "login": "gen%s_%s" % (plan["seed"], plan["people"][i]["nip"]),
            "company_id": gen.company.id,
            "company_ids": [(6, 0, [gen.company.id])],
            "group_ids": [(6, 0, [base_user.id, pegawai.id])],
        }
        for i in chosen
    ]
    users = env["res.users"].with_context(no_reset_password=True).create(vals_list)
    # one password hash for all of them (hashing 5,000 times takes an hour)
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
        [users._crypt_context().hash(USER_PASSWORD), users.ids],
    )
    Employee = env["hr.employee"]
    for user, i in zip(users, chosen, strict=True):
        Employee.browse(gen.employee_ids[i]).user_id = user.id
    gen.user_by_person = dict(zip(chosen, users.ids, strict=True))


def skps(gen):
    env, plan, cr = gen.env, gen.plan, gen.env.cr
    year = gen.dates[0].year
    vals_list = []
    for p in plan["people"]:
        names = RHK_TEMPLATES[p["jabatan_type"]]
        vals_list.append(
            {
                "employee_id": gen.employee_ids[p["index"]],
                "year": year,
                "penilai_id": gen.employee_ids[p["parent"]]
                if p["parent"] is not None
                else False,
                "rhk_ids": [
                    (
                        0,
                        0,
                        {
                            "name": rhk,
                            "sequence": n,
                            "kind": "main" if n == 0 else "additional",
                            "indicator_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Jumlah keluaran: %s" % rhk,
                                        "target_qty": 12,
                                        "unit": "dokumen",
                                        "target_quality": "100%",
                                        "target_time": "12 bulan",
                                    },
                                )
                            ],
                        },
                    )
                    for n, rhk in enumerate(names)
                ],
            }
        )
    Skp = env["kilap.skp"]
    skps = Skp.browse()
    for start in range(0, len(vals_list), 1000):
        skps |= Skp.create(vals_list[start : start + 1000])
    skps._kilap_transition({"state": "approved", "approver_id": env.uid})
    env.flush_all()
    cr.execute(
        "SELECT r.id, r.employee_id, r.company_id, r.name, r.sequence FROM kilap_skp_rhk r"
        " JOIN kilap_skp s ON s.id = r.skp_id WHERE s.id = ANY(%s) ORDER BY r.id",
        [skps.ids],
    )
    gen.rhk_by_employee = {}
    rows, stamp, uid = [], now(), env.uid
    for rhk_id, emp_id, company_id, name, _seq in cr.fetchall():
        gen.rhk_by_employee.setdefault(emp_id, []).append(rhk_id)
        for month in range(1, 13):
            rows.append(
                (
                    rhk_id,
                    emp_id,
                    company_id,
                    month,
                    uid,
                    uid,
                    stamp,
                    stamp,
                    "%s (bulan %d)" % (name, month),
                    "kegiatan",
                    20.0,
                )
            )
    bulk_insert(
        cr,
        "kilap_skp_action",
        [
            "rhk_id",
            "employee_id",
            "company_id",
            "month",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
            "name",
            "unit",
            "target_qty",
        ],
        rows,
    )


def absences(gen):
    env, plan = gen.env, gen.plan
    company = gen.company
    types = env["hr.leave.type"].search(
        [
            ("requires_allocation", "=", False),
            ("company_id", "in", (company.id, False)),
        ]
    )
    sick = types.filtered(lambda t: t.kilap_treatment == "sick")[:1] or types[:1]
    annual = (
        types.filtered(lambda t: t.kilap_treatment in (False, "leave"))[:1] or types[:1]
    )
    if types:
        vals_list = [
            {
                "employee_id": gen.employee_ids[lv["employee"]],
                "holiday_status_id": (sick if lv["kind"] == "sick" else annual).id,
                "request_date_from": lv["date_from"],
                "request_date_to": lv["date_to"],
                "name": "Cuti (gen)",
            }
            for lv in plan["leaves"]
        ]
        Leave = env["hr.leave"].with_context(
            leave_skip_state_check=True, leave_fast_create=True
        )
        leaves = Leave.create(vals_list)
        leaves.with_context(leave_skip_state_check=True).write({"state": "validate"})
    Duty = env["kilap.field.duty"]
    for start in range(0, len(plan["duties"]), 500):
        Duty._kilap_create_in_state(
            [
                {
                    "name": "SPT/%03d/GEN/%s"
                    % (n + start, gen.dates[0].strftime("%m/%Y")),
                    "company_id": company.id,
                    "employee_ids": [(6, 0, [gen.employee_ids[d["employee"]]])],
                    "date_from": d["date_from"],
                    "date_to": d["date_to"],
                    "destination": "Kota Gorontalo",
                    "latitude": 0.5435,
                    "longitude": 123.0568,
                    "purpose": "Koordinasi dengan Pemerintah Provinsi",
                    "state": "approved",
                }
                for n, d in enumerate(plan["duties"][start : start + 500])
            ]
        )
