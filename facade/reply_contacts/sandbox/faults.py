"""Fault rules: make chosen requests fail, slow down, or lose their connection.

A rule matches a method and a path (glob, or a regex written ``re:<pattern>``) and fires for
the next ``times`` matching calls, or with probability ``rate`` drawn from its own seeded RNG,
or (with neither) on every matching call. Its effect is any of: extra ``latency`` seconds, an
error ``status`` (with ``retry_after``), or ``drop`` of the connection ``before`` the handler
runs or ``after`` it has applied the write.
"""

from __future__ import annotations

import fnmatch
import random
import re
import shlex
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

DropWhen = Literal["before", "after"]


@dataclass
class FaultRule:
    method: str = "*"
    path: str = "*"
    status: int | None = None
    retry_after: int | None = None
    latency: float = 0.0
    drop: DropWhen | None = None
    times: int | None = None
    rate: float | None = None
    seed: int | None = None
    id: int = 0
    triggered: int = 0
    _rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)
    _path_regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.method = self.method.upper()
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"fault status must be 400..599, got {self.status}")
        if self.status is not None and self.drop is not None:
            raise ValueError("a fault either answers with a status or drops the connection")
        if self.drop not in (None, "before", "after"):
            raise ValueError(f"drop must be 'before' or 'after', got {self.drop!r}")
        if self.rate is not None and not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, got {self.rate}")
        if self.times is not None and self.times < 0:
            raise ValueError("times must not be negative")
        if self.latency < 0:
            raise ValueError("latency must not be negative")
        if self.retry_after is not None and self.retry_after < 0:
            raise ValueError("retry_after must not be negative")
        if self.status is None and self.drop is None and not self.latency:
            raise ValueError("a fault needs a status, a drop, or some latency")
        self._rng = random.Random(self.seed)
        if self.path.startswith("re:"):
            self._path_regex = re.compile(self.path[3:])

    @property
    def terminal(self) -> bool:
        return self.status is not None or self.drop is not None

    def matches(self, method: str, path: str) -> bool:
        if self.method not in ("*", method.upper()):
            return False
        if self._path_regex is not None:
            return self._path_regex.fullmatch(path) is not None
        return fnmatch.fnmatchcase(path, self.path)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "retryAfter": self.retry_after,
            "latency": self.latency,
            "drop": self.drop,
            "remaining": self.times,
            "rate": self.rate,
            "seed": self.seed,
            "triggered": self.triggered,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        """Build from the admin endpoint's JSON (camelCase or snake_case keys)."""
        aliases = {"retryAfter": "retry_after"}
        allowed = {
            "method",
            "path",
            "status",
            "retry_after",
            "latency",
            "drop",
            "times",
            "rate",
            "seed",
        }
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            name = aliases.get(key, key)
            if name not in allowed:
                raise ValueError(f"unknown fault option {key!r}")
            kwargs[name] = value
        _check_types(kwargs)
        return cls(**kwargs)

    @classmethod
    def parse(cls, spec: str) -> FaultRule:
        """Parse the CLI form: ``[METHOD] [PATH] key=value ...``.

        Example: ``"POST /v3/contacts/import status=503 times=2 retry_after=5"`` or
        ``"* /v3/contacts* drop=after rate=0.1 seed=7"``.
        """
        kwargs: dict[str, Any] = {}
        positional: list[str] = []
        for token in shlex.split(spec):
            if "=" in token:
                key, _, value = token.partition("=")
                kwargs[key.strip().replace("-", "_")] = value.strip()
            else:
                positional.append(token)
        if len(positional) > 2:
            raise ValueError(f"fault spec has too many words: {spec!r}")
        if len(positional) == 2:
            kwargs["method"], kwargs["path"] = positional
        elif positional:
            word = positional[0]
            kwargs["path" if word.startswith(("/", "re:", "*")) else "method"] = word
        converters: dict[str, Any] = {
            "status": int,
            "retry_after": int,
            "times": int,
            "seed": int,
            "rate": float,
            "latency": float,
        }
        for key, convert in converters.items():
            if key in kwargs:
                kwargs[key] = convert(kwargs[key])
        unknown = set(kwargs) - {*converters, "method", "path", "drop"}
        if unknown:
            raise ValueError(f"unknown fault option(s): {', '.join(sorted(unknown))}")
        return cls(**kwargs)


def _check_types(kwargs: dict[str, Any]) -> None:
    expected: dict[str, tuple[type, ...]] = {
        "method": (str,),
        "path": (str,),
        "status": (int,),
        "retry_after": (int,),
        "times": (int,),
        "seed": (int,),
        "rate": (int, float),
        "latency": (int, float),
        "drop": (str,),
    }
    for key, value in kwargs.items():
        if value is None and key not in ("method", "path"):
            continue
        if isinstance(value, bool) or not isinstance(value, expected[key]):
            raise ValueError(f"fault option {key!r} has the wrong type")


@dataclass(frozen=True)
class FaultDecision:
    latency: float
    rule: FaultRule | None


class FaultInjector:
    """The active rules, evaluated in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next_id = 1

    def add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            rule.id = self._next_id
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            before = len(self._rules)
            self._rules = [rule for rule in self._rules if rule.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def decide(self, method: str, path: str) -> FaultDecision | None:
        latency = 0.0
        with self._lock:
            if not self._rules:
                return None
            for rule in self._rules:
                if rule.times == 0 or not rule.matches(method, path):
                    continue
                if rule.rate is not None and rule._rng.random() >= rule.rate:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                rule.triggered += 1
                latency += rule.latency
                if rule.terminal:
                    return FaultDecision(latency, rule)
        return FaultDecision(latency, None) if latency else None
