"""The generator's pure half (no Odoo import).

``build_plan(employees, days, seed, month)`` draws, with ``random.Random(seed)`` only,
the OPD tree, offices, positions, NIPs and every employee-day (on time, TL1..TL4,
PSW1..PSW3, missing check-out, leave, field duty, TK, flagged).  Same arguments, same
plan: ``plan_digest`` proves it in the tests."""

import datetime
import hashlib
import json
import random

from kilap.generate.names import (
    CENTER,
    DAY_KINDS,
    EARLY_RANGES,
    FIRST_F,
    FIRST_M,
    FUNGSIONAL,
    GOLONGAN,
    KELAS,
    LAST,
    LATE_RANGES,
    OPD_NAMES,
    PELAKSANA,
    UNIT_NAMES,
)


def make_nip(birth, tmt, gender, sequence):
    """18-digit NIP: birth YYYYMMDD, TMT CPNS YYYYMM, gender digit, 3-digit sequence."""
    return "%s%s%s%03d" % (
        birth.strftime("%Y%m%d"),
        tmt.strftime("%Y%m"),
        "1" if gender == "male" else "2",
        sequence % 1000,
    )


def working_days(month_start, count):
    """The first ``count`` Monday-Friday dates from ``month_start`` on."""
    days, day = [], month_start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def weighted(rng, pairs):
    total = sum(w for _k, w in pairs)
    pick = rng.uniform(0, total)
    for key, weight in pairs:
        pick -= weight
        if pick <= 0:
            return key
    return pairs[-1][0]


def _person(rng, index, jabatan_type, used_nips):
    gender = "male" if rng.random() < 0.52 else "female"
    first = rng.choice(FIRST_M if gender == "male" else FIRST_F)
    name = "%s %s" % (first, rng.choice(LAST))
    age = {"jpt": (48, 58), "administrator": (42, 56), "pengawas": (35, 52)}.get(
        jabatan_type, (24, 57)
    )
    birth = datetime.date(2026 - rng.randint(*age), 1, 1) + datetime.timedelta(
        days=rng.randint(0, 364)
    )
    tmt = datetime.date(
        min(birth.year + rng.randint(22, 30), 2025), rng.randint(1, 12), 1
    )
    seq = rng.randint(1, 999)
    nip = make_nip(birth, tmt, gender, seq)
    while nip in used_nips:
        seq = seq % 999 + 1
        nip = make_nip(birth, tmt, gender, seq)
    used_nips.add(nip)
    status = weighted(rng, [("pns", 80), ("pppk", 15), ("cpns", 5)])
    if jabatan_type in ("jpt", "administrator", "pengawas"):
        status = "pns"
    golongan = rng.choice(GOLONGAN[jabatan_type])
    if status == "pppk":
        golongan = "pppk_%d" % rng.choice([5, 7, 9, 11])
    kelas = rng.randint(*KELAS[jabatan_type])
    return {
        "index": index,
        "name": name,
        "gender": gender,
        "birthday": birth.isoformat(),
        "nip": nip,
        "tmt_cpns": tmt.isoformat(),
        "asn_status": status,
        "golongan": golongan,
        "jabatan_type": jabatan_type,
        "kelas": kelas,
    }


