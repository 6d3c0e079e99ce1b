"""`RedisLimiter`: one rate-limit budget per Reply user for every process and machine using a Redis.

Reply counts 100 requests/minute and 3,000/hour per user, across every client of that user. An
in-process limiter cannot see the workers on other machines; this one keeps the budget in Redis,
with the same semantics as `InMemoryLimiter` (both sliding windows, FIFO slot reservation, a
reservation counts as a send, a 429 pause that only extends).

How a caller gets its slot: one Lua script, run atomically by Redis, reads the server clock
(`TIME`, the single clock every machine agrees on, whatever their own clocks say), forgets send
times that can no longer fall inside a window, and computes the earliest time at which both
windows have room given the send times already reserved for the key (and not before the key's
429 pause ends). It records that slot and returns it with the server's "now"; the caller sleeps
`slot - now` locally. Redis runs scripts one at a time, so script order is the queue, across
threads, processes and machines. A slot further away than the caller's `max_wait` is not
recorded; the caller gets `RateLimitError(retry_after=...)` instead.

After the sleep the same script checks the slot once more: if a 429 pause began meanwhile, the
reservation is moved to the first slot after the pause (as `InMemoryLimiter` gives it back and
reserves again).

Two things the store cannot do for the caller. The policy's `margin` must cover how much later
than its slot a request can reach the server (thread wake-up, a fresh connection's TLS
handshake): sends that leave late bunch up against the next burst. And Redis's clock should be
slewed, not stepped (NTP does so): a jump forward shortens the windows once.

Storage per key (`<namespace>:{<key>}:sends`, `...:pause`; the braces keep both in one Redis
Cluster slot): a sorted set of reserved send times (server seconds), trimmed to the sends that
can still matter (inside the longest window, and at most the larger limit, since the slot
arithmetic only looks at the `per_minute`-th and `per_hour`-th latest) with a TTL that outlives
the latest reservation by one window; and the paused-until time, with a TTL at its end.

Why not `limits` or `pyrate-limiter` (both have Redis backends, checked first): both answer
"may I send now?" and record a hit at the current time; a caller that is refused sleeps and asks
again. Neither can reserve a *future* slot under both windows in one atomic step, so waiting
callers race on every retry (no FIFO: a process can starve), and a limit of N lets N callers
through but the rest poll. `pyrate-limiter`'s `RedisBucket` also stamps items with each
client's own clock (`time_ns`), so skewed machines disagree about the windows. The reservation
needs ~40 lines of Lua; the client side (EVALSHA with a SCRIPT LOAD fallback) is redis-py's
`register_script`.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
import weakref
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

try:
    import redis
    import redis.asyncio
    import redis.exceptions
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry
except ImportError as missing:  # an optional dependency: say how to get it
    raise ImportError(
        "RedisLimiter needs redis-py: pip install 'reply-contacts[redis]'"
    ) from missing

from reply_contacts.errors import RateLimitError, ReplyError
from reply_contacts.transport.clock import Clock, SystemClock
from reply_contacts.transport.logging import get_logger
from reply_contacts.transport.ratelimit import (
    DelayTracker,
    InMemoryLimiter,
    RateLimitPolicy,
    shared_limiter,
)
from reply_contacts.transport.redaction import MASK, register_secret, scrub, scrub_exception_chain

__all__ = ["LimiterUnavailableError", "OnUnavailable", "RedisLimiter", "safe_redis_url"]

OnUnavailable = Literal["raise", "local"]

DEFAULT_NAMESPACE = "reply-contacts"

# Connection defaults for clients built from a URL (options in the URL's query win): fail fast,
# since every request of the process waits on the limiter, and retry a blip once or twice.
_CONNECT_TIMEOUT = 2.0
_SOCKET_TIMEOUT = 5.0
_RETRIES = 2

# Larger waits are capped before they reach Lua (whose numbers are doubles without infinity
# literals); a century is "never" for any caller.
_FOREVER = 3.0e9

# Returns {verdict, slot, now, member}; times are server seconds as "%.6f" strings, since Redis
# turns Lua numbers into integers on the way out. `member` names the caller's reservation.
#   verdict "go":   send now (the slot is now or past)
#   verdict "wait": sleep until slot, then call again with ARGV[8] = member
#   verdict "late": the slot is more than ARGV[6] seconds away; nothing was recorded
_RESERVE = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local sends, pause_key = KEYS[1], KEYS[2]
local per_minute, per_hour = tonumber(ARGV[1]), tonumber(ARGV[2])
local minute_window, hour_window = tonumber(ARGV[3]), tonumber(ARGV[4])
local margin, max_wait = tonumber(ARGV[5]), tonumber(ARGV[6])
local member, previous = ARGV[7], ARGV[8]

local function fmt(x) return string.format('%.6f', x) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local stored_pause = redis.call('GET', pause_key)
local paused_until = stored_pause and tonumber(stored_pause) or 0

if previous ~= '' then
  -- A caller back from sleeping until its slot: go, unless a 429 pause began meanwhile.
  local reserved = redis.call('ZSCORE', sends, previous)
  if reserved and now < tonumber(reserved) then
    return {'wait', fmt(tonumber(reserved)), fmt(now), previous}
  end
  if paused_until <= now then
    return {'go', fmt(now), fmt(now), previous}
  end
end

local longest = math.max(minute_window, hour_window) + margin
local keep = math.max(per_minute, per_hour)
redis.call('ZREMRANGEBYSCORE', sends, '-inf', fmt(now - longest))
local count = redis.call('ZCARD', sends)

-- The slot of a caller overtaken by a pause is given back before reserving anew, while the set
-- holds fewer than `keep` sends. At `keep`, older sends may have been trimmed by count, and a
-- removal would let one of them slip out of the arithmetic: the slot is then moved instead
-- (it still counts while the new one is computed, which is merely cautious).
local moving = false
if previous ~= '' and redis.call('ZSCORE', sends, previous) then
  if count < keep then
    redis.call('ZREM', sends, previous)
    count = count - 1
  else
    moving = true
  end
end

-- With send times sorted, the window ending at t has room when the n-th latest send is at or
-- before t - window (windows are half-open: (t - window, t]).
local slot = math.max(now, paused_until)
local function nth_latest(n)
  return tonumber(redis.call('ZRANGE', sends, -n, -n, 'WITHSCORES')[2])
end
if count >= per_minute then
  slot = math.max(slot, nth_latest(per_minute) + minute_window + margin)
end
if count >= per_hour then
  slot = math.max(slot, nth_latest(per_hour) + hour_window + margin)
end

if slot - now > max_wait then
  return {'late', fmt(slot), fmt(now), ''}
end
if moving then
  redis.call('ZREM', sends, previous)
end
redis.call('ZADD', sends, fmt(slot), member)
-- Only the per_minute-th and per_hour-th latest sends are ever looked at.
redis.call('ZREMRANGEBYRANK', sends, 0, -keep - 1)
local latest = tonumber(redis.call('ZRANGE', sends, -1, -1, 'WITHSCORES')[2])
redis.call('PEXPIRE', sends, math.ceil((latest - now + longest) * 1000) + 1000)
if slot <= now then
  return {'go', fmt(slot), fmt(now), member}
end
return {'wait', fmt(slot), fmt(now), member}
"""

