"""Hostile input never breaks the sandbox (issue 10, items 7 and 9).

Every case is sent on one kept-alive connection, followed by a good request on the same
connection. Each must be answered below 500, with the status decided for its class; a refused
request (and any read) must leave the data exactly as it was.

Classes: digits that ``str.isdigit()`` accepts but ``int()`` refuses (or reads differently),
numbers that overflow, NaN/Infinity literals, invalid UTF-8, NUL characters, deep nesting,
a body that is not JSON (415), a body over the size limit (413), arrays beyond the contract's
``maxItems`` (400, before any work), and unknown properties in the objects the contract closes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NoReturn

import pytest
from reply_contact_data_client.contract import OPERATIONS
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.intake import MAX_BODY_BYTES, MAX_DEPTH, MAX_UNBOUNDED_ITEMS

from .hostile_support import (
    OneConnection,
    concrete_path,
    data_digest,
    operations_with_bodies,
    request_examples,
)

JSON = {"content-type": "application/json"}


@dataclass(frozen=True)
class Case:
    kind: str
    label: str
    method: str
    path: str
    send: dict[str, Any] = field(default_factory=dict)
    status: int | None = None  # None: any answer below 500
    pointer: str | None = None  # the validation error that must be reported

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.label}"


def body(data: Any) -> dict[str, Any]:
    return {"json": data}


def raw(data: bytes, content_type: str = "application/json") -> dict[str, Any]:
    return {"content": data, "headers": {"content-type": content_type}}


def contact_rule(prop: str, condition: str, value: Any) -> dict[str, Any]:
    return {"rules": [{"property": prop, "condition": condition, "value": value}]}


def account_rule(prop: str, condition: str, values: Any) -> dict[str, Any]:
    return {"filters": [{"property": prop, "condition": condition, "values": values}]}


# -- digits str.isdigit() takes: "²" and "①" are refused by int(), "٣" and "𝟙" read as 3 and 1 --

ODD_DIGITS = ["²", "①", "٣", "𝟙"]


def odd_digit_cases() -> Iterator[Case]:
    for digit in ODD_DIGITS:
        custom = {"customFields": [{"key": digit, "value": "1"}]}
        # The key is no field id, so it is a title no field has.
        yield Case(
            "digits", f"patch-key-{digit}", "PATCH", "/v3/contacts/{contact}", body(custom), 400
        )
        item = {"firstName": "A", "email": "d@example.com", **custom}
        yield Case(
            "digits",
            f"import-key-{digit}",
            "POST",
            "/v3/contacts/import",
            body({"items": [item]}),
            200,
        )
        yield Case(
            "digits",
            f"filter-custom-field-{digit}",
            "POST",
            "/v3/contacts/filter",
            body(contact_rule(f"customField:{digit}", "equals", "1")),
            400,
            "/rules/0/property",
        )
        for prop in ("id", "ownerUserId", "accountId"):
            for condition in ("equals", "in", "contains"):
                yield Case(
                    "digits",
                    f"filter-{prop}-{condition}-{digit}",
                    "POST",
                    "/v3/contacts/filter",
                    body(contact_rule(prop, condition, digit)),
                    400,
                    "/rules/0/value",
                )
        yield Case("digits", f"path-id-{digit}", "GET", f"/v3/contacts/{digit}", {}, 400)
        yield Case(
            "digits", f"query-top-{digit}", "GET", "/v3/contacts", {"params": {"top": digit}}, 400
        )


# -- numbers that overflow: as text where the API takes text, as JSON numbers elsewhere ------

HUGE_TEXTS = ["9" * 5000, str(2**64), "1e999", "inf", "-inf", "nan"]
HUGE_LITERALS = [b"9" * 5000, str(2**64).encode(), b"1e999", b"-1e999"]


def overflow_cases() -> Iterator[Case]:
    for text in HUGE_TEXTS:
        label = text[:8]
        for prop in ("id", "ownerUserId", "accountId"):
            yield Case(
                "overflow",
                f"contact-filter-{prop}-{label}",
                "POST",
                "/v3/contacts/filter/count",
                body(contact_rule(prop, "in", f"1,{text}")),
                400,
                "/rules/0/value",
            )
        for prop in ("NumberOfContacts", "OwnerId"):
            for condition in ("Equals", "GreaterThan"):
                ok = text == str(2**64)  # a real (if large) number: a fine filter
                yield Case(
                    "overflow",
                    f"account-filter-{prop}-{condition}-{label}",
                    "POST",
                    "/v3/contact-accounts/filter",
                    body(account_rule(prop, condition, [text])),
                    200 if ok else 400,
                    None if ok else "/filters/0/values",
                )
        for prop in ("Stage", "Sequence"):
            yield Case(
                "overflow",
                f"account-filter-{prop}-{label}",
                "POST",
                "/v3/contact-accounts/filter",
                body(
                    account_rule(prop, "CollectionContains" if prop == "Sequence" else "In", [text])
                ),
                200,
            )
        yield Case(
            "overflow",
            f"account-filter-date-{label}",
            "POST",
            "/v3/contact-accounts/filter",
            body(account_rule("CreatedDate", "GreaterThan", text)),
            400,
            "/filters/0/values",
        )
    for text in ("9" * 5000, str(2**64), "-1"):
        path = f"/_sandbox/faults/{text}"
        yield Case("overflow", f"admin-fault-id-{text[:8]}", "DELETE", path, {}, 404)
    for literal in HUGE_LITERALS:
        label = literal[:8].decode()
        fits = literal == str(2**64).encode()  # valid JSON; too big for the int64 listId
        for prop in ("NumberOfContacts", "Sequence", "Stage"):
            filters = b'{"filters":[{"property":"%s","condition":"Equals","values":[%s]}]}'
            yield Case(
                "overflow",
                f"account-filter-literal-{prop}-{label}",
                "POST",
                "/v3/contact-accounts/filter",
                raw(filters % (prop.encode(), literal)),
                200 if fits else 400,
            )
        yield Case(
            "overflow",
            f"contact-filter-listId-{label}",
            "POST",
            "/v3/contacts/filter",
            raw(b'{"listId":%s}' % literal),
            400,
        )
        yield Case(
            "overflow",
            f"bulk-delete-id-{label}",
            "POST",
            "/v3/contacts/bulk-delete",
            raw(b'{"ids":[%s]}' % literal),
            400,
        )


# -- JSON that is not: NaN/Infinity, invalid UTF-8, NUL, nesting ------------------------------

CONTACT = b'{"firstName":"A","email":"x@example.com","accountId":%s}'


def literal_cases() -> Iterator[Case]:
    for literal in (b"NaN", b"Infinity", b"-Infinity"):
        name = literal.decode()
        yield Case(
            "nan-infinity",
            f"create-{name}",
            "POST",
            "/v3/contacts",
            raw(CONTACT % literal),
            400,
            "",
        )
        filters = b'{"filters":[{"property":"OwnerId","condition":"Equals","values":[%s]}]}'
        yield Case(
            "nan-infinity",
            f"account-filter-{name}",
            "POST",
            "/v3/contact-accounts/filter",
            raw(filters % literal),
            400,
            "",
        )
        yield Case(
            "nan-infinity",
            f"import-{name}",
            "POST",
            "/v3/contacts/import",
            raw(
                b'{"items":[{"firstName":"A","email":"y@example.com","ownerUserId":%s}]}' % literal
            ),
            400,
            "",
        )


BAD_UTF8 = {
    "xff": b'{"firstName":"\xff","email":"u@example.com"}',
    "overlong-slash": b'{"firstName":"\xc0\xaf","email":"u@example.com"}',
    "truncated": b'{"firstName":"\xe2\x82","email":"u@example.com"}',
    "encoded-surrogate": b'{"firstName":"\xed\xa0\x80","email":"u@example.com"}',
    "escaped-lone-surrogate": b'{"firstName":"\\udc00","email":"u@example.com"}',
    "utf16": '{"firstName":"A","email":"u@example.com"}'.encode("utf-16"),
}


def utf8_cases() -> Iterator[Case]:
    for label, data in BAD_UTF8.items():
        yield Case("invalid-utf8", f"create-{label}", "POST", "/v3/contacts", raw(data), 400, "")
        yield Case(
            "invalid-utf8",
            f"list-{label}",
            "POST",
            "/v3/contact-lists",
            raw(data.replace(b"firstName", b"name")),
            400,
            "",
        )


def nul_cases() -> Iterator[Case]:
    yield Case(
        "nul",
        "value",
        "POST",
        "/v3/contacts",
        body({"firstName": "A\x00B", "email": "n@example.com"}),
        400,
        "/firstName",
    )
    yield Case(
        "nul",
        "member-name",
        "POST",
        "/v3/contacts",
        body({"firstName": "A", "email": "n@example.com", "x\x00": 1}),
        400,
        "/x\x00",
    )
    yield Case(
        "nul",
        "custom-field-key",
        "PATCH",
        "/v3/contacts/{contact}",
        body({"customFields": [{"key": "\x00", "value": "1"}]}),
        400,
        "/customFields/0/key",
    )
    yield Case(
        "nul",
        "import-item",
        "POST",
        "/v3/contacts/import",
        body({"items": [{"firstName": "A", "email": "n\x00@example.com"}]}),
        400,
        "/items/0/email",
    )
    yield Case(
        "nul",
        "account-filter-value",
        "POST",
        "/v3/contact-accounts/filter",
        body(account_rule("Name", "Equals", ["\x00"])),
        400,
        "/filters/0/values/0",
    )
    yield Case(
        "nul", "list-name", "POST", "/v3/contact-lists", body({"name": "L\x00"}), 400, "/name"
    )
    yield Case("nul", "raw-byte", "POST", "/v3/contacts", raw(b'{"firstName":"A\x00"}'), 400, "")
    yield Case(
        "nul",
        "query",
        "GET",
        "/v3/contacts",
        {"params": {"email": "a\x00@example.com"}},
        200,
    )


def nested(depth: int, *, objects: bool = False) -> bytes:
    if objects:
        return b'{"a":' * depth + b"1" + b"}" * depth
    return b"[" * depth + b"]" * depth


def nesting_cases() -> Iterator[Case]:
    for depth in (MAX_DEPTH + 1, 1000, 100_000):
        for objects in (False, True):
            shape = "objects" if objects else "arrays"
            inner = nested(depth - 1, objects=objects)  # under the body's own level
            data = b'{"firstName":"A","email":"deep@example.com","extra":%s}' % inner
            yield Case(
                "deep-nesting", f"{shape}-{depth}", "POST", "/v3/contacts", raw(data), 400, ""
            )
            yield Case(
                "deep-nesting",
                f"filter-{shape}-{depth}",
                "POST",
                "/v3/contacts/filter",
                raw(b'{"rules":%s}' % inner),
                400,
                "",
            )


# -- what the body is declared as, and how big it is ------------------------------------------

NOT_JSON = ["text/plain", "application/x-www-form-urlencoded", "application/xml", "text/html"]


def media_type_cases() -> Iterator[Case]:
    data = b'{"firstName":"A","email":"m@example.com"}'
    for content_type in NOT_JSON:
        yield Case("not-json", content_type, "POST", "/v3/contacts", raw(data, content_type), 415)
        yield Case(
            "not-json",
            f"import-{content_type}",
            "POST",
            "/v3/contacts/import",
            raw(data, content_type),
            415,
        )
    yield Case("not-json", "form-fields", "POST", "/v3/contacts", {"data": {"firstName": "A"}}, 415)
    yield Case("not-json", "multipart", "POST", "/v3/contacts", {"files": {"f": b"{}"}}, 415)


def _chunks(total: int) -> Iterator[bytes]:
    chunk = b" " * (1 << 20)
    sent = 0
    while sent < total:
        yield chunk
        sent += len(chunk)


def size_cases() -> Iterator[Case]:
    over = MAX_BODY_BYTES + 1
    yield Case("too-large", "content-length", "POST", "/v3/contacts/import", raw(b" " * over), 413)
    yield Case(
        "too-large",
        "chunked",
        "POST",
        "/v3/contacts/bulk-delete",
        {"content": _chunks(over), "headers": JSON},
        413,
    )


# -- arrays beyond the contract's maxItems, and unknown properties ----------------------------


def _set(document: Any, pointer: str, value: Any) -> None:
    *parents, last = [part for part in pointer.split("/")[1:]]
    target = document
    for part in parents:
        target = target[0 if part == "*" else (int(part) if isinstance(target, list) else part)]
    target[last] = value


def _first(document: Any, pointer: str) -> Any:
    target = document
    for part in pointer.split("/")[1:]:
        target = target[0 if part == "*" else part]
    return target[0] if isinstance(target, list) and target else 1


def max_items_cases() -> Iterator[Case]:
    for operation in operations_with_bodies():
        for limit in operation.limits:
            if limit.location != "body" or limit.max_items is None:
                continue
            example = request_examples(operation)[0]
            _set(example, limit.pointer, [_first(example, limit.pointer)] * (limit.max_items + 1))
            yield Case(
                "max-items",
                f"{operation.name}{limit.pointer}",
                operation.method,
                concrete_path(operation),
                body(example),
                400,
            )
    many = list(range(1, 2_000_001))
    yield Case(
        "max-items",
        "contacts-2M-ids",
        "POST",
        "/v3/contacts/bulk-delete",
        body({"ids": many}),
        400,
        "/ids",
    )
    yield Case(
        "max-items",
        "accounts-2M-ids",
        "POST",
        "/v3/contact-accounts/bulk-delete",
        body({"ids": many}),
        400,
    )
    over = list(range(1, MAX_UNBOUNDED_ITEMS + 2))
    yield Case(
        "max-items",
        "owner-change-unbounded",
        "PUT",
        "/v3/contacts/owner",
        body({"contactIds": over, "userId": 1}),
        400,
        "/contactIds",
    )


def unknown_property_cases() -> Iterator[Case]:
    for operation in operations_with_bodies():
        for shape in operation.closed:
            example = request_examples(operation)[0]
            target = example
            pointer = ""
            for part in shape.pointer.split("/")[1:]:
                if part == "*":
                    target, pointer = target[0], f"{pointer}/0"
                else:
                    target, pointer = target[part], f"{pointer}/{part}"
            target["unexpected"] = True
            yield Case(
                "unknown-property",
                f"{operation.name}{shape.pointer or '/'}",
                operation.method,
                concrete_path(operation),
                body(example),
                400,
                f"{pointer}/unexpected",
            )


CASES = [
    *odd_digit_cases(),
    *overflow_cases(),
    *literal_cases(),
    *utf8_cases(),
    *nul_cases(),
    *nesting_cases(),
    *media_type_cases(),
    *size_cases(),
    *max_items_cases(),
    *unknown_property_cases(),
]


@pytest.fixture
def contact(sb: Sandbox) -> int:
    return sb.seed(contacts=[{"firstName": "Target", "email": "target@example.com"}])["contacts"][0]


@pytest.fixture
def connection(sb: Sandbox) -> Iterator[OneConnection]:
    sb.disable_rate_limit()
    conn = OneConnection(sb)
    yield conn
    conn.close()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_cleanly(
    case: Case, sb: Sandbox, connection: OneConnection, contact: int
) -> None:
    connection.still_serves()
    before = data_digest(sb)
    response = connection.send(
        case.method, case.path.replace("{contact}", str(contact)), **case.send
    )
    assert response.status_code < 500, response.text[:500]
    if case.status is not None:
        assert response.status_code == case.status, response.text[:500]
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["status"] == response.status_code and problem["title"] and problem["detail"]
        if case.pointer is not None:
            assert case.pointer in [error["pointer"] for error in problem["errors"]], problem
        assert data_digest(sb) == before, "a refused request changed the data"
    connection.still_serves()


def test_every_operation_the_contract_bounds_or_closes_is_covered() -> None:
    bounded = {
        op.name
        for op in OPERATIONS.values()
        if any(limit.max_items is not None and limit.location == "body" for limit in op.limits)
    }
    closed = {op.name for op in OPERATIONS.values() if op.closed}
    covered = {
        case.label.split("/")[0] for case in CASES if case.kind in ("max-items", "unknown-property")
    }
    assert bounded <= covered and closed <= covered
    assert len({case.kind for case in CASES}) == 10


def _longest_import() -> dict[str, Any]:
    text = "x" * 500
    fields = [
        "lastName", "phone", "phone2", "title", "company", "industry", "city", "state",
        "country", "linkedInSalesNavigatorUrl", "linkedInRecruiterUrl", "notes",
    ]  # fmt: skip
    items = [
        {
            "firstName": f"Longest{n}{text}",
            "email": f"longest{n}@example.com",
            "linkedInUrl": f"https://www.linkedin.com/in/longest{n}{text}",
            "timeZoneId": "Europe/Berlin",
            "companySize": "FiveThousand",
            **{name: text for name in fields},
            "customFields": [{"key": f"Field {k}", "value": text} for k in range(10)],
        }
        for n in range(1000)
    ]
    return {"items": items, "options": {"overwriteExisting": True}}


def test_the_largest_legitimate_request_fits_well_under_the_size_limit(
    connection: OneConnection,
) -> None:
    for k in range(10):
        field = {"title": f"Field {k}", "fieldType": "text"}
        assert connection.send("POST", "/v3/custom-fields", json=field).status_code == 201
    document = _longest_import()
    size = len(json.dumps(document).encode())
    assert size * 2 < MAX_BODY_BYTES
    response = connection.send("POST", "/v3/contacts/import", json=document)
    assert response.status_code == 200, response.text[:500]
    assert response.json()["added"] == 1000
    connection.still_serves()


def test_json_media_types_with_parameters_are_json(connection: OneConnection) -> None:
    data = b'{"firstName":"A","email":"charset@example.com"}'
    for content_type in (
        "application/json; charset=utf-8",
        "application/problem+json",
        "text/json",
    ):
        response = connection.send(
            "POST",
            "/v3/contacts/filter/count",
            content=data,
            headers={"content-type": content_type},
        )
        assert response.status_code == 200, (content_type, response.text)


def test_open_objects_keep_accepting_unknown_properties(connection: OneConnection) -> None:
    response = connection.send(
        "POST", "/v3/contacts", json={"firstName": "A", "email": "open@example.com", "extra": 1}
    )
    assert response.status_code == 201, response.text


def test_nesting_up_to_the_limit_is_accepted(connection: OneConnection) -> None:
    # The body is the first level, "extra" opens the second.
    inner = nested(MAX_DEPTH - 1)
    data = b'{"firstName":"A","email":"deep@example.com","extra":%s}' % inner
    response = connection.send("POST", "/v3/contacts", content=data, headers=JSON)
    assert response.status_code == 201, response.text


def test_a_sandbox_bug_answers_500_and_keeps_the_connection(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from reply_contacts.sandbox import contacts

    def broken(ctx: object) -> NoReturn:
        raise RuntimeError("a bug")

    monkeypatch.setattr(contacts, "get_contact", broken)
    with Sandbox(rate_limiting=False) as sandbox:
        connection = OneConnection(sandbox)
        try:
            failed = connection.send("GET", "/v3/contacts/1")
            assert failed.status_code == 500
            assert failed.headers["content-type"].startswith("application/problem+json")
            assert "RuntimeError" in failed.json()["detail"]
            connection.still_serves()
        finally:
            connection.close()
    assert any("sandbox bug" in record.getMessage() for record in caplog.records)
