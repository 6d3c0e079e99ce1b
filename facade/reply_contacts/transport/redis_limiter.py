"""`RedisLimiter`: one rate-limit budget per key for every process and machine using a Redis.

Reply counts 100 requests/minute and 3,000/hour per user, across every client of that user. An
in-process limiter cannot see the workers on other machines; this one keeps the budget in Redis
(one server, a Cluster, or a primary behind Sentinel: `redis_connect`), with the same semantics
as `InMemoryLimiter` (both sliding windows, FIFO slot reservation, a reservation counts as a
send, a 429 pause that only extends).

How a caller gets its slot: one Lua script (`redis_scripts.RESERVE`), run atomically by Redis,
reads the server clock, forgets send times that can no longer fall inside a window, and computes
the earliest time at which both windows have room given the send times already reserved for the
key (and not before the key's 429 pause ends). It records that slot and returns it with the
server's "now". Redis runs scripts one at a time, so script order is the queue, across threads,
processes and machines. A slot further away than the caller's `max_wait` is not recorded; the
caller gets `RateLimitError(retry_after=...)` instead.

A caller with a slot ahead sleeps until one Redis round trip before it and asks again: if a 429
pause began meanwhile the reservation moves past the pause, else the caller goes at the slot.
Asking a round trip early means a send leaves half a round trip after its slot whether it had to
wait or not, so the round trip itself does not eat into `margin`.

How the margin relates to the round trip: the server counts a request when it arrives; the
limiter spaces *slots*. Each send reaches the server some delay after its slot (half a Redis
round trip for the reply carrying the slot, thread wake-up, the HTTP request's own latency). Two
sends a window apart stay a window apart at the server as long as their delays differ by less
than `margin`. So the margin must cover the *spread* of those delays (the jitter of the Redis
round trip plus that of the API request), not the round trip: 50 ms to Redis and 100 ms to
the API with a few ms of jitter each are covered by a margin of 0.1 s; the default 0.25 s leaves
room. The transport also widens the margin by the slot-to-answer delays it observes.

When Redis fails, the limiter fails fast: each call gives up after `timeout` (default 1 s),
a circuit breaker then sends callers straight to `on_unavailable` (raise, or this process's
share of the budget) while a background thread probes Redis every `probe_interval`; nobody
waits on a Redis that is known to be down. When Redis is back, what it missed is re-published
first (`redis_fallback.Ledger`): sends made in the fallback, and sends a failover lost (each
instance notices that its own latest reservation is gone). After sends Redis did not see, new
reservations are held for `probe_interval + timeout` so that every instance has re-published
its own before the budget is handed out again: no 429 burst after recovery.

Two things the store cannot do for the caller. Redis's clock should be slewed, not stepped (NTP
does so): a jump forward shortens the windows once; the same goes for a failover to a machine
whose clock is off. And a reservation lost in a failover by an instance that does not call again
soon (all its callers asleep until far slots) is re-published only when it next calls.

Why not `limits` or `pyrate-limiter` (both have Redis backends, checked first): both answer
"may I send now?" and record a hit at the current time; a caller that is refused sleeps and asks
again. Neither can reserve a *future* slot under both windows in one atomic step, so waiting
callers race on every retry (no FIFO: a process can starve), and a limit of N lets N callers
through but the rest poll. `pyrate-limiter`'s `RedisBucket` also stamps items with each
client's own clock (`time_ns`), so skewed machines disagree about the windows. The client side
(EVALSHA with a SCRIPT LOAD fallback, Cluster routing by key) is redis-py's `register_script`.
"""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import Any, Literal

try:
    import redis
    import redis.asyncio
    import redis.cluster
    import redis.exceptions
except ImportError as missing:  # an optional dependency: say how to get it
    raise ImportError(
        "RedisLimiter needs redis-py: pip install 'reply-contacts[redis]'"
    ) from missing

