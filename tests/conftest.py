"""Fixtures for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reply_contacts.transport.budget import identities


@pytest.fixture(autouse=True)
def fresh_user_budgets() -> Iterator[None]:
    """Each test starts with no key resolved to its Reply user (the cache is process-wide by
    design), so whether a test's first request is preceded by a whoami does not depend on
    which tests ran before it."""
    identities.clear()
    yield
    identities.clear()
