"""The sandbox against contact-data.openapi.yaml.

Two layers: every response the other sandbox tests receive through the ``api`` client is
validated with openapi-core as it arrives (``contract.py``), and here schemathesis generates
a few hundred requests over all operations (valid and invalid), asserting no 5xx and no
response the spec does not allow.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.app import WHOAMI, all_served

from .contract import SPEC_PATH, load_openapi

if not SPEC_PATH.exists():
    pytest.skip("contact-data.openapi.yaml does not exist yet", allow_module_level=True)

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

METHODS = {"get", "post", "put", "patch", "delete"}
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
SPEC_OPERATIONS = {
    (method.upper(), path): operation
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in METHODS
}

# Few cases per operation (explicit examples + random valid and invalid requests); exhaustive
# coverage would send thousands of requests for little extra signal.
EXAMPLES_PER_OPERATION = 12
schema = schemathesis.openapi.from_path(str(SPEC_PATH))


def test_spec_loads_and_validates() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    spec_dict, _ = read_from_filename(str(SPEC_PATH))
    validate(spec_dict)
    assert load_openapi() is not None  # so the api fixture really checks every response


def test_sandbox_serves_exactly_the_specified_operations() -> None:
    served = {
        (item.operation.method, item.operation.path): item
        for item in all_served()
        if item.operation is not WHOAMI
    }
    assert set(served) == set(SPEC_OPERATIONS)
    for key, item in served.items():
        specified = SPEC_OPERATIONS[key]
        assert item.operation.operation_id == specified["operationId"], key
        assert item.scope == specified["x-required-scope"], key


@pytest.fixture(scope="module")
def fuzzed_sandbox() -> Iterator[Sandbox]:
    with Sandbox(rate_limiting=False) as sandbox:
        yield sandbox


# One pytest test per operation, named by it (`test_schemathesis[GET /v3/contacts]`).
# schemathesis's own `schema.parametrize()` names its items so, but pytest 9 builds node ids from
# the undecorated name, which gave every operation the same id `test_schemathesis`.
OPERATIONS = [
    pytest.param(operation, id=operation.label)
    for operation in (result.ok() for result in schema.get_all_operations())
]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_schemathesis(operation: APIOperation, fuzzed_sandbox: Sandbox) -> None:
    # The spec's own examples, then valid and invalid requests generated from it.
    cases = st.one_of(
        *operation.get_strategies_from_examples(),
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def check(case: Any) -> None:
        # Always authenticated: the live 401 has an empty body, which the spec's 401 (a
        # problem+json content) cannot describe; test_auth.py covers 401 on its own.
        case.headers = {
            **(case.headers or {}),
            "Authorization": f"Bearer {fuzzed_sandbox.api_key}",
        }
        case.call_and_validate(
            base_url=fuzzed_sandbox.url, checks=[not_a_server_error, response_schema_conformance]
        )

    check()


SCOPE_403_MISSING = sorted(
    f"{method} {path}"
    for (method, path), operation in SPEC_OPERATIONS.items()
    if "403" not in operation["responses"]
)


def test_every_operation_declares_the_scope_403() -> None:
    # Any operation refuses a key that lacks its x-required-scope with a 403.
    assert SCOPE_403_MISSING == []
