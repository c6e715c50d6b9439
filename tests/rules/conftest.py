"""Load the add-ons' pure rule modules (``addons/<addon>/rules/<name>.py``) by path.

Rule modules are stdlib-only and use no relative imports, so they can be tested without
Odoo.  Two ways to use the helper in ``tests/rules/test_*.py``::

    def test_band(load_rule):                      # as a fixture
        bands = load_rule("kilap_attendance_geo", "bands")

    from conftest import load_rule                 # or at module level
    bands = load_rule("kilap_attendance_geo", "bands")

Modules are cached: every test gets the same module object.
"""

import functools
import importlib.util
import os
import sys
from pathlib import Path

import pytest

ADDONS = Path(
    os.environ.get("KILAP_ADDONS_DIR") or Path(__file__).resolve().parents[2] / "addons"
)


@functools.cache
def load_rule(addon, name, addons_dir=None):
    """Import ``<addons_dir>/<addon>/rules/<name>.py`` (cached)."""
    path = Path(addons_dir or ADDONS) / addon / "rules" / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no rule module {path}")
    module_name = f"kilap_rules.{addon}.{name}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and pickling look modules up here
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


@pytest.fixture(name="load_rule", scope="session")
def load_rule_fixture():
    """The ``load_rule(addon, name)`` function, as a fixture."""
    return load_rule