# ARGV[1] = seconds to pause from now. Returns {paused_until, now}; the stored time only grows.
_PAUSE = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local function fmt(x) return string.format('%.6f', x) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local wanted = now + math.max(0, tonumber(ARGV[1]))
local stored = redis.call('GET', KEYS[1])
local current = stored and tonumber(stored) or 0
if wanted > current then
  redis.call('SET', KEYS[1], fmt(wanted), 'PX', math.ceil((wanted - now) * 1000) + 1000)
  current = wanted
end
return {fmt(current), fmt(now)}
"""

# Returns {paused_until or "0", now}.
_PAUSED_UNTIL = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
return {redis.call('GET', KEYS[1]) or '0', string.format('%.6f', now)}
"""

# What "Redis is unavailable" means here: it cannot be reached, times out, refuses us (auth,
# OOM, read-only replica) or answers nonsense. Any of them leaves the shared budget unusable.
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
class _Verdict:
    kind: str  # "go" | "wait" | "late"
    wait: float  # seconds from the server's now until the slot (0 for "go")
    member: str  # the caller's reservation, to hand back after the sleep


@dataclass(frozen=True)
class _Scripts:
    reserve: Any  # redis.commands.core.Script or AsyncScript (untyped in redis-py)
    pause: Any
    paused_until: Any


@dataclass(frozen=True)
class _AsyncBackend:
    client: redis.asyncio.Redis
    scripts: _Scripts
    closer: AsyncGenerator[None, None]


