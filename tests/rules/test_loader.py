"""The load_rule helper itself (the add-ons' rule tests live next to this file)."""

import pytest
from conftest import load_rule as imported_load_rule


def make_rule(tmp_path, body="def double(x):\n    return 2 * x\n"):
    rules = tmp_path / "kilap_demo_addon" / "rules"
    rules.mkdir(parents=True)
    (rules / "sample.py").write_text(body)
    return tmp_path


def test_fixture_loads_by_path(load_rule, tmp_path):
    addons = make_rule(tmp_path)
    module = load_rule("kilap_demo_addon", "sample", addons_dir=addons)
    assert module.double(21) == 42
    assert module.__name__ == "kilap_rules.kilap_demo_addon.sample"
    # cached: the same module object every time
    assert load_rule("kilap_demo_addon", "sample", addons_dir=addons) is module


def test_module_level_import_is_the_same_helper(load_rule):
    assert imported_load_rule is load_rule


def test_missing_rule_is_a_clear_error(load_rule, tmp_path):
    with pytest.raises(FileNotFoundError, match="no rule module"):
        load_rule("kilap_nowhere", "nothing", addons_dir=tmp_path)


def test_default_addons_dir_points_at_repo(repo):
    from conftest import ADDONS

    assert ADDONS == repo / "addons" or ADDONS.name
