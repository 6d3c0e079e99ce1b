"""Every test of the suite has its own id, so a failure, `-k` or `--lf` names exactly one test
(the schemathesis cases once all shared the id `test_contract.py::test_schemathesis`)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_collected_test_has_a_distinct_id() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    assert len(ids) > 1000
    repeated = {test_id: n for test_id, n in Counter(ids).items() if n > 1}
    assert repeated == {}
    assert "tests/sandbox/test_contract.py::test_schemathesis[GET /v3/contacts]" in ids
