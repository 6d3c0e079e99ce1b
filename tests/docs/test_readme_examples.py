"""Every Python example in README.md runs as written, against a fresh sandbox.

The ```python blocks run in order, in one namespace (a block may use what an earlier one defined),
with REPLY_API_KEY and REPLY_BASE_URL pointing at the sandbox, as the Quick start tells a reader to
set them (and REDIS_URL at a Redis, for the Redis example), in an empty working directory (an
example may write a journal there). Each block is compiled as README.md with its own line
numbers, so a failure points at the README's line.

A block whose first line is a comment starting `# needs ` says what infrastructure it needs that
a test run cannot provide (a Redis Cluster at a production address): it is compiled, not run.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from pathlib import Path

import pytest
from reply_contacts.sandbox import Sandbox

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
NEEDS = "# needs "


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, code) of each ```python block."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(text)]


def nobody_there() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{probe.getsockname()[1]}/0"


def test_the_readme_has_python_examples() -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    assert any("import_to_list" in code for _, code in blocks)
    # Compiled only: the exception, not the rule.
    assert sum(code.startswith(NEEDS) for _, code in blocks) <= 1


def test_every_python_example_of_the_readme_runs(
    reply_sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A key of its own: its rate-limit budget is not the one other tests of this process spent.
    key = f"readme-{uuid.uuid4().hex}"
    reply_sandbox.add_key(key)
    monkeypatch.setenv("REPLY_API_KEY", key)
    monkeypatch.setenv("REPLY_BASE_URL", reply_sandbox.url)
    # The Redis example reads REDIS_URL: the test Redis when there is one; else an address where
    # none answers, which the example's on_unavailable="local" turns into a per-process budget.
    monkeypatch.setenv("REDIS_URL", os.environ.get("REPLY_TEST_REDIS_URL") or nobody_there())
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for first_line, code in python_blocks(README.read_text(encoding="utf-8")):
        compiled = compile("\n" * (first_line - 1) + code, str(README), "exec")
        if not code.startswith(NEEDS):
            exec(compiled, namespace)
    printed = capsys.readouterr().out
    # What the Quick start prints is what its rows make: two imported, one VP in the US, one won.
    assert "'created': 2" in printed
    assert "ann@example.com {'Deal Stage': 'Negotiation'}" in printed
    assert "won: ['raj@example.com']" in printed
    assert "['Q4 Outbound']" in printed  # the async example found Ann's list
