"""Pure parts of the generator (tools/kilap/generate/plan.py): NIPs, working days,
deterministic plans, and its journal writer (rows.py) with a fake cursor.

No Odoo here: the plan imports no Odoo, the writers only get a cursor.
"""

import datetime
import importlib.util

import pytest
from kilap.generate import plan as gen
from kilap.generate import rows


@pytest.fixture(scope="module")
def nip_rules(repo):
    spec = importlib.util.spec_from_file_location(
        "kilap_nip_rules", repo / "addons" / "kilap_activity" / "rules" / "nip.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OCT = datetime.date(2026, 10, 1)


def test_make_nip_shape(nip_rules):
    nip = gen.make_nip(
        datetime.date(1985, 2, 28), datetime.date(2010, 3, 1), "female", 7
    )
    assert nip == "198502282010032007"
    assert nip_rules.nip_errors(nip, "female") == []


def test_every_planned_nip_is_valid_and_unique(nip_rules):
    plan = gen.build_plan(600, 5, seed=11, month_start=OCT)
    nips = [p["nip"] for p in plan["people"]]
    assert len(nips) == len(set(nips)) == 600
    for person in plan["people"]:
        assert nip_rules.nip_errors(person["nip"], person["gender"]) == [], person


def test_same_seed_same_plan():
    one = gen.build_plan(250, 22, seed=5, month_start=OCT)
    two = gen.build_plan(250, 22, seed=5, month_start=OCT)
    assert one == two
    assert gen.plan_digest(one) == gen.plan_digest(two)
    other = gen.build_plan(250, 22, seed=6, month_start=OCT)
    assert gen.plan_digest(other) != gen.plan_digest(one)


def test_working_days_skip_weekends():
    days = gen.working_days(OCT, 22)
    assert len(days) == 22
    assert all(d.weekday() < 5 for d in days)
    assert days[0] == OCT and days[-1] == datetime.date(2026, 10, 30)


def test_plan_structure():
    plan = gen.build_plan(400, 22, seed=1, month_start=OCT)
    people = plan["people"]
    assert len(people) == 400
    kinds = {p["jabatan_type"] for p in people}
    assert kinds == {"jpt", "administrator", "pengawas", "fungsional", "pelaksana"}
    # a supervisor is always created before the staff who report to them
    assert all(p["parent"] is None or p["parent"] < p["index"] for p in people)
    assert all(1 <= p["kelas"] <= 17 for p in people)
    # every opd has offices near Kwandang (WITA)
    for opd in plan["opds"]:
        assert abs(opd["lat"] - 0.92) < 0.1 and abs(opd["lon"] - 122.6) < 0.1
    # every kind of day shows up: late bands, early leave, missing check-out, flagged
    lates = {e[2] for e in plan["events"]}
    assert any(1 <= m <= 30 for m in lates) and any(m > 90 for m in lates)
    assert any(e[3] is None for e in plan["events"])
    assert any(e[3] is not None and e[3] > 60 for e in plan["events"])
    assert any(e[4] for e in plan["events"])
    # TK, leave, field duty and the holiday leave days without a check-in
    assert len(plan["events"]) < 400 * 22
    assert plan["leaves"] and plan["duties"] and plan["holiday"]


def test_journal_states_cover_every_state():
    states = {gen.journal_state(n, 22, draw) for n in range(22) for draw in (0.01, 0.5)}
    assert states == {"draft", "submitted", "approved", "rejected"}


def test_kelas_base_grows_with_class():
    totals = [sum(gen.kelas_base(k)) for k in range(1, 18)]
    assert totals == sorted(totals) and totals[0] > 0


class FakeCursor:
    def __init__(self):
        self.calls = []

    def execute_values(self, sql, rows, page_size, fetch):
        self.calls.append((sql, list(rows)))
        return []


def test_journal_entries_one_writer():
    """The generator and B3 write journal entries through one function: defaults,
    the creator and the duration (from the times) are filled in, columns in order."""
    cr = FakeCursor()
    entry = {
        "employee_id": 7,
        "company_id": 1,
        "department_id": 3,
        "supervisor_id": 5,
        "penilai_id": 5,
        "journal_type_id": 2,
        "rhk_id": None,
        "name": "Kegiatan 1",
        "state": "submitted",
        "date": OCT,
        "description": "Uraian.",
        "time_start": 7.5 + 4 * 1.6,
        "time_end": 7.5 + 4 * 1.6 + 1.5,
    }
    assert rows.insert_journal_entries(cr, [entry, dict(entry, time_end=15.5)], 9) == 2
    ((sql, written),) = cr.calls
    assert sql.startswith('INSERT INTO "kilap_journal_entry" ("employee_id", ')
    values = [dict(zip(rows.JOURNAL_COLUMNS, row, strict=True)) for row in written]
    assert values[0]["duration_minutes"] == 90
    assert values[1]["duration_minutes"] == round((15.5 - entry["time_start"]) * 60)
    assert values[0]["create_uid"] == values[0]["write_uid"] == 9
    assert values[0]["approver_id"] is None and values[0]["active"] is True
    assert values[0]["output_uom"] == "kegiatan" and values[0]["output_qty"] == 1.0


def test_schedules_share_keeps_the_plan_otherwise():
    """Rostered and school staff come from a draw of their own: the rest of the
    plan, and a plan without them, stay as they were."""
    month = datetime.date(2026, 10, 1)
    plain = gen.build_plan(400, 22, 1, month)
    digest = gen.plan_digest(plain)
    assert (
        gen.plan_digest(gen.assign_schedules(gen.build_plan(400, 22, 1, month)))
        == digest
    )
    mixed = gen.assign_schedules(gen.build_plan(400, 22, 1, month), 20, 10)
    again = gen.assign_schedules(gen.build_plan(400, 22, 1, month), 20, 10)
    assert gen.plan_digest(mixed) == gen.plan_digest(again) != digest
    staff = [
        p for p in mixed["people"] if p["jabatan_type"] in ("fungsional", "pelaksana")
    ]
    rostered = sum(p.get("schedule") == "roster" for p in staff)
    school = sum(p.get("schedule") == "school" for p in staff)
    assert 0.12 < rostered / len(staff) < 0.28 and 0.04 < school / len(staff) < 0.16
    assert not any(
        p.get("schedule") for p in mixed["people"] if p["jabatan_type"] == "jpt"
    )
    assert [dict(p, schedule=None) for p in mixed["people"]] == [
        dict(p, schedule=None) for p in plain["people"]
    ]
    with pytest.raises(ValueError):
        gen.assign_schedules(gen.build_plan(10, 5, 1, month), 80, 30)
