"""Validate real sandbox responses against contact-data.openapi.yaml with openapi-core.

Every response that goes through the ``api`` fixture's client is checked as it arrives, so a
response the spec does not allow fails the test that provoked it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import httpx

SPEC_PATH = Path(__file__).resolve().parents[2] / "contact-data.openapi.yaml"
SPEC_SERVER = "https://api.reply.io"


@functools.cache
def load_openapi() -> Any | None:
    """The parsed spec, or None while it does not exist (or does not validate) yet."""
    if not SPEC_PATH.exists():
        return None
    from openapi_core import Config, OpenAPI

    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    try:
        return OpenAPI.from_file_path(str(SPEC_PATH), config=config)
    except Exception:  # an invalid spec is reported by test_contract, not here
        return None


class ContractViolation(AssertionError):
    pass


def violation(response: httpx.Response) -> str | None:
    """Why ``response`` breaks the spec, or None if it conforms (or is not an API path)."""
    openapi = load_openapi()
    path = response.request.url.path
    if openapi is None or not path.startswith("/v3/"):
        return None
    from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
    from openapi_core.templating.responses.exceptions import ResponseNotFound
    from openapi_core.testing import MockRequest, MockResponse

    request = MockRequest(
        SPEC_SERVER,
        response.request.method.lower(),
        path,
        args=dict(response.request.url.params),
        headers=dict(response.request.headers),
        data=response.request.content or None,
    )
    mock = MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers.get("content-type", ""),
    )
    try:
        openapi.validate_response(request, mock)
    except (PathNotFound, OperationNotFound):
        return None  # unknown route or method: the spec says nothing about it
    except ResponseNotFound:
        return f"{response.request.method} {path} -> undeclared status {response.status_code}"
    except Exception as error:
        cause = error.__cause__ or error
        details = getattr(cause, "schema_errors", None) or [cause]
        return (
            f"{response.request.method} {path} -> {response.status_code} breaks the spec: "
            f"{type(error).__name__}: {'; '.join(str(d)[:400] for d in details)}\n"
            f"body: {response.text[:600]}"
        )
    return None


def check_response(response: httpx.Response) -> None:
    response.read()
    problem = violation(response)
    if problem is not None:
        raise ContractViolation(problem)
