"""./kilap test: lint, the plain tests (tests/, no Odoo), then every add-on's Odoo tests
on a throwaway database: installed with ``--test-enable --test-tags kilap_install``
(those tests run then), the rest by pytest-odoo with ``-p kilap.pytest_plugin``."""

import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from kilap.common import (
    INSTALL_TAG,
    REPO,
    STATE,
    KilapError,
    addons_dir,
    discover_addons,
    note,
    odoo_src_path,
    say,
    tail,
    tools_env,
)
from kilap.db import db_exists, drop_db, ensure_postgres, installed_modules
from kilap.env import venv_python
from kilap.lint import lint
from kilap.server import free_port, odoo_run_to_log, render_config
from kilap.tally import Tally

# the pytest plugin name of pytest-odoo (entry point "odoo" in its dist-info)
PYTEST_ODOO_PLUGIN = "odoo"
ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def junit_counts(path):
    """(passed, failed, skipped) from a pytest junit xml file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failures = errors = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0))
        errors += int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failures - errors - skipped, failures + errors, skipped


def pytest_step(label, cmd, junit, tally, env=None):
    say(f"---- {label}")
    Path(junit).unlink(missing_ok=True)
    proc = subprocess.run(
        [*cmd, f"--junitxml={junit}"],
        cwd=str(REPO),
        stdin=subprocess.DEVNULL,
        check=False,
        env=env,
    )
    counts = junit_counts(junit) if proc.returncode != 5 else (0, 0, 0)
    passed, failed, skipped = counts or (0, 0, 0)
    if proc.returncode not in (0, 5) and not failed:
        failed = 1  # usage error, crash or interrupted run: count the step itself
    tally.add(passed, failed, skipped, label=label if failed else None)
    if proc.returncode == 5:
        say(f"---- {label}: no tests collected")
    return proc.returncode


def install_test_counts(log_text):
    failed = errors = total = 0
    for match in ODOO_RESULT.finditer(log_text):
        failed += int(match.group(1))
        errors += int(match.group(2))
        total += int(match.group(3))
    return total - failed - errors, failed + errors


def selected_addons(args):
    target = addons_dir()
    available = discover_addons(target)
    selected = args.addons.split(",") if args.addons else available
    selected = [a.strip() for a in selected if a.strip()]
    unknown = [a for a in selected if a not in available]
    if unknown:
        raise KilapError(
            f"no add-on {', '.join(unknown)} in {target} (have: {', '.join(available) or 'none'})"
        )
    return selected


def install_stage(odoo, venv, conf, db, selected, tally):
    """Install the add-ons, demo data and install-time tests; True when installed."""
    log = STATE / "test-install.log"
    say(
        f"---- odoo install: {', '.join(selected)} + demo into throwaway database {db}"
        f" (--test-enable --test-tags {INSTALL_TAG}; log: {log.relative_to(REPO)})"
    )
    started = time.time()
    proc = odoo_run_to_log(
        *(odoo, venv, conf, db, log, "-i", ",".join(selected), "--with-demo"),
        *("--test-enable", "--test-tags", INSTALL_TAG, "--log-level", "info"),
    )
    text = log.read_text(errors="replace")
    passed, failed = install_test_counts(text)
    installed = installed_modules(db) if db_exists(db) else None
    missing = [a for a in selected if a not in (installed or [])]
    tally.add(passed=passed, failed=failed, label=f"{INSTALL_TAG} tests")
    if missing:
        tally.add(failed=1, label="odoo install")
        errors = [
            ln for ln in text.splitlines() if " ERROR " in ln or " CRITICAL " in ln
        ][-15:]
        say(
            f"---- odoo install: FAILED (exit {proc.returncode}, not installed: {', '.join(missing)}); "
            f"errors from {log}:"
        )
        say("\n".join(errors) or tail(log))
        return False
    tally.add(passed=1)  # the install itself counts as one check
    if proc.returncode and not failed:
        tally.add(failed=1, label=f"odoo install (exit {proc.returncode}, see {log})")
    say(
        f"---- odoo install: done in {time.time() - started:.0f} s "
        f"({passed} {INSTALL_TAG} tests passed, {failed} failed)"
    )
    return True


def pytest_odoo_stage(args, venv, conf, db, selected, tally):
    target = addons_dir()
    dirs = [
        str(Path(target) / a / "tests")
        for a in selected
        if (Path(target) / a / "tests").is_dir()
    ]
    scenarios = REPO / "tests" / "scenarios"
    if not args.addons and any(scenarios.glob("test_*.py")):
        dirs.append(str(scenarios))
    if not dirs:
        say("---- odoo tests: no tests/ folder in the selected add-ons")
        return
    shown = " ".join(
        str(Path(d).relative_to(REPO)) if Path(d).is_relative_to(REPO) else d
        for d in dirs
    )
    pytest_step(
        f"odoo tests (pytest-odoo --odoo-http): {shown}",
        [
            *(str(venv_python(venv)), "-m", "pytest", "-p", "no:cacheprovider"),
            *("-o", "addopts=", "-p", "kilap.pytest_plugin"),
            *(f"--odoo-config={conf}", f"--odoo-database={db}", "--odoo-http"),
            *("--odoo-log-level=error", "-q", "-rfEs", *dirs),
        ],
        STATE / "junit-odoo.xml",
        tally,
        env=tools_env(),
    )


def odoo_tests(args, odoo, venv, tally):
    selected = selected_addons(args)
    if not selected:
        say(f"---- odoo: no add-ons in {addons_dir()}")
        tally.add(skipped=1)
        return
    try:
        ensure_postgres()
    except KilapError as exc:
        say(f"error: {exc}")
        tally.add(failed=1, label="PostgreSQL")
        return
    db = f"kilap_test_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    conf, data_dir = render_config(odoo, venv, free_port(), name="odoo-test.conf")
    try:
        if install_stage(odoo, venv, conf, db, selected, tally):
            pytest_odoo_stage(args, venv, conf, db, selected, tally)
    finally:
        if args.keep_db:
            note(f"kept database {db} (--keep-db); drop it with: dropdb {db}")
        else:
            try:
                drop_db(db, data_dir)
            except Exception as exc:  # noqa: BLE001 - report, never hide the summary
                say(f"warning: could not drop {db}: {exc}")


def cmd_test(args, odoo, venv):
    tally = Tally()
    if not args.no_lint and not args.addons:
        lint(venv, tally)
    if not args.addons:
        pytest_step(
            "plain pytest (tests/, no Odoo)",
            [
                *(str(venv_python(venv)), "-m", "pytest"),
                *("-p", f"no:{PYTEST_ODOO_PLUGIN}", "-p", "no:cacheprovider"),
                *("-q", "-rfEs", "tests", "--ignore=tests/scenarios"),
            ],
            STATE / "junit-plain.xml",
            tally,
        )
    if odoo:
        odoo_tests(args, odoo, venv, tally)
    else:
        say(
            f"skipped: no Odoo 19 at {odoo_src_path()} (set ODOO_SRC to an Odoo 19 source tree)"
        )
        tally.add(skipped=1)
    if tally.failures:
        say(f"failed steps: {', '.join(tally.failures)}")
    say(tally.line())
    return 1 if tally.failed else 0
