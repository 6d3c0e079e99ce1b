"""Which requests can be sent twice without changing the outcome.

Methods that HTTP defines as idempotent are always safe to repeat (our PATCH sets fields, so it
is too). A POST is safe only when the operation is an upsert, a read or a set-to-value action:
those are listed here as OpenAPI path templates, kept as data so they can be cross-checked
against the spec's `x-idempotent` flags. Anything else (creating a contact, adding a note,
sending an email, moving to a sequence) could be duplicated by a retry.
"""

from __future__ import annotations

import re

__all__ = [
    "IDEMPOTENT_METHODS",
    "IDEMPOTENT_POSTS",
    "IDEMPOTENT_POST_PATTERNS",
    "is_idempotent",
    "template_pattern",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH"})

IDEMPOTENT_POSTS: tuple[str, ...] = (
    # upsert by email / key: a second import finds the contacts the first created
    "/v3/contacts/import",
    # reads that use POST for their body
    "/v3/contacts/filter",
    "/v3/contacts/filter/count",
    "/v3/contact-accounts/filter",
    # deleting what is already deleted changes nothing
    "/v3/contacts/bulk-delete",
    "/v3/contact-accounts/bulk-delete",
    # set a flag or status to a given value
    "/v3/contacts/set-replied",
    "/v3/contacts/set-bounced",
    "/v3/contacts/set-opted-out",
    "/v3/contacts/set-status-in-sequence",
    # membership and sharing: adding a member twice leaves one membership
    "/v3/contact-lists/{id}/add-contacts",
    "/v3/contact-lists/{id}/move-contacts",
    "/v3/contact-lists/{id}/share",
    "/v3/contact-lists/{id}/unshare",
    "/v3/contact-accounts/{id}/contact-links/bulk",
    "/v3/contact-accounts/{id}/contact-links/bulk-delete",
    "/v3/contact-account-lists/{id}/add-accounts",
    "/v3/contact-account-lists/{id}/move-accounts",
    # documented as idempotent: 204 "or already cancelled"
    "/v3/background-jobs/{jobId}/cancel",
)


def template_pattern(template: str) -> re.Pattern[str]:
    """A regex for an OpenAPI path template: `{name}` matches one path segment.

    Any prefix before the template is accepted, so a client mounted under a base path (a proxy,
    the sandbox under a sub-path) is matched too; a trailing slash is tolerated.
    """
    parts = re.split(r"(\{[^}/]+\})", template)
    body = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(rf"(?:/.*)?{body}/?")


IDEMPOTENT_POST_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    template_pattern(template) for template in IDEMPOTENT_POSTS
)


def is_idempotent(method: str, path: str) -> bool:
    """True when repeating `method path` cannot duplicate its effect."""
    method = method.upper()
    if method in IDEMPOTENT_METHODS:
        return True
    if method != "POST":
        return False
    return any(pattern.fullmatch(path) for pattern in IDEMPOTENT_POST_PATTERNS)
