"""Hypothesis fuzzing of every operation's request body, mutated from the spec's own examples.

Each example starts from one of the operation's documented request bodies and mutates it:
members replaced with hostile values (odd digits, overflowing numbers, NULs, long strings,
wrong types, nested JSON), removed, added, arrays emptied or multiplied. Whatever arrives, the
sandbox answers below 500 on the same kept-alive connection, a refused request or a read
leaves the data exactly as it was, and only an acknowledged write (a 2xx) may change it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reply_contact_data_client.contract import Operation
from reply_contacts.sandbox import Sandbox

from .hostile_support import (
    OneConnection,
    data_digest,
    operations_with_bodies,
    request_examples,
)

EXAMPLES_PER_OPERATION = 25

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "²",
        "٣",
        "①",
        "𝟙",
        "9" * 5000,
        str(2**64),
        "1e999",
        "inf",
        "-inf",
        "nan",
        "\x00",
        "a\x00b",
        "\ud800",
        "x" * 20_000,
        "'; DROP TABLE contacts; --",
        "%s%n{0}",
        "\u202eevil",
        "İı",
        "😀",
        "-1",
        "0",
        "true",
        "null",
        "Equals",
        "IsNull",
        "OneThousand",
        "customField:1",
        "a@b.c",
        "2026-01-01T00:00:00Z",
    ]
)
HOSTILE_NUMBERS = st.sampled_from(
    [0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, 2**64, -(2**63) - 1, 10**30, 10**4000]
) | st.floats(allow_nan=False, allow_infinity=False)
SMALL_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
HOSTILE_VALUES = HOSTILE_TEXT | HOSTILE_NUMBERS | st.booleans() | st.none() | SMALL_JSON

Path = tuple[str | int, ...]


def _paths(value: Any, path: Path = ()) -> Iterator[Path]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _get(document: Any, path: Path) -> Any:
    for part in path:
        document = document[part]
    return document


@st.composite
def mutated(draw: st.DrawFn, operation: Operation) -> Any:
    document: Any = draw(st.sampled_from(request_examples(operation)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(document))))
        kind = draw(st.sampled_from(["replace", "remove", "add", "multiply", "empty", "wrap"]))
        target = _get(document, path)
        if not path:
            if kind == "replace":
                document = draw(HOSTILE_VALUES)
            elif kind == "add" and isinstance(document, dict):
                document[draw(HOSTILE_TEXT)] = draw(HOSTILE_VALUES)
            continue
        parent, last = _get(document, path[:-1]), path[-1]
        if kind == "replace":
            parent[last] = draw(HOSTILE_VALUES)
        elif kind == "remove" and isinstance(parent, dict):
            del parent[last]
        elif kind == "add" and isinstance(target, dict):
            target[draw(HOSTILE_TEXT)] = draw(HOSTILE_VALUES)
        elif kind == "multiply" and isinstance(target, list) and target:
            parent[last] = target * draw(st.integers(2, 1200))
        elif kind == "empty" and isinstance(target, (list, dict)):
            parent[last] = type(target)()
        elif kind == "wrap":
            parent[last] = [target]
    return document


@pytest.fixture(scope="module")
def fuzzed() -> Iterator[tuple[Sandbox, OneConnection, dict[str, str]]]:
    """A sandbox with one of everything a path can name, and one connection to it."""
    with Sandbox(rate_limiting=False) as sandbox:
        conn = OneConnection(sandbox)
        contact = sandbox.seed_contact(
            firstName="Fuzz", email="fuzz@example.com", linkedInUrl="https://linkedin.com/in/f"
        )
        sandbox.seed_linkedin_connection(contact)
        created = {
            "/v3/contact-lists": {"name": "Fuzz list"},
            "/v3/custom-fields": {"title": "Fuzz field", "fieldType": "text"},
            "/v3/contact-accounts": {"name": "Fuzz account"},
            "/v3/contact-account-lists": {"name": "Fuzz accounts"},
        }
        ids = {"/v3/contacts": str(contact)}
        for path, document in created.items():
            response = conn.send("POST", path, json=document)
            assert response.status_code == 201, response.text
            ids[path] = str(response.json()["id"])
        ids["/v3/background-jobs"] = sandbox.seed_background_job(status="Processing")
        yield sandbox, conn, ids
        conn.close()


def concrete(operation: Operation, ids: dict[str, str]) -> str:
    prefix = next(p for p in sorted(ids, key=len, reverse=True) if operation.path.startswith(p))
    return operation.path.replace("{id}", ids[prefix]).replace("{jobId}", ids[prefix])


OPERATIONS = operations_with_bodies()


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_mutated_bodies_never_break_the_sandbox(
    operation: Operation, fuzzed: tuple[Sandbox, OneConnection, dict[str, str]]
) -> None:
    sandbox, conn, ids = fuzzed
    path = concrete(operation, ids)

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(document=mutated(operation))
    def run(document: Any) -> None:
        before = data_digest(sandbox)
        response = conn.send(operation.method, path, json=document)
        assert response.status_code < 500, (document, response.text[:500])
        acknowledged_write = response.status_code < 300 and not operation.read_only
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith("application/problem+json")
        if not acknowledged_write:
            assert data_digest(sandbox) == before, (document, response.status_code)

    run()
    conn.still_serves()
