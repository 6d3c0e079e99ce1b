"""Account workflows: create many accounts without losing or duplicating any, link contacts by
id or email, and file accounts into a list by name.

`create_accounts` is get-or-create by name (case-insensitive, like lists): it first looks the
names up in a few requests (`Name In (...)` filters, paged), reuses the accounts that exist, and
creates only the rest, so running it again with the same names creates nothing new.

Bulk account create takes at most the spec's `maxItems` items and "if any item fails
validation the whole request is rejected before anything is created" (reference §7 #48). So
items are checked here first, and a chunk the server still rejects with a 400 is split (by the
pointers it names, else in halves) until every good item has landed and every bad one is
reported with the server's own message. A rejected request created nothing, so re-sending its
good items cannot duplicate.

Errors follow the workflows' one rule (see `WorkflowError`): a step that fails, after what the
workflow itself does to recover, ends it with the workflow's error class (also an instance of
the step's error class) carrying the report of what was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from reply_contact_data_client.contract import Vocabularies

from .._plan import Flow, counted
from .._resource import ResourceBase, operation
from ..errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReplyError,
    WorkflowError,
)
from ..resources._common import camel_case, chunks, id_list
from ..resources.account_lists import ACCOUNT_LISTS, MEMBERSHIP_BATCH, AccountListsOperations
from ..resources.accounts import BULK_CREATE_MAX, LINK_BATCH, AccountsOperations, name_key
from ..resources.contacts import ContactsOperations
from ..results import BulkResult, error_name

if TYPE_CHECKING:
    from reply_contact_data_client.models import (
        ContactAccount,
        ContactAccountCreateItemResult,
        ContactAccountCreateRequest,
        ContactAccountList,
    )

ACCOUNT_TEXT_FIELDS = (
    "description",
    "domainName",
    "domainSecondary",
    "industry",
    "country",
    "state",
    "city",
    "timeZoneId",
    "linkedInUrl",
    "phone",
    "twitterUrl",
    "logoUrl",
    "email",
)
_KNOWN_FIELDS = {"name", "companySize", *ACCOUNT_TEXT_FIELDS}
_ITEM_POINTER = re.compile(r"^/?items/(\d+)(/.*)?$")

Source = Literal["local", "server"]


# -- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountCreateFailure:
    """One input that did not become an account, and why.

    `source` is "local" (refused before sending) or "server"; `code` is the server's problem
    code or per-item error (3 = InvalidInput), `pointer` the offending field of the item.
    """

    index: int
    name: str | None
    source: Source
    details: str
    code: str | int | None = None
    pointer: str | None = None
    status: int | None = None

    @property
    def reason(self) -> str:
        code = error_name(self.code)
        where = f" at {self.pointer}" if self.pointer else ""
        return f"{code or self.source}{where}: {self.details}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "index": self.index,
            "name": self.name,
            "source": self.source,
            "details": self.details,
        }
        for key, value in (("code", self.code), ("pointer", self.pointer), ("status", self.status)):
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class AccountCreateReport:
    """Outcome of `create_accounts`: for each input index, the account created for it or the
    existing account found by its name, and every failure.

    `created` maps input indexes to the ids of accounts this call created; `found` to the ids
    of accounts that already had the name (or that an earlier input of the same call created)
    and were reused instead. Every input is in exactly one of `created`, `found`, `failures`.
    """

    total: int
    created: Mapping[int, int] = field(default_factory=dict)
    failures: tuple[AccountCreateFailure, ...] = ()
    requests: int = 0
    # Input indexes whose account was found by name after a request of unknown outcome (the
    # connection dropped or the server failed after sending) instead of being created again.
    reconciled: frozenset[int] = frozenset()
    found: Mapping[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def created_count(self) -> int:
        return len(self.created)

    @property
    def found_count(self) -> int:
        return len(self.found)

    @property
    def failed_count(self) -> int:
        return len(self.failures)

    @property
    def created_ids(self) -> list[int]:
        """Created account ids in input order."""
        return [self.created[index] for index in sorted(self.created)]

    @property
    def account_ids(self) -> dict[int, int]:
        """The account of every input that has one, created or found, by input index."""
        return dict(sorted({**self.found, **self.created}.items()))

    @property
    def failed_indices(self) -> list[int]:
        return [failure.index for failure in self.failures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "created": {
                str(index): account_id for index, account_id in sorted(self.created.items())
            },
            "found": {str(index): account_id for index, account_id in sorted(self.found.items())},
            "createdCount": self.created_count,
            "foundCount": self.found_count,
            "failedCount": self.failed_count,
            "requests": self.requests,
            "failures": [failure.to_dict() for failure in self.failures],
        }

    def __repr__(self) -> str:
        return (
            f"AccountCreateReport(total={self.total}, created={self.created_count}, "
            f"found={self.found_count}, failed={self.failed_count}, requests={self.requests})"
        )


@dataclass(frozen=True)
class LinkFailure:
    """One input of `link_contacts_to_account` that was not linked: the id or email given,
    the contact id it resolved to (if any), and why."""

    input: int | str
    contact_id: int | None
    code: str | int
    details: str | None = None

    @property
    def reason(self) -> str:
        code = error_name(self.code)
        return f"{code}: {self.details}" if self.details else str(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "contactId": self.contact_id,
            "code": self.code,
            "details": self.details,
        }


@dataclass(frozen=True)
class LinkReport:
    """Outcome of `link_contacts_to_account`."""

    account_id: int
    linked: tuple[int, ...] = ()
    failures: tuple[LinkFailure, ...] = ()
    resolved_emails: Mapping[str, int] = field(default_factory=dict)
    email_lookups: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "accountId": self.account_id,
            "linked": list(self.linked),
            "failures": [failure.to_dict() for failure in self.failures],
            "resolvedEmails": dict(self.resolved_emails),
            "emailLookups": self.email_lookups,
        }

    def __repr__(self) -> str:
        return (
            f"LinkReport(account {self.account_id}: linked={len(self.linked)}, "
            f"failed={len(self.failures)}, email_lookups={self.email_lookups})"
        )


class AccountListNotFoundError(NotFoundError, LookupError):
    """`organize_accounts(..., create=False)` named an account list that does not exist."""


class AccountCreateInterruptedError(WorkflowError[AccountCreateReport]):
    """`create_accounts` stopped: a step failed (see `WorkflowError`). `report` accounts for
    every input: created, found, failed, or not sent (a failure saying so). Running the same
    call again is safe: what was created is found by name, not created twice."""

    workflow = "create_accounts"


class LinkInterruptedError(WorkflowError[LinkReport]):
    """`link_contacts_to_account` stopped: a step failed (see `WorkflowError`). `report` holds
    the contacts linked before it and the emails resolved so far."""

    workflow = "link_contacts_to_account"


class OrganizeInterruptedError(WorkflowError[BulkResult]):
    """`organize_accounts` stopped: a step failed (see `WorkflowError`). `report` holds the
    accounts filed before it (`requested`, `failures` of the chunks sent)."""

    workflow = "organize_accounts"


# -- local validation ---------------------------------------------------------------------------


def _input_name(item: Any) -> str | None:
    name = item.get("name") if isinstance(item, Mapping) else getattr(item, "name", None)
    return name if isinstance(name, str) else None


def prepare_account(item: Any) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """An account create item as the API body `(body, None, None)`, or `(None, pointer,
    problem)` when it would make the server reject its whole chunk.

    Accepts a generated `ContactAccountCreateRequest` or a mapping with camelCase (API) or
    snake_case (Python) keys. Only `name` is required (non-blank); the API documents no maximum
    length, so none is enforced here.
    """
    if hasattr(item, "to_dict") and not isinstance(item, Mapping):
        try:
            raw: Mapping[str, Any] = item.to_dict()
        except (AttributeError, TypeError, ValueError) as exc:
            return None, "", f"cannot serialise the item: {exc}"
    elif isinstance(item, Mapping):
        raw = item
    else:
        return None, "", f"expected a mapping or a ContactAccountCreateRequest, got {item!r}"
    body: dict[str, Any] = {}
    for key, value in raw.items():
        api_name = camel_case(str(key))
        if api_name not in _KNOWN_FIELDS:
            return None, f"/{key}", f"unknown account field {key!r}"
        body[api_name] = value
    name = body.get("name")
    if name is None:
        return None, "/name", "Name is required."
    if not isinstance(name, str):
        return None, "/name", f"name must be a string, got {type(name).__name__}"
    if not name.strip():
        return None, "/name", "Name must not be empty."
    size = body.get("companySize")
    if size is not None:
        sizes = Vocabularies.AccountCompanySize
        canonical = {s.lower(): s for s in sizes}.get(str(size).lower())
        if not isinstance(size, str) or canonical is None:
            return (
                None,
                "/companySize",
                f"companySize must be one of {', '.join(sizes)}, got {size!r}",
            )
        body["companySize"] = canonical
    for key in ACCOUNT_TEXT_FIELDS:
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            return None, f"/{key}", f"{key} must be a string or null, got {type(value).__name__}"
    return body, None, None


def _item_pointer(pointer: str) -> tuple[int, str] | None:
    match = _ITEM_POINTER.match(pointer or "")
    if match is None:
        return None
    return int(match.group(1)), match.group(2) or ""


def _error_code(exc: ReplyError) -> str | None:
    return exc.code if isinstance(exc, APIError) else type(exc).__name__


def _error_status(exc: ReplyError) -> int | None:
    return exc.status if isinstance(exc, APIError) else None


def _detail(exc: ReplyError) -> str:
    if isinstance(exc, APIError) and exc.detail:
        return exc.detail
    return str(exc)


# -- the workflows ------------------------------------------------------------------------------


class _CreateRun:
    """Bookkeeping of one `create_accounts` call."""

    def __init__(self, accounts: AccountsOperations, names: list[str | None]) -> None:
        self.accounts = accounts
        self.names = names
        self.bodies: list[dict[str, Any] | None] = []
        self.created: dict[int, int] = {}
        self.found: dict[int, int] = {}
        self.failures: list[AccountCreateFailure] = []
        self.requests = 0
        self.reconciled: set[int] = set()
        # Accounts an unknown outcome must not be mistaken for: those that had the name before
        # this call, and those it already created.
        self.claimed: set[int] = set()
        # Indexes sent at least once, and those sent in a request whose outcome is unknown.
        self.attempted: set[int] = set()
        self.in_doubt: set[int] = set()
        # Index -> the earlier index of the same name whose account it reuses.
        self.repeats: dict[int, int] = {}

    def fail(
        self,
        index: int,
        source: Source,
        details: str,
        *,
        code: str | int | None = None,
        pointer: str | None = None,
        status: int | None = None,
    ) -> None:
        self.failures.append(
            AccountCreateFailure(index, self.names[index], source, details, code, pointer, status)
        )

    def _count_request(self) -> None:
        self.requests += 1

    def key(self, index: int) -> str:
        return name_key(self.names[index] or "")

    def look_up(self, indices: list[int]) -> Flow[dict[str, list[int]]]:
        """Ids of the accounts named like the inputs at `indices`, by name key, oldest first
        (a few requests for any number of names)."""
        names = [self.names[index] or "" for index in indices]
        plan = self.accounts.find_by_names(names)
        accounts: list[ContactAccount] = yield from counted(plan, self._count_request)
        by_name: dict[str, list[int]] = {}
        for account in sorted(accounts, key=lambda account: account.id):
            by_name.setdefault(name_key(str(account.name)), []).append(account.id)
        return by_name

    def plan(self, valid: list[int], existing: dict[str, list[int]], reuse: bool) -> list[int]:
        """The indexes to create: with `reuse`, a name that exists is found, not created, and a
        name repeated in the input is created once."""
        for ids in existing.values():
            self.claimed.update(ids)
        if not reuse:
            return list(valid)
        first_of: dict[str, int] = {}
        to_create = []
        for index in valid:
            key = self.key(index)
            if existing.get(key):
                self.found[index] = existing[key][0]
            elif key in first_of:
                self.repeats[index] = first_of[key]
            else:
                first_of[key] = index
                to_create.append(index)
        return to_create

    def send(self, indices: list[int], attempts_left: int = 3) -> Flow[None]:
        """Create the items at `indices` (one bulk request); on a whole-request 400, narrow it
        down."""
        items = [cast(dict[str, Any], self.bodies[i]) for i in indices]
        self.requests += 1
        self.attempted.update(indices)
        self.in_doubt.update(indices)
        try:
            results: list[ContactAccountCreateItemResult] = yield from self.accounts.bulk_create(
                items
            )
        except BadRequestError as exc:
            self.in_doubt.difference_update(indices)  # refused whole: nothing was created
            yield from self._narrow(indices, exc)
            return
        except (AuthenticationError, PermissionDeniedError, RateLimitError) as exc:
            # Refused before anything was done, and nothing after this can succeed: the run
            # ends (`finish` reports what is left as not sent).
            self.in_doubt.difference_update(indices)
            for index in indices:
                self.fail(index, "server", _detail(exc), code=exc.code, status=exc.status)
            raise
        except ReplyError as exc:
            # The outcome is unknown: the request may have been applied. Bulk create is not
            # idempotent, so never blindly resend; look the names up and send only the missing.
            yield from self._reconcile(indices, exc, attempts_left)
            return
        self.in_doubt.difference_update(indices)
        self._settle(indices, list(results or []))

    def _reconcile(self, indices: list[int], exc: ReplyError, attempts_left: int) -> Flow[None]:
        # A failed lookup ends the run: the outcome stays unknown (reported as such).
        by_name = yield from self.look_up(indices)
        missing = []
        for index in indices:
            fresh = [i for i in by_name.get(self.key(index), []) if i not in self.claimed]
            if fresh:
                self.created[index] = fresh[0]
                self.claimed.add(fresh[0])
                self.reconciled.add(index)
            else:
                missing.append(index)
        self.in_doubt.difference_update(indices)
        if not missing:
            return
        if attempts_left > 0:
            yield from self.send(missing, attempts_left - 1)
        else:
            raise exc  # the server keeps failing: stop rather than hammer every chunk

    def _settle(self, indices: list[int], results: list[ContactAccountCreateItemResult]) -> None:
        from reply_contact_data_client.types import Unset

        for position, index in enumerate(indices):
            result = results[position] if position < len(results) else None
            if result is None:
                self.fail(index, "server", "the response had no result for this item")
                continue
            account_id = None if isinstance(result.id, Unset) else result.id
            error = None if isinstance(result.error, Unset) else result.error
            details = None if isinstance(result.error_details, Unset) else result.error_details
            if account_id is not None and error is None:
                self.created[index] = account_id
                self.claimed.add(account_id)
            else:
                code = error if error is not None else "notCreated"
                self.fail(index, "server", details or "not created", code=code)

    def _narrow(self, indices: list[int], exc: BadRequestError) -> Flow[None]:
        if len(indices) == 1:
            (index,) = indices
            pointer = None
            details = _detail(exc)
            if exc.errors:
                located = _item_pointer(exc.errors[0].pointer)
                pointer = located[1] if located else exc.errors[0].pointer
                details = "; ".join(e.detail for e in exc.errors)
            self.fail(index, "server", details, code=exc.code, pointer=pointer, status=exc.status)
            return
        named: dict[int, list[tuple[str, str]]] = {}
        for error in exc.errors:
            located = _item_pointer(error.pointer)
            if located is not None and located[0] < len(indices):
                named.setdefault(located[0], []).append((located[1], error.detail))
        if named:
            for position, problems in sorted(named.items()):
                self.fail(
                    indices[position],
                    "server",
                    "; ".join(detail for _, detail in problems),
                    code=exc.code,
                    pointer=problems[0][0] or None,
                    status=exc.status,
                )
            rest = [index for position, index in enumerate(indices) if position not in named]
            if rest:
                yield from self.send(rest)
            return
        middle = len(indices) // 2
        yield from self.send(indices[:middle])
        yield from self.send(indices[middle:])

    def finish(self, valid: list[int], stop: ReplyError | None = None) -> AccountCreateReport:
        """The report, every valid input settled: a repeated name gets the account of its
        first input; what `stop` (the error that ended the run) left is reported as of
        unknown outcome when its request may have been applied, as not created when the
        server refused it, else as not sent."""
        for index, first in self.repeats.items():
            if first in self.created:
                self.found[index] = self.created[first]
        settled = {*self.created, *self.found, *(failure.index for failure in self.failures)}
        for index in valid:
            if index in settled:
                continue
            if index in self.repeats:
                first = self.repeats[index]
                self.fail(index, "server", f"not created: input {first} has the same name")
            elif stop is None:
                self.fail(index, "server", "not created")
            elif index in self.in_doubt:
                self.fail(
                    index,
                    "server",
                    f"outcome unknown (running create_accounts again finds the account if it"
                    f" was created): {_detail(stop)}",
                    code=_error_code(stop),
                    status=_error_status(stop),
                )
            else:
                done = "not created" if index in self.attempted else "not sent"
                self.fail(
                    index,
                    "server",
                    f"{done}: {_detail(stop)}",
                    code=_error_code(stop),
                    status=_error_status(stop),
                )
        return AccountCreateReport(
            total=len(self.bodies),
            created=dict(sorted(self.created.items())),
            failures=tuple(sorted(self.failures, key=lambda f: f.index)),
            requests=self.requests,
            reconciled=frozenset(self.reconciled),
            found=dict(sorted(self.found.items())),
        )


class AccountWorkflows(ResourceBase):
    @operation
    def create_accounts(
        self,
        accounts: Iterable[Mapping[str, Any] | ContactAccountCreateRequest],
        *,
        chunk_size: int = BULK_CREATE_MAX,
        allow_duplicates: bool = False,
    ) -> Flow[AccountCreateReport]:
        """Get or create an account for each input, by name, creating `chunk_size` (≤
        `BULK_CREATE_MAX`, the spec's maxItems) per bulk request.

        Names are looked up first, all at once (`AccountsOperations.find_by_names`: a few
        requests, not one per name); an account that already has the name (ignoring case and
        surrounding spaces) is reused as it is, not updated, and listed in `report.found`, and
        a name repeated in the input is created once. So running it again with the same names
        creates nothing new. `allow_duplicates=True` creates an account for every input
        whatever exists (the lookup still runs, so that a request of unknown outcome is never
        confused with an older account).

        Each item is checked locally first (name required and non-blank, known fields,
        companySize literal, text fields strings); a bad one is reported, not sent. If the
        server still rejects a whole chunk with a 400, the chunk is narrowed down (by the item
        pointers it names, else by halves) so every good item is created and every bad one is
        reported with the server's message. A request whose outcome is unknown (a dropped
        connection, a 5xx) is reconciled by looking its names up, and only the missing are
        sent again (three times at most).

        Raises `AccountCreateInterruptedError` (see `WorkflowError`: also the failed step's own
        class, e.g. `PermissionDeniedError`) when a step fails beyond that: its `report`
        accounts for every input. An empty input is a no-op (no request).
        """
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
            raise TypeError(f"chunk_size must be an integer, got {chunk_size!r}")
        if not 1 <= chunk_size <= BULK_CREATE_MAX:
            raise ValueError(f"chunk_size must be between 1 and {BULK_CREATE_MAX}")
        inputs = list(accounts)
        run = _CreateRun(AccountsOperations(self._owner), [_input_name(i) for i in inputs])
        valid: list[int] = []
        for index, item in enumerate(inputs):
            body, pointer, problem = prepare_account(item)
            run.bodies.append(body)
            if body is None:
                run.fail(index, "local", problem or "invalid item", pointer=pointer or None)
            else:
                valid.append(index)
        try:
            existing = yield from run.look_up(valid)
            to_create = run.plan(valid, existing, reuse=not allow_duplicates)
            for chunk in chunks(to_create, chunk_size):
                yield from run.send(chunk)
        except ReplyError as exc:
            report = run.finish(valid, exc)
            progress = f"with {report.created_count} of {report.total} accounts created"
            raise AccountCreateInterruptedError.from_step(exc, report, progress) from exc
        return run.finish(valid)

    @operation
    def link_contacts_to_account(
        self, account_id: int, contacts: Iterable[int | str]
    ) -> Flow[LinkReport]:
        """Link contacts, given by id or by email, to an account (moving them from any other).

        Each distinct email is looked up with one `GET /v3/contacts?email=` request (cached for
        the rest of this call, so repeats cost nothing); an email no contact has, or a value
        that is neither a positive id nor an email, is reported as a failure, not raised.
        Links go out in chunks as large as the spec allows; every per-contact failure the API
        reports is kept. No contact, no request.

        Raises `LinkInterruptedError` (see `WorkflowError`: also the failed step's own class)
        when a step fails; its `report` holds what was linked and resolved before it.
        """
        (account_id,) = id_list(account_id, "account_id")
        contacts_ns = ContactsOperations(self._owner)
        accounts = AccountsOperations(self._owner)
        failures: list[LinkFailure] = []
        inputs_by_id: dict[int, list[int | str]] = {}
        cache: dict[str, int | None] = {}
        linked: list[int] = []
        lookups = 0

        def report() -> LinkReport:
            resolved = {key: value for key, value in cache.items() if value is not None}
            return LinkReport(account_id, tuple(linked), tuple(failures), resolved, lookups)

        try:
            for given in contacts:
                contact_id: int | None
                if isinstance(given, bool) or not isinstance(given, int | str):
                    failures.append(
                        LinkFailure(repr(given), None, "invalidInput", "not an id or email")
                    )
                    continue
                if isinstance(given, int):
                    if not 1 <= given <= 2**31 - 1:
                        failures.append(LinkFailure(given, None, "invalidInput", "not a valid id"))
                        continue
                    contact_id = given
                else:
                    email = given.strip()
                    if "@" not in email or email.startswith("@") or email.endswith("@"):
                        failures.append(LinkFailure(given, None, "invalidEmail", "not an email"))
                        continue
                    key = email.casefold()
                    if key not in cache:
                        lookups += 1
                        found = yield from contacts_ns.find_by_email(email)
                        cache[key] = found.id if found is not None else None
                    contact_id = cache[key]
                    if contact_id is None:
                        failures.append(
                            LinkFailure(
                                given, None, "notFound", f"no contact has the email {email}"
                            )
                        )
                        continue
                inputs_by_id.setdefault(contact_id, []).append(given)
            for chunk in chunks(list(inputs_by_id), LINK_BATCH):
                result = yield from accounts.link_contacts(account_id, chunk)
                for failure in result.failures:
                    for given in inputs_by_id.get(failure.id, [failure.id]):
                        failures.append(
                            LinkFailure(given, failure.id, failure.error, failure.details)
                        )
                linked.extend(result.succeeded_ids)
        except ReplyError as exc:
            progress = f"with {len(linked)} contacts linked"
            raise LinkInterruptedError.from_step(exc, report(), progress) from exc
        return report()

    @operation
    def organize_accounts(
        self,
        list_name: str,
        account_ids: Iterable[int],
        *,
        create: bool = True,
        move: bool = False,
    ) -> Flow[BulkResult]:
        """File accounts into the account list with this name (case-insensitive), creating it
        if `create`; `move=True` also takes them out of every other list. The ids go out in
        chunks as large as the spec allows.

        Idempotent: running it again finds the same list and re-adding members changes
        nothing. No account id is a no-op: no request (the list is neither looked up nor
        created) and an empty result. Raises `AccountListNotFoundError` (a `NotFoundError`)
        when the list is missing and `create` is False, and `OrganizeInterruptedError` (see
        `WorkflowError`: also the failed step's own class) when a step fails; its `report`
        holds the accounts filed before it.
        """
        name = ACCOUNT_LISTS.checked_name(list_name)
        given = list(account_ids)
        filed = BulkResult("organize_accounts", ())
        if not given:
            return filed
        ids = list(dict.fromkeys(id_list(given, "account id")))
        lists = AccountListsOperations(self._owner)
        account_list: ContactAccountList | None
        try:
            if create:
                account_list = yield from lists.get_or_create(name)
            else:
                account_list = yield from lists.find_by_name(name)
                if account_list is None:
                    raise AccountListNotFoundError(
                        f"no account list named {name!r} (pass create=True to create it)",
                        status=404,
                        code="contactAccountList.notFound",
                    )
            file_into = lists.move_accounts if move else lists.add_accounts
            for chunk in chunks(ids, MEMBERSHIP_BATCH):
                part = yield from file_into(account_list.id, chunk)
                filed = part if not filed.requested else filed.merge(part)
        except ReplyError as exc:
            progress = f"with {len(filed.requested)} of {len(ids)} accounts filed"
            raise OrganizeInterruptedError.from_step(exc, filed, progress) from exc
        return filed
