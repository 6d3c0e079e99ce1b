"""Nothing long is silent: rate-limit waits and retries show while they happen, on a terminal as
lines above the progress display and elsewhere as INFO log lines; a refused wait names its window.

The client runs on a virtual clock (`FakeClock`, through the app's `client_options`) with a
shrunken minute window, so a rate-limit wait of 5 seconds costs no real time. Rich decides what a
terminal is; `TTY_COMPATIBLE` (rich's own switch) stands in for one under the test runner, and the
pseudo-terminal test (test_cli_terminal.py) runs the real thing.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from reply_contacts.cli import app
from reply_contacts.cli._common import SETTINGS
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import FakeClock, RateLimitPolicy, RetryPolicy
from typer.testing import CliRunner

WAIT_LINE = "waiting 5 s for the rate limit (minute window)"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain_lines(text: str) -> list[str]:
    """The lines a person reads: colours and cursor moves taken out, redraws split."""
    return [line.strip() for line in ANSI.sub("", text.replace("\r", "\n")).splitlines()]


@pytest.fixture(autouse=True)
def three_contacts(sandbox: Sandbox) -> None:
    sandbox.seed_contacts(3)


@pytest.fixture
def client_options(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """A virtual clock and one request per 5-second minute window."""
    options: dict[str, Any] = {
        "clock": FakeClock(),
        "rate_limit": RateLimitPolicy(per_minute=1, minute_window=5.0, margin=0.0),
    }
    monkeypatch.setattr(SETTINGS, "client_options", options)
    yield options


@pytest.fixture(params=["terminal", "pipe"])
def terminal(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    on_terminal = request.param == "terminal"
    monkeypatch.setenv("TTY_COMPATIBLE", "1" if on_terminal else "0")
    return on_terminal


def test_a_rate_limit_wait_is_shown_before_it_starts(
    cli: CliRunner, client_options: dict[str, Any], terminal: bool
) -> None:
    result = cli.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    lines = plain_lines(result.stderr)
    if terminal:
        assert WAIT_LINE in lines  # said in the terminal's words, once per wait
        assert not any("INFO" in line for line in lines)
    else:
        assert f"INFO reply_contacts: {WAIT_LINE} before POST /v3/contacts/filter" in lines


def test_export_shows_progress_on_a_terminal_only(
    cli: CliRunner, terminal: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert ("exporting" in result.stderr) is terminal
    assert plain_lines(result.stderr)[-1] == "exported 3 contact(s)"


def test_a_wait_longer_than_allowed_names_the_window(
    cli: CliRunner, client_options: dict[str, Any], terminal: bool
) -> None:
    client_options["retry"] = RetryPolicy(max_wait=1.0)
    result = cli.invoke(app, ["export"])
    assert result.exit_code == 2
    last = plain_lines(result.stderr)[-1]
    assert last.startswith("error: RateLimitError: Not sending")
    assert "the rate limit (minute window: 1 requests per 5 s)" in last


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_retries_of_a_refused_connection_show_each_attempt(
    client_options: dict[str, Any], terminal: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLY_API_KEY", "any-key")
    monkeypatch.setenv("REPLY_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    result = CliRunner().invoke(app, ["whoami"])
    assert result.exit_code == 2
    retries = [line for line in plain_lines(result.stderr) if "retrying GET /v3/whoami" in line]
    attempts = RetryPolicy().max_retries + 1
    assert [f"(attempt {n}/{attempts})" in line for n, line in enumerate(retries, 2)] == [True] * (
        attempts - 1
    )
    assert all(("INFO" in line) is not terminal for line in retries)
    last = plain_lines(result.stderr)[-1]
    assert last.startswith("error: APIConnectionError: ConnectError")
    assert f"after {attempts} attempts; the request never reached the server" in last
