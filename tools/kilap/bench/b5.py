"""``python -m kilap.bench.b5 -c odoo.conf -d DB``: B5, the employee list import (SIASN /
BKD) run the production way. A generated 5,000-row CSV in SIASN's data-utama columns
is imported by a BKPSDM officer into a copy of the generated database: its dry run, its
apply (the officer confirms; queue_job runs the chunks on one Odoo node in prefork mode
with 2 workers; the clock stops when the import is done) and the re-import of the same
file, which must find nothing to change. Targets: apply <= 60 s, re-import <= 10 s on
2 cores. The copy is dropped afterwards."""

import argparse
import base64
import csv
import datetime
import io
import random
import shutil
import sys
import time
from configparser import ConfigParser
from pathlib import Path

from kilap.bench.close import bench_user, pg, wait_batch
from kilap.bench.cluster import Node, RssSampler
from kilap.bench.measure import Stages, find_company, write_json
from kilap.db import drop_db, pg_cursor
from kilap.generate.run import open_env

PORT = 8290
OFFICER = "kilap_bench_b5_bkpsdm"

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


def b5_file(env, company, rows):
    """``(content, units)``: a ``rows``-row file over the company's departments."""
    departments = env["hr.department"].search(
        [("company_id", "=", company.id)], order="id"
    )
    units = [(d.name, (d.kilap_opd_id or d).name) for d in departments] or [
        ("Dinas B5", "Dinas B5")
    ]
    seed = 5
    content = make_file(rows, units, seed)
    while not unique_nips(content):  # a birthday collision with the same sequence
        seed += 1
        content = make_file(rows, units, seed)
    return content, units


def copy_database(source, target, data_dir):
    """``target``: a copy of ``source`` with its file store (dropped first)."""
    drop_db(target, data_dir)
    with pg_cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    store = Path(data_dir) / "filestore"
    if (store / source).is_dir():
        shutil.copytree(store / source, store / target)


def officer_env(cr, company):
    """The environment of a BKPSDM officer (not an administrator: an administrator
    also gets an SVG avatar per new employee), created once."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    user = bench_user(
        env,
        OFFICER,
        "BKPSDM (bench B5)",
        ["base.group_user", "kilap_activity.group_kilap_bkpsdm"],
        company.id,
    )
    return env(user=user.id, su=False, context={"allowed_company_ids": [company.id]})


def dry_run(registry, rows, label, commit):
    """Create an import of the file as the officer and run its dry run; returns
    ``(stage row, import values and counts)``."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        company = find_company(api.Environment(cr, SUPERUSER_ID, {}))
        env = officer_env(cr, company)
        content, units = b5_file(env, company, rows)
        batch = env["kilap.employee.import"].create(
            {
                "company_id": company.id,
                "data": base64.b64encode(content),
                "filename": "b5.csv",
                "create_departments": True,
            }
        )
        st = Stages(env, rows)
        st.run(label, batch.action_dry_run)
        counts = {
            "new": batch.count_new,
            "changed": batch.count_changed,
            "unchanged": batch.count_unchanged,
            "refused": batch.count_refused,
        }
        info = {"import_id": batch.id, "units": len(units), "counts": counts}
        if commit:
            cr.commit()
        else:
            cr.rollback()
    return st.rows[0], info


def confirm(registry, import_id):
    """The officer confirms: the chunks are enqueued. Returns the job batch id."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        company = find_company(api.Environment(cr, SUPERUSER_ID, {}))
        env = officer_env(cr, company)
        batch = env["kilap.employee.import"].browse(import_id)
        batch.action_confirm()
        job_id = batch.job_batch_id.id
        cr.commit()
    return job_id


def apply_report(db, job_id, import_id):
    with pg(db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT count(*), sum(item_count), sum(query_count), "
            "count(DISTINCT node), max(attempts) "
            "FROM kilap_job_chunk WHERE batch_id = %s",
            [job_id],
        )
        chunks, items, queries, nodes, attempts = cr.fetchone()
        cr.execute("SELECT state FROM kilap_employee_import WHERE id = %s", [import_id])
        state = cr.fetchone()[0]
    return {
        "chunks": chunks,
        "rows": items,
        "queries": queries,
        "workers_used": nodes,
        "max_attempts": attempts,
        "import_state": state,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="kilap.bench.b5")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    conf = ConfigParser()
    conf.read(args.config)
    data_dir = conf.get("options", "data_dir")
    copy = f"{args.db}_b5"
    copy_database(args.db, copy, data_dir)
    try:
        registry = open_env(args.config, copy)
        first, info = dry_run(registry, args.rows, "dry run (all new)", commit=True)
        print(
            "B5 import: %d rows, %d units, as %s, into a copy of %s"
            % (args.rows, info["units"], OFFICER, args.db)
        )
        node = Node("b5", args.config, copy, PORT, args.workers, PORT, args.workers)
        sampler = RssSampler([node])
        sampler.start()
        try:
            clicked = time.time()
            job_id = confirm(registry, info["import_id"])
            wait_batch(copy, job_id)
            applied = time.time() - clicked
        finally:
            peaks = sampler.stop()
            node.stop()
        report = apply_report(copy, job_id, info["import_id"])
        print(
            "  apply (create %d)        %8.2f s   %d chunks on %d workers, "
            "%.3f q/emp, import %s, worker peak %s MiB"
            % (
                info["counts"]["new"],
                applied,
                report["chunks"],
                report["workers_used"],
                (report["queries"] or 0) / max(args.rows, 1),
                report["import_state"],
                max(peaks.values(), default=0),
            )
        )
        again, again_info = dry_run(
            registry, args.rows, "re-import dry run", commit=False
        )
    finally:
        drop_db(copy, data_dir)
    ok = (
        report["import_state"] == "done"
        and again_info["counts"]["new"] == 0
        and again_info["counts"]["changed"] == 0
    )
    print(
        "  dry run + apply %.1f s (target 60), re-import %.1f s (target 10), "
        "re-import found %s"
        % (first["seconds"] + applied, again["seconds"], again_info["counts"])
    )
    write_json(
        "b5-%d%s" % (args.rows, f"-{args.label}" if args.label else ""),
        {
            "benchmark": "B5",
            "employees": args.rows,
            "dry_run": first,
            "apply_seconds": round(applied, 2),
            "apply": report,
            "reimport": again,
            "counts": info["counts"],
            "reimport_counts": again_info["counts"],
            "peak_rss_mib": peaks,
        },
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
