"""Request counters, so tests and the demo can report how many requests a job really used."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Stats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.requests = 0
            self.rate_limited = 0
            self.faults_injected = 0
            self.dropped_connections = 0
            self.by_operation: Counter[str] = Counter()
            self.by_path: Counter[str] = Counter()
            self.by_status: Counter[str] = Counter()

    def request_received(self, method: str, path: str) -> None:
        with self._lock:
            self.requests += 1
            self.by_path[f"{method} {path}"] += 1

    def response_sent(self, status: int | str) -> None:
        with self._lock:
            self.by_status[str(status)] += 1

    def operation_called(self, operation_id: str) -> None:
        with self._lock:
            self.by_operation[operation_id] += 1

    def rate_limit_hit(self) -> None:
        with self._lock:
            self.rate_limited += 1

    def fault_injected(self, dropped: bool = False) -> None:
        with self._lock:
            self.faults_injected += 1
            if dropped:
                self.dropped_connections += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "rateLimited": self.rate_limited,
                "faultsInjected": self.faults_injected,
                "droppedConnections": self.dropped_connections,
                "byOperation": dict(self.by_operation),
                "byPath": dict(self.by_path),
                "byStatus": dict(self.by_status),
            }
