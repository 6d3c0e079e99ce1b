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
    from reply_contact_data_client.types import UNSET, Unset

    from . import models
    from ._catalog import UnknownCustomFieldError
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
        WorkflowError,
    )
    from .filters import AccountFields, AccountFilter, ContactFields, ContactFilter, FilterError
    from .results import BulkFailedError, BulkResult, ItemFailure
    from .transport import FakeClock, Limiter, RateLimitPolicy, RetryPolicy
    from .transport.redis_limiter import LimiterUnavailableError, RedisLimiter
    from .workflows.accounts import (
        AccountCreateFailure,
        AccountCreateInterruptedError,
        AccountCreateReport,
        AccountListNotFoundError,
        LinkFailure,
        LinkInterruptedError,
        LinkReport,
        OrganizeInterruptedError,
    )
    from .workflows.import_report import ImportReport, RowOutcome, RowStatus
    from .workflows.importing import ImportInterruptedError, ImportProgress
    from .workflows.outreach import OutreachCheckInterruptedError, OutreachVerdict, Reason
    from .workflows.research import AnnotateInterruptedError, AnnotateReport

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
    "WorkflowError": ".errors",
    "UnknownCustomFieldError": "._catalog",
    "BulkFailedError": ".results",
    "BulkResult": ".results",
    "ItemFailure": ".results",
    "ContactFields": ".filters",
    "ContactFilter": ".filters",
    "AccountFields": ".filters",
    "AccountFilter": ".filters",
    "FilterError": ".filters",
    "FakeClock": ".transport",
    "Limiter": ".transport",
    "RateLimitPolicy": ".transport",
    "RetryPolicy": ".transport",
    "RedisLimiter": ".transport",
    "LimiterUnavailableError": ".transport",
    "AccountCreateFailure": ".workflows.accounts",
    "AccountCreateInterruptedError": ".workflows.accounts",
    "AccountCreateReport": ".workflows.accounts",
    "AccountListNotFoundError": ".workflows.accounts",
    "LinkFailure": ".workflows.accounts",
    "LinkInterruptedError": ".workflows.accounts",
    "LinkReport": ".workflows.accounts",
    "OrganizeInterruptedError": ".workflows.accounts",
    "ImportReport": ".workflows.import_report",
    "RowOutcome": ".workflows.import_report",
    "RowStatus": ".workflows.import_report",
    "ImportInterruptedError": ".workflows.importing",
    "ImportProgress": ".workflows.importing",
    "OutreachCheckInterruptedError": ".workflows.outreach",
    "OutreachVerdict": ".workflows.outreach",
    "Reason": ".workflows.outreach",
    "AnnotateInterruptedError": ".workflows.research",
    "AnnotateReport": ".workflows.research",
    "UNSET": "reply_contact_data_client.types",
    "Unset": "reply_contact_data_client.types",
}

__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AccountCreateFailure",
    "AccountCreateInterruptedError",
    "AccountCreateReport",
    "AccountFields",
    "AccountFilter",
    "AccountListNotFoundError",
    "AnnotateInterruptedError",
    "AnnotateReport",
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
    "FilterError",
    "Identity",
    "ImportInterruptedError",
    "ImportProgress",
    "ImportReport",
    "InputEncodingError",
    "InputFileError",
    "InsecureURLError",
    "ItemFailure",
    "JournalMismatchError",
    "Limiter",
    "LimiterUnavailableError",
    "LinkFailure",
    "LinkInterruptedError",
    "LinkReport",
    "LinkedInLimitError",
    "NotFoundError",
    "OrganizeInterruptedError",
    "OutreachCheckInterruptedError",
    "OutreachVerdict",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitPolicy",
    "Reason",
    "RedisLimiter",
    "ReplyContacts",
    "ReplyError",
    "RetryPolicy",
    "RowOutcome",
    "RowStatus",
    "ServerError",
    "Team",
    "UnknownColumnsError",
    "UnknownCustomFieldError",
    "Unset",
    "ValidationError",
    "WorkflowError",
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


def __dir__() -> list[str]:
    # What tab completion and dir() offer: the exported names, loaded or not yet.
    return sorted({*globals(), *__all__})
