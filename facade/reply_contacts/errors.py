"""The exceptions reply-contacts raises, and the one function that maps a response to them.

Generated calls, facade calls and raw calls all end in `error_from_response`, so a caller catches
the same types whichever layer made the request. This module is a leaf: it imports nothing else
from the package, so the transport and the facade can both depend on it without import cycles.
It reads the generated contract module (cheap, no models) for the codes whose meaning the spec
states: which 429 codes are LinkedIn send caps.
"""

from __future__ import annotations

import builtins
import datetime
import email.utils
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any, ClassVar, Generic, Self, TypeVar

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "EmptyInputError",
    "FieldError",
    "InputEncodingError",
    "InputFileError",
    "InsecureURLError",
    "JournalMismatchError",
    "LinkedInLimitError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReplyError",
    "ServerError",
    "UnknownColumnsError",
    "ValidationError",
    "WorkflowError",
    "error_from_response",
    "install_scrubber",
    "is_standard_status",
    "parse_retry_after",
]

BODY_LIMIT = 2048
"""Characters of a response body kept on an exception: enough to debug, small enough to log."""

_STANDARD_STATUSES = frozenset(status.value for status in HTTPStatus)

# Headers that can carry credentials: masked here and by reply_contacts.transport.redaction.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-correlation-id")


def is_standard_status(status: int) -> bool:
    """True when `status` is registered with IANA (Python's `HTTPStatus` knows it)."""
    return status in _STANDARD_STATUSES


def parse_retry_after(value: str | None, now_wall: float) -> float | None:
    """Seconds to wait from a `Retry-After` value: delta-seconds (int or float) or an HTTP-date.

    `now_wall` is the current epoch time, used to turn a date into a delay. Negative values clamp
    to 0; a missing, empty or unparsable value gives None. The parser lives here rather than in
    the retry module because `RateLimitError.retry_after` needs it and this module stays a leaf.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if math.isnan(seconds) or math.isinf(seconds):
            return None
        return max(0.0, seconds)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # RFC 9110 dates are always GMT, even when the zone is "-0000"
        moment = moment.replace(tzinfo=datetime.UTC)
    try:
        return max(0.0, moment.timestamp() - now_wall)
    except (OverflowError, OSError, ValueError):
        return None


@dataclass(frozen=True)
class FieldError:
    """One entry of a validation problem's `errors[]`: a JSON Pointer (or parameter) and why."""

    pointer: str
    detail: str


# Masks API keys in text. The registry of keys lives in reply_contacts.transport.redaction, which
# installs its `scrub` here when imported; this module stays a leaf and merely calls it.
_scrubber: Callable[[str], str] | None = None


def install_scrubber(scrub: Callable[[str], str]) -> None:
    """Have every ReplyError mask secrets with `scrub` in its message, args and attributes."""
    global _scrubber  # noqa: PLW0603 - one process-wide secret registry, installed once
    _scrubber = scrub


def _clean(value: Any) -> Any:
    """`value` with secrets masked: text, bytes and the containers an error keeps them in."""
    scrub = _scrubber
    if scrub is None:
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="surrogateescape")
        clean = scrub(text)
        return value if clean == text else clean.encode("utf-8", errors="surrogateescape")
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if isinstance(value, FieldError):
        return replace(value, pointer=scrub(value.pointer), detail=scrub(value.detail))
    return value


def _rebuild(cls: type[ReplyError], args: tuple[Any, ...], state: dict[str, Any]) -> ReplyError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ReplyError(Exception):
    """Base of every exception raised by reply-contacts.

    Whatever an error keeps (its message, args and attributes) passes through the secret
    scrubber as it is stored, so a server that echoes the API key back (in a header, in a
    problem's detail) cannot put the key into a traceback, a log line or a pickled report.
    """

    _repr_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any) -> None:
        super().__init__(*(_clean(arg) for arg in args))

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, _clean(value))

    # Subclasses take keyword-only fields, which the default exception pickling cannot replay;
    # rebuilding from the instance dict makes every subclass picklable without per-class code.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def __repr__(self) -> str:
        parts = [repr(str(self))]
        for name in self._repr_fields:
            value = getattr(self, name, None)
            if value not in (None, "", (), []):
                parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


class InsecureURLError(ReplyError, ValueError):
    """A request would send the API key in clear text (plain http:// to a non-loopback host)."""