from reply_contacts.errors import RateLimitError, ReplyError
from reply_contacts.transport.clock import Clock, SystemClock
from reply_contacts.transport.logging import get_logger
from reply_contacts.transport.ratelimit import (
    MAX_OBSERVED_DELAY,
    DelayTracker,
    InMemoryLimiter,
    RateLimitPolicy,
)
from reply_contacts.transport.redaction import register_secret, scrub, scrub_exception_chain
from reply_contacts.transport.redis_breaker import CircuitBreaker
from reply_contacts.transport.redis_connect import (
    DEFAULT_TIMEOUT,
    AsyncClient,
    RedisAddress,
    SyncClient,
    describe_client,
    parse_redis_url,
    safe_redis_url,
    url_secrets,
)
from reply_contacts.transport.redis_fallback import Ledger, ServerTime, fallback_limiter
from reply_contacts.transport.redis_scripts import (
    PAUSE,
    PAUSED_UNTIL,
    RESERVE,
    RESTORE,
    BudgetKeys,
    Usage,
    Verdict,
    budget_keys,
    text,
)

__all__ = [
    "DEFAULT_PROBE_INTERVAL",
    "DEFAULT_TIMEOUT",
    "LimiterUnavailableError",
    "OnUnavailable",
    "RedisLimiter",
    "safe_redis_url",
]

OnUnavailable = Literal["raise", "local"]

DEFAULT_NAMESPACE = "reply-contacts"
DEFAULT_PROBE_INTERVAL = 1.0

# Larger waits are capped before they reach Lua (whose numbers are doubles without infinity
# literals); a century is "never" for any caller.
_FOREVER = 3.0e9
# A "lost" verdict is answered by re-publishing; should Redis keep saying so, stop asking.
_RESTORES_PER_CALL = 2

# What "Redis is unavailable" means here: it cannot be reached, times out, refuses us (auth,
# OOM, read-only replica, cluster down) or answers nonsense. Any of them leaves the shared
# budget unusable.
_UNAVAILABLE = (redis.exceptions.RedisError, OSError)


class LimiterUnavailableError(ReplyError):
    """The shared rate limiter's Redis cannot be used, and the limiter may not fall back.

    `url` is the Redis URL with any password masked. Raised by `RedisLimiter` with
    `on_unavailable="raise"` (the default); no request was sent.
    """

    _repr_fields = ("url",)

    def __init__(self, message: str, *, url: str) -> None:
        self.url = url
        super().__init__(message)


@dataclass(frozen=True)
class _Scripts:
    reserve: Any  # redis.commands.core.Script or AsyncScript (untyped in redis-py)
    pause: Any
    paused_until: Any
    restore: Any


@dataclass(frozen=True)
class _AsyncBackend:
    client: AsyncClient
    scripts: _Scripts
    closer: AsyncGenerator[None, None]


# The steps of `_acquire_plan`, performed by the sync or the async driver.
@dataclass(frozen=True)
class _Reserve:
    key: str
    args: list[str]


@dataclass(frozen=True)
class _Restore:
    key: str
    hold: bool  # hold new reservations while the fleet re-publishes


@dataclass(frozen=True)
class _Sleep:
    seconds: float


@dataclass(frozen=True)
class _Fallback:
    key: str
    max_wait: float


_Step = _Reserve | _Restore | _Sleep | _Fallback


async def _close_at_loop_shutdown(client: AsyncClient) -> AsyncGenerator[None, None]:
    """Parked until its event loop shuts down, then closes `client` while the loop still runs.

    A started async generator is registered with its loop, and `loop.shutdown_asyncgens()`
    (which `asyncio.run` and `asyncio.Runner` call on the way out) closes it, running this
    `finally`. Per-loop connections thus end with their loop even when nobody calls `aclose`.
    """
    try:
        yield
    finally:
        await client.aclose()


def _register(client: SyncClient | AsyncClient) -> _Scripts:
    # register_script: EVALSHA, falling back to SCRIPT LOAD when the server lacks the script;
    # on a Cluster, sent to the shard that owns the keys.
    return _Scripts(
        client.register_script(RESERVE),
        client.register_script(PAUSE),
        client.register_script(PAUSED_UNTIL),
        client.register_script(RESTORE),
    )


