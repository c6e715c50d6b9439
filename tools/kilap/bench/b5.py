"""B5, the employee list import (SIASN / BKD): a generated 5,000-row CSV in SIASN's
data-utama columns, its dry run, its apply (the background chunks run here, in
order, as queue_job would run them) and the re-import of the same file, which must
find nothing to change. Targets: apply <= 60 s, re-import <= 10 s on 2 cores."""

import base64
import csv
import datetime
import io
import random

from kilap.bench.measure import Stages, peak_rss_mb

HEADER = [
    "id",
    "nipBaru",
    "nama",
    "gelarDepan",
    "gelarBelakang",
    "tempatLahir",
    "tglLahir",
    "jenisKelamin",
    "statusPegawai",
    "kedudukanPnsNama",
    "golRuangAkhir",
    "tmtGolAkhir",
    "jabatanNama",
    "jenisJabatan",
    "kelasJabatan",
    "unorNama",
    "unorIndukNama",
]
NAMES = ["Andi", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Indah"]
FAMILY = ["Hulukati", "Mooduto", "Gobel", "Lestari", "Saputra", "Ali", "Hasan"]
GOLONGAN = ["II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"]


def make_file(rows, units, seed=5):
    """CSV bytes of ``rows`` synthetic PNS with valid NIPs, spread over ``units``
    (``[(unit, parent)]``); the sequence digits keep every NIP distinct."""
    rnd = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for n in range(rows):
        birth = datetime.date(1965, 1, 1) + datetime.timedelta(
            days=rnd.randint(0, 12000)
        )
        tmt = datetime.date(birth.year + 23 + rnd.randint(0, 10), rnd.randint(1, 12), 1)
        sex = rnd.choice(("1", "2"))
        nip = "%s%s%s%03d" % (
            birth.strftime("%Y%m%d"),
            tmt.strftime("%Y%m"),
            sex,
            n % 1000,
        )
        unit, parent = units[n % len(units)]
        writer.writerow(
            [
                "b5%030d" % n,
                nip,
                "%s %s %d" % (rnd.choice(NAMES), rnd.choice(FAMILY), n),
                "",
                rnd.choice(("", "S.Kom", "S.E.", "S.Pd")),
                "Gorontalo",
                birth.strftime("%d-%m-%Y"),
                "M" if sex == "1" else "F",
                "PNS",
                "Aktif",
                rnd.choice(GOLONGAN),
                tmt.strftime("%d-%m-%Y"),
                "Pelaksana",
                "Pelaksana",
                str(rnd.randint(5, 9)),
                unit,
                parent,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def unique_nips(content):
    nips = [
        row[1]
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    ][1:]
    return len(nips) == len(set(nips))


def b5(env, company, rows=5000):
    """Dry run, apply and re-import of a ``rows``-row employee list."""
    departments = env["hr.department"].search(
        [("company_id", "=", company.id)], order="id"
    )
    units = [(d.name, (d.kilap_opd_id or d).name) for d in departments] or [
        ("Dinas B5", "Dinas B5")
    ]
    content = make_file(rows, units)
    seed = 5
    while not unique_nips(content):  # a birthday collision with the same sequence
        seed += 1
        content = make_file(rows, units, seed)
    # as a BKPSDM officer, not the administrator: what the import really runs as
    # (an administrator also gets an SVG avatar per new employee, 10 attachments)
    officer = env["res.users"].search(
        [
            ("group_ids", "in", env.ref("kilap_activity.group_kilap_bkpsdm").ids),
            ("group_ids", "not in", env.ref("base.group_system").ids),
            ("company_ids", "in", company.ids),
        ],
        limit=1,
    )
    Import = env["kilap.employee.import"].with_user(officer or env.user)
    values = {
        "company_id": company.id,
        "data": base64.b64encode(content),
        "filename": "b5.csv",
        "create_departments": True,
    }
    print(
        "B5 import: %d rows, %d units, company %s, as %s"
        % (rows, len(units), company.name, Import.env.user.login)
    )
    st = Stages(env, rows)
    batch = Import.create(values)
    st.run("dry run (all new)", batch.action_dry_run)
    counts = {"new": batch.count_new, "refused": batch.count_refused}

    def apply():
        batch.action_confirm()
        job = batch.job_batch_id
        for chunk in job.chunk_ids.sorted("sequence"):
            chunk._kilap_run()
        if job:
            job._kilap_finish()

    st.run("apply (create %d)" % counts["new"], apply)
    again = Import.create(values)
    st.run("re-import dry run", again.action_dry_run)
    counts.update(
        reimport_new=again.count_new,
        reimport_changed=again.count_changed,
        reimport_unchanged=again.count_unchanged,
        state=batch.state,
    )
    print("  counts %s, peak RSS %.0f MiB" % (counts, peak_rss_mb()))
    apply_s = sum(r["seconds"] for r in st.rows[:2])
    print(
        "  dry run + apply %.1f s (target 60), re-import %.1f s (target 10)"
        % (apply_s, st.rows[2]["seconds"])
    )
    return {
        "benchmark": "B5",
        "employees": rows,
        "stages": st.rows,
        "counts": counts,
        "peak_rss_mb": peak_rss_mb(),
    }
