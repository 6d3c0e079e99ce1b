"""examples/outreach_agent.py, the user-style script: `mypy --strict` accepts it (ids are plain
ints, the documented errors carry typed reports), and it runs against the sandbox, sync and
async, including with a key that lacks a scope."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts.sandbox import Sandbox

EXAMPLE = Path(__file__).parents[2] / "examples" / "outreach_agent.py"


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("outreach_agent", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_example_passes_mypy_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 1 source file" in result.stdout


async def test_the_example_runs_sync_then_async_against_the_sandbox(
    client: ReplyContacts, aclient: AsyncReplyContacts, sb: Sandbox
) -> None:
    agent = _example()
    first = agent.run_agent(client)
    assert len(first.imported) == 3 and first.invalid_rows == 1 and first.problems == []
    assert set(first.verdicts.values()) == {"ok"} and first.noted == first.imported
    assert sorted(first.accounts) == ["Globex", "Northwind"]
    # The async agent imports the same people again: same contacts, same accounts (found by
    # name, not created twice), and the fresh notes make the checks cautious.
    second = await agent.run_agent_async(aclient)
    assert second.imported == first.imported and second.accounts == first.accounts
    assert set(second.verdicts.values()) == {"caution"}
    assert sb.count_accounts() == 2
    northwind = first.accounts["Northwind"]
    assert len(client.accounts.contacts(northwind).to_list()) == 2


def test_the_example_reports_a_key_without_the_scope(sb: Sandbox) -> None:
    sb.add_key("rk_example_reader", ["contacts:read"])
    with ReplyContacts(api_key="rk_example_reader", base_url=sb.url, rate_limit=None) as reader:
        run = _example().run_agent(reader)
    assert run.problems == ["the key lacks contacts:write"] and run.imported == []
