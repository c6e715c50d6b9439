"""A pemda on the previous release upgrades with ``-u`` and loses nothing.

Installs the add-ons of the previous release (a commit of this repository, in a
git worktree) with demo data, upgrades the database to the current tree, and
checks that the record counts and the approved TPP are unchanged and that a
recompute of every approved sheet would change nothing. Needs Odoo 19 in
ODOO_SRC and PostgreSQL (skipped otherwise, like the Odoo stage); takes a few
minutes.
"""

import os
import subprocess
import sys

import pytest
from kilap import common, env, server
from kilap.db import ensure_postgres

# the release before the workflow guard, the background jobs and the tally
PREVIOUS_RELEASE = os.environ.get("KILAP_PREVIOUS_RELEASE", "f87bff5")
ADDONS = "kilap_activity,kilap_attendance_geo,kilap_scoring,kilap_payroll_bridge"
COUNTS = """
SELECT 'journal', count(*) FROM kilap_journal_entry
UNION ALL SELECT 'attendance', count(*) FROM hr_attendance
UNION ALL SELECT 'daily results', count(*) FROM kilap_attendance_day
UNION ALL SELECT 'score lines', count(*) FROM kilap_score_line
UNION ALL SELECT 'tpp lines', count(*) FROM kilap_tpp_sheet_line
UNION ALL SELECT 'approved net', coalesce(sum(l.net), 0)::bigint
    FROM kilap_tpp_sheet_line l JOIN kilap_tpp_sheet s ON s.id = l.sheet_id
   WHERE s.state IN ('approved', 'paid')
UNION ALL SELECT 'closed periods', count(*) FROM kilap_score_period
   WHERE state = 'closed'
"""
DIFFERENCES = """
sheets = env["kilap.tpp.sheet"].search([("state", "in", ("approved", "paid"))])
found = 0
for sheet in sheets:
    wizard = env["kilap.tpp.diff"].create({"sheet_id": sheet.id})
    wizard._fill()
    found += len(wizard.line_ids)
print("KILAP-DIFFERENCES", len(sheets), found)
env.cr.rollback()
"""


def write_conf(path, odoo, venv, addons, data_dir):
    path.write_text(
        "[options]\n"
        f"addons_path = {odoo / 'addons'},{server.oca_addons_path(venv)},{addons}\n"
        f"data_dir = {data_dir}\n"
        + "".join(
            f"{key} = {os.environ[env]}\n"
            for key, env in (
                ("db_host", "PGHOST"),
                ("db_port", "PGPORT"),
                ("db_user", "PGUSER"),
                ("db_password", "PGPASSWORD"),
            )
            if os.environ.get(env)
        )
        + "http_interface = 127.0.0.1\nlist_db = False\n"
    )
    return path


def odoo(odoo_src, conf, *args, log):
    with open(log, "a") as handle:
        return subprocess.run(
            [sys.executable, str(odoo_src / "odoo-bin"), "-c", str(conf), *args],
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=900,
        ).returncode


# approved field duties without an SPT number (the migration gives them one)
UNNUMBERED_DUTIES = (
    "SELECT count(*) FROM kilap_field_duty "
    "WHERE state IN ('approved', 'reported') AND spt_number IS NULL"
)


def counts(db):
    out = subprocess.run(
        ["psql", "-At", "-d", db, "-c", COUNTS],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split("|") for line in out.strip().splitlines())


def test_upgrade_from_previous_release(repo, tmp_path):
    odoo_src = common.odoo_src_path()
    if not env.find_odoo(odoo_src):
        pytest.skip(f"no Odoo 19 at {odoo_src}")
    pytest.importorskip("psycopg2")
    try:
        ensure_postgres()
    except common.KilapError as exc:
        pytest.skip(str(exc))
    old_tree = tmp_path / "previous"
    made = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "worktree",
            "add",
            "--detach",
            str(old_tree),
            PREVIOUS_RELEASE,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode:
        pytest.skip(f"previous release {PREVIOUS_RELEASE} not in this clone")
    venv = common.venv_path()
    db = f"kilap_upgrade_{os.getpid()}"
    log = tmp_path / "odoo.log"
    data_dir = tmp_path / "data"
    try:
        old_conf = write_conf(
            tmp_path / "old.conf",
            odoo_src,
            venv,
            old_tree / "addons",
            data_dir,
        )
        new_conf = write_conf(
            tmp_path / "new.conf",
            odoo_src,
            venv,
            repo / "addons",
            data_dir,
        )
        rc = odoo(
            odoo_src,
            old_conf,
            "-d",
            db,
            "-i",
            ADDONS,
            "--with-demo",
            "--stop-after-init",
            log=log,
        )
        assert rc == 0, log.read_text(errors="replace")[-3000:]
        before = counts(db)
        assert int(before["approved net"]) > 0, before  # the demo pays a month
        update_log = tmp_path / "update.log"
        rc = odoo(
            odoo_src,
            new_conf,
            "-d",
            db,
            "-u",
            ADDONS,
            "--stop-after-init",
            log=update_log,
        )
        text = update_log.read_text(errors="replace")
        assert rc == 0, text[-3000:]
        assert " ERROR " not in text, text[-3000:]
        assert counts(db) == before
        unnumbered = subprocess.run(
            ["psql", "-At", "-d", db, "-c", UNNUMBERED_DUTIES],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert unnumbered == ["0"], unnumbered  # kilap_activity 19.0.1.1.0 numbers them
        shell = subprocess.run(
            [
                sys.executable,
                str(odoo_src / "odoo-bin"),
                "shell",
                "-c",
                str(new_conf),
                "-d",
                db,
                "--log-level=error",
            ],
            input=DIFFERENCES,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        line = next(
            (ln for ln in shell.stdout.splitlines() if ln.startswith("KILAP-DIFF")),
            "",
        )
        sheets, differences = (int(n) for n in line.split()[1:3])
        assert sheets > 0 and differences == 0, (
            shell.stdout[-2000:] + shell.stderr[-2000:]
        )
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False)
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "remove", "--force", str(old_tree)],
            check=False,
        )
