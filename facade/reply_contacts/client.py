"""`ReplyContacts` and `AsyncReplyContacts`: the clients users construct.

Each client owns one generated `AuthenticatedClient` whose httpx clients (sync and async) share
one transport stack, hence one connection pool. `with_options(...)` copies share that pool and
the rate budget (the Reply user's); only the copy's own settings differ.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

import httpx

from ._config import (
    DEFAULT_TIMEOUT,
    RedactedHeaders,
    resolve_api_key,
    resolve_base_url,
    resolve_timeout,
)
from ._plan import run_async, run_sync
from .transport import (
    Clock,
    Limiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
    build_transport,
)

if TYPE_CHECKING:
    from reply_contact_data_client import AuthenticatedClient

    from ._catalog import CustomFieldCatalog
    from ._identity import Identity, Team
    from .resources.account_lists import AccountLists, AsyncAccountLists
    from .resources.accounts import Accounts, AsyncAccounts
    from .resources.background_jobs import AsyncBackgroundJobs, BackgroundJobs
    from .resources.contact_lists import AsyncContactLists, ContactLists
    from .resources.contacts import AsyncContacts, Contacts
    from .resources.custom_fields import AsyncCustomFields, CustomFields
    from .workflows import AsyncWorkflows, Workflows


class _Unchanged:
    """The default of `with_options` arguments: keep this client's setting."""

    def __repr__(self) -> str:
        return "<unchanged>"


_UNSET: Any = _Unchanged()


P = ParamSpec("P")
R = TypeVar("R")


class _Shortcut(Generic[P, R]):
    """A client attribute that is a namespace's method (`client.import_to_list` is
    `client.workflows.import_to_list`): the same callable, so the same parameters for
    `help()`, `inspect.signature` and mypy, without importing the namespace with the client."""

    def __init__(self, namespace: str, name: str) -> None:
        self._namespace = namespace
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _Shortcut[P, R]: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> Callable[P, R]: ...
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        if obj is None:
            return self
        return getattr(getattr(obj, self._namespace), self._name)


def _shortcut(target: Callable[Concatenate[Any, P], R], namespace: str) -> _Shortcut[P, R]:
    """For type checkers: a `_Shortcut` typed as `target` without its `self`."""
    return _Shortcut(namespace, target.__name__)


