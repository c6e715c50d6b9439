"""Generator, the month's bulk rows: every check-in and check-out (``hr_attendance`` with
KILAP's GPS, fence and review columns) and the journal entries of each day worked."""

import datetime
import random

from kilap.generate.names import ACTIVITIES, TZ
from kilap.generate.plan import journal_state
from kilap.generate.rows import bulk_insert, insert_journal_entries, now

REJECT_REASON = "Uraian kurang jelas, lengkapi keluaran."
SLOTS = ((7.5, 10.0), (10.0, 12.0), (13.0, 15.5))


def attendances(gen):
    import pytz  # noqa: PLC0415

    env, plan, cr = gen.env, gen.plan, gen.env.cr
    tz = pytz.timezone(TZ)
    offset = {
        d: tz.utcoffset(datetime.datetime.combine(d, datetime.time(12)))
        for d in gen.dates
    }
    stamp, uid, company_id = now(), env.uid, gen.company.id
    rows = []
    for idx, n, late, early, flagged, acc, dlat, dlon, _j in plan["events"]:
        person = plan["people"][idx]
        opd = plan["opds"][person["opd"]]
        fence = gen.fence_ids[person["opd"]]
        day = gen.dates[n]
        start = datetime.datetime.combine(day, datetime.time(7, 30)) - offset[day]
        check_in = start + datetime.timedelta(minutes=late, seconds=(idx * 7) % 60)
        end_h = (16, 30) if day.weekday() == 4 else (16, 0)
        check_out = None
        if early is not None:
            check_out = (
                datetime.datetime.combine(day, datetime.time(*end_h))
                - offset[day]
                - datetime.timedelta(minutes=early)
            )
        worked = (check_out - check_in).total_seconds() / 3600 - 1 if check_out else 0.0
        lat, lon = opd["lat"] + dlat, opd["lon"] + dlon
        rows.append(
            (
                gen.employee_ids[idx],
                uid,
                uid,
                stamp,
                stamp,
                day,
                check_in,
                check_out,
                "kilap_portal",
                "kilap_portal" if check_out else None,
                lat,
                lon,
                lat if check_out else None,
                lon if check_out else None,
                True,
                bool(check_out) or None,
                float(acc),
                fence,
                fence if check_out else None,
                round(abs(dlat) * 111000),
                company_id,
                "speed" if flagged else None,
                "to_review" if flagged else "none",
                480.0 if flagged else None,
                max(worked, 0.0),
                0.0,
                0.0,
                7.5,
            )
        )
    ids = bulk_insert(
        cr,
        "hr_attendance",
        [
            "employee_id",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
            "date",
            "check_in",
            "check_out",
            "in_mode",
            "out_mode",
            "in_latitude",
            "in_longitude",
            "out_latitude",
            "out_longitude",
            "in_kilap_gps",
            "out_kilap_gps",
            "in_kilap_accuracy",
            "kilap_in_fence_id",
            "kilap_out_fence_id",
            "kilap_in_distance_m",
            "kilap_company_id",
            "kilap_flags",
            "kilap_review_state",
            "kilap_speed_kmh",
            "worked_hours",
            "overtime_hours",
            "validated_overtime_hours",
            "expected_hours",
        ],
        rows,
        returning=True,
    )
    gen.attendance_count = len(ids)
    # the employee's last attendance (core stored compute)
    cr.execute(
        """UPDATE hr_employee e SET last_attendance_id = a.id
             FROM (SELECT DISTINCT ON (employee_id) id, employee_id FROM hr_attendance
                    WHERE employee_id = ANY(%s) ORDER BY employee_id, check_in DESC) a
            WHERE a.employee_id = e.id""",
        [gen.employee_ids],
    )


def journals(gen):
    """1-3 entries a day worked, their state by age (see plan.journal_state)."""
    env, plan = gen.env, gen.plan
    rng = random.Random(plan["seed"] * 7919 + 1)
    office = env.ref("kilap_activity.journal_type_office").id
    ids, uid, stamp = gen.employee_ids, env.uid, now()
    dept = {
        p["index"]: gen.unit_ids[p["unit"]]
        if p["unit"] is not None
        else gen.opd_ids[p["opd"]]
        for p in plan["people"]
    }
    approver = {
        p["index"]: gen.user_by_person.get(p["parent"], uid) for p in plan["people"]
    }
    n_days = len(gen.dates)
    entries = []
    for idx, n, _late, _early, _f, _acc, _dla, _dlo, count in plan["events"]:
        person = plan["people"][idx]
        emp = ids[idx]
        parent = ids[person["parent"]] if person["parent"] is not None else None
        rhks = gen.rhk_by_employee.get(emp, [])
        for slot in range(count):
            title, desc = ACTIVITIES[(n + slot + idx) % len(ACTIVITIES)]
            state = journal_state(n, n_days, rng.random())
            decided = state in ("approved", "rejected")
            entries.append(
                {
                    "employee_id": emp,
                    "company_id": gen.company.id,
                    "department_id": dept[idx],
                    "supervisor_id": parent,
                    "penilai_id": parent,
                    "journal_type_id": office,
                    "rhk_id": rhks[slot % len(rhks)] if rhks else None,
                    "approver_id": approver[idx] if decided else None,
                    "name": title,
                    "state": state,
                    "date": gen.dates[n],
                    "description": desc,
                    "reject_reason": REJECT_REASON if state == "rejected" else None,
                    "approved_date": stamp if state == "approved" else None,
                    "time_start": SLOTS[slot][0],
                    "time_end": SLOTS[slot][1],
                }
            )
    gen.journal_count = insert_journal_entries(env.cr, entries, uid)