class JournalMismatchError(ReplyError):
    """An import journal that does not belong to this import: it was written for other input
    rows, other settings or another account, or it is damaged. Nothing was sent.

    `journal` is the journal file's path; `differences` says what differs, one entry each.
    """

    _repr_fields = ("journal",)

    def __init__(self, journal: object, differences: Iterable[str], advice: str = "") -> None:
        self.journal = str(journal)
        self.differences = list(differences)
        message = f"import journal {self.journal}: {'; '.join(self.differences)}"
        super().__init__(f"{message} ({advice})" if advice else message)


class APIError(ReplyError):
    """The server answered with an error status. Fields come from its problem+json body."""

    _repr_fields: tuple[str, ...] = ("status", "code", "method", "path", "request_id")

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
        detail: str | None = None,
        code: str | None = None,
        errors: Iterable[FieldError] = (),
        method: str = "",
        path: str = "",
        headers: Mapping[str, str] | None = None,
        body: str = "",
        problem: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code
        self.errors: list[FieldError] = list(errors)
        self.method = method
        self.path = path
        self.headers: dict[str, str] = dict(headers or {})
        self.body = body
        self.problem = problem
        self.request_id = request_id
        super().__init__(message if message is not None else self._compose())

    def _extras(self) -> list[str]:
        extras = []
        if self.code:
            extras.append(f"code={self.code}")
        if self.request_id:
            extras.append(f"request id {self.request_id}")
        return extras

    def _compose(self) -> str:
        title = self.title or _reason_phrase(self.status)
        head = " ".join(part for part in (str(self.status or ""), title) if part) or "API error"
        if self.method:
            head += f" on {self.method} {self.path}"
        if self.detail:
            head += f": {self.detail}"
        extras = self._extras()
        if extras:
            head += f" ({', '.join(extras)})"
        return _one_line(head)


class BadRequestError(APIError):
    """400: the request was malformed or broke a business rule (see `code`)."""


class ValidationError(BadRequestError):
    """400 whose body lists the offending fields in `errors` (JSON Pointers)."""

    def _extras(self) -> list[str]:
        fields = "; ".join(f"{e.pointer or '(body)'}: {e.detail}" for e in self.errors)
        return [*super()._extras(), f"errors: {fields}"]


class AuthenticationError(APIError):
    """401: the API key is missing, malformed or revoked (the body is often empty)."""


class PermissionDeniedError(APIError):
    """403: the key lacks a scope, or the acting user lacks a feature scope.

    `missing_scope` names what is missing when the server says so; `feature_scope` is True when
    it is a user feature scope (e.g. "ViewProspect") rather than an API-key scope (e.g.
    "contacts:write").
    """

    _repr_fields = (*APIError._repr_fields, "missing_scope")

    def __init__(
        self,
        message: str | None = None,
        *,
        missing_scope: str | None = None,
        feature_scope: bool = False,
        **fields: Any,
    ) -> None:
        self.missing_scope = missing_scope
        self.feature_scope = feature_scope
        super().__init__(message, **fields)

    def _extras(self) -> list[str]:
        extras = super()._extras()
        if self.missing_scope:
            kind = "feature scope" if self.feature_scope else "scope"
            extras.append(f"missing {kind} {self.missing_scope}")
        return extras


class NotFoundError(APIError):
    """404: no such resource (or it is not visible to this key)."""


class ConflictError(APIError):
    """409: the request conflicts with existing state (duplicate name, values present...)."""


class _Throttled(APIError):
    """A refusal that says when to come back (`retry_after`, seconds; None when unknown)."""

    _repr_fields = (*APIError._repr_fields, "retry_after")

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **fields: Any
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, **fields)

    def _extras(self) -> list[str]:
        extras = super()._extras()
        if self.retry_after is not None:
            extras.append(f"retry after {self.retry_after:g}s")
        return extras


class RateLimitError(_Throttled):
    """The API budget: a 429 from the server (100 requests/minute and 3,000/hour per Reply
    user), or raised locally when honouring a wait would exceed `max_wait`.

    `retry_after` is the number of seconds to wait before trying again (None when unknown). A
    locally raised error has `status` None: no request was sent; its `window` says what is full
    ("minute", "hour", or "429 pause" while the server's Retry-After runs). A server's 429 does
    not say which of its windows refused, so there `window` is None.
    """

    _repr_fields = (*_Throttled._repr_fields, "window")

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        window: str | None = None,
        **fields: Any,
    ) -> None:
        self.window = window
        super().__init__(message, retry_after=retry_after, **fields)


