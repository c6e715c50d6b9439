"""./kilap lint (and the first stage of ./kilap test): ruff on the add-ons, tools and
tests, pylint-odoo with .pylintrc on every add-on (as in .pre-commit-config.yaml)."""

import subprocess
import sys
from pathlib import Path

from kilap.common import REPO, addons_dir, discover_addons, say
from kilap.tally import Tally, run_step


def lint(venv, tally, fix=False):
    """ruff (add-ons, tools, tests) and pylint-odoo (add-ons); one check each."""
    target = addons_dir()
    modules = [str(Path(target) / a) for a in discover_addons(target)]
    paths = [
        str(p) for p in (Path(target), REPO / "tools", REPO / "tests") if p.is_dir()
    ]
    bindir = Path(venv) / "bin"
    ruff = str(bindir / "ruff")
    if fix:
        subprocess.run([ruff, "check", "--fix", *paths], cwd=str(REPO), check=False)
        subprocess.run([ruff, "format", *paths], cwd=str(REPO), check=False)
    run_step("ruff check", [ruff, "check", "--no-fix", *paths], tally)
    run_step("ruff format --check", [ruff, "format", "--check", *paths], tally)
    if not modules:
        say(f"---- pylint-odoo: no add-ons in {target}")
        tally.add(skipped=1)
        return
    fmt = "colorized" if sys.stdout.isatty() else "text"
    run_step(
        "pylint-odoo (.pylintrc)",
        [
            str(bindir / "pylint"),
            f"--rcfile={REPO / '.pylintrc'}",
            f"--output-format={fmt}",
            *modules,
        ],
        tally,
    )


def cmd_lint(args, venv):
    tally = Tally()
    lint(venv, tally, fix=args.fix)
    say(tally.line())
    return 1 if tally.failed else 0
