"""The shared budget's storage in Redis: its key names and the Lua scripts that change it.

Every script runs atomically on the Redis that holds the budget and reads that server's clock
(`TIME`), the one clock all processes agree on. Times cross the wire as "%.6f" strings of server
seconds (Redis turns Lua numbers into integers on the way out).

Keys of one budget (`budget_keys`, the one place their names are made) all carry the budget's
key in braces, a Redis Cluster hash tag: they live in one slot, so a script may touch them all
and Cluster clients send it to the shard that owns them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PAUSE",
    "PAUSED_UNTIL",
    "RESERVE",
    "RESTORE",
    "BudgetKeys",
    "Usage",
    "Verdict",
    "budget_keys",
    "text",
]


@dataclass(frozen=True)
class BudgetKeys:
    sends: str  # sorted set: reservation id -> send time (server seconds)
    pause: str  # string: the end of the 429 pause
    members: str  # sorted set: limiter instance id -> last seen (the fleet sharing the budget)
    recovery: str  # string: until when new reservations wait for the fleet to re-publish

    def all(self) -> list[str]:
        return [self.sends, self.pause, self.members, self.recovery]


def budget_keys(namespace: str, key: str) -> BudgetKeys:
    """The Redis keys of `key`'s budget; `key` is whatever the transport names a budget by."""
    prefix = f"{namespace}:{{{key}}}"
    return BudgetKeys(
        f"{prefix}:sends", f"{prefix}:pause", f"{prefix}:members", f"{prefix}:recovery"
    )


# KEYS: sends, pause, members, recovery (budget_keys(...).all()).
# ARGV: per_minute, per_hour, minute_window, hour_window, margin, max_wait, member (a fresh id
#   for a new reservation), previous (the caller's reservation, when it comes back for it),
#   instance (the limiter instance), witness and witness_score (the instance's latest
#   reservation still in Redis, or "" and 0).
# Returns {verdict, slot, now, member, fleet, latest, in_minute, in_hour}:
#   "go"    send at `slot` (now or, for a caller coming back, its reserved slot)
#   "wait"  `member` was reserved at `slot`: come back shortly before it with previous = member
#   "late"  the slot is more than max_wait away; nothing was recorded (and `previous` released)
#   "hold"  the fleet is re-publishing sends Redis did not see: ask again at `slot`
#   "lost"  the witness is missing (a failover lost writes, or the data was flushed): re-publish
#           this instance's reservations (RESTORE), then ask again
# and the budget's use, for a fallback to start from should Redis go away: `fleet`, how many
# limiter instances used it within the longest window; `latest`, its latest reserved slot; and
# `in_minute` / `in_hour`, how many reserved sends count in each window (future ones included).
RESERVE = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local sends, pause_key, members, recovery = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local per_minute, per_hour = tonumber(ARGV[1]), tonumber(ARGV[2])
local minute_window, hour_window = tonumber(ARGV[3]), tonumber(ARGV[4])
local margin, max_wait = tonumber(ARGV[5]), tonumber(ARGV[6])
local member, previous, instance = ARGV[7], ARGV[8], ARGV[9]
local witness, witness_score = ARGV[10], tonumber(ARGV[11])

local function fmt(x) return string.format('%.6f', x) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local longest = math.max(minute_window, hour_window) + margin
local keep = math.max(per_minute, per_hour)

redis.call('ZADD', members, fmt(now), instance)
redis.call('ZREMRANGEBYSCORE', members, '-inf', fmt(now - longest))
redis.call('PEXPIRE', members, math.ceil(longest * 1000) + 1000)
local fleet = redis.call('ZCARD', members)

redis.call('ZREMRANGEBYSCORE', sends, '-inf', fmt(now - longest))

local function answer(kind, slot, who)
  local last = redis.call('ZRANGE', sends, -1, -1, 'WITHSCORES')[2] or fmt(now)
  local in_minute = redis.call('ZCOUNT', sends, '(' .. fmt(now - minute_window - margin), '+inf')
  local in_hour = redis.call('ZCOUNT', sends, '(' .. fmt(now - hour_window - margin), '+inf')
  return {kind, fmt(slot), fmt(now), who, fleet, last, in_minute, in_hour}
end

-- A send is only ever removed by age (above) or by rank, when `keep` later ones exist. The
-- witness missing for neither reason means Redis lost it.
if witness ~= '' and witness_score > now - longest
    and not redis.call('ZSCORE', sends, witness)
    and redis.call('ZCOUNT', sends, fmt(witness_score), '+inf') < keep then
  return answer('lost', now, previous)