class LinkedInLimitError(_Throttled):
    """A LinkedIn send cap: a 429 whose `code` is one of the contract's
    `DirectLinkedInSendLimitCode` (`directLinkedIn.dailyLimitReached`,
    `directLinkedIn.weeklyLimitReached`). The LinkedIn account that sent reached LinkedIn's
    daily or weekly limit; `retry_after` is when it may send again.

    A sibling of `RateLimitError`, not a subclass, on purpose: it is not the API budget. The
    transport raises it at once (no retry, no pause of the key's other calls), and code that
    backs off on `RateLimitError` must not sleep an hour on it: the right reaction is to stop
    sending from that LinkedIn account, while every other call goes on. Catch both with
    `except (RateLimitError, LinkedInLimitError)` where either means "not now".
    """


class ServerError(APIError):
    """5xx: the server failed. Idempotent requests were already retried before this is raised."""


class APIConnectionError(ReplyError, builtins.ConnectionError):
    """The request failed below HTTP (DNS, refused connection, reset, protocol error).

    `maybe_applied` is True when the request may have reached the server, so a non-idempotent
    operation may have taken effect; False when it provably never left this process.
    """

    _repr_fields = ("method", "path", "maybe_applied")

    def __init__(
        self, message: str, *, method: str = "", path: str = "", maybe_applied: bool = True
    ) -> None:
        self.method = method
        self.path = path
        self.maybe_applied = maybe_applied
        super().__init__(message)


