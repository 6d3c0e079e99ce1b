"""The transport's retry-safe writes are the spec's `x-idempotent`, operation by operation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from reply_contacts.transport import is_idempotent

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "contact-data.openapi.yaml").read_text()
)
WRITES = ("post", "put", "patch", "delete")
JOB_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def _concrete(path: str) -> str:
    return re.sub(r"\{jobId\}", JOB_ID, re.sub(r"\{id\}", "42", path))


CASES = [
    pytest.param(method.upper(), path, op["x-idempotent"], id=op["operationId"])
    for path, item in SPEC["paths"].items()
    for method in WRITES
    if (op := item.get(method))
]


def test_every_write_is_covered() -> None:
    assert len(CASES) == 45


@pytest.mark.parametrize(("method", "path", "idempotent"), CASES)
def test_transport_agrees_with_the_spec(method: str, path: str, idempotent: bool) -> None:
    assert is_idempotent(method, _concrete(path)) is idempotent
