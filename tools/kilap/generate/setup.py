"""Generator, first steps: the generated company with its TPP rules and bases and the
holiday, then the OPD tree, the offices with their geofences and the Monday apel point."""

import datetime

from kilap.generate.names import CENTER, TZ
from kilap.generate.plan import kelas_base


def company(gen):
    env, plan = gen.env, gen.plan
    name = "Pemkab Gorontalo Utara (gen %s/%s)" % (plan["seed"], plan["employees"])
    if env["res.company"].search_count([("name", "=", name)]):
        raise SystemExit("a company %r already exists in this database" % name)
    idr = env.ref("base.IDR")
    idr.active = True
    calendar = env.ref("kilap_attendance_geo.calendar_perpres_21_2023")
    company = env["res.company"].create(
        {
            "name": name,
            "currency_id": idr.id,
            "country_id": env.ref("base.id").id,
            "city": "Kwandang",
            "resource_calendar_id": calendar.id,
        }
    )
    env.user.company_ids = [(4, company.id)]
    gen.company = company
    gen.calendar = calendar
    ruleset = env.ref("kilap_payroll_bridge.ruleset_default")
    ruleset.copy(
        {
            "company_id": company.id,
            "name": ruleset.name,
            "date_from": min(ruleset.date_from, datetime.date(2020, 1, 1)),
        }
    )
    comp_bk = env.ref("kilap_payroll_bridge.component_beban_kerja")
    comp_pk = env.ref("kilap_payroll_bridge.component_prestasi_kerja")
    bases = []
    for kelas in range(1, 18):
        bk, pk = kelas_base(kelas)
        bases.append(
            {
                "name": "Kelas %d" % kelas,
                "company_id": company.id,
                "kelas_jabatan": kelas,
                "line_ids": [
                    (0, 0, {"component_id": comp_bk.id, "amount": bk}),
                    (0, 0, {"component_id": comp_pk.id, "amount": pk}),
                ],
            }
        )
    env["kilap.tpp.base"].create(bases)
    if plan["holiday"]:
        import pytz  # noqa: PLC0415

        day = datetime.date.fromisoformat(plan["holiday"])
        tz = pytz.timezone(TZ)
        start = tz.localize(datetime.datetime.combine(day, datetime.time.min))
        env["resource.calendar.leaves"].create(
            {
                "name": "Cuti Bersama",
                "company_id": company.id,
                "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                "date_to": (start + datetime.timedelta(hours=23, minutes=59))
                .astimezone(pytz.utc)
                .replace(tzinfo=None),
            }
        )


def org(gen):
    env, plan, company = gen.env, gen.plan, gen.company
    depts = env["hr.department"].create(
        [{"name": o["name"], "company_id": company.id} for o in plan["opds"]]
    )
    gen.opd_ids = depts.ids
    units = env["hr.department"].create(
        [
            {
                "name": u["name"],
                "company_id": company.id,
                "parent_id": gen.opd_ids[u["opd"]],
            }
            for u in plan["units"]
        ]
    )
    gen.unit_ids = units.ids
    locations = env["hr.work.location"].create(
        [
            {
                "name": "Kantor " + o["name"],
                "company_id": company.id,
                "address_id": company.partner_id.id,
                "location_type": "office",
                "kilap_tz": TZ,
            }
            for o in plan["opds"]
        ]
    )
    gen.location_ids = locations.ids
    fences = env["kilap.geofence"].create(
        [
            {
                "name": "Kantor " + o["name"],
                "company_id": company.id,
                "work_location_id": loc,
                "latitude": o["lat"],
                "longitude": o["lon"],
                "radius": o["radius"],
            }
            for o, loc in zip(plan["opds"], gen.location_ids, strict=True)
        ]
    )
    gen.fence_ids = fences.ids
    first = gen.dates[0]
    # the Monday apel at the regent's office: a temporary point for everybody
    env["kilap.geofence"].create(
        {
            "name": "Apel Senin - Lapangan Kantor Bupati",
            "company_id": company.id,
            "latitude": CENTER[0],
            "longitude": CENTER[1],
            "radius": 200,
            "is_temporary": True,
            "date_from": first,
            "date_to": first + datetime.timedelta(days=6),
        }
    )
