"""The command line against the sandbox: a `cli` runner whose environment points at it."""

from __future__ import annotations

import pytest
from reply_contacts.cli._common import SETTINGS
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner


@pytest.fixture(autouse=True)
def no_client_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """No client-side rate limit: its budget for the sandbox's key would be shared with every
    other test of the process (a test that wants one sets its own `client_options`)."""
    monkeypatch.setattr(SETTINGS, "client_options", {"rate_limit": None})


@pytest.fixture
def sandbox(reply_sandbox: Sandbox) -> Sandbox:
    reply_sandbox.disable_rate_limit()
    return reply_sandbox


@pytest.fixture
def cli(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REPLY_API_KEY", sandbox.api_key)
    monkeypatch.setenv("REPLY_BASE_URL", sandbox.url)
    return CliRunner()
