"""The headers every request to the API carries: credentials, acting user, User-Agent."""

from __future__ import annotations

import functools
import importlib.metadata
import platform

import httpx

__all__ = ["ActingAs", "apply_headers", "default_base_url", "default_user_agent", "same_origin"]

_HTTPX_DEFAULT_AGENT_PREFIX = "python-httpx/"


def default_base_url() -> str:
    """Where requests go unless told otherwise: the contract's server (the spec's `servers`).

    Read on first need rather than at import: importing the contract costs more than building a
    client, and a client given its base URL never needs it.
    """
    from reply_contact_data_client.contract import SERVER_URL

    return SERVER_URL


@functools.cache
def default_user_agent() -> str:
    """`reply-contacts/<version> python/<version> httpx/<version>`."""
    try:
        version = importlib.metadata.version("reply-contacts")
    except importlib.metadata.PackageNotFoundError:  # running from a source checkout
        version = "0+unknown"
    return f"reply-contacts/{version} python/{platform.python_version()} httpx/{httpx.__version__}"


class ActingAs:
    """Who a master or organization key acts for (`X-USER-ID` or `X-User-Email`), and the team
    (`X-TEAM-ID`). The spellings are Reply's backend's (its CLI mirrors them); HTTP header
    names ignore case anyway. The acting user is named once: one of user id and email."""

    __slots__ = ("headers",)

    def __init__(
        self,
        *,
        user_id: int | str | None = None,
        user_email: str | None = None,
        team_id: int | str | None = None,
    ) -> None:
        if _given(user_id) and _given(user_email):
            raise ValueError("name the acting user once: user_id or user_email, not both")
        pairs = (("X-USER-ID", user_id), ("X-User-Email", user_email), ("X-TEAM-ID", team_id))
        self.headers: tuple[tuple[str, str], ...] = tuple(
            (name, str(value)) for name, value in pairs if value is not None and str(value) != ""
        )

    def __repr__(self) -> str:
        return f"ActingAs({dict(self.headers)!r})"


def _given(value: object) -> bool:
    return value is not None and str(value) != ""


def same_origin(url: httpx.URL, origin: httpx.URL) -> bool:
    """Scheme, host and (effective) port all equal."""
    return (
        url.scheme == origin.scheme
        and url.host == origin.host
        and _effective_port(url) == _effective_port(origin)
    )


def _effective_port(url: httpx.URL) -> int | None:
    if url.port is not None:
        return url.port
    return {"http": 80, "https": 443}.get(url.scheme)


def apply_headers(
    request: httpx.Request,
    *,
    api_key: str,
    origin: httpx.URL,
    acting: ActingAs,
    user_agent: str,
) -> bool:
    """Add our headers to `request` in place; return False when it goes to a foreign host.

    Credentials and acting-user headers only ever go to the configured origin. A request for
    another host (e.g. the target of a redirect, which httpx builds from a copy of the original
    headers) loses an Authorization header carrying our key, even if a caller set it, and the
    acting-user headers we added, so neither the key nor the user's identity leaks.
    """
    headers = request.headers
    agent = headers.get("User-Agent")
    if agent is None or agent.startswith(_HTTPX_DEFAULT_AGENT_PREFIX):
        headers["User-Agent"] = user_agent
    if not same_origin(request.url, origin):
        authorization = headers.get("Authorization")
        if authorization is not None and api_key and api_key in authorization:
            del headers["Authorization"]
        for name, value in acting.headers:
            if headers.get(name) == value:
                del headers[name]
        return False
    if "Authorization" not in headers:
        headers["Authorization"] = f"Bearer {api_key}"
    for name, value in acting.headers:
        if name not in headers:
            headers[name] = value
    return True
