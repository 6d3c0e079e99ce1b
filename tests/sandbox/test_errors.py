"""Error envelopes and robustness: problem+json everywhere, never a 500 on any input."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reply_contacts.sandbox import Sandbox, create_app

from .conftest import assert_problem

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Bodies shaped like the real ones, with any JSON value in any member.
MEMBER_NAMES = st.sampled_from(
    [
        "firstName",
        "email",
        "items",
        "options",
        "rules",
        "ids",
        "contactIds",
        "name",
        "title",
        "fieldType",
        "filters",
        "values",
        "property",
        "condition",
        "value",
        "sequenceId",
        "userId",
        "isReplied",
        "isBounced",
        "resendEmails",
        "statusInSequence",
        "customFields",
        "keys",
        "linkedInAccountId",
        "message",
        "subject",
        "body",
        "accountIds",
        "notes",
        "listIds",
        "ownerUserId",
        "accountId",
        "companySize",
        "timeZoneId",
        "linkedInUrl",
        "searchTerm",
        "sortBy",
        "sortDirection",
        "listId",
        "isShared",
        "orgWide",
        "metadata",
        "id",
    ]
)
BODIES = st.recursive(
    st.dictionaries(MEMBER_NAMES, JSON_VALUES, max_size=5),
    lambda inner: st.dictionaries(
        MEMBER_NAMES, inner | JSON_VALUES | st.lists(inner, max_size=3), max_size=4
    ),
    max_leaves=10,
)
WRITE_PATHS = [
    ("POST", "/v3/contacts"),
    ("PATCH", "/v3/contacts/1"),
    ("POST", "/v3/contacts/import"),
    ("POST", "/v3/contacts/filter"),
    ("POST", "/v3/contacts/filter/count"),
    ("POST", "/v3/contacts/bulk-delete"),
    ("POST", "/v3/contacts/1/notes"),
    ("POST", "/v3/contacts/1/move-to-sequence"),
    ("PUT", "/v3/contacts/owner"),
    ("POST", "/v3/contacts/set-replied"),
    ("POST", "/v3/contacts/set-bounced"),
    ("POST", "/v3/contacts/set-opted-out"),
    ("POST", "/v3/contacts/set-status-in-sequence"),
    ("POST", "/v3/contacts/1/send-direct-email"),
    ("POST", "/v3/contacts/1/send-direct-linkedin-connect"),
    ("POST", "/v3/contacts/1/send-direct-linkedin-voice"),
    ("POST", "/v3/contact-lists"),
    ("PUT", "/v3/contact-lists/1"),
    ("POST", "/v3/contact-lists/1/add-contacts"),
    ("POST", "/v3/custom-fields"),
    ("PUT", "/v3/custom-fields/1"),
    ("POST", "/v3/contact-accounts"),
    ("PUT", "/v3/contact-accounts/1"),
    ("POST", "/v3/contact-accounts/filter"),
    ("POST", "/v3/contact-accounts/bulk"),
    ("POST", "/v3/contact-accounts/bulk-delete"),
    ("PUT", "/v3/contact-accounts/1/owner"),
    ("POST", "/v3/contact-accounts/1/contact-links/bulk"),
    ("POST", "/v3/contact-account-lists"),
    ("POST", "/v3/contact-account-lists/1/move-accounts"),
]


def test_invalid_json_and_missing_body(api: httpx.Client) -> None:
    broken = api.post(
        "/v3/contacts", content=b"{nope", headers={"content-type": "application/json"}
    )
    body = assert_problem(broken, 400, pointer="", detail="Request body is not valid JSON.")
    assert body["title"] == "Validation failed"
    assert_problem(
        api.post("/v3/contacts"),
        400,
        pointer="",
        detail="The request body is required and cannot be empty.",
    )
    assert_problem(
        api.post("/v3/contacts", json=[1, 2]), 400, pointer="", detail="Value has an invalid type."
    )
    assert_problem(api.post("/v3/contacts", content=b"NaN"), 400, pointer="")


def test_wrong_types_point_at_the_member(api: httpx.Client) -> None:
    body = assert_problem(
        api.post("/v3/contacts", json={"firstName": ["x"], "email": 5, "accountId": "7"}),
        400,
        detail="Value has an invalid type.",
    )
    assert {e["pointer"] for e in body["errors"]} == {"/firstName", "/email", "/accountId"}
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [{"property": 1, "condition": "equals"}]}),
        400,
        pointer="/rules/0/property",
    )


def test_unknown_route_and_method(api: httpx.Client) -> None:
    # A coded 404: "no such route" is not "no such contact" (whose code is contact.notFound).
    missing = assert_problem(api.get("/v3/nothing-here"), 404, "route.notFound")
    assert missing["title"] == "Not Found"
    wrong = api.delete("/v3/contacts")
    assert_problem(wrong, 405, "route.methodNotAllowed")


def test_business_problem_has_code_of_the_documented_form(api: httpx.Client) -> None:
    body = assert_problem(api.get("/v3/contacts/5"), 404, "contact.notFound")
    assert set(body) == {"title", "status", "detail", "code"}


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(route=st.sampled_from(WRITE_PATHS), body=BODIES | JSON_VALUES)
def test_no_input_makes_a_server_error(
    api: httpx.Client, sb: Sandbox, route: tuple[str, str], body: Any
) -> None:
    """Any JSON anywhere: a 4xx (or a success), never a 5xx, and always within the contract."""
    sb.disable_rate_limit()
    method, path = route
    response = api.request(method, path, content=json.dumps(body))
    assert response.status_code < 500, (route, body, response.text)


@pytest.mark.parametrize(
    "path",
    [
        "/v3/contacts",
        "/v3/contact-lists",
        "/v3/contact-accounts",
        "/v3/background-jobs",
        "/v3/contact-account-lists",
    ],
)
@pytest.mark.parametrize("query", ["top=abc", "skip=1e9", "top=99999999999", "skip=-5", "top=%00"])
def test_odd_query_strings_are_client_errors(api: httpx.Client, path: str, query: str) -> None:
    response = api.get(f"{path}?{query}")
    assert response.status_code == 400, response.text


async def test_create_app_works_over_asgi_transport() -> None:
    transport = httpx.ASGITransport(app=create_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        response = await client.get("/v3/whoami", headers={"Authorization": "Bearer sandbox"})
    assert response.json()["userId"] == 1


def test_unicode_and_number_edge_cases(api: httpx.Client) -> None:
    lone_surrogate = b'{"firstName": "\\ud800", "email": "a@example.com"}'
    assert_problem(
        api.post("/v3/contacts", content=lone_surrogate),
        400,
        pointer="",
        detail="Request body is not valid JSON.",
    )
    emoji = b'{"firstName": "\\ud83d\\ude00", "email": "e@example.com"}'
    assert api.post("/v3/contacts", content=emoji).json()["firstName"] == "\U0001f600"
    huge = {"rules": [{"property": "ownerUserId", "condition": "equals", "value": "9" * 30}]}
    assert_problem(api.post("/v3/contacts/filter", json=huge), 400, pointer="/rules/0/value")
    assert_problem(
        api.post("/v3/contacts/bulk-delete", json={"ids": [10**30]}), 400, pointer="/ids/0"
    )
    assert_problem(
        api.post(
            "/v3/contacts", json={"firstName": "A", "email": "b@example.com", "accountId": 1.5}
        ),
        400,
        pointer="/accountId",
    )
