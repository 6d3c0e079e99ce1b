"""The transport's retry-safe writes are the spec's `x-idempotent`, operation by operation.

Everything here is derived from contact-data.openapi.yaml itself, not from the facade or the
generated contract module, so a transport that drifts from the spec fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Caller, FakeServer, ok, problem
from reply_contacts import errors
from reply_contacts.transport import ReplyTransport, is_idempotent

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
POSTS = [case for case in CASES if case.values[0] == "POST"]


def test_every_write_is_covered() -> None:
    assert len(CASES) == 45
    flags = [case.values[2] for case in POSTS]
    assert True in flags and False in flags  # both kinds are exercised below


@pytest.mark.parametrize(("method", "path", "idempotent"), CASES)
def test_transport_agrees_with_the_spec(method: str, path: str, idempotent: bool) -> None:
    assert is_idempotent(method, _concrete(path)) is idempotent


@pytest.mark.parametrize(("method", "path", "idempotent"), POSTS)
def test_the_transport_retries_exactly_the_idempotent_posts(
    call: Caller,
    server: FakeServer,
    make_transport: Any,
    method: str,
    path: str,
    idempotent: bool,
) -> None:
    """A 503 answered after the request reached the server: replayed only when the spec says
    the operation is idempotent, else raised with one request sent."""
    server.script = [problem(503, "Service Unavailable"), ok()]
    transport: ReplyTransport = make_transport()
    if idempotent:
        assert call(transport, method, _concrete(path), json={}).status_code == 200
        assert len(server.seen) == 2
    else:
        with pytest.raises(errors.ServerError):
            call(transport, method, _concrete(path), json={})
        assert len(server.seen) == 1