class APITimeoutError(APIConnectionError, builtins.TimeoutError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""


class DecodeError(ReplyError):
    """A response could not be understood: a body that should be JSON is not, or a status code
    outside the IANA registry (e.g. Cloudflare's 520, nginx's 499). Keeps the status and a snippet.
    """

    _repr_fields = ("status", "method", "path", "content_type")

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str = "",
        path: str = "",
        headers: Mapping[str, str] | None = None,
        body: str = "",
        content_type: str | None = None,
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        self.headers: dict[str, str] = dict(headers or {})
        self.body = body
        self.content_type = content_type
        super().__init__(_one_line(message))


# --- Import input: refused before a row is sent -----------------------------------------------


class InputFileError(ReplyError, ValueError):
    """A file of rows that cannot be imported as it is; nothing was sent. `path` names it."""

    _repr_fields: tuple[str, ...] = ("path",)

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


class InputEncodingError(InputFileError):
    """A file whose bytes are not text in the encoding tried (detected or given).

    `encoding` is the one that failed (None when none of the detected ones fit), `position` the
    0-based byte offset of the first byte that does not decode, `line` its line number.
    """

    _repr_fields = ("path", "encoding", "position", "line")

    def __init__(
        self, path: object, problem: str, *, encoding: str | None, position: int, line: int
    ) -> None:
        self.encoding = encoding
        self.position = position
        self.line = line
        super().__init__(path, problem)


class EmptyInputError(InputFileError):
    """A file with no rows to import: empty, or a header and nothing else."""


class UnknownColumnsError(ReplyError, ValueError):
    """Input columns whose values would be lost: columns that match no contact field and no
    custom field of the account, and `column_map` targets that are neither. Decided once, for
    the whole input, and raised before the rows holding those values are sent: before any row,
    for a file whose columns are known up front (`read_csv`) or columns in the first batch.

    `columns` lists the unknown columns as the input names them; `targets` maps each
    `column_map` column whose target matches nothing to that target.
    """

    _repr_fields = ("columns", "targets")

    def __init__(self, columns: Iterable[str], targets: Mapping[str, str] | None = None) -> None:
        self.columns = list(columns)
        self.targets = dict(targets or {})
        problems = []
        if self.columns:
            names = ", ".join(repr(name) for name in self.columns)
            problems.append(
                f"{_count(len(self.columns), 'column')}"
                f" {'matches' if len(self.columns) == 1 else 'match'} no contact field and no"
                f" custom field: {names} (create them as text custom fields with"
                " create_missing_fields=True, or leave them out with"
                " ignore_unknown_columns=True or ignore_columns=[...])"
            )
        for column, target in self.targets.items():
            problems.append(
                f"column_map sends {column!r} to {target!r}, which is neither a contact field"
                " nor a custom field (correct the target, or create it as a text custom field"
                " with create_missing_fields=True)"
            )
        super().__init__("; ".join(problems))


def _count(number: int, noun: str) -> str:
    return f"1 {noun}" if number == 1 else f"{number:,} {noun}s"


R = TypeVar("R")


class WorkflowError(ReplyError, Generic[R]):
    """A workflow stopped part-way: one of its steps failed, and `report` holds what it had
    done until then (the workflow's own report type: an `ImportReport`, an
    `AccountCreateReport`...).

    One rule for every workflow: whatever step fails, the error that ends it is the
    workflow's `WorkflowError` subclass (e.g. `ImportInterruptedError`) AND an instance of the
    failed step's own class, with that error's fields. A 403 at any step is a
    `PermissionDeniedError` (with `status`, `code`, `missing_scope`), a 5xx a `ServerError`, a
    dropped connection an `APIConnectionError`, so either `except PermissionDeniedError` or
    `except ImportInterruptedError` catches it, and `.report` is there in both cases.

    `error` is the step's own error (also `__cause__`); `step` names the request that failed
    (`"POST /v3/contacts/import"`), or the error's class for a failure found before sending.
    """

    workflow: ClassVar[str] = "the workflow"
    # Set on the classes made by `from_step`: the workflow's class and the step error's class.
    _workflow_class: ClassVar[type[WorkflowError[Any]] | None] = None
    _step_class: ClassVar[type[ReplyError] | None] = None

    report: R
    error: ReplyError | None

    def __init__(self, message: str, report: R, error: ReplyError | None = None) -> None:
        self.report = report
        self.error = error
        super().__init__(message)

    @property
    def step(self) -> str:
        error = self.error
        if error is None:
            return ""
        method = getattr(error, "method", "")
        return f"{method} {getattr(error, 'path', '')}" if method else type(error).__name__

    @classmethod
    def from_step(cls, error: ReplyError, report: R, progress: str = "") -> Self:
        """The error that ends the workflow when `error` ended its current step: of this
        class and of the error's class, with the error's fields, carrying `report`.

        `progress` says how far it got ("after 2,000 rows"), for the message.
        """
        if isinstance(error, WorkflowError) and error.error is not None:
            error = error.error  # a workflow inside this one: the step that really failed
        mixed: Any = _workflow_error_class(cls, type(error))
        made: Self = mixed.__new__(mixed)  # the error's fields, not a second __init__
        made.__dict__.update(error.__dict__)
        where = f" {progress}" if progress else ""
        made.args = (f"{cls.workflow} stopped{where}: {error}",)
        made.report = report
        made.error = error
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        if self._workflow_class is None or self._step_class is None:
            return super().__reduce__()
        state = dict(self.__dict__)
        return (_rebuild_workflow_error, (self._workflow_class, self._step_class, self.args, state))


_workflow_error_classes: dict[tuple[type[Any], type[Any]], type[Any]] = {}
_workflow_error_lock = threading.Lock()


def _workflow_error_class(workflow: type[Any], step: type[ReplyError]) -> type[Any]:
    """The class that is both `workflow` (a WorkflowError subclass) and `step`, made once and
    named after both, so a traceback or a log line shows the two:
    `ImportInterruptedError[PermissionDeniedError]`."""
    if issubclass(step, workflow):
        return step
    with _workflow_error_lock:
        made = _workflow_error_classes.get((workflow, step))
        if made is None:
            name = f"{workflow.__name__}[{step.__name__}]"
            made = type(
                name,
                (workflow, step),
                {
                    "__module__": workflow.__module__,
                    "__qualname__": name,
                    "__doc__": workflow.__doc__,
                    "_workflow_class": workflow,
                    "_step_class": step,
                },
            )
            _workflow_error_classes[(workflow, step)] = made
        return made


def _rebuild_workflow_error(
    workflow: type[Any], step: type[ReplyError], args: tuple[Any, ...], state: dict[str, Any]
) -> ReplyError:
    return _rebuild(_workflow_error_class(workflow, step), args, state)


_CLASS_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}

_FEATURE_SCOPES = re.compile(r"Feature scopes?\s*\[([^\]]*)\]\s*(?:are|is) denied", re.IGNORECASE)