end

local stored_pause = redis.call('GET', pause_key)
local paused_until = stored_pause and tonumber(stored_pause) or 0
local count = redis.call('ZCARD', sends)

-- A caller coming back (shortly before its slot) goes at the slot, unless a 429 pause began
-- meanwhile that covers it. A reservation that vanished is reserved anew.
local reserved = previous ~= '' and redis.call('ZSCORE', sends, previous)
if reserved then
  reserved = tonumber(reserved)
  if paused_until <= math.max(now, reserved) then
    return answer('go', math.max(now, reserved), previous)
  end
end

local stored_recovery = redis.call('GET', recovery)
if stored_recovery and tonumber(stored_recovery) > now then
  return answer('hold', tonumber(stored_recovery), previous)
end

-- Overtaken by a pause: the slot is given back before reserving anew, while the set holds
-- fewer than `keep` sends. At `keep`, older sends may have been trimmed by count, and a
-- removal would let one of them slip out of the arithmetic: the slot is then moved instead
-- (it still counts while the new one is computed, which is merely cautious).
local moving = false
if reserved then
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
  return answer('late', slot, '')
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
  return answer('go', slot, member)
end
return answer('wait', slot, member)
"""

# KEYS: pause. ARGV[1] = seconds to pause from now. Returns {paused_until, now}; the stored
# time only grows.
PAUSE = """
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

# KEYS: pause. Returns {paused_until or "0", now}. Also the probe of an unavailable Redis: it
# reaches the shard that holds the budget, and runs a script as the limiter does.
PAUSED_UNTIL = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
return {redis.call('GET', KEYS[1]) or '0', string.format('%.6f', now)}
"""

# Re-publishes what one instance knows Redis should hold: its sends (reserved through Redis but
# lost by it, or made while Redis was away) and its 429 pause; and, after sends Redis did not
# see, holds new reservations for `hold` seconds so that every other instance can do the same.
# KEYS: sends, pause, members, recovery. ARGV: longest window (margin included), keep,
# paused_until (server seconds, 0 for none), hold (seconds), then member/score pairs.
# Returns now. Adding a member again with its own score changes nothing.
RESTORE = """
if redis.replicate_commands then pcall(redis.replicate_commands) end
local sends, pause_key, recovery = KEYS[1], KEYS[2], KEYS[4]
local longest, keep = tonumber(ARGV[1]), tonumber(ARGV[2])
local paused_until, hold = tonumber(ARGV[3]), tonumber(ARGV[4])
local function fmt(x) return string.format('%.6f', x) end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
for i = 5, #ARGV - 1, 2 do
  local score = tonumber(ARGV[i + 1])
  if score > now - longest then
    redis.call('ZADD', sends, fmt(score), ARGV[i])
  end
end
if redis.call('EXISTS', sends) == 1 then
  redis.call('ZREMRANGEBYRANK', sends, 0, -keep - 1)
  local latest = tonumber(redis.call('ZRANGE', sends, -1, -1, 'WITHSCORES')[2])
  redis.call('PEXPIRE', sends, math.ceil((math.max(latest, now) - now + longest) * 1000) + 1000)
end
local function extend(key, until_)
  local stored = redis.call('GET', key)
  if until_ > now and until_ > (stored and tonumber(stored) or 0) then
    redis.call('SET', key, fmt(until_), 'PX', math.ceil((until_ - now) * 1000) + 1000)
  end
end
extend(pause_key, paused_until)
if hold > 0 then
  extend(recovery, now + hold)
end
return fmt(now)
"""


@dataclass(frozen=True)
class Usage:
    """How much of a budget the fleet has reserved, at server time `now`."""

    now: float
    fleet: int  # limiter instances that used it within the longest window
    latest: float  # the latest reserved slot
    in_minute: int  # reserved sends that count in the short window (future ones included)
    in_hour: int  # and in the long one


@dataclass(frozen=True)
class Verdict:
    kind: str  # "go" | "wait" | "late" | "hold" | "lost"
    slot: float  # server seconds
    now: float  # server seconds, when the script ran
    member: str  # the caller's reservation ("" for none)
    usage: Usage  # the budget's, as the script saw it

    @property
    def wait(self) -> float:
        """Seconds from the script's now until the slot."""
        return max(0.0, self.slot - self.now)


def text(value: object) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else str(value)
