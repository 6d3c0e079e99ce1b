"""Helpers shared by the import tests (fixtures live in conftest.py)."""

from __future__ import annotations

import inspect
from typing import Any


async def run(value: Any) -> Any:
    """The result of a sync call as is, or of an async call awaited."""
    return await value if inspect.isawaitable(value) else value