class RedisLimiter:
    """The `Limiter` for many processes and machines: one budget per key, kept in Redis.

    `redis_url_or_client` is a URL or a synchronous redis-py client:

    * one server: ``redis://[[user]:password@]host:port/db``, ``rediss://`` for TLS (add
      ``?ssl_ca_certs=/path/ca.crt`` for a private CA), ``unix:///path``, or a `redis.Redis`;
    * Redis Cluster: ``redis+cluster://host:port[,host:port...]`` (``rediss+cluster://``), or a
      `redis.cluster.RedisCluster`;
    * Sentinel: ``redis+sentinel://host:port[,host:port...]/service[/db]``
      (``rediss+sentinel://``), or ``Sentinel([...]).master_for("service")``.

    From a URL the limiter lazily builds a synchronous client for `acquire`, `pause` and
    `paused_for`, and one asyncio client per event loop for `acquire_async`; each Redis call
    gives up after `timeout` seconds (connecting included; default 1 s). A client passed in
    serves both (async callers run its calls in a worker thread), keeps its own timeouts (give
    it ``socket_timeout`` and ``socket_connect_timeout``, or a stuck Redis blocks callers for as
    long as the OS lets it) and is not closed by `close`. Every process must use the same
    `policy` and `namespace` for a key to share its budget.

    When Redis cannot be used, `on_unavailable` decides, at once for every call until a
    background probe (every `probe_interval` seconds) finds Redis back:

    * ``"raise"`` (default): `LimiterUnavailableError`, naming the URL (password masked) and
      what to do; no request goes out uncounted. A shared budget that silently turns into one
      budget per process is how a fleet of workers earns itself 429s, so the safe default is to
      stop and say so.
    * ``"local"``: log one WARNING and fall back to this process's share of what the fleet
      left of the budget (1/N of it, N the limiters that used the budget within the longest
      window, as Redis last said; see `redis_fallback`): cautious for the first window (the
      fleet's reserved sends count until a window after the latest of them), then 1/N of the
      whole budget. Choose this when availability matters more than never seeing a 429.

    Either way a slot already reserved in Redis is kept, and Redis's return is logged at INFO
    after it has been told what it missed.

    `clock` serves the sleeps and the caller's elapsed time; the windows always run on Redis's
    `TIME`, so a virtual clock does not make Redis time virtual. Limiter keys are stored as
    given (`redis_scripts.budget_keys`): the transport passes a fingerprint, never a secret.
    """

    def __init__(
        self,
        redis_url_or_client: str | SyncClient,
        policy: RateLimitPolicy | None = None,
        *,
        namespace: str = DEFAULT_NAMESPACE,
        on_unavailable: OnUnavailable = "raise",
        clock: Clock | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        probe_interval: float = DEFAULT_PROBE_INTERVAL,
    ) -> None:
        if on_unavailable not in ("raise", "local"):
            raise ValueError(f"on_unavailable must be 'raise' or 'local', not {on_unavailable!r}")
        if not namespace:
            raise ValueError("namespace must not be empty")
        if not timeout > 0 or not probe_interval > 0:
            raise ValueError("timeout and probe_interval must be positive numbers of seconds")
        self.policy = policy or RateLimitPolicy()
        self.namespace = namespace
        self.on_unavailable: OnUnavailable = on_unavailable
        self.clock: Clock = clock or SystemClock()
        self.timeout = timeout
        self.probe_interval = probe_interval
        self._lock = threading.Lock()
        self._delays = DelayTracker()
        self._address: RedisAddress | None = None
        self._client: SyncClient | None = None
        self._owns_client = False
        self._scripts: _Scripts | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _AsyncBackend] = (
            weakref.WeakKeyDictionary()
        )
        self._instance = uuid.uuid4().hex  # this limiter in Redis's count of the fleet
        longest = max(self.policy.minute_window, self.policy.hour_window)
        self._ledger = Ledger(
            horizon=longest + self.policy.margin + MAX_OBSERVED_DELAY,
            keep=max(self.policy.per_minute, self.policy.per_hour),
        )
        self._server = ServerTime()
        self._breaker = CircuitBreaker(probe_interval, self._probe)
        self._fallbacks: dict[str, InMemoryLimiter] = {}
        self._failed_key = ""  # the budget the last failure was about: what the probe asks for
        if isinstance(redis_url_or_client, str):
            self._address = parse_redis_url(redis_url_or_client)
            for secret in url_secrets(redis_url_or_client):
                register_secret(secret)  # masked in every log line and error from now on
            self.display_url = safe_redis_url(redis_url_or_client)
        elif isinstance(redis_url_or_client, redis.Redis | redis.cluster.RedisCluster):
            self._client = redis_url_or_client
            self.display_url = describe_client(redis_url_or_client)
        else:
            raise TypeError(
                "RedisLimiter needs a Redis URL, a redis.Redis (Sentinel's master_for gives one)"
                " or a redis.cluster.RedisCluster (pause and paused_for are synchronous, so an"
                " asyncio client alone cannot serve them), not"
                f" {type(redis_url_or_client).__name__}"
            )

    def __repr__(self) -> str:
        return (
            f"RedisLimiter({self.display_url!r}, {self.policy!r}, namespace={self.namespace!r},"
            f" on_unavailable={self.on_unavailable!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable when built from a URL, so a limiter can be handed to worker processes (each
        # opens its own connections).
        if self._address is None:
            raise TypeError("a RedisLimiter built from a client object cannot be pickled")
        options = (
            self.namespace,
            self.on_unavailable,
            self.clock,
            self.timeout,
            self.probe_interval,
        )
        return (_rebuild, (self._address.url, self.policy, *options))

    @property
    def available(self) -> bool:
        """False while Redis is known to be unavailable (callers raise or fall back at once)."""
        return not self._breaker.is_open

    # -- the Limiter protocol --------------------------------------------------------------------

    def acquire(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        plan = self._acquire_plan(key, max_wait)
        step = _resume(plan, None, None)
        while step is not None:
            try:
                outcome, failure = self._perform(step), None
            except _UNAVAILABLE as exc:  # Redis failed: the plan decides what follows
                outcome, failure = None, exc
            step = _resume(plan, outcome, failure)
        return self.clock.now() - started

    async def acquire_async(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        plan = self._acquire_plan(key, max_wait)
        step = _resume(plan, None, None)
        while step is not None:
            try:
                outcome, failure = await self._perform_async(step), None
            except _UNAVAILABLE as exc:
                outcome, failure = None, exc
            step = _resume(plan, outcome, failure)
        return self.clock.now() - started

    def pause(self, key: str, seconds: float) -> None:
        if not self._breaker.is_open:
            try:
                reply = self._timed(
                    lambda s: s.pause(keys=[self._keys(key).pause], args=[_seconds(seconds)])
                )
            except _UNAVAILABLE as exc:
                self._failed(key, exc)
            else:
                self._ledger.pause(key, float(text(reply[0])))
                return
        self._raise_if_strict()
        self._fallback(key).pause(key, seconds)
        self._ledger.pause_local(key, self.clock.now() + max(0.0, seconds))

    def paused_for(self, key: str) -> float:
        if not self._breaker.is_open:
            try:
                reply = self._timed(lambda s: s.paused_until(keys=[self._keys(key).pause]))
            except _UNAVAILABLE as exc:
                self._failed(key, exc)
            else:
                paused_until, now = float(text(reply[0])), float(text(reply[1]))
                self._ledger.pause(key, paused_until)
                return max(0.0, paused_until - now)
        self._raise_if_strict()
        return self._fallback(key).paused_for(key)

    def observe(self, key: str, seconds: float) -> None:
        """Widen this process's margin by recent slot-to-answer delays (see Limiter.observe)."""
        self._delays.observe(key, seconds)

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop probing, close the synchronous connections this limiter opened (not a client
        passed in)."""
        self._breaker.stop()
        with self._lock:
            client = self._client if self._owns_client else None
            if client is not None:
                self._client, self._scripts, self._owns_client = None, None, False
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """`close`, and the asyncio connections this limiter opened for the running loop."""
        self.close()
        with self._lock:
            backend = self._async.pop(asyncio.get_running_loop(), None)
        if backend is not None:
            await backend.closer.aclose()

    # -- acquiring: one plan for both drivers ----------------------------------------------------

    def _acquire_plan(self, key: str, max_wait: float) -> Generator[_Step, Any, None]:
        slept = 0.0  # only time spent asleep counts against max_wait, not the round trips
        previous, previous_slot = "", 0.0  # the caller's reservation in Redis, once it has one
        restores = 0
        while True:
            if self._breaker.is_open:
                if previous:  # a slot reserved in Redis stands, whatever Redis does now
                    yield _Sleep(self._server.to_local(previous_slot) - self.clock.now())
                    return
                self._raise_if_strict()
                yield _Fallback(key, max(0.0, max_wait - slept))
                return
            try:
                if self._ledger.unpublished(key):  # Redis was away: tell it first
                    yield _Restore(key, hold=True)
                verdict: Verdict = yield _Reserve(
                    key, self._reserve_args(key, max_wait - slept, previous, restores)
                )
            except _UNAVAILABLE as exc:
                self._failed(key, exc, holding_slot=bool(previous))
                continue
            if previous and verdict.member != previous:
                self._ledger.drop(key, previous)  # released by Redis: moved, or too late
            self._ledger.note_usage(key, verdict.usage)
            if verdict.kind == "lost":
                restores += 1
                try:
                    yield _Restore(key, hold=True)
                except _UNAVAILABLE as exc:
                    self._failed(key, exc, holding_slot=bool(previous))
                continue
            if verdict.kind == "late" or (
                verdict.kind == "hold" and slept + verdict.wait > max_wait
            ):
                raise _too_long(verdict.wait, max_wait)
            if verdict.kind == "hold":
                yield _Sleep(verdict.wait)
                slept += verdict.wait
                continue
            self._ledger.record(key, verdict.member, verdict.slot, verdict.now)
            if verdict.kind == "go":
                if verdict.wait > 0:
                    yield _Sleep(verdict.wait)
                return
            # "wait": come back one round trip before the slot, to be told "go" right at it.
            previous, previous_slot = verdict.member, verdict.slot
            nap = max(0.0, verdict.wait - self._server.round_trip)
            yield _Sleep(nap)
            slept += nap

    def _reserve_args(self, key: str, remaining: float, previous: str, restores: int) -> list[str]:
        policy = self.policy
        witness, witness_score = (
            self._ledger.witness(key) if restores < _RESTORES_PER_CALL else ("", 0.0)
        )
        return [
            str(policy.per_minute),
            str(policy.per_hour),
            repr(float(policy.minute_window)),
            repr(float(policy.hour_window)),
            repr(self._margin(key)),
            _seconds(remaining),
            uuid.uuid4().hex,  # unique across processes: names this reservation
            previous,
            f"{self._instance}.{os.getpid()}",  # a forked child is another member of the fleet
            witness,
            repr(witness_score),
        ]

    def _restore_args(
        self, key: str, hold: bool
    ) -> tuple[list[str], list[tuple[str, float]]] | None:
        """RESTORE's arguments for `key` and the local sends they publish (in server time);
        None when there is nothing to tell Redis."""
        server_now = self._server.to_server(self.clock.now())
        local = [
            (member, self._server.to_server(at)) for member, at in self._ledger.local_sends(key)
        ]
        paused_until, local_paused_until = self._ledger.paused_until(key)
        paused_until = max(paused_until, self._server.to_server(local_paused_until))
        pairs = self._ledger.sends(key, server_now) + local
        if not (pairs or hold or paused_until > server_now):
            return None
        policy = self.policy
        args = [
            repr(max(policy.minute_window, policy.hour_window) + self._margin(key)),
            str(max(policy.per_minute, policy.per_hour)),
            repr(max(0.0, paused_until)),
            repr(self.probe_interval + self.timeout if hold else 0.0),
        ]
        for member, slot in pairs:
            args += [member, repr(slot)]
        return args, local

    def _margin(self, key: str) -> float:
        return float(self._delays.margin(key, self.policy.margin))

    def _keys(self, key: str) -> BudgetKeys:
        return budget_keys(self.namespace, key)

    # -- performing the steps --------------------------------------------------------------------

    def _perform(self, step: _Step) -> Any:
        if isinstance(step, _Sleep):
            self.clock.sleep(step.seconds)
            return None
        if isinstance(step, _Fallback):
            self._fallback(step.key).acquire(step.key, max_wait=step.max_wait)
            self._sent_locally(step.key)
            return None
        if isinstance(step, _Restore):
            self._restore(step.key, step.hold)
            return None
        return self._reserve(step, self._sync_scripts())

    async def _perform_async(self, step: _Step) -> Any:
        if isinstance(step, _Sleep):
            await self.clock.asleep(step.seconds)
            return None
        if isinstance(step, _Fallback):
            await self._fallback(step.key).acquire_async(step.key, max_wait=step.max_wait)
            self._sent_locally(step.key)
            return None
        if self._address is None:  # a client was passed in: run its calls off the event loop
            return await asyncio.to_thread(self._perform, step)
        if isinstance(step, _Restore):
            return await asyncio.to_thread(self._restore, step.key, step.hold)
        scripts = await self._async_scripts()
        sent = self.clock.now()
        reply = await scripts.reserve(keys=self._keys(step.key).all(), args=step.args)
        return self._verdict(sent, reply)

    def _reserve(self, step: _Reserve, scripts: _Scripts) -> Verdict:
        sent = self.clock.now()
        return self._verdict(sent, scripts.reserve(keys=self._keys(step.key).all(), args=step.args))

    def _verdict(self, sent: float, reply: Any) -> Verdict:
        verdict = _parse_verdict(reply)
        self._server.observe(sent, self.clock.now(), verdict.now)
        return verdict

    def _restore(self, key: str, hold: bool) -> None:
        restore = self._restore_args(key, hold)
        if restore is not None:
            args, local = restore
            self._sync_scripts().restore(keys=self._keys(key).all(), args=args)
            self._ledger.published(key, local)

    def _timed(self, call: Callable[[_Scripts], Any]) -> Any:
        """`call(scripts)` for a script answering {..., server now}; learns the server's clock."""
        sent = self.clock.now()
        reply = call(self._sync_scripts())
        self._server.observe(sent, self.clock.now(), float(text(reply[1])))
        return reply

    def _sync_scripts(self) -> _Scripts:
        with self._lock:
            if self._scripts is None:
                if self._client is None:
                    assert self._address is not None
                    self._client = self._address.sync_client(self.timeout)
                    self._owns_client = True
                self._scripts = _register(self._client)
            return self._scripts

    async def _async_scripts(self) -> _Scripts:
        # redis.asyncio connections belong to the event loop that opened them: one client per
        # loop (a program may run several loops, e.g. one per asyncio.run).
        loop = asyncio.get_running_loop()
        with self._lock:
            backend = self._async.get(loop)
            if backend is not None:
                return backend.scripts
            assert self._address is not None
            client = self._address.async_client(self.timeout)
            closer = _close_at_loop_shutdown(client)
            backend = self._async[loop] = _AsyncBackend(client, _register(client), closer)
        await anext(closer)  # starts it, which registers it with the loop
        return backend.scripts

    # -- Redis unavailable -----------------------------------------------------------------------

    def _fallback(self, key: str) -> InMemoryLimiter:
        """This outage's local limiter for `key`, started from what the ledger knows."""
        with self._lock:
            limiter = self._fallbacks.get(key)
            if limiter is None:
                limiter = self._fallbacks[key] = fallback_limiter(
                    self.policy, key, self._ledger, self._server, self.clock
                )
            return limiter

    def _sent_locally(self, key: str) -> None:
        self._ledger.record_local(key, uuid.uuid4().hex, self.clock.now())

    def _failed(self, key: str, exc: BaseException, *, holding_slot: bool = False) -> None:
        """Open the breaker (logged once per outage); raise unless the caller may go on."""
        scrub_exception_chain(exc)
        reason = scrub(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        self._failed_key = key
        if self._breaker.trip(reason):
            if self.on_unavailable == "local":
                usage = self._ledger.usage(key)
                then = (
                    "falling back to this process's share of the budget"
                    f" (1/{usage.fleet if usage else 1} of what the fleet left)"
                )
            else:
                then = "requests fail with LimiterUnavailableError"
            get_logger().warning(
                "rate limit: Redis at %s is unavailable (%s); %s until it answers again"
                " (probed every %gs)",
                self.display_url,
                reason,
                then,
                self.probe_interval,
            )
        if not holding_slot:
            self._raise_if_strict(exc)

    def _raise_if_strict(self, cause: BaseException | None = None) -> None:
        if self.on_unavailable != "raise":
            return
        error = LimiterUnavailableError(
            f"The shared rate limiter cannot use Redis at {self.display_url}"
            f" ({self._breaker.reason}). Start Redis there or fix the URL given to RedisLimiter;"
            " or pass on_unavailable='local' to fall back to a per-process share of the budget"
            " while Redis is away.",
            url=self.display_url,
        )
        raise error from cause

    def _probe(self) -> None:
        """The breaker's background probe: is Redis back? Then tell it what it missed, and close."""
        key = self._failed_key
        try:
            self._timed(lambda s: s.paused_until(keys=[self._keys(key).pause]))
            for known in self._ledger.budgets():
                self._restore(known, hold=self._ledger.unpublished(known))
        except _UNAVAILABLE as exc:
            scrub_exception_chain(exc)
            return
        with self._lock:
            self._fallbacks.clear()
        if self._breaker.close():
            get_logger().info(
                "rate limit: Redis at %s is back; the budget is shared again", self.display_url
            )


def _rebuild(
    url: str,
    policy: RateLimitPolicy,
    namespace: str,
    on_unavailable: OnUnavailable,
    clock: Clock,
    timeout: float,
    probe_interval: float,
) -> RedisLimiter:
    return RedisLimiter(
        url,
        policy,
        namespace=namespace,
        on_unavailable=on_unavailable,
        clock=clock,
        timeout=timeout,
        probe_interval=probe_interval,
    )


def _parse_verdict(reply: Any) -> Verdict:
    kind = text(reply[0])
    if kind not in ("go", "wait", "late", "hold", "lost"):
        raise redis.exceptions.ResponseError(f"unexpected reply from the limiter script: {kind!r}")
    now = float(text(reply[2]))
    usage = Usage(now, int(reply[4]), float(text(reply[5])), int(reply[6]), int(reply[7]))
    return Verdict(kind, float(text(reply[1])), now, text(reply[3]), usage)


def _resume(
    plan: Generator[_Step, Any, None], outcome: Any, failure: BaseException | None
) -> _Step | None:
    """The plan's next step, given the last one's outcome or failure; None when it is done."""
    try:
        return plan.throw(failure) if failure is not None else plan.send(outcome)
    except StopIteration:
        return None


def _seconds(value: float) -> str:
    return repr(min(max(float(value), -_FOREVER), _FOREVER))


def _too_long(wait: float, max_wait: float) -> RateLimitError:
    return RateLimitError(
        f"Rate limit budget exhausted: the next request slot is {wait:.2f}s away,"
        f" longer than max_wait={max_wait:g}s",
        retry_after=wait,
    )
