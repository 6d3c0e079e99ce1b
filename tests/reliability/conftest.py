"""Fixtures for the reliability tests: a fresh sandbox per test, its own rate limit off (the
injected 429s stand in for it), talking real HTTP on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reply_contacts.sandbox import Sandbox


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(rate_limiting=False) as sb:
        yield sb
