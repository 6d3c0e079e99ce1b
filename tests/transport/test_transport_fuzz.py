"""Whatever the server answers, a caller gets a good response or a ReplyError, nothing else."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reply_contacts.errors import ReplyError
from reply_contacts.transport import FakeClock, InMemoryLimiter, ReplyTransport, RetryPolicy

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
problem_dicts = st.fixed_dictionaries(
    {},
    optional={
        "title": json_values,
        "status": json_values,
        "detail": json_values,
        "code": json_values,
        "requiredScope": json_values,
        "extensions": json_values,
        "errors": st.lists(
            st.fixed_dictionaries({}, optional={"pointer": json_values, "detail": json_values})
            | json_values,
            max_size=3,
        )
        | json_values,
    },
)
bodies = st.one_of(
    problem_dicts.map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=64),
    st.just(b""),
    st.text(max_size=40).map(str.encode),
)
header_values = st.one_of(
    st.sampled_from(["1", "0", "2.5", "-1", "nan", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", ""]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
)
headers = st.dictionaries(
    st.sampled_from(
        [
            "content-type",
            "retry-after",
            "retry-after-ms",
            "www-authenticate",
            "x-request-id",
            "content-encoding",
            "set-cookie",
        ]
    ),
    st.one_of(
        header_values,
        st.sampled_from(
            [
                "application/json",
                "application/problem+json",
                "text/html",
                "gzip",
                'Bearer error="insufficient_scope", scope="contacts:write"',
            ]
        ),
    ),
    max_size=4,
)
statuses = st.one_of(
    st.integers(min_value=200, max_value=599),
    st.sampled_from([200, 201, 204, 400, 401, 403, 404, 409, 429, 499, 500, 502, 503, 520, 527]),
)
replies = st.tuples(statuses, headers, bodies)


def run(
    script: list[tuple[int, dict[str, str], bytes]], method: str, path: str, use_async: bool
) -> None:
    clock = FakeClock()
    seen = 0

    def server(request: httpx.Request) -> httpx.Response:
        nonlocal seen
        status, head, body = script[min(seen, len(script) - 1)]
        seen += 1
        return httpx.Response(status, headers=head, content=body)

    transport = ReplyTransport(
        api_key="fuzz-key-abcdef",
        transport=httpx.MockTransport(server),
        limiter=InMemoryLimiter(clock=clock),
        retry=RetryPolicy(max_retries=2),
        clock=clock,
        rng=random.Random(0),
    )
    try:
        if use_async:

            async def send() -> httpx.Response:
                async with httpx.AsyncClient(
                    transport=transport, base_url="https://api.reply.io"
                ) as client:
                    return await client.request(method, path, json={"a": 1})

            response = asyncio.run(send())
        else:
            with httpx.Client(transport=transport, base_url="https://api.reply.io") as client:
                response = client.request(method, path, json={"a": 1})
    except ReplyError:
        return
    assert response.status_code < 400
    response.content  # noqa: B018 - the body must be readable


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    script=st.lists(replies, min_size=1, max_size=3),
    call=st.sampled_from(
        [("GET", "/v3/contacts"), ("POST", "/v3/contacts"), ("POST", "/v3/contacts/import")]
    ),
    use_async=st.booleans(),
)
def test_any_response_is_a_good_response_or_a_reply_error(
    script: list[tuple[int, dict[str, str], bytes]], call: tuple[str, str], use_async: bool
) -> None:
    run(script, *call, use_async)


def test_known_nasty_cases() -> None:
    cases: list[tuple[int, dict[str, Any], bytes]] = [
        (200, {"content-encoding": "gzip"}, b"not gzip"),
        (500, {"content-encoding": "gzip"}, b"not gzip"),
        (429, {"retry-after": "1e400"}, b""),
        (429, {"retry-after": "Mon, 01 Jan 9999 00:00:00 GMT"}, b""),
        (403, {"www-authenticate": 'Bearer error="insufficient_scope", scope="'}, b"{}"),
        (400, {"content-type": "application/json"}, b'{"errors": {"a": 1}}'),
        (400, {}, b"[" * 5000),
    ]
    for case in cases:
        for use_async in (False, True):
            run([case], "GET", "/v3/contacts", use_async)
