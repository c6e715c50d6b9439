"""The closing line of ./kilap test and lint (``kilap: N passed, N failed, N skipped``)
and the one-command check that feeds it."""

import subprocess

from kilap.common import REPO, say


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []

    def add(self, passed=0, failed=0, skipped=0, label=None):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        if failed and label:
            self.failures.append(label)

    def line(self):
        return (
            f"kilap: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"
        )


def run_step(label, cmd, tally, cwd=REPO):
    """Run ``cmd``; it counts as one passed or failed check."""
    say(f"---- {label}")
    proc = subprocess.run(cmd, cwd=str(cwd), stdin=subprocess.DEVNULL, check=False)
    if proc.returncode == 0:
        tally.add(passed=1)
    else:
        tally.add(failed=1, label=label)
        say(f"---- {label}: FAILED (exit {proc.returncode})")
    return proc.returncode
