"""Refuse to send the API key in clear text over the network.

Plain http:// is allowed only to loopback addresses, so the local sandbox works without TLS.
"""

from __future__ import annotations

import ipaddress

import httpx

from reply_contacts.errors import InsecureURLError

__all__ = ["ensure_secure_url", "is_loopback_host"]


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1, `localhost` and names under `.localhost` (RFC 6761 keeps them local)."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ensure_secure_url(url: httpx.URL | str) -> None:
    """Raise `InsecureURLError` for plain http:// to anything but loopback."""
    url = httpx.URL(url)
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise InsecureURLError(
            f"Refusing to send an API request over plain http:// to {url.host!r}: the API key"
            " would travel unencrypted. Use https:// (http:// is allowed for loopback only)."
        )
