"""``python tools/kilap ARGS``: what the root ./kilap script runs (or ``-m kilap``)."""

import sys
from pathlib import Path

if (
    not __package__
):  # run as a folder: import the package from tools/, not from inside it
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from kilap.cli import entry  # noqa: E402

entry()