class _KeepOpen(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An inner transport lent to a `with_options` copy: closing the copy keeps the pool open."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = self._inner.handle_request(request)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = await self._inner.handle_async_request(request)
        return response

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


class _ClientCore:
    """Settings, transport and the generated client; shared by the sync and async clients."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        user_id: int | None = None,
        user_email: str | None = None,
        team_id: int | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitPolicy | None = _UNSET,
        limiter: Limiter | None = None,
        http_transport: httpx.BaseTransport | None = None,
        async_http_transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock | None = None,
        follow_redirects: bool = False,
        budget_key: str | None = None,
    ) -> None:
        """Build a client.

        api_key: defaults to $REPLY_API_KEY. base_url: defaults to $REPLY_BASE_URL, else
        https://api.reply.io (a trailing /v3 is accepted). timeout: seconds or httpx.Timeout;
        None is refused. user_id / user_email / team_id: who a master or organization key acts
        for (one of user_id and user_email), and the team. retry / max_retries: retry policy;
        by default a call waits for a rate-limit slot as long as the budget requires (a plain
        loop slows down, it never raises for budget it spent itself), `RetryPolicy(max_wait=60)`
        raises RateLimitError for longer waits instead. rate_limit: the budget enforced before
        sending (default 100/min and 3,000/h per Reply user; None disables proactive limiting).
        The budget is the user's a request acts for: user_id when given, else the user behind
        the key (and user_email), asked once per process with whoami and shared by every client
        of that user; budget_key names a budget yourself instead (clients with the same
        budget_key share one). limiter: a shared backend (e.g. Redis) instead of the in-process
        one. http_transport /
        async_http_transport: the innermost transports (tests pass httpx.MockTransport).
        """
        # The local is rebound too: a traceback through this frame (a bad base_url, say) then
        # shows the key's redacted repr, even with TracebackException(capture_locals=True).
        self._api_key = api_key = resolve_api_key(api_key)
        self.base_url = resolve_base_url(base_url)
        self.timeout = resolve_timeout(timeout)
        policy = retry or RetryPolicy()
        if max_retries is not None:
            policy = RetryPolicy(
                max_retries=max_retries,
                backoff_base=policy.backoff_base,
                backoff_cap=policy.backoff_cap,
                deadline=policy.deadline,
                max_wait=policy.max_wait,
                retry_statuses=policy.retry_statuses,
            )
        self.retry = policy
        self.rate_limit = RateLimitPolicy() if rate_limit is _UNSET else rate_limit
        self._settings: dict[str, Any] = {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "user_id": user_id,
            "user_email": user_email,
            "team_id": team_id,
            "retry": self.retry,
            "rate_limit": self.rate_limit,
            "limiter": limiter,
            "http_transport": http_transport,
            "async_http_transport": async_http_transport,
            "clock": clock,
            "follow_redirects": follow_redirects,
            "budget_key": budget_key,
        }
        self.transport: ReplyTransport = build_transport(
            api_key=self._api_key,
            base_url=self.base_url,
            transport=http_transport,
            async_transport=async_http_transport,
            user_id=user_id,
            user_email=user_email,
            team_id=team_id,
            limiter=limiter,
            rate_limit=self.rate_limit,
            retry=self.retry,
            clock=clock,
            budget_key=budget_key,
        )
        self._generated = self._build_generated(follow_redirects)

    def _build_generated(self, follow_redirects: bool) -> AuthenticatedClient:
        from reply_contact_data_client import AuthenticatedClient

        from .transport.clients import ReplyAsyncHTTPClient, ReplyHTTPClient

        generated = AuthenticatedClient(
            base_url=self.base_url,
            token=self._api_key,
            timeout=self.timeout,
            headers=RedactedHeaders(),
            follow_redirects=follow_redirects,
            # Undocumented statuses raise instead of returning None; the transport has already
            # turned every non-2xx into a typed error, so this only fires on spec drift.
            raise_on_unexpected_status=True,
            httpx_args={"transport": self.transport},
        )
        # httpx clients whose own failures (a redirect loop...) are typed errors too. The
        # transport adds the Authorization header, so they carry no copy of the key.
        options: dict[str, Any] = {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "follow_redirects": follow_redirects,
            "transport": self.transport,
        }
        generated.set_httpx_client(ReplyHTTPClient(**options))
        generated.set_async_httpx_client(ReplyAsyncHTTPClient(**options))
        return generated

    @property
    def requests_sent(self) -> int:
        """Requests this client's transport put on the wire (retries included)."""
        return int(getattr(self.transport, "requests_sent", 0))

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout = _UNSET,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        user_id: int | None = _UNSET,
        user_email: str | None = _UNSET,
        team_id: int | None = _UNSET,
    ) -> Self:
        """A copy with other settings that shares this client's connection pool and budget."""
        settings = dict(self._settings)
        for name, value in (
            ("timeout", timeout),
            ("user_id", user_id),
            ("user_email", user_email),
            ("team_id", team_id),
        ):
            if value is not _UNSET:
                settings[name] = value
        if retry is not None:
            settings["retry"] = retry
        # Lend the live inner transports (the pool) without handing over their lifetime.
        inner_sync, inner_async = self.transport.inner_transports()
        settings["http_transport"] = _KeepOpen(inner_sync)
        settings["async_http_transport"] = _KeepOpen(inner_async)
        settings["limiter"] = self.transport.limiter
        copy = type(self)(self._api_key, max_retries=max_retries, **settings)
        return copy

    @functools.cached_property
    def field_catalog(self) -> CustomFieldCatalog:
        """Custom field definitions cached for title <-> id lookups (refreshed on a miss)."""
        from ._catalog import CustomFieldCatalog

        return CustomFieldCatalog()

    def __repr__(self) -> str:
        # Safe on a half-built client too: a constructor that raised leaves one in tracebacks,
        # and TracebackException(capture_locals=True) calls repr on it.
        base_url = getattr(self, "base_url", None)
        return f"{type(self).__name__}(base_url={base_url!r}, api_key=<redacted>)"


