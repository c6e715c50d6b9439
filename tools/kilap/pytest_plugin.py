"""pytest plugin for the Odoo stage of ``./kilap test`` (``-p kilap.pytest_plugin``).

Tests tagged ``kilap_install`` already ran while the throwaway database was installed
(``--test-enable --test-tags kilap_install``); they are deselected here so that no test
runs twice.
"""

from kilap.common import INSTALL_TAG


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        tags = getattr(getattr(item, "cls", None), "test_tags", None) or ()
        (drop if INSTALL_TAG in tags else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
