"""Fixtures for the drift tests: the plugin's sandbox (real HTTP on loopback), populated."""

from __future__ import annotations

from typing import Any

import pytest
from drift_support import populate
from reply_contacts.sandbox import Sandbox


@pytest.fixture
def sandbox(reply_sandbox: Sandbox) -> Sandbox:
    # Each run uses its own key (its own client-side budget); the server's limits would only
    # make the suite wait.
    reply_sandbox.disable_rate_limit()
    return reply_sandbox


@pytest.fixture
def populated(sandbox: Sandbox) -> dict[str, Any]:
    """Ids of what `populate` created: something behind every read-only operation."""
    return populate(sandbox)