def error_from_response(
    method: str,
    path: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now_wall: float | None = None,
) -> APIError | DecodeError:
    """Map one error response to its exception. The single mapping used by every layer.

    `path` should be the URL path without the query string (queries can hold personal data).
    `now_wall` (epoch seconds) resolves an HTTP-date `Retry-After`; it defaults to the system time.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    safe_headers = {
        name: ("***" if name.lower() in SECRET_HEADERS else value)
        for name, value in headers.items()
    }
    text = body.decode("utf-8", errors="replace")
    snippet = text[:BODY_LIMIT]
    content_type = lowered.get("content-type")
    method = method.upper()

    if not is_standard_status(status):
        return DecodeError(
            f"{status} (non-standard status) on {method} {path}: {_snippet_for_message(text)}",
            status=status,
            method=method,
            path=path,
            headers=safe_headers,
            body=snippet,
            content_type=content_type,
        )

    problem: dict[str, Any] | None = None
    if text.strip():
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            if _declares_json(content_type):
                return DecodeError(
                    f"{status} {_reason_phrase(status)} on {method} {path}: the body is not"
                    f" valid JSON although declared as {content_type}:"
                    f" {_snippet_for_message(text)}",
                    status=status,
                    method=method,
                    path=path,
                    headers=safe_headers,
                    body=snippet,
                    content_type=content_type,
                )
        else:
            if isinstance(parsed, dict):
                problem = parsed

    fields: dict[str, Any] = {
        "status": status,
        "title": _text_member(problem, "title"),
        "detail": _text_member(problem, "detail"),
        "code": _text_member(problem, "code"),
        "errors": _field_errors(problem),
        "method": method,
        "path": path,
        "headers": safe_headers,
        "body": snippet,
        "problem": problem,
        "request_id": next((lowered[h] for h in _REQUEST_ID_HEADERS if lowered.get(h)), None),
    }
    error_class = _CLASS_BY_STATUS.get(status)
    if error_class is None:
        error_class = ServerError if 500 <= status <= 599 else APIError
    if error_class is BadRequestError and fields["errors"]:
        error_class = ValidationError
    if error_class is PermissionDeniedError:
        scope, is_feature = _missing_scope(problem, lowered.get("www-authenticate"))
        return PermissionDeniedError(missing_scope=scope, feature_scope=is_feature, **fields)
    if error_class is RateLimitError:
        wall = now_wall if now_wall is not None else time.time()
        retry_after = parse_retry_after(lowered.get("retry-after"), wall)
        if fields["code"] is not None and _is_linkedin_send_cap(fields["code"]):
            return LinkedInLimitError(retry_after=retry_after, **fields)
        return RateLimitError(retry_after=retry_after, **fields)
    return error_class(**fields)


def _is_linkedin_send_cap(code: str) -> bool:
    # Imported on a coded 429 only: building a client reads no contract until it needs one.
    from reply_contact_data_client.contract import Vocabularies

    return code in Vocabularies.DirectLinkedInSendLimitCode


def _reason_phrase(status: int | None) -> str:
    if status is None or not is_standard_status(status):
        return ""
    return HTTPStatus(status).phrase


def _declares_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _snippet_for_message(text: str) -> str:
    text = _one_line(text)
    if not text:
        return "(empty body)"
    return text if len(text) <= 200 else text[:200] + "..."


def _text_member(problem: Mapping[str, Any] | None, name: str) -> str | None:
    if problem is None:
        return None
    value = problem.get(name)
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


def _field_errors(problem: Mapping[str, Any] | None) -> list[FieldError]:
    if problem is None or not isinstance(problem.get("errors"), list):
        return []
    found = []
    for item in problem["errors"]:
        if isinstance(item, dict):
            pointer, detail = item.get("pointer"), item.get("detail")
            found.append(
                FieldError(
                    pointer="" if pointer is None else str(pointer),
                    detail="" if detail is None else str(detail),
                )
            )
        elif isinstance(item, str):
            found.append(FieldError(pointer="", detail=item))
    return found


def _missing_scope(
    problem: Mapping[str, Any] | None, www_authenticate: str | None
) -> tuple[str | None, bool]:
    """Find the missing scope: a body member, then the RFC 6750 challenge, then the detail text."""
    if problem is not None:
        extensions = problem.get("extensions")
        for source in (problem, extensions if isinstance(extensions, dict) else {}):
            for name in ("requiredScope", "requiredScopes", "missingScope", "scope"):
                value = source.get(name)
                if isinstance(value, str) and value:
                    return value, False
                if isinstance(value, list) and value:
                    return " ".join(str(v) for v in value), False
    if www_authenticate and _auth_param(www_authenticate, "error") == "insufficient_scope":
        scope = _auth_param(www_authenticate, "scope")
        if scope:
            return scope, False
    detail = _text_member(problem, "detail")
    if detail:
        match = _FEATURE_SCOPES.search(detail)
        if match and match.group(1).strip():
            return match.group(1).strip(), True
    return None, False


def _auth_param(challenge: str, name: str) -> str | None:
    pattern = rf'(?:^|[\s,]){re.escape(name)}\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))'
    match = re.search(pattern, challenge, re.IGNORECASE)
    if match is None:
        return None
    quoted, token = match.groups()
    return re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else token
