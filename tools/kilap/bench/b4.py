"""B4, the PDF reports of one OPD of 300 employees after its month is closed: the OPD
score report and the TPP recap, QWeb alone and through wkhtmltopdf."""

import datetime

from kilap.bench.b1 import rate_behaviour
from kilap.bench.measure import OUT, Stages, month_of, peak_rss_mb


def b4(env, company, employees=300):
    """OPD score report and TPP recap as PDF (wkhtmltopdf) for one OPD of ``employees``."""
    Dept = env["hr.department"]
    opd = Dept.search(
        [("company_id", "=", company.id), ("parent_id", "=", False)],
        limit=1,
        order="id",
    )
    staff = env["hr.employee"].search(
        [("company_id", "=", company.id)], order="id", limit=employees
    )
    # one OPD of `employees` people: move the others' units under it for this run
    staff.filtered(
        lambda e: e.department_id.id != opd.id and not e.department_id.parent_id == opd
    ).write({"department_id": opd.id})
    others = env["hr.employee"].search(
        [("company_id", "=", company.id), ("id", "not in", staff.ids)]
    )
    others.write({"active": False})
    env.flush_all()
    date_from, date_to = month_of(env, company)
    env["kilap.attendance.day"]._kilap_compute_days(staff, date_from, date_to)
    period = env["kilap.score.period"].create(
        {"company_id": company.id, "date_from": date_from, "date_to": date_to}
    )
    period._kilap_compute(refresh_attendance=False)
    rate_behaviour(period)
    period._kilap_transition(
        {
            "state": "closed",
            "closed_on": datetime.datetime.now(),
            "closed_by_id": env.uid,
        }
    )
    sheet = env["kilap.tpp.sheet"].create(
        {"period_id": period.id, "department_id": opd.id, "company_id": company.id}
    )
    sheet.action_compute()
    env.flush_all()
    print(
        "B4 reports: OPD %s, %d score lines, %d TPP lines"
        % (opd.name, len(period.line_ids), sheet.line_count)
    )
    st = Stages(env, len(staff))
    Report = env["ir.actions.report"]
    sizes = {}

    def render(ref, ids, key):
        pdf, kind = Report._render_qweb_pdf(ref, ids)
        sizes[key] = len(pdf)
        (OUT / ("%s.pdf" % key)).write_bytes(pdf)

    OUT.mkdir(parents=True, exist_ok=True)
    for ref, ids, label in (
        ("kilap_scoring.action_report_kilap_score_opd", period.ids, "score"),
        ("kilap_payroll_bridge.action_report_tpp_sheet", sheet.ids, "TPP"),
    ):  # the QWeb half alone, to tell it from wkhtmltopdf's
        st.run(
            "%s report HTML (QWeb)" % label,
            lambda ref=ref, ids=ids: Report._render_qweb_html(ref, ids),
        )
    st.run(
        "OPD score report PDF",
        lambda: render(
            "kilap_scoring.action_report_kilap_score_opd", period.ids, "b4-score-opd"
        ),
    )
    st.run(
        "TPP recap PDF",
        lambda: render(
            "kilap_payroll_bridge.action_report_tpp_sheet", sheet.ids, "b4-tpp-recap"
        ),
    )
    print("  PDF sizes %s, peak RSS %.0f MiB" % (sizes, peak_rss_mb()))
    return {
        "benchmark": "B4",
        "employees": len(staff),
        "stages": st.rows,
        "pdf_bytes": sizes,
        "peak_rss_mb": peak_rss_mb(),
    }
