"""The README sections on workflow errors and API key scopes: their examples run (against the
sandbox) and print what they say, and the scope table lists exactly the contract's scopes."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from reply_contact_data_client.contract import OPERATIONS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    start = README.index(heading)
    following = re.compile(r"^#{2,3} |^\*\*[A-Z]", re.MULTILINE)
    end = following.search(README, start + len(heading))
    return README[start : end.start() if end else len(README)]


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def _run(code: str) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    return printed.getvalue()


def test_the_workflow_error_example_runs_as_shown() -> None:
    (example,) = _python_blocks(_section("**When a workflow stops.**"))
    printed = _run(example)
    assert printed.startswith("POST /v3/contact-lists contacts:write {'created': 0")


def test_the_scoped_key_example_runs_as_shown() -> None:
    (example,) = _python_blocks(_section("### API key scopes"))
    assert _run(example).splitlines() == ["0", "contacts:write"]


def test_the_scope_table_lists_the_contract_s_scopes() -> None:
    table = _section("### API key scopes").split("| scope |", 1)[1]
    # `domain:access`, or `none` (the identity reads any valid key may make).
    listed = re.findall(r"^\| `([a-z*]+:[a-z*]+|none)` \|", table, flags=re.MULTILINE)
    assert sorted(listed) == sorted({operation.scope for operation in OPERATIONS.values()})