async def _close_at_loop_shutdown(client: redis.asyncio.Redis) -> AsyncGenerator[None, None]:
    """Parked until its event loop shuts down, then closes `client` while the loop still runs.

    A started async generator is registered with its loop, and `loop.shutdown_asyncgens()`
    (which `asyncio.run` and `asyncio.Runner` call on the way out) closes it, running this
    `finally`. Per-loop connections thus end with their loop even when nobody calls `aclose`.
    """
    try:
        yield
    finally:
        await client.aclose()


def _register(client: redis.Redis | redis.asyncio.Redis) -> _Scripts:
    # register_script: EVALSHA, falling back to SCRIPT LOAD when the server lacks the script.
    return _Scripts(
        client.register_script(_RESERVE),
        client.register_script(_PAUSE),
        client.register_script(_PAUSED_UNTIL),
    )


class RedisLimiter:
    """The `Limiter` for many processes and machines: one budget per key, kept in Redis.

    `redis_url_or_client` is a URL (``redis://[user:password@]host:port/db``, ``rediss://``
    for TLS, ``unix:///path``) or a `redis.Redis`. From a URL the limiter lazily builds a
    synchronous client for `acquire`, `pause` and `paused_for`, and one `redis.asyncio` client
    per event loop for `acquire_async`. A `redis.Redis` passed in serves both (async callers run
    its calls in a worker thread) and is not closed by `close`. Every process must use the same
    `policy` and `namespace` for a key to share its budget.

    When Redis cannot be used, `on_unavailable` decides:

    * ``"raise"`` (default): `LimiterUnavailableError`, naming the URL (password masked) and
      what to do; no request goes out uncounted. A shared budget that silently turns into one
      budget per process is how a fleet of workers earns itself 429s, so the safe default is to
      stop and say so.
    * ``"local"``: log one WARNING and fall back to this process's `shared_limiter(policy)`.
      Each process then enforces the whole budget on its own (N processes may together exceed
      it) and 429 pauses are shared within the process only. Redis is tried again every
      `retry_unavailable_after` seconds; its return is logged at INFO. Choose this when
      availability matters more than never seeing a 429.

    `clock` serves the sleeps and the caller's elapsed time; the windows always run on Redis's
    `TIME`, so a virtual clock does not make Redis time virtual. Limiter keys are stored as
    given: the transport passes a budget key (`transport.budget.budget_key`, the one derivation
    both limiters see: a Reply user's, a named one, or an API-key fingerprint), never a key.
    """

    def __init__(
        self,
        redis_url_or_client: str | redis.Redis,
        policy: RateLimitPolicy | None = None,
        *,
        namespace: str = DEFAULT_NAMESPACE,
        on_unavailable: OnUnavailable = "raise",
        clock: Clock | None = None,
        retry_unavailable_after: float = 30.0,
    ) -> None:
        if on_unavailable not in ("raise", "local"):
            raise ValueError(f"on_unavailable must be 'raise' or 'local', not {on_unavailable!r}")
        if not namespace:
            raise ValueError("namespace must not be empty")
        self.policy = policy or RateLimitPolicy()
        self.namespace = namespace
        self.on_unavailable: OnUnavailable = on_unavailable
        self.clock: Clock = clock or SystemClock()
        self.retry_unavailable_after = retry_unavailable_after
        self._lock = threading.Lock()
        self._delays = DelayTracker()
        self._url: str | None = None
        self._client: redis.Redis | None = None
        self._owns_client = False
        self._scripts: _Scripts | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _AsyncBackend] = (
            weakref.WeakKeyDictionary()
        )
        self._down_until = float("-inf")  # in fallback: when to try Redis again
        self._outage_logged = False
        if isinstance(redis_url_or_client, str):
            self._url = redis_url_or_client
            for secret in _url_secrets(redis_url_or_client):
                register_secret(secret)  # masked in every log line and error from now on
            self.display_url = safe_redis_url(redis_url_or_client)
        elif isinstance(redis_url_or_client, redis.Redis):
            self._client = redis_url_or_client
            self.display_url = _describe_client(redis_url_or_client)
        else:
            raise TypeError(
                "RedisLimiter needs a Redis URL or a redis.Redis (pause and paused_for are"
                f" synchronous, so an asyncio client alone cannot serve them), not"
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
        if self._url is None:
            raise TypeError("a RedisLimiter built from a client object cannot be pickled")
        options = (self.namespace, self.on_unavailable, self.clock, self.retry_unavailable_after)
        return (_rebuild, (self._url, self.policy, *options))

    # -- the Limiter protocol --------------------------------------------------------------------

    def acquire(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        slept = 0.0
        previous = ""
        while True:
            # Only time spent asleep counts against max_wait, not the round trips.
            remaining = max_wait - slept
            if self._use_local():
                self._local().acquire(key, max_wait=max(0.0, remaining))
                return self.clock.now() - started
            try:
                reserve = self._sync_scripts().reserve
                reply = reserve(
                    keys=self._keys(key), args=self._reserve_args(key, remaining, previous)
                )
                verdict = _verdict(reply)
            except _UNAVAILABLE as exc:
                self._unavailable(exc)
                continue
            self._redis_ok()
            if verdict.kind == "go":
                return self.clock.now() - started
            if verdict.kind == "late":
                raise _too_long(verdict.wait, max_wait)
            self.clock.sleep(verdict.wait)
            slept += verdict.wait
            previous = verdict.member

    async def acquire_async(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        slept = 0.0
        previous = ""
        while True:
            remaining = max_wait - slept
            if self._use_local():
                await self._local().acquire_async(key, max_wait=max(0.0, remaining))
                return self.clock.now() - started
            try:
                verdict = _verdict(await self._reserve_async(key, remaining, previous))
            except _UNAVAILABLE as exc:
                self._unavailable(exc)
                continue
            self._redis_ok()
            if verdict.kind == "go":
                return self.clock.now() - started
            if verdict.kind == "late":
                raise _too_long(verdict.wait, max_wait)
            await self.clock.asleep(verdict.wait)
            slept += verdict.wait
            previous = verdict.member

    def pause(self, key: str, seconds: float) -> None:
        if self.on_unavailable == "local":
            # Also here, so the fallback honours the pause should Redis go away before it ends.
            self._local().pause(key, seconds)
            if self._use_local():
                return
        try:
            self._sync_scripts().pause(keys=[self._pause_key(key)], args=[_seconds(seconds)])
        except _UNAVAILABLE as exc:
            self._unavailable(exc)
            return
        self._redis_ok()

    def paused_for(self, key: str) -> float:
        if self._use_local():
            return self._local().paused_for(key)
        try:
            reply = self._sync_scripts().paused_until(keys=[self._pause_key(key)])
            paused_until, now = float(_text(reply[0])), float(_text(reply[1]))
        except _UNAVAILABLE as exc:
            self._unavailable(exc)
            return self._local().paused_for(key)
        self._redis_ok()
        return max(0.0, paused_until - now)

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the synchronous connections this limiter opened (not a client passed in)."""
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

    # -- Redis calls -----------------------------------------------------------------------------

    def _keys(self, key: str) -> list[str]:
        return [f"{self.namespace}:{{{key}}}:sends", self._pause_key(key)]

    def _pause_key(self, key: str) -> str:
        return f"{self.namespace}:{{{key}}}:pause"

    def observe(self, key: str, seconds: float) -> None:
        """Widen this process's margin by recent slot-to-answer delays (see Limiter.observe)."""
        self._delays.observe(key, seconds)

    def _reserve_args(self, key: str, remaining: float, previous: str) -> list[str]:
        policy = self.policy
        return [
            str(policy.per_minute),
            str(policy.per_hour),
            repr(float(policy.minute_window)),
            repr(float(policy.hour_window)),
            repr(float(self._delays.margin(key, policy.margin))),
            _seconds(remaining),
            uuid.uuid4().hex,  # unique across processes: names this reservation
            previous,
        ]

    async def _reserve_async(self, key: str, remaining: float, previous: str) -> Any:
        keys, args = self._keys(key), self._reserve_args(key, remaining, previous)
        if self._url is None:  # a client was passed in: run its call off the event loop
            return await asyncio.to_thread(self._sync_scripts().reserve, keys=keys, args=args)
        scripts = await self._async_scripts()
        return await scripts.reserve(keys=keys, args=args)

    def _sync_scripts(self) -> _Scripts:
        with self._lock:
            if self._scripts is None:
                if self._client is None:
                    assert self._url is not None
                    self._client = redis.Redis.from_url(self._url, **_client_options())
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
            assert self._url is not None
            client = redis.asyncio.Redis.from_url(self._url, **_client_options())
            closer = _close_at_loop_shutdown(client)
            backend = self._async[loop] = _AsyncBackend(client, _register(client), closer)
        await anext(closer)  # starts it, which registers it with the loop
        return backend.scripts

    # -- Redis unavailable -----------------------------------------------------------------------

    def _local(self) -> InMemoryLimiter:
        return shared_limiter(self.policy, clock=self.clock)

    def _use_local(self) -> bool:
        """True in fallback, until the cooldown before the next Redis attempt has passed."""
        if self.on_unavailable != "local":
            return False
        with self._lock:
            return self.clock.now() < self._down_until

    def _unavailable(self, exc: BaseException) -> None:
        """Raise `LimiterUnavailableError`, or switch to the local fallback (logged once)."""
        scrub_exception_chain(exc)
        reason = scrub(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        if self.on_unavailable == "raise":
            raise LimiterUnavailableError(
                f"The shared rate limiter cannot use Redis at {self.display_url} ({reason})."
                " Start Redis there or fix the URL given to RedisLimiter; or pass"
                " on_unavailable='local' to fall back to a per-process limit while Redis is"
                " away.",
                url=self.display_url,
            ) from exc
        with self._lock:
            self._down_until = self.clock.now() + self.retry_unavailable_after
            first, self._outage_logged = not self._outage_logged, True
        if first:
            get_logger().warning(
                "rate limit: Redis at %s is unavailable (%s); falling back to a per-process"
                " limit (processes no longer share the budget), retrying Redis every %gs",
                self.display_url,
                reason,
                self.retry_unavailable_after,
            )

    def _redis_ok(self) -> None:
        if not self._outage_logged:  # the common case, without taking the lock
            return
        with self._lock:
            was_down, self._outage_logged = self._outage_logged, False
        if was_down:
            get_logger().info(
                "rate limit: Redis at %s is back; the budget is shared again", self.display_url
            )


def _rebuild(
    url: str,
    policy: RateLimitPolicy,
    namespace: str,
    on_unavailable: OnUnavailable,
    clock: Clock,
    retry_unavailable_after: float,
) -> RedisLimiter:
    return RedisLimiter(
        url,
        policy,
        namespace=namespace,
        on_unavailable=on_unavailable,
        clock=clock,
        retry_unavailable_after=retry_unavailable_after,
    )


def safe_redis_url(url: str) -> str:
    """`url` fit for logs and errors: the password masked, the query (it may hold one) dropped."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<unparsable Redis URL>"
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{port}" if port is not None else "")
    if parts.password is not None:
        netloc = f"{parts.username or ''}:{MASK}@{netloc}"
    elif parts.username:
        netloc = f"{parts.username}@{netloc}"
    return f"{parts.scheme}://{netloc}{parts.path}"


def _url_secrets(url: str) -> list[str]:
    try:
        parts = urlsplit(url)
        secrets = [parts.password] if parts.password else []
    except ValueError:
        return []
    return secrets + [value for value in parse_qs(parts.query).get("password", []) if value]


def _describe_client(client: redis.Redis) -> str:
    options = client.connection_pool.connection_kwargs
    if "path" in options:
        return f"unix://{options['path']}"
    host, port, db = options.get("host", "localhost"), options.get("port", 6379), options.get("db")
    return f"redis://{host}:{port}/{db or 0}"


def _client_options() -> dict[str, Any]:
    return {
        "socket_connect_timeout": _CONNECT_TIMEOUT,
        "socket_timeout": _SOCKET_TIMEOUT,
        "retry": Retry(ExponentialBackoff(cap=0.2, base=0.02), _RETRIES),
    }


def _seconds(value: float) -> str:
    return repr(min(max(float(value), -_FOREVER), _FOREVER))


def _text(value: object) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


def _verdict(reply: Any) -> _Verdict:
    kind = _text(reply[0])
    if kind not in ("go", "wait", "late"):
        raise redis.exceptions.ResponseError(f"unexpected reply from the limiter script: {kind!r}")
    slot, now = float(_text(reply[1])), float(_text(reply[2]))
    return _Verdict(kind, max(0.0, slot - now), _text(reply[3]))


def _too_long(wait: float, max_wait: float) -> RateLimitError:
    return RateLimitError(
        f"Rate limit budget exhausted: the next request slot is {wait:.2f}s away,"
        f" longer than max_wait={max_wait:g}s",
        retry_after=wait,
    )
