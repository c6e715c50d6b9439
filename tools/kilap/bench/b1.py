"""B1, the month-end close of a generated pemda: daily results, scores, closing the
period, TPP sheets (generated, verified, approved), OCA payslips and their TPP inputs."""

import datetime
import random

from kilap.bench import floor
from kilap.bench.measure import Stages, month_of, peak_rss_mb
from kilap.generate.plan import weighted


def rate_behaviour(period, seed=1):
    """Supervisors' behaviour ratings: a realistic spread, one grouped write per value."""
    rng = random.Random(seed)
    lines = period.line_ids.sorted("id")
    buckets = {"above": [], "meets": [], "below": []}
    for line in lines:
        value = weighted(rng, [("above", 15), ("meets", 80), ("below", 5)])
        buckets[value].append(line.id)
    Line = lines.browse().with_context(tracking_disable=True)
    for value, ids in buckets.items():
        if ids:
            Line.browse(ids).write({"rating_perilaku": value})


def b1(env, company):
    employees = env["hr.employee"].search([("company_id", "=", company.id)])
    n = len(employees)
    date_from, date_to = month_of(env, company)
    print(
        "B1 month-end close: %d employees, %s .. %s (company %d)"
        % (n, date_from, date_to, company.id)
    )
    st = Stages(env, n)
    Period = env["kilap.score.period"]

    # set-up (not timed): contracts for OCA payroll and a structure with the TPP rules
    structure = env["hr.payroll.structure"].create(
        {
            "name": "Gaji ASN + TPP (bench)",
            "code": "ASNB%d" % company.id,
            "company_id": company.id,
            "parent_id": env.ref("kilap_payroll_bridge.structure_tpp").id,
        }
    )
    employees.version_id.write(
        {
            "contract_date_start": datetime.date(2020, 1, 1),
            "wage": 4_000_000,
            "struct_id": structure.id,
        }
    )
    env.flush_all()

    st.run(
        "daily results",
        lambda: env["kilap.attendance.day"]._kilap_compute_days(
            employees, date_from, date_to
        ),
    )
    # the SQL floor: the same daily results by PostgreSQL alone, one INSERT ... SELECT
    floor.create_floor_table(env.cr)
    st.run(
        "SQL floor (daily results)",
        lambda: floor.run_floor(env.cr, company.id, date_from, date_to),
    )
    floor_check = floor.compare(env.cr, company.id, date_from, date_to)
    results_s = next(r["seconds"] for r in st.rows if r["stage"] == "daily results")
    floor_s = st.rows[-1]["seconds"]
    print(
        "  daily results / SQL floor = %.1f; rows %d, different %d, only in one: %d"
        % (
            results_s / max(floor_s, 0.001),
            floor_check["rows"],
            floor_check["different"],
            floor_check["only_in_floor"] + floor_check["only_in_kilap"],
        )
    )

    def scores():
        period = Period.create(
            {"company_id": company.id, "date_from": date_from, "date_to": date_to}
        )
        period._kilap_compute(refresh_attendance=False)
        return period

    period = st.run("scores", scores)
    # the supervisors' work during the month, like the check-ins and journals:
    # shown, not part of the close (each rating is tracked on its line)
    st.run("behaviour ratings (supervisors)", lambda: rate_behaviour(period))
    st.run(
        "close period",
        lambda: period._kilap_transition(
            {
                "state": "closed",
                "closed_on": datetime.datetime.now(),
                "closed_by_id": env.uid,
            }
        ),
    )

    def sheets():
        # what finance's "Generate TPP Sheets" does: every OPD of the month at once
        sheets = env["kilap.tpp.sheet"]._kilap_generate(period)
        sheets.action_verify()
        sheets.action_approve()
        return sheets

    tpp = st.run("TPP sheets", sheets)

    def payslips():
        return env["hr.payslip"].create(
            [
                {
                    "employee_id": emp.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    "contract_id": emp.version_id.id,
                    "struct_id": structure.id,
                    "company_id": company.id,
                    "name": "Slip %s" % date_from.strftime("%m/%Y"),
                }
                for emp in employees
            ]
        )

    slips = st.run("payslips (OCA create)", payslips)
    st.run("payslip inputs", slips._kilap_sync_tpp_inputs)
    close_stages = [
        "daily results",
        "scores",
        "close period",
        "TPP sheets",
        "payslip inputs",
    ]
    # the job that the daily results triggered: to-dos and one message per user
    Event = env["kilap.discipline.event"]
    st.run(
        "discipline follow-up (job)",
        lambda: Event.search([("notified", "=", False)])._kilap_notify(),
    )
    seconds, queries = st.total(close_stages)
    lines = sum(tpp.mapped("line_count"))
    inputs = env["hr.payslip.input"].search_count(
        [("payslip_id", "in", slips.ids), ("code", "=", "TPP")]
    )
    print(
        "  %-24s %8.2f s %8d queries %8.3f q/emp   (close = results, scores, close, "
        "sheets, inputs)" % ("TOTAL close", seconds, queries, queries / max(n, 1))
    )
    print(
        "  TPP lines %d, TPP inputs %d, peak RSS %.0f MiB, close / SQL floor = %.1f"
        % (lines, inputs, peak_rss_mb(), seconds / max(floor_s, 0.001))
    )
    return {
        "benchmark": "B1",
        "employees": n,
        "month": str(date_from),
        "stages": st.rows,
        "close_seconds": seconds,
        "close_queries": queries,
        "tpp_lines": lines,
        "tpp_inputs": inputs,
        "peak_rss_mb": peak_rss_mb(),
        "sql_floor": dict(floor_check, ratio=round(results_s / max(floor_s, 0.001), 1)),
    }
