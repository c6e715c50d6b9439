"""Plain pytest configuration for the repository-level tests (no Odoo import here).

``tests/tooling/`` tests the project tooling (the ``kilap`` package in tools/, put on
sys.path here), ``tests/rules/`` the add-ons' pure rules (see tests/rules/conftest.py).
``./kilap test`` runs this folder with the pytest-odoo plugin disabled (``-p no:odoo``);
``tests/scenarios/`` (cross-add-on Odoo tests) is run in the Odoo stage instead.
"""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "tools") not in sys.path:
    sys.path.insert(0, str(REPO / "tools"))


@pytest.fixture(scope="session")
def repo():
    return REPO