class ReplyContacts(_ClientCore):
    """Synchronous client for the Reply Contact Data API.

    >>> with ReplyContacts() as client:              # API key from $REPLY_API_KEY
    ...     contact = client.contacts.get(42)
    """

    @functools.cached_property
    def contacts(self) -> Contacts:
        from .resources.contacts import Contacts

        return Contacts(self)

    @functools.cached_property
    def contact_lists(self) -> ContactLists:
        from .resources.contact_lists import ContactLists

        return ContactLists(self)

    @functools.cached_property
    def custom_fields(self) -> CustomFields:
        from .resources.custom_fields import CustomFields

        return CustomFields(self)

    @functools.cached_property
    def accounts(self) -> Accounts:
        from .resources.accounts import Accounts

        return Accounts(self)

    @functools.cached_property
    def account_lists(self) -> AccountLists:
        from .resources.account_lists import AccountLists

        return AccountLists(self)

    @functools.cached_property
    def background_jobs(self) -> BackgroundJobs:
        from .resources.background_jobs import BackgroundJobs

        return BackgroundJobs(self)

    @functools.cached_property
    def workflows(self) -> Workflows:
        from .workflows import Workflows

        return Workflows(self)

    if TYPE_CHECKING:
        import_to_list = _shortcut(Workflows.import_to_list, "workflows")
    else:
        # `client.import_to_list(...)` is `client.workflows.import_to_list(...)`.
        import_to_list = _Shortcut("workflows", "import_to_list")

    def whoami(self) -> Identity:
        """Who the key (and acting headers) act for: user id, username, team; a key check."""
        from ._identity import whoami  # imports the contract: only when asked

        return run_sync(self._generated, whoami())

    def teams(self) -> list[Team]:
        """The teams one can act in (pass one as `team_id=`); a personal account's single team."""
        from ._identity import teams  # imports the contract: only when asked

        return run_sync(self._generated, teams())

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Escape hatch: any call, through the same rate limits, retries and typed errors."""
        return self._generated.get_httpx_client().request(
            method, path, params=params, json=json, headers=headers
        )

    def close(self) -> None:
        self._generated.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncReplyContacts(_ClientCore):
    """Asynchronous client for the Reply Contact Data API; the same surface, awaited.

    >>> async with AsyncReplyContacts() as client:
    ...     contact = await client.contacts.get(42)
    """

    @functools.cached_property
    def contacts(self) -> AsyncContacts:
        from .resources.contacts import AsyncContacts

        return AsyncContacts(self)

    @functools.cached_property
    def contact_lists(self) -> AsyncContactLists:
        from .resources.contact_lists import AsyncContactLists

        return AsyncContactLists(self)

    @functools.cached_property
    def custom_fields(self) -> AsyncCustomFields:
        from .resources.custom_fields import AsyncCustomFields

        return AsyncCustomFields(self)

    @functools.cached_property
    def accounts(self) -> AsyncAccounts:
        from .resources.accounts import AsyncAccounts

        return AsyncAccounts(self)

    @functools.cached_property
    def account_lists(self) -> AsyncAccountLists:
        from .resources.account_lists import AsyncAccountLists

        return AsyncAccountLists(self)

    @functools.cached_property
    def background_jobs(self) -> AsyncBackgroundJobs:
        from .resources.background_jobs import AsyncBackgroundJobs

        return AsyncBackgroundJobs(self)

    @functools.cached_property
    def workflows(self) -> AsyncWorkflows:
        from .workflows import AsyncWorkflows

        return AsyncWorkflows(self)

    if TYPE_CHECKING:
        import_to_list = _shortcut(AsyncWorkflows.import_to_list, "workflows")
    else:
        # `await client.import_to_list(...)` is `await client.workflows.import_to_list(...)`.
        import_to_list = _Shortcut("workflows", "import_to_list")

    async def whoami(self) -> Identity:
        """Who the key (and acting headers) act for: user id, username, team; a key check."""
        from ._identity import whoami  # imports the contract: only when asked

        return await run_async(self._generated, whoami())

    async def teams(self) -> list[Team]:
        """The teams one can act in (pass one as `team_id=`); a personal account's single team."""
        from ._identity import teams  # imports the contract: only when asked

        return await run_async(self._generated, teams())

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Escape hatch: any call, through the same rate limits, retries and typed errors."""
        return await self._generated.get_async_httpx_client().request(
            method, path, params=params, json=json, headers=headers
        )

    async def close(self) -> None:
        await self._generated.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
