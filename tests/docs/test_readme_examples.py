"""Every Python example in README.md runs as written, against a fresh sandbox.

The ```python blocks run in order, in one namespace (a block may use what an earlier one defined),
with REPLY_API_KEY and REPLY_BASE_URL pointing at the sandbox, as the Quick start tells a reader to
set them, and in an empty working directory (an example may write a journal there). Each block is
compiled as README.md with its own line numbers, so a failure points at the README's line.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from reply_contacts.sandbox import Sandbox

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, code) of each ```python block."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(text)]


def test_the_readme_has_python_examples() -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    assert any("import_to_list" in code for _, code in blocks)


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
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for first_line, code in python_blocks(README.read_text(encoding="utf-8")):
        padded = "\n" * (first_line - 1) + code
        exec(compile(padded, str(README), "exec"), namespace)
    printed = capsys.readouterr().out
    # What the Quick start prints is what its rows make: two imported, one VP in the US, one won.
    assert "'created': 2" in printed
    assert "ann@example.com {'Deal Stage': 'Negotiation'}" in printed
    assert "won: ['raj@example.com']" in printed
    assert "['Q4 Outbound']" in printed  # the async example found Ann's list
