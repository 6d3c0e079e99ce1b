"""Load: 16 threads of mixed creates, updates, deletes and lists against one sandbox.

Every thread keeps a ledger of the writes the sandbox acknowledged (its contacts' last
acknowledged ``lastName``, the ones it deleted). Afterwards the sandbox must hold exactly that:
no 5xx was answered and no acknowledged write is missing. With ``--db FILE`` the server process
is killed with SIGKILL in the middle of the load, restarted on the same file, and checked again,
several times over: a write that was answered survives the kill. A write in flight when the
process died may or may not have happened; either outcome is accepted for it alone.
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from reply_contacts.sandbox import Sandbox

from .process_support import serving

THREADS = 16
LOAD_SECONDS = 3.0
KILL_CYCLES = 3
AUTH = {"Authorization": "Bearer sandbox"}


@dataclass
class Ledger:
    """What one thread was told: the contacts it owns and their last acknowledged lastName."""

    thread: int
    live: dict[int, str] = field(default_factory=dict)
    deleted: set[int] = field(default_factory=set)
    # Writes whose answer never came (the server died): every value the contact may now have,
    # None meaning deleted.
    unsure: dict[int, set[str | None]] = field(default_factory=dict)
    acknowledged: int = 0
    server_errors: list[str] = field(default_factory=list)
    counter: itertools.count[int] = field(default_factory=itertools.count)


class Worker:
    """One thread's loop: create, update, browse, delete, update, create, browse, ..."""

    STEPS = ("create", "update", "browse", "delete", "update", "create", "browse", "update")

    def __init__(self, url: str, ledger: Ledger, stop: threading.Event) -> None:
        self.url, self.ledger, self.stop = url, ledger, stop
        self.died: BaseException | None = None

    def run(self) -> None:
        with httpx.Client(base_url=self.url, headers=AUTH, timeout=30) as client:
            for step in itertools.cycle(self.STEPS):
                if self.stop.is_set():
                    return
                try:
                    getattr(self, step)(client)
                except httpx.TransportError as error:  # the server is gone: stop here
                    self.died = error
                    return

    def _check(self, response: httpx.Response, expected: int) -> bool:
        if response.status_code >= 500:
            self.ledger.server_errors.append(f"{response.request.url}: {response.text[:200]}")
        return response.status_code == expected

    def _pick(self) -> int | None:
        live = [contact for contact in self.ledger.live if contact not in self.ledger.unsure]
        return live[next(self.ledger.counter) % len(live)] if live else None

    def create(self, client: httpx.Client) -> None:
        n = next(self.ledger.counter)
        body = {
            "firstName": "Load",
            "lastName": "v0",
            "email": f"t{self.ledger.thread}-{n}@load.example",
        }
        response = client.post("/v3/contacts", json=body)
        if self._check(response, 201):
            self.ledger.live[response.json()["id"]] = "v0"
            self.ledger.acknowledged += 1

    def update(self, client: httpx.Client) -> None:
        contact = self._pick()
        if contact is None:
            return
        value = f"v{next(self.ledger.counter)}"
        previous = self.ledger.live[contact]
        self.ledger.unsure[contact] = {previous, value}
        response = client.patch(f"/v3/contacts/{contact}", json={"lastName": value})
        del self.ledger.unsure[contact]
        if self._check(response, 200):
            self.ledger.live[contact] = value
            self.ledger.acknowledged += 1

    def delete(self, client: httpx.Client) -> None:
        contact = self._pick()
        if contact is None:
            return
        self.ledger.unsure[contact] = {self.ledger.live[contact], None}
        response = client.delete(f"/v3/contacts/{contact}")
        del self.ledger.unsure[contact]
        if self._check(response, 204):
            del self.ledger.live[contact]
            self.ledger.deleted.add(contact)
            self.ledger.acknowledged += 1

    def browse(self, client: httpx.Client) -> None:
        skip = next(self.ledger.counter) % 200
        self._check(client.get("/v3/contacts", params={"top": 50, "skip": skip}), 200)


def run_load(url: str, ledgers: list[Ledger], *, until: Callable[[], None]) -> list[Worker]:
    """Run one worker per ledger against ``url`` until ``until()`` returns; join them."""
    stop = threading.Event()
    workers = [Worker(url, ledger, stop) for ledger in ledgers]
    threads = [threading.Thread(target=worker.run, daemon=True) for worker in workers]
    for thread in threads:
        thread.start()
    until()
    stop.set()
    for thread in threads:
        thread.join(60)
        assert not thread.is_alive()
    return workers


def all_contacts(url: str) -> dict[int, str]:
    """Every live contact the server holds: id -> lastName."""
    found: dict[int, str] = {}
    with httpx.Client(base_url=url, headers=AUTH, timeout=60) as client:
        for skip in itertools.count(0, 1000):
            page = client.get("/v3/contacts", params={"top": 1000, "skip": skip}).json()
            found.update({item["id"]: item["lastName"] for item in page["items"]})
            if not page["hasMore"]:
                return found


def verify(url: str, ledgers: list[Ledger]) -> int:
    """Every acknowledged write is there; settle the unsure ones to what the server holds.

    Returns the number of contacts checked."""
    held = all_contacts(url)
    checked = 0
    for ledger in ledgers:
        assert ledger.server_errors == [], ledger.server_errors[:3]
        for contact, value in list(ledger.live.items()):
            actual = held.get(contact)
            if contact in ledger.unsure:
                assert actual in ledger.unsure.pop(contact), (contact, actual)
                if actual is None:
                    del ledger.live[contact]
                    ledger.deleted.add(contact)
                else:
                    ledger.live[contact] = actual
            else:
                assert actual == value, (
                    f"contact {contact}: acknowledged {value!r}, found {actual!r}"
                )
            checked += 1
        for contact in ledger.deleted:
            assert contact not in held, f"contact {contact} was deleted, yet it is back"
    return checked


def test_sixteen_threads_of_mixed_writes_lose_nothing() -> None:
    with Sandbox(rate_limiting=False) as sandbox:
        ledgers = [Ledger(thread) for thread in range(THREADS)]
        workers = run_load(sandbox.url, ledgers, until=lambda: time.sleep(LOAD_SECONDS))
        assert all(worker.died is None for worker in workers)
        checked = verify(sandbox.url, ledgers)
        acknowledged = sum(ledger.acknowledged for ledger in ledgers)
        assert acknowledged > THREADS * 5 and checked > 0
        assert sandbox.stats()["byStatus"].keys() <= {"200", "201", "204"}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_load_loses_no_acknowledged_write(tmp_path: Path) -> None:
    db = tmp_path / "load.db"
    ledgers = [Ledger(thread) for thread in range(THREADS)]
    kills = 0
    for _ in range(KILL_CYCLES):
        with serving("--db", str(db), "--rate-limit", "off") as (process, url):

            def kill_mid_load(process: subprocess.Popen[str] = process) -> None:
                time.sleep(LOAD_SECONDS / 2)
                process.send_signal(signal.SIGKILL)
                process.wait(10)

            workers = run_load(url, ledgers, until=kill_mid_load)
            assert process.returncode == -signal.SIGKILL
            assert any(worker.died is not None for worker in workers)
            kills += 1
        with serving("--db", str(db), "--rate-limit", "off") as (process, url):
            verify(url, ledgers)
    assert kills == KILL_CYCLES
    assert sum(ledger.acknowledged for ledger in ledgers) > THREADS * 5
