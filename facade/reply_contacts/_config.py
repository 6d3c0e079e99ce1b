"""Client settings: where they come from (arguments, then environment) and what is refused."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import httpx

from .errors import ReplyError
from .transport.headers import default_base_url
from .transport.redaction import redact_headers
from .transport.security import ensure_secure_url

# Explicit limits: the generated client's default is "no timeout at all".
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0, pool=10.0)


class ConfigurationError(ReplyError, ValueError):
    """The client cannot be built as asked (no API key, no timeout, an insecure URL...)."""


class _Secret(str):
    """The API key as a str whose repr never shows it (the generated client's attrs repr
    prints its token field)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'<redacted>'"


class RedactedHeaders(dict[str, str]):
    """The generated client's header dict: it writes `Authorization: Bearer <key>` into it and
    its attrs repr prints it, so the repr masks that one value."""

    def __repr__(self) -> str:
        return repr(redact_headers(self))


def normalise_base_url(base_url: str) -> str:
    """Strip a trailing slash and a trailing /v3: operation paths already start with /v3."""
    url = base_url.strip().rstrip("/")
    if url.endswith("/v3"):
        url = url[: -len("/v3")]
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(f"base_url must be an http(s) URL, got {base_url!r}")
    # The API key travels in a header: plain http is refused except to loopback (the sandbox).
    ensure_secure_url(url)
    return url


def resolve_api_key(api_key: str | None) -> _Secret:
    key = api_key if api_key is not None else os.environ.get("REPLY_API_KEY")
    if not key or not key.strip():
        raise ConfigurationError(
            "no API key: pass api_key=... or set REPLY_API_KEY (Reply: Settings -> API Key)"
        )
    return _Secret(key.strip())


def resolve_base_url(base_url: str | None) -> str:
    return normalise_base_url(base_url or os.environ.get("REPLY_BASE_URL") or default_base_url())


def resolve_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        raise ConfigurationError(
            "timeout=None would wait forever on a stuck connection; pass a number of seconds "
            "or an httpx.Timeout"
        )
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout <= 0:
        raise ConfigurationError(f"timeout must be positive, got {timeout}")
    return httpx.Timeout(float(timeout), connect=min(5.0, float(timeout)))
