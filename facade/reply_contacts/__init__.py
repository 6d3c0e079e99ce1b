"""reply-contacts: the Python SDK for Reply.io's Contact Data API (v3).

    from reply_contacts import ReplyContacts
    with ReplyContacts() as client:                 # key from $REPLY_API_KEY
        for contact in client.contacts.list():
            ...

Names are loaded on first use: `import reply_contacts` imports no generated model and no
HTTP machinery until something needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import models
    from ._config import ConfigurationError
    from ._identity import Identity, Team
    from .client import AsyncReplyContacts, ReplyContacts
    from .errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        DecodeError,
        EmptyInputError,
        InputEncodingError,
        InputFileError,
        InsecureURLError,
        JournalMismatchError,
        LinkedInLimitError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ReplyError,
        ServerError,
        UnknownColumnsError,
        ValidationError,
    )
    from .filters import AccountFields, AccountFilter, ContactFields, ContactFilter
    from .results import BulkFailedError, BulkResult, ItemFailure
    from .transport import FakeClock, Limiter, RateLimitPolicy, RetryPolicy
    from .transport.redis_limiter import RedisLimiter

__version__ = "0.1.0"

_EXPORTS = {
    "ReplyContacts": ".client",
    "AsyncReplyContacts": ".client",
    "ConfigurationError": "._config",
    "Identity": "._identity",
    "Team": "._identity",
    "APIError": ".errors",
    "AuthenticationError": ".errors",
    "BadRequestError": ".errors",
    "ConflictError": ".errors",
    "APIConnectionError": ".errors",
    "DecodeError": ".errors",
    "EmptyInputError": ".errors",
    "InputEncodingError": ".errors",
    "InputFileError": ".errors",
    "UnknownColumnsError": ".errors",
    "InsecureURLError": ".errors",
    "JournalMismatchError": ".errors",
    "LinkedInLimitError": ".errors",
    "NotFoundError": ".errors",
    "PermissionDeniedError": ".errors",
    "RateLimitError": ".errors",
    "ReplyError": ".errors",
    "ServerError": ".errors",
    "APITimeoutError": ".errors",
    "ValidationError": ".errors",
    "BulkFailedError": ".results",
    "BulkResult": ".results",
    "ItemFailure": ".results",
    "ContactFields": ".filters",
    "ContactFilter": ".filters",
    "AccountFields": ".filters",
    "AccountFilter": ".filters",
    "FakeClock": ".transport",
    "Limiter": ".transport",
    "RateLimitPolicy": ".transport",
    "RetryPolicy": ".transport",
    "RedisLimiter": ".transport",
}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AccountFields",
    "AccountFilter",
    "AsyncReplyContacts",
    "AuthenticationError",
    "BadRequestError",
    "BulkFailedError",
    "BulkResult",
    "ConfigurationError",
    "ConflictError",
    "ContactFields",
    "ContactFilter",
    "DecodeError",
    "EmptyInputError",
    "FakeClock",
    "Identity",
    "InputEncodingError",
    "InputFileError",
    "InsecureURLError",
    "ItemFailure",
    "JournalMismatchError",
    "Limiter",
    "LinkedInLimitError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitPolicy",
    "RedisLimiter",
    "ReplyContacts",
    "ReplyError",
    "RetryPolicy",
    "ServerError",
    "Team",
    "UnknownColumnsError",
    "ValidationError",
    "models",
]


def __getattr__(name: str) -> Any:
    if name == "models":
        return importlib.import_module(".models", __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reply_contacts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
