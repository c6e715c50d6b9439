"""Plain pytest configuration for the repository-level tests (no Odoo import here).

``tests/tooling/`` tests the project tooling, ``tests/rules/`` the add-ons' pure
rules (see tests/rules/conftest.py).  ``./kilap test`` runs this folder with the
pytest-odoo plugin disabled (``-p no:odoo``); ``tests/scenarios/`` (cross-add-on
Odoo tests) is run in the Odoo stage instead.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _load_tool():
    name = "kilap_tool"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "tools" / "kilap.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def kilap_tool():
    """tools/kilap.py loaded as a module."""
    return _load_tool()
