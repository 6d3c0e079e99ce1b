"""`ReplyTransport`: the httpx transport every API call goes through, sync and async.

Per request, in order: refuse insecure URLs, add headers, find whose budget it spends (the Reply
user it acts for, `budget.py`), then loop: wait for that budget (and any 429 pause of it), send,
and either return a good response, retry after a wait, or raise the typed exception for the
outcome. Generated code therefore never sees an error response. A 429 whose code is a LinkedIn
send cap is not the API budget: it is raised at once, with no retry and no pause.

The loop is written once, as a generator that yields the I/O it needs (`_Acquire`, `_Send`,
`_Read`, `_Sleep`, `_AwaitIdentity`); `handle_request` and `handle_async_request` only differ in
how they perform those steps. That keeps sync and async behaviour identical by construction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import json
import logging
import random
import threading
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from reply_contacts.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    DecodeError,
    LinkedInLimitError,
    RateLimitError,
    ReplyError,
    error_from_response,
    is_standard_status,
)
from reply_contacts.transport.budget import Resolution, identities
from reply_contacts.transport.budget import budget_key as _budget_key_of
from reply_contacts.transport.clock import Clock, SystemClock
from reply_contacts.transport.deadline_scope import deadline_scope
from reply_contacts.transport.headers import (
    ActingAs,
    apply_headers,
    default_base_url,
    default_user_agent,
)
from reply_contacts.transport.logging import (
    configure_from_env,
    get_logger,
    protect_library_loggers,
)
from reply_contacts.transport.ratelimit import (
    NOTICEABLE_WAIT,
    PAUSE_WINDOW,
    BudgetWait,
    Limiter,
    RateLimitPolicy,
    announce_budget_wait,
    describe_window,
    key_fingerprint,
    listening_for_budget_waits,
    shared_limiter,
)
from reply_contacts.transport.redaction import (
    redact_headers,
    redact_url,
    register_secret,
    scrub,
    scrub_exception_chain,
)
from reply_contacts.transport.retry import (
    RetryPolicy,
    UniformSource,
    backoff_delay,
    never_reached_server,
    retry_after_from_headers,
    should_retry,
)
from reply_contacts.transport.security import ensure_secure_url

__all__ = ["ReplyTransport", "build_transport", "error_from_client_failure"]

# Per-request switches a caller can put in `request.extensions` (httpx passes them through).
EXT_IDEMPOTENT = "reply_idempotent"  # bool: override the contract's x-idempotent for this request
EXT_EXPECT_JSON = "reply_expect_json"  # bool: whether a 2xx body must be JSON (False to stream)
EXT_RETRY = "reply_retry"  # RetryPolicy: e.g. a longer max_wait for bulk jobs
# Internal: the budget key a request spends, set on the whoami that resolves a credential.
_EXT_BUDGET = "reply_budget_key"
# The headers that name who a request acts for (any case; the backend's spellings).
_USER_ID_HEADER = "X-USER-ID"
_USER_EMAIL_HEADER = "X-User-Email"
_TEAM_HEADER = "X-TEAM-ID"

# How often a request waiting for another to find its key's user looks again (doubling).
_IDENTITY_POLL = 0.005
_IDENTITY_POLL_MAX = 0.5
_LOG_SNIPPET = 500
_NO_BODY_STATUSES = frozenset({204, 205, 304})
# A timeout this close to the end of the call's time is the deadline, not a slow single read.
_DEADLINE_SLACK = 0.01


# The attribute of a log record that announces a rate-limit wait: the `BudgetWait` itself.
BUDGET_WAIT_RECORD = "reply_budget_wait"

# Added to a response that answers a replayed request after a failure of unknown effect.
REPLAYED_HEADER = "X-Reply-Contacts-Replayed"


# The steps the request loop asks its driver to perform.
@dataclass(frozen=True)
class _Acquire:
    key: str
    max_wait: float
    method: str
    path: str


@dataclass(frozen=True)
class _Sleep:
    seconds: float


@dataclass(frozen=True)
class _Send:
    """Send the request and receive the answer's head; no socket wait may last past `within`
    seconds from now (the call's deadline)."""

    request: httpx.Request
    within: float


@dataclass(frozen=True)
class _Read:
    """Read the whole body (which also closes the response), within `within` seconds."""

    response: httpx.Response
    within: float


@dataclass(frozen=True)
class _AwaitIdentity:
    """Wait up to `within` seconds for another request to find whose budget this key spends;
    the answer is whether it did."""

    resolution: Resolution
    within: float


_Step = _Acquire | _Sleep | _Send | _Read | _AwaitIdentity
_Plan = Generator[_Step, Any, httpx.Response]


class ReplyTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Rate limiting, retries, typed errors, headers and logging around an httpx transport.

    The same instance serves an `httpx.Client` and an `httpx.AsyncClient` (the generated client
    passes one `transport` to both). `transport` and `async_transport` are the inner transports
    that do the network I/O; a transport implementing both interfaces (like `httpx.MockTransport`)
    passed as `transport` serves both. With `rate_limit=None` there is no proactive limiting,
    but a 429's Retry-After is still honoured and shared through `limiter`.
    """

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        user_id: int | str | None = None,
        user_email: str | None = None,
        team_id: int | str | None = None,
        user_agent: str | None = None,
        limiter: Limiter | None = None,
        rate_limit: RateLimitPolicy | None = RateLimitPolicy(),  # noqa: B008 - frozen, immutable
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, immutable
        clock: Clock | None = None,
        rng: UniformSource | None = None,
        logger: logging.Logger | None = None,
        budget_key: str | None = None,
    ) -> None:
        if not api_key:
            raise ValueError("api_key must not be empty")
        register_secret(api_key)
        protect_library_loggers()
        configure_from_env()
        self._api_key = api_key
        self.origin = httpx.URL(base_url or default_base_url())
        self.acting = ActingAs(user_id=user_id, user_email=user_email, team_id=team_id)
        self.user_agent = user_agent or default_user_agent()
        self.clock: Clock = clock or SystemClock()
        self.rate_limit = rate_limit
        self.limiter: Limiter = limiter or shared_limiter(
            rate_limit or RateLimitPolicy(), clock=self.clock
        )
        self.retry = retry
        # What `RetryPolicy(max_wait=None)` means for this client: the longest wait its
        # budget can impose on a sequential caller (the limiter's own policy when it has one).
        budget = getattr(self.limiter, "policy", None)
        if not isinstance(budget, RateLimitPolicy):
            budget = rate_limit or RateLimitPolicy()
        self.default_max_wait = budget.longest_wait
        self.rng: UniformSource = rng or random.Random()
        self.logger = logger or get_logger()
        # The key's own (provisional) budget; requests spend their user's once it is known.
        self.limiter_key = key_fingerprint(api_key)
        self.explicit_budget = (
            None if budget_key is None else _budget_key_of(self.origin, explicit=budget_key)
        )
        self._sync_inner = transport
        if async_transport is None and isinstance(transport, httpx.AsyncBaseTransport):
            async_transport = transport
        self._async_inner = async_transport
        self._inner_lock = threading.Lock()
        self._sent = 0

    def __repr__(self) -> str:
        return (
            f"ReplyTransport(base_url={str(self.origin)!r}, key=sha256:{self.limiter_key},"
            f" rate_limit={self.rate_limit!r}, retry={self.retry!r})"
        )

    # -- httpx entry points -------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        plan = self._plan(request)
        try:
            reply: Any = None
            failure: Exception | None = None
            while True:
                try:
                    step = plan.throw(failure) if failure is not None else plan.send(reply)
                except StopIteration as finished:
                    response: httpx.Response = finished.value
                    return response
                except BaseException as error:
                    # The traceback keeps this frame and the plan's: let them keep no body the
                    # server sent (it may echo the key), e.g. for capture_locals=True.
                    reply = failure = None
                    scrub_exception_chain(error)
                    raise
                reply, failure = None, None
                try:
                    reply = self._perform(step)
                except Exception as exc:  # handed to the plan, which decides what it means
                    failure = exc
        finally:
            plan.close()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        plan = self._plan(request)
        try:
            reply: Any = None
            failure: Exception | None = None
            while True:
                try:
                    step = plan.throw(failure) if failure is not None else plan.send(reply)
                except StopIteration as finished:
                    response: httpx.Response = finished.value
                    return response
                except BaseException as error:
                    reply = failure = None  # as in handle_request: no server body in the frames
                    scrub_exception_chain(error)
                    raise
                reply, failure = None, None
                try:
                    reply = await self._perform_async(step)
                except Exception as exc:  # handed to the plan, which decides what it means
                    failure = exc
        finally:
            plan.close()

    @property
    def requests_sent(self) -> int:
        """Requests handed to the inner transports so far, retries included."""
        return self._sent

    def inner_transports(self) -> tuple[httpx.BaseTransport, httpx.AsyncBaseTransport]:
        """The inner transports (created if needed), e.g. to share one connection pool."""
        return self._sync_transport(), self._async_transport()

    def close(self) -> None:
        with self._inner_lock:
            inner = self._sync_inner
        if inner is not None:
            inner.close()

    async def aclose(self) -> None:
        with self._inner_lock:
            inner = self._async_inner
        if inner is not None:
            await inner.aclose()

    # -- step drivers ---------------------------------------------------------------------------

    def _perform(self, step: _Step) -> Any:
        if isinstance(step, _Send):
            self._count_send()
            with deadline_scope(step.within):
                return self._sync_transport().handle_request(step.request)
        if isinstance(step, _Read):
            try:
                with deadline_scope(step.within):
                    return step.response.read()
            finally:
                step.response.close()
        if isinstance(step, _Acquire):
            with self._hearing_budget_waits(step) as heard:
                waited = self.limiter.acquire(step.key, max_wait=step.max_wait)
            self._log_unannounced_wait(step, waited, heard)
            return waited
        if isinstance(step, _AwaitIdentity):
            # A synchronous call made on the thread of an asyncio task that is resolving would
            # block that task's loop: it goes on under the provisional budget instead.
            if step.resolution.owner == threading.get_ident():
                return False
            waited, pause = 0.0, _IDENTITY_POLL
            while not step.resolution.done.is_set() and waited < step.within:
                self.clock.sleep(pause)  # the clock's sleep: a virtual clock moves on too
                waited, pause = waited + pause, min(pause * 2, _IDENTITY_POLL_MAX)
            return step.resolution.done.is_set()
        self.clock.sleep(step.seconds)
        return None

    async def _perform_async(self, step: _Step) -> Any:
        if isinstance(step, _Send):
            self._count_send()
            with deadline_scope(step.within):
                return await self._async_transport().handle_async_request(step.request)
        if isinstance(step, _Read):
            try:
                with deadline_scope(step.within):
                    return await step.response.aread()
            finally:
                await step.response.aclose()
        if isinstance(step, _Acquire):
            with self._hearing_budget_waits(step) as heard:
                waited = await self.limiter.acquire_async(step.key, max_wait=step.max_wait)
            self._log_unannounced_wait(step, waited, heard)
            return waited
        if isinstance(step, _AwaitIdentity):
            # Polling with the clock's sleep lets the resolving request (maybe a task of this
            # very loop) run meanwhile, and lets a virtual clock move on.
            waited, pause = 0.0, _IDENTITY_POLL
            while not step.resolution.done.is_set() and waited < step.within:
                await self.clock.asleep(pause)
                waited, pause = waited + pause, min(pause * 2, _IDENTITY_POLL_MAX)
            return step.resolution.done.is_set()
        await self.clock.asleep(step.seconds)
        return None

    @contextmanager
    def _hearing_budget_waits(self, step: _Acquire) -> Iterator[list[BudgetWait]]:
        """While the limiter decides: log each wait it announces, naming this request."""
        heard: list[BudgetWait] = []

        def log_wait(event: BudgetWait) -> None:
            heard.append(event)
            self._log_budget_wait(step.method, step.path, event)

        with listening_for_budget_waits(log_wait):
            yield heard

    def _log_unannounced_wait(self, step: _Acquire, waited: float, heard: list[BudgetWait]) -> None:
        # A limiter that does not announce its waits (one written before announcements
        # existed) still gets its long waits logged, after the fact.
        if not heard and waited >= NOTICEABLE_WAIT:
            self.logger.info(
                "waited %.0f s for the rate limit before %s %s", waited, step.method, step.path
            )

    def _count_send(self) -> None:
        with self._inner_lock:
            self._sent += 1

    def _sync_transport(self) -> httpx.BaseTransport:
        # Created on first use: building an SSL context costs milliseconds, and most programs
        # only ever use one of the two clients.
        with self._inner_lock:
            if self._sync_inner is None:
                self._sync_inner = _deadline_transports().deadline_http_transport()
            return self._sync_inner

    def _async_transport(self) -> httpx.AsyncBaseTransport:
        with self._inner_lock:
            if self._async_inner is None:
                self._async_inner = _deadline_transports().deadline_async_http_transport()
            return self._async_inner

    # -- the request loop (shared by sync and async) --------------------------------------------

    def _plan(self, request: httpx.Request) -> _Plan:
        ensure_secure_url(request.url)
        to_api = apply_headers(
            request,
            api_key=self._api_key,
            origin=self.origin,
            acting=self.acting,
            user_agent=self.user_agent,
        )
        if not to_api:
            return (yield from self._exchange(request, to_api=False, key=self.limiter_key))
        # Every wait before the first send (for the key's user to be known, then for a slot of
        # the budget) fits within max_wait together: the call's deadline starts with that send.
        send_by = self.clock.now() + self._max_wait(self._policy(request))
        key, resolving = yield from self._budget_of(request, send_by)
        if resolving is None:
            return (yield from self._exchange(request, to_api=True, key=key, send_by=send_by))
        # This request is itself the whoami that tells whose budget the key spends.
        deadline_at = self._deadline_at(request)
        try:
            response = yield from self._exchange(request, to_api=True, key=key, send_by=send_by)
        except BaseException:
            identities.abandon(resolving)
            raise
        yield from self._learn(resolving, request, response, deadline_at)
        return response

    def _exchange(
        self, request: httpx.Request, *, to_api: bool, key: str, send_by: float | None = None
    ) -> _Plan:
        """Send `request` (spending budget `key`) until an answer, a retry or a typed error.

        `send_by`: the latest moment the first send may leave (the waits before it are bounded
        by max_wait from when the call began); None: max_wait from now."""
        method = request.method
        path = scrub(request.url.path)
        policy = self._policy(request)
        idempotent = request.extensions.get(EXT_IDEMPOTENT)
        if not isinstance(idempotent, bool):
            idempotent = None
        expect_json = to_api and _expects_json(request)
        # Only an in-memory body can be sent twice; a streamed upload is consumed by the first try.
        replayable = isinstance(request.stream, httpx.ByteStream)
        max_wait = self._max_wait(policy)
        # The deadline starts with the first send: the wait for its budget slot is bounded by
        # max_wait alone, so a sequential caller's own budget never ends its call early.
        deadline_at: float | None = None
        if send_by is None:
            send_by = self.clock.now() + max_wait
        retries = 0
        reached_server = False
        # Set when a retry follows a failure whose effect is unknown (the request reached the
        # server, then the connection or the server failed): the answer we return may come from
        # a replay of work already done, which callers such as imports want to know.
        replayed_after_ambiguity = False

        while True:
            if to_api:
                if deadline_at is None:
                    may_wait = max(0.0, send_by - self.clock.now())
                else:
                    may_wait = min(max_wait, max(0.0, deadline_at - self.clock.now()))
                yield from self._wait_for_budget(key, method, path, may_wait)
            if deadline_at is None:
                deadline_at = self.clock.now() + policy.deadline
            # Time left for this attempt's network waits. The clock may be virtual (tests), so
            # the time spent on the wire is measured on the real one below.
            budget = deadline_at - self.clock.now()
            _cap_timeouts(request, budget)
            self._log_request(request)
            started = time.monotonic()
            slot_at = self.clock.now()
            body: bytes | None = None
            response: httpx.Response | None = None
            try:
                try:
                    response = yield _Send(request, budget)
                finally:
                    if to_api:
                        self._observe_delay(key, slot_at)
                assert response is not None
                status = response.status_code
                # Error bodies become exceptions and good bodies are checked to parse. Every
                # answer of the API is read here, within the deadline: a body left to httpx
                # (a redirect's, say) would be read with no bound on its total time.
                is_error = status >= 400 or not is_standard_status(status)
                if is_error or expect_json:
                    body = yield _Read(response, budget - (time.monotonic() - started))
            except httpx.TransportError as failure:
                reached_server = reached_server or not never_reached_server(failure)
                out_of_time = isinstance(failure, httpx.TimeoutException) and (
                    time.monotonic() - started >= budget - _DEADLINE_SLACK
                )
                delay: float | None = None
                if (
                    not out_of_time
                    and replayable
                    and should_retry(
                        method, path, failure, retries, policy=policy, idempotent=idempotent
                    )
                ):
                    delay = backoff_delay(
                        retries, self.rng, base=policy.backoff_base, cap=policy.backoff_cap
                    )
                    if self.clock.now() + delay > deadline_at:
                        delay = None
                if delay is None:
                    deadline = policy.deadline if out_of_time else None
                    raise self._connection_error(
                        failure, method, path, reached_server, retries, deadline
                    ) from failure
                self._log_retry(method, path, retries, policy, delay=delay, why=_describe(failure))
                replayed_after_ambiguity |= not never_reached_server(failure)
                yield _Sleep(delay)
                retries += 1
                continue
            except httpx.DecodingError as failure:  # a body whose Content-Encoding lies
                scrub_exception_chain(failure)
                raise _undecodable(method, path, response, failure) from failure

            self._log_response(method, path, response, body, time.monotonic() - started)
            if status < 400 and is_standard_status(status):
                if body is not None and _may_have_body(method, status):
                    response.elapsed = datetime.timedelta(seconds=time.monotonic() - started)
                    self._check_json(method, path, response, body)
                if replayed_after_ambiguity:
                    response.headers[REPLAYED_HEADER] = "true"
                return response

            if status != 429:  # a 429 is refused before the server does anything
                reached_server = True
            retry_after = retry_after_from_headers(response.headers, self.clock.wall())
            if status == 429:
                refusal = self._status_error(method, path, response, body or b"")
                if isinstance(refusal, LinkedInLimitError):
                    # LinkedIn's cap of one LinkedIn account, not the API budget: the key's other
                    # calls go on, and a retry could only meet the same cap.
                    raise refusal
                if retry_after is not None and to_api:
                    self.limiter.pause(key, retry_after)
            if replayable and should_retry(
                method, path, status, retries, policy=policy, idempotent=idempotent
            ):
                remaining = deadline_at - self.clock.now()
                if retry_after is not None:
                    # Never sooner than the server asked; never a silent wait past max_wait.
                    delay = retry_after
                    if retry_after > max_wait or retry_after > remaining:
                        delay = None
                else:
                    delay = backoff_delay(
                        retries, self.rng, base=policy.backoff_base, cap=policy.backoff_cap
                    )
                    if delay > remaining:
                        delay = None
                if delay is not None:
                    self._log_retry(
                        method, path, retries, policy, delay=delay, why=_describe_status(status)
                    )
                    if status == 429 and retry_after is not None:
                        self._announce_pause(key, method, path, delay)
                    replayed_after_ambiguity |= status >= 500
                    yield _Sleep(delay)
                    retries += 1
                    continue
            raise self._status_error(method, path, response, body or b"")

    def _observe_delay(self, key: str, slot_at: float) -> None:
        # Tell the limiter how late this send may have reached the server (see Limiter.observe);
        # limiters written before `observe` existed simply do not learn.
        observe = getattr(self.limiter, "observe", None)
        if observe is not None:
            observe(key, self.clock.now() - slot_at)

    def _policy(self, request: httpx.Request) -> RetryPolicy:
        override = request.extensions.get(EXT_RETRY)
        return override if isinstance(override, RetryPolicy) else self.retry

    def _max_wait(self, policy: RetryPolicy) -> float:
        """The longest single wait `policy` accepts (None: the budget's longest, see
        `RateLimitPolicy.longest_wait`)."""
        return self.default_max_wait if policy.max_wait is None else policy.max_wait

    def _deadline_at(self, request: httpx.Request) -> float:
        """When a call that starts sending now must have its answer."""
        return self.clock.now() + self._policy(request).deadline

    # -- whose budget ---------------------------------------------------------------------------

    def _budget_of(
        self, request: httpx.Request, send_by: float
    ) -> Generator[_Step, Any, tuple[str, Resolution | None]]:
        """The budget key `request` spends, and the resolution it must settle when it is itself
        the whoami that finds the key's user (see `budget.py`). Waiting for another request to
        find it ends by `send_by`, the latest moment the call's first send may leave."""
        forced = request.extensions.get(_EXT_BUDGET)
        if isinstance(forced, str):
            return forced, None
        if self.explicit_budget is not None:
            return self.explicit_budget, None
        acting_id = request.headers.get(_USER_ID_HEADER, "").strip()
        if acting_id.isascii() and acting_id.isdigit():
            return _budget_key_of(self.origin, user_id=int(acting_id)), None
        if self.rate_limit is None:
            return self.limiter_key, None  # no proactive limit: nothing worth a lookup
        email = request.headers.get(_USER_EMAIL_HEADER, "").strip().lower()
        credential = (str(self.origin), self.limiter_key, email)
        while True:
            verdict, resolution = identities.claim(credential)
            if verdict == "settled":
                return resolution.key or self.limiter_key, None
            if verdict == "wait":
                remaining = send_by - self.clock.now()
                answered = remaining > 0 and (yield _AwaitIdentity(resolution, remaining))
                if not answered:
                    return self.limiter_key, None
                continue
            from reply_contact_data_client.contract import Operations  # only once a key resolves

            if Operations.who_am_i.matches(request.method, request.url.path):
                return self.limiter_key, resolution
            return (yield from self._resolve(request, resolution, send_by))

    def _resolve(
        self, request: httpx.Request, resolution: Resolution, send_by: float
    ) -> Generator[_Step, Any, tuple[str, None]]:
        """Ask whoami whose budget this key spends, under the key's provisional budget.

        The lookup is a call of its own under the caller's retry policy, except that its wait
        for a slot is what is left of the caller's (it too must leave by `send_by`)."""
        from reply_contact_data_client.api.identity import who_am_i

        spec = who_am_i.build_request()
        acting = {
            name: value
            for name, value in request.headers.items()
            if name.lower() in (_USER_EMAIL_HEADER.lower(), _TEAM_HEADER.lower())
        }
        policy = dataclasses.replace(
            self._policy(request), max_wait=max(0.0, send_by - self.clock.now())
        )
        probe = httpx.Request(
            spec["method"].upper(),
            str(self.origin).rstrip("/") + spec["url"],
            headers=acting,
            extensions={
                _EXT_BUDGET: self.limiter_key,
                EXT_RETRY: policy,
                "timeout": request.extensions.get("timeout", {}),
            },
        )
        deadline_at = self._deadline_at(probe)
        try:
            response = yield from self._plan(probe)
        except APIError as refused:
            if refused.status is not None and 400 <= refused.status < 500 and refused.status != 429:
                # The key is refused (revoked, no acting user...): it keeps its own budget, and
                # the call itself will meet its own refusal.
                identities.settle(resolution, self.limiter_key)
            else:
                identities.abandon(resolution)
            return self.limiter_key, None
        except ReplyError:
            identities.abandon(resolution)  # unreachable or odd for now: try again next time
            return self.limiter_key, None
        except BaseException:
            identities.abandon(resolution)
            raise
        return (yield from self._learn(resolution, probe, response, deadline_at)), None

    def _learn(
        self,
        resolution: Resolution,
        asked: httpx.Request,
        response: httpx.Response,
        deadline_at: float,
    ) -> Generator[_Step, Any, str]:
        """Settle the key's budget from a whoami answer, and charge that whoami to it (waiting
        for a slot no longer than the whoami's call may still take, `deadline_at`)."""
        user_id = _user_in_whoami(response)
        if user_id is None:
            # The server answered without naming a user: asking again would not tell more.
            identities.settle(resolution, self.limiter_key)
            return self.limiter_key
        key = _budget_key_of(self.origin, user_id=user_id)
        identities.settle(resolution, key)
        if self.rate_limit is not None:
            remaining = max(0.0, deadline_at - self.clock.now())
            # The server counted the whoami against this user: so does the limiter. A budget
            # too full for that within the call's time: the user's next request waits anyway.
            path = scrub(asked.url.path)
            within = min(self._max_wait(self._policy(asked)), remaining)
            with contextlib.suppress(RateLimitError):
                yield _Acquire(key, within, asked.method, path)
        return key

    def _wait_for_budget(
        self, key: str, method: str, path: str, max_wait: float
    ) -> Generator[_Step, Any, None]:
        """Take a rate-limit slot (or, without proactive limiting, sit out a shared 429 pause)."""
        if self.rate_limit is None:
            pause = self.limiter.paused_for(key)
            if pause <= 0:
                return
            if pause > max_wait:
                raise self._budget_error(method, path, pause, max_wait, None)
            self._announce_pause(key, method, path, pause)
            yield _Sleep(pause)
            return
        try:
            yield _Acquire(key, max_wait, method, path)
        except RateLimitError as exc:
            if exc.status is not None or exc.method:
                raise
            raise self._budget_error(method, path, exc.retry_after, max_wait, exc) from exc

    def _announce_pause(self, key: str, method: str, path: str, seconds: float) -> None:
        """A wait the transport does itself (a 429's Retry-After): logged and announced."""
        event = BudgetWait(key, seconds, PAUSE_WINDOW)
        self._log_budget_wait(method, path, event)
        announce_budget_wait(event)

    # -- outcomes ---------------------------------------------------------------------------------

    def _check_json(self, method: str, path: str, response: httpx.Response, body: bytes) -> None:
        if not body.strip():
            return
        try:
            json.loads(body)
        except (ValueError, RecursionError):
            pass
        else:
            return
        status = response.status_code
        content_type = response.headers.get("content-type")
        text = scrub(body.decode("utf-8", errors="replace"))
        snippet = text[:200] + ("..." if len(text) > 200 else "")
        raise DecodeError(
            f"{status} {response.reason_phrase} on {method} {path}: expected a JSON body, got"
            f" {content_type or 'no content type'}: {snippet}",
            status=status,
            method=method,
            path=path,
            headers=redact_headers(response.headers.multi_items()),
            body=text[:2048],
            content_type=content_type,
        )

    def _status_error(
        self, method: str, path: str, response: httpx.Response, body: bytes
    ) -> ReplyError:
        text = body.decode("utf-8", errors="replace")
        clean = scrub(text)
        if clean != text:
            body = clean.encode("utf-8")
        headers = {name: scrub(value) for name, value in response.headers.multi_items()}
        return error_from_response(
            method, path, response.status_code, headers, body, now_wall=self.clock.wall()
        )

    def _connection_error(
        self,
        failure: httpx.TransportError,
        method: str,
        path: str,
        reached: bool,
        retries: int,
        deadline: float | None = None,
    ) -> APIConnectionError:
        scrub_exception_chain(failure)
        attempts = f"{retries + 1} attempt" + ("s" if retries else "")
        fate = "may have reached" if reached else "never reached"
        message = f"{_describe(failure)} on {method} {path} (after {attempts}; the request {fate}"
        message += " the server"
        if deadline is not None:
            message += f"; the call's deadline of {deadline:g}s passed"
        message += ")"
        timed_out = isinstance(failure, httpx.TimeoutException)
        error_class = APITimeoutError if timed_out else APIConnectionError
        return error_class(scrub(message), method=method, path=path, maybe_applied=reached)

    def _budget_error(
        self,
        method: str,
        path: str,
        wait: float | None,
        max_wait: float,
        cause: RateLimitError | None,
    ) -> RateLimitError:
        window = PAUSE_WINDOW if cause is None else (cause.window or "")
        if cause is None:
            reason = "the pause after a 429 from the server"
        elif window and self.rate_limit is not None:
            reason = f"the rate limit ({describe_window(window, self.rate_limit)})"
        else:
            reason = "the rate-limit budget"
        when = f"{wait:.2f}s" if wait is not None else "an unknown time"
        return RateLimitError(
            f"Not sending {method} {path}: {reason} of this API key needs {when},"
            f" longer than the {max_wait:g}s this call may wait",
            retry_after=wait,
            window=window or None,
            method=method,
            path=path,
        )

    # -- logging ----------------------------------------------------------------------------------

    def _log_request(self, request: httpx.Request) -> None:
        if self.logger.isEnabledFor(logging.DEBUG):
            self.logger.debug(
                "request %s %s headers=%s",
                request.method,
                redact_url(request.url),
                redact_headers(request.headers.multi_items()),
            )

    def _log_response(
        self,
        method: str,
        path: str,
        response: httpx.Response,
        body: bytes | None,
        elapsed: float,
    ) -> None:
        if not self.logger.isEnabledFor(logging.DEBUG):
            return
        snippet = ""
        if body:
            snippet = ": " + body[:_LOG_SNIPPET].decode("utf-8", errors="replace")
        self.logger.debug(
            "response %s for %s %s in %.3fs%s",
            _describe_status(response.status_code),
            method,
            path,
            elapsed,
            snippet,
        )

    def _log_retry(
        self, method: str, path: str, retries: int, policy: RetryPolicy, *, delay: float, why: str
    ) -> None:
        self.logger.info(
            "retrying %s %s (attempt %d/%d) in %.2fs: %s",
            method,
            path,
            retries + 2,
            policy.max_retries + 1,
            delay,
            why,
        )

    def _log_budget_wait(self, method: str, path: str, event: BudgetWait) -> None:
        # Logged before the wait starts, so a long silence is explained while it lasts. The
        # record carries the event, so a handler that shows waits its own way can skip it.
        level = logging.INFO if event.seconds >= NOTICEABLE_WAIT else logging.DEBUG
        if event.seconds > 0 and self.logger.isEnabledFor(level):
            self.logger.log(
                level,
                "%s before %s %s",
                event.describe(),
                method,
                path,
                extra={BUDGET_WAIT_RECORD: event},
            )


def _undecodable(
    method: str, path: str, response: httpx.Response | None, failure: httpx.DecodingError
) -> DecodeError:
    status = response.status_code if response is not None else None
    headers = response.headers if response is not None else httpx.Headers()
    return DecodeError(
        f"{status or 'Response'} on {method} {path}: the body could not be decoded"
        f" ({scrub(str(failure))})",
        status=status,
        method=method,
        path=path,
        headers=redact_headers(headers.multi_items()),
        content_type=headers.get("content-type"),
    )


def error_from_client_failure(failure: httpx.HTTPError, request: httpx.Request) -> ReplyError:
    """The typed error for an httpx failure raised by the httpx client around this transport.

    The transport turns its own failures into ReplyErrors; the client can still fail on its
    own: a redirect loop (`follow_redirects=True`), or reading a body the transport left to it.
    """
    scrub_exception_chain(failure)
    method, path = request.method, scrub(request.url.path)
    if isinstance(failure, httpx.TooManyRedirects):
        return DecodeError(
            f"too many redirects on {method} {path}: the server keeps redirecting"
            f" (the next hop was {redact_url(failure.request.url)}); check base_url",
            method=method,
            path=path,
        )
    if isinstance(failure, httpx.TimeoutException):
        return APITimeoutError(f"{_describe(failure)} on {method} {path}", method=method, path=path)
    if isinstance(failure, httpx.TransportError):
        return APIConnectionError(
            f"{_describe(failure)} on {method} {path}", method=method, path=path
        )
    return DecodeError(f"{_describe(failure)} on {method} {path}", method=method, path=path)


def _user_in_whoami(response: httpx.Response) -> int | None:
    """The user id of a whoami answer, read by the generated operation; None if it has none."""
    from reply_contact_data_client.api.identity import who_am_i
    from reply_contact_data_client.models import WhoAmI

    try:
        parsed = who_am_i.build_response(client=_parser_client(), response=response).parsed
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if not isinstance(parsed, WhoAmI):
        return None
    user_id = parsed.user_id
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id < 1:
        return None
    return user_id


@functools.cache
def _parser_client() -> Any:
    """A generated `Client` for parsing only (its `raise_on_unexpected_status` stays False)."""
    from reply_contact_data_client import Client

    return Client(base_url="https://api.reply.io")


def _may_have_body(method: str, status: int) -> bool:
    return 200 <= status < 300 and status not in _NO_BODY_STATUSES and method != "HEAD"


def _expects_json(request: httpx.Request) -> bool:
    explicit = request.extensions.get(EXT_EXPECT_JSON)
    if isinstance(explicit, bool):
        return explicit
    accept = request.headers.get("Accept")
    if accept is None:
        return True
    accept = accept.lower()
    return "json" in accept or "*/*" in accept


def _cap_timeouts(request: httpx.Request, remaining: float) -> None:
    """No single network wait may outlast the call's deadline."""
    timeouts = request.extensions.get("timeout")
    if not isinstance(timeouts, dict):
        return
    remaining = max(remaining, 0.001)
    request.extensions["timeout"] = {
        phase: remaining if value is None else min(value, remaining)
        for phase, value in timeouts.items()
    }


def _describe_status(status: int) -> str:
    if is_standard_status(status):
        return f"{status} {httpx.codes.get_reason_phrase(status)}"
    return f"{status} (non-standard status)"


def _describe(failure: BaseException) -> str:
    text = scrub(str(failure))
    return f"{type(failure).__name__}: {text}" if text else type(failure).__name__


def build_transport(
    *,
    api_key: str,
    base_url: str | None = None,
    **options: Any,
) -> ReplyTransport:
    """Build the transport stack for `base_url`, refusing an insecure URL up front.

    `options` are `ReplyTransport`'s keyword arguments (inner transports, acting user, limiter,
    rate_limit, retry, clock, rng, logger, user_agent).
    """
    base_url = base_url or default_base_url()
    ensure_secure_url(base_url)
    return ReplyTransport(api_key=api_key, base_url=base_url, **options)


def _deadline_transports() -> Any:
    """The httpcore-backed pools, imported with the first one (not when a client is built)."""
    from reply_contacts.transport import deadline

    return deadline
