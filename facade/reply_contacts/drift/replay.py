"""Replay a fixture through the SDK, as if the server had just sent its response.

The recorded response answers the fixture's request inside an `httpx.MockTransport`, under the
client's real transport stack (error mapping, JSON checks) and the facade's call runner
(generated `build_request` / `build_response`, the generated models). Nothing leaves the
process. A 2xx fixture gives back the parsed model; an error fixture raises the typed
`APIError` a real call would; a response the SDK cannot parse raises `DecodeError`.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from .fixtures import Fixture

if TYPE_CHECKING:
    from reply_contact_data_client.contract import Operation

    from reply_contacts._plan import Call

# Loopback, so no TLS is needed; the key is registered as a secret like any key a client sees,
# hence a value that cannot occur in ordinary text.
_REPLAY_URL = "http://127.0.0.1"
_REPLAY_KEY = "rk_replay_only_5c0b6e4f2d"


def replay_fixture(fixture: Fixture) -> Any:
    """The SDK's reading of the fixture's response (see the module docstring)."""
    from reply_contact_data_client.contract import OPERATIONS

    from reply_contacts._plan import run_sync
    from reply_contacts.client import ReplyContacts
    from reply_contacts.transport import InMemoryLimiter

    operation = OPERATIONS[fixture.operation]

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method != fixture.method or request.url.path != fixture.path:
            raise ValueError(
                f"the SDK sent {request.method} {request.url.path}, the fixture recorded"
                f" {fixture.method} {fixture.path}"
            )
        headers = {"content-type": fixture.content_type} if fixture.content_type else {}
        return httpx.Response(fixture.status, headers=headers, content=fixture.content)

    with ReplyContacts(
        api_key=_REPLAY_KEY,
        base_url=_REPLAY_URL,
        http_transport=httpx.MockTransport(answer),
        rate_limit=None,
        # A private limiter: a recorded 429 must not pause anything else in this process.
        limiter=InMemoryLimiter(),
        max_retries=0,
    ) as client:
        return run_sync(client._generated, call_for(operation, fixture))


def call_for(operation: Operation, fixture: Fixture) -> Call[Any]:
    """The facade call that sends the fixture's request: its path ids and its body."""
    from reply_contacts._plan import Call, load_operation

    build_request = load_operation(operation).build_request
    accepted = typing.get_type_hints(build_request)
    kwargs: dict[str, Any] = {}
    for name, value in _path_values(operation.path, fixture.path).items():
        # The generator renames parameters to snake_case (jobId -> job_id).
        kwargs[_python_name(name, accepted)] = value
    if "body" in accepted and fixture.request_body is not None:
        kwargs["body"] = _model(accepted["body"], fixture.request_body)
    return Call(operation, kwargs)


def _path_values(template: str, path: str) -> dict[str, str]:
    names = re.findall(r"\{([^}/]+)\}", template)
    pattern = re.sub(r"\\\{[^}/]+\\\}", "([^/]+)", re.escape(template))
    match = re.fullmatch(pattern, path)
    if match is None:
        raise ValueError(f"the fixture's path {path} is not a request of {template}")
    return dict(zip(names, match.groups(), strict=True))


def _python_name(name: str, accepted: Mapping[str, Any]) -> str:
    wanted = name.replace("_", "").lower()
    return next((p for p in accepted if p.replace("_", "").lower() == wanted), name)


def _model(annotation: Any, value: Any) -> Any:
    """The generated model (or list of models) that a JSON body becomes."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if hasattr(candidate, "from_dict") and isinstance(value, Mapping):
            return candidate.from_dict(value)
        if typing.get_origin(candidate) is list and isinstance(value, list):
            (item,) = typing.get_args(candidate)
            return [_model(item, element) for element in value]
    return value