def build_plan(employees, days, seed, month_start):
    """Everything the generator will write, drawn from ``random.Random(seed)`` only."""
    if employees < 1 or days < 1:
        raise ValueError("employees and days must be positive")
    rng = random.Random(seed)
    month_start = month_start.replace(day=1)
    n_opd = max(1, min(len(OPD_NAMES), round(employees / 125)))
    opds, units = [], []
    for o in range(n_opd):
        lat = CENTER[0] + rng.uniform(-0.04, 0.04)
        lon = CENTER[1] + rng.uniform(-0.08, 0.08)
        opds.append(
            {
                "index": o,
                "name": OPD_NAMES[o],
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "radius": rng.choice([100, 150, 150, 200]),
            }
        )
        for u in range(rng.randint(2, 4) if employees >= 40 else 1):
            units.append({"index": len(units), "opd": o, "name": UNIT_NAMES[u]})
    people, used = [], set()

    def add(jabatan_type, opd, unit, parent):
        person = _person(rng, len(people), jabatan_type, used)
        person.update(opd=opd, unit=unit, parent=parent)
        if jabatan_type == "fungsional":
            person["jabatan_name"] = rng.choice(FUNGSIONAL)
        elif jabatan_type == "pelaksana":
            person["jabatan_name"] = rng.choice(PELAKSANA)
        else:
            person["jabatan_name"] = {
                "jpt": "Kepala",
                "administrator": "Kepala Bidang",
                "pengawas": "Kepala Sub Bagian",
            }[jabatan_type]
        people.append(person)
        return person["index"]

    heads = {}
    unit_heads = {}
    for opd in opds:
        if len(people) < employees:
            heads[opd["index"]] = add("jpt", opd["index"], None, None)
    for unit in units:
        if len(people) < employees:
            unit_heads[unit["index"]] = add(
                "administrator", unit["opd"], unit["index"], heads.get(unit["opd"])
            )
    pengawas = {}
    for unit in units:
        if len(people) < employees and employees >= 200:
            pengawas[unit["index"]] = add(
                "pengawas", unit["opd"], unit["index"], unit_heads.get(unit["index"])
            )
    while len(people) < employees:
        unit = units[rng.randrange(len(units))]
        parent = pengawas.get(unit["index"]) or unit_heads.get(unit["index"])
        parent = parent if parent is not None else heads.get(unit["opd"])
        kind = "fungsional" if rng.random() < 0.45 else "pelaksana"
        add(kind, unit["opd"], unit["index"], parent)
    dates = working_days(month_start, days)
    holiday = dates[len(dates) // 2] if len(dates) >= 10 else None
    leaves, duties, events = _plan_days(rng, people, dates, holiday)
    return {
        "seed": seed,
        "employees": employees,
        "days": [d.isoformat() for d in dates],
        "month": month_start.isoformat(),
        "holiday": holiday.isoformat() if holiday else None,
        "opds": opds,
        "units": units,
        "people": people,
        "leaves": leaves,
        "duties": duties,
        "events": events,
    }


def _plan_days(rng, people, dates, holiday):
    """Leave blocks (1 %), field duties (3 %, 2-3 days), then every other day drawn."""
    leaves, duties, events = [], [], []
    for person in people:
        idx = person["index"]
        busy = set()
        if rng.random() < 0.01 and len(dates) >= 5:
            start = rng.randrange(0, len(dates) - 3)
            span = dates[start : start + rng.randint(2, 3)]
            leaves.append(
                {
                    "employee": idx,
                    "date_from": span[0].isoformat(),
                    "date_to": span[-1].isoformat(),
                    "kind": rng.choice(["annual", "sick"]),
                }
            )
            busy.update(span)
        if rng.random() < 0.03 and len(dates) >= 5:
            start = rng.randrange(0, len(dates) - 3)
            span = [
                d for d in dates[start : start + rng.randint(2, 3)] if d not in busy
            ]
            if span:
                duties.append(
                    {
                        "employee": idx,
                        "date_from": span[0].isoformat(),
                        "date_to": span[-1].isoformat(),
                    }
                )
                busy.update(span)
        for n, day in enumerate(dates):
            if day == holiday or day in busy:
                continue
            kind = weighted(rng, DAY_KINDS)
            if kind == "tk":
                continue
            late = (
                rng.randint(*LATE_RANGES[kind])
                if kind in LATE_RANGES
                else -rng.randint(0, 25)
            )
            early = (
                rng.randint(*EARLY_RANGES[kind])
                if kind in EARLY_RANGES
                else -rng.randint(0, 40)
            )
            events.append(
                [
                    idx,
                    n,
                    late,
                    None if kind == "no_out" else early,
                    rng.random() < 0.005,  # flagged for review
                    rng.randint(5, 40),  # GPS accuracy
                    round(rng.uniform(-0.0004, 0.0004), 6),
                    round(rng.uniform(-0.0004, 0.0004), 6),
                    rng.randint(1, 3),  # journal entries that day
                ]
            )
    return leaves, duties, events


def assign_schedules(plan, rostered=0.0, school=0.0):
    """Give ``rostered`` % of the staff (fungsional and pelaksana) a day-shift roster
    and ``school`` % the 6-day school week. A draw of its own: without them the plan,
    and its digest, stay as they were."""
    if rostered < 0 or school < 0 or rostered + school > 100:
        raise ValueError(
            "rostered and school are percentages that add up to 100 at most"
        )
    if not (rostered or school):
        return plan
    rng = random.Random(plan["seed"] * 7919 + 1)
    for person in plan["people"]:
        if person["jabatan_type"] not in ("fungsional", "pelaksana"):
            continue
        draw = rng.random() * 100
        if draw < rostered:
            person["schedule"] = "roster"
        elif draw < rostered + school:
            person["schedule"] = "school"
    plan["rostered"], plan["school"] = rostered, school
    return plan


def plan_digest(plan):
    """A short fingerprint of a plan (same seed and sizes, same digest)."""
    blob = json.dumps(plan, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def kelas_base(kelas):
    """Monthly TPP base (IDR) of a kelas jabatan: (beban kerja, prestasi kerja)."""
    total = 1_250_000 + kelas * 475_000
    return round(total * 0.6, -3), round(total * 0.4, -3)


def journal_state(day_index, n_days, draw):
    """Journal state by age: recent days submitted/draft, older approved/rejected."""
    if day_index == n_days - 1:
        return "draft"
    if day_index >= n_days - 3:
        return "submitted"
    return "rejected" if draw < 0.04 else "approved"
