"""Run ``reply-contacts sandbox serve`` as a real process, the way a user starts it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FACADE = Path(__file__).resolve().parents[2] / "facade"


@contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start the server on a free port; yield the process and the URL its first line names."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(FACADE), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "reply_contacts.cli", "sandbox", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        assert first_line.startswith("Sandbox listening on http://"), first_line
        yield process, first_line.rsplit(" ", 1)[1]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
