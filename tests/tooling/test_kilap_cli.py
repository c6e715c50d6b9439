"""The kilap package (tools/kilap/): pure helpers (no Odoo, no PostgreSQL)."""

import re
import string
import subprocess

from kilap import common, demo, env, server, tally, testrun


def make_tree(path, version="19, 0, 0"):
    (path / "odoo").mkdir(parents=True)
    (path / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (path / "odoo" / "release.py").write_text(
        f"version_info = ({version}, FINAL, 0, '')\n"
    )
    return path


def test_find_odoo(tmp_path):
    assert env.find_odoo(make_tree(tmp_path / "o19")) == tmp_path / "o19"
    assert env.find_odoo(make_tree(tmp_path / "o18", "18, 0, 0")) is None
    assert env.find_odoo(tmp_path / "missing") is None
    assert env.odoo_version(make_tree(tmp_path / "saas", "'saas~18', 4, 0")) is None


def test_summary_line_format():
    summary = tally.Tally()
    summary.add(passed=3)
    summary.add(failed=1, label="x")
    summary.add(skipped=2)
    assert summary.line() == "kilap: 3 passed, 1 failed, 2 skipped"
    assert re.fullmatch(r"kilap: \d+ passed, \d+ failed, \d+ skipped", summary.line())
    assert summary.failures == ["x"]


def test_junit_counts(tmp_path):
    xml = tmp_path / "j.xml"
    xml.write_text(
        '<testsuites><testsuite name="pytest" errors="1" failures="2" skipped="3" tests="10">'
        "</testsuite></testsuites>"
    )
    assert testrun.junit_counts(xml) == (4, 3, 3)
    assert testrun.junit_counts(tmp_path / "absent.xml") is None


def test_install_test_counts():
    log = (
        "2025-01-01 INFO db odoo.tests.result: 0 failed, 0 error(s) of 4 tests when loading database 'x'\n"
        "2025-01-01 ERROR db odoo.tests.result: 1 failed, 1 error(s) of 3 tests when loading database 'x'\n"
    )
    assert testrun.install_test_counts(log) == (5, 2)
    assert testrun.install_test_counts("nothing") == (0, 0)


def test_discover_addons(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "__manifest__.py").write_text("{'name': 'A'}")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "__manifest__.py").write_text(
        "{'name': 'B', 'installable': False}"
    )
    (tmp_path / "c").mkdir()
    assert common.discover_addons(tmp_path) == ["a"]
    assert common.discover_addons(tmp_path / "nope") == []


def test_format_logins():
    text = demo.format_logins({"admin": "Mitchell Admin", "pegawai": {"en_US": "Budi"}})
    lines = text.splitlines()
    assert lines[0].split() == ["role", "login", "password", "name"]
    assert any(ln.split()[:3] == ["Administrator", "admin", "admin"] for ln in lines)
    assert any("pegawai" in ln and "Budi" in ln for ln in lines)
    assert "not in this database yet" in lines[-1] and "bkpsdm" in lines[-1]


def test_demo_roles():
    logins = [login for login, _ in demo.DEMO_LOGINS]
    assert logins == [
        "admin",
        "bkpsdm",
        "adminopd",
        "atasan",
        "pegawai",
        "keuangan",
        "bendahara",
        "auditor",
    ]
    assert common.KILAP_ADDONS == [
        "kilap_activity",
        "kilap_attendance_geo",
        "kilap_scoring",
        "kilap_payroll_bridge",
    ]


def test_local_conf_template_renders(repo):
    text = (repo / "config" / "odoo.local.conf").read_text()
    keys = {m.group(1) for m in re.finditer(r"\$\{(\w+)\}", text)}
    assert keys == {
        "addons_path",
        "data_dir",
        "db_host",
        "db_port",
        "db_user",
        "db_password",
        "http_port",
        "admin_passwd",
    }
    rendered = string.Template(text).substitute({k: "X" for k in keys})
    assert "http_interface = 127.0.0.1" in rendered


def test_help_runs_without_venv(repo):
    proc = subprocess.run(
        [str(repo / "kilap"), "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    for command in ("demo", "stop", "test", "lint", "generate", "bench", "pot", "odt"):
        assert command in proc.stdout


def test_unknown_command_is_clean(repo):
    proc = subprocess.run(
        [str(repo / "kilap"), "frobnicate"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr


def test_prefork_args():
    """./kilap demo --workers N: N HTTP workers, a cron worker, the websocket
    process on the next port and Odoo's default limits; none without --workers."""
    assert server.prefork_args(0, 8069) == []
    port = server.free_port()
    args = server.prefork_args(2, port)
    assert "--workers=2" in args and f"--gevent-port={port + 1}" in args
    assert "--limit-time-real=120" in args
    assert f"--limit-memory-hard={2560 * 1024 * 1024}" in args


def test_rendered_conf_leaves_unset_db_options_out(tmp_path, monkeypatch):
    """Odoo 19 warns at every start about "False" in a non-boolean option."""
    monkeypatch.setattr(server, "STATE", tmp_path)
    monkeypatch.setattr(server, "oca_addons_path", lambda venv: tmp_path / "oca")
    for name in ("PGHOST", "PGPORT", "PGPASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGUSER", "kilap")
    conf, _data = server.render_config(tmp_path / "odoo", tmp_path / "venv", 18999)
    options = dict(
        line.split(" = ", 1)
        for line in conf.read_text().splitlines()
        if " = " in line and not line.startswith(";")
    )
    assert "db_host" not in options and "db_password" not in options
    assert options["db_user"] == "kilap" and options["http_port"] == "18999"
    assert "False" not in {v for k, v in options.items() if k.startswith("db_")}
    monkeypatch.setenv("PGHOST", "db.example")
    conf, _data = server.render_config(tmp_path / "odoo", tmp_path / "venv", 18999)
    assert "db_host = db.example\n" in conf.read_text()
