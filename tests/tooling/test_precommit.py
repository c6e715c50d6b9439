""".pre-commit-config.yaml: it parses, its Python hooks use the pins of
requirements/dev.txt (the same ruff and pylint-odoo as ./kilap lint), and every local
hook's tool is there."""

import re

import yaml


def pins(repo):
    found = {}
    for raw in (repo / "requirements" / "dev.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;]+)", raw.split("#", 1)[0].strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def hooks(repo):
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    return {hook["id"]: hook for entry in config["repos"] for hook in entry["hooks"]}


def test_python_hooks_use_the_pinned_versions(repo):
    pinned = pins(repo)
    found = hooks(repo)
    for hook_id in ("ruff-check", "ruff-format", "pylint-odoo"):
        hook = found[hook_id]
        assert hook["language"] == "python"
        for dep in hook["additional_dependencies"]:
            name, version = dep.split("==")
            assert pinned[name.lower()] == version, (hook_id, dep)


def test_hooks_cover_what_kilap_lint_checks(repo):
    found = hooks(repo)
    assert "--rcfile=.pylintrc" in found["pylint-odoo"]["entry"]
    assert found["ruff-check"]["files"] == found["ruff-format"]["files"]
    for hook_id in ("prettier", "eslint"):
        assert found[hook_id]["language"] == "node"
        assert re.search(found[hook_id]["files"], "addons/x/static/src/phone/phone.js")
    assert (repo / "tools" / "eslint.config.mjs").is_file()
    assert found["kilap-odt"]["entry"] == "./kilap odt --check"
