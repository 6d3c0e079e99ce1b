"""`RetryPolicy.deadline` bounds the whole call, however slowly a server answers.

A real server on loopback trickles its answer one byte every 0.25 s, so the whole answer would
take well over 15 s. No single read waits anywhere near `timeout=5`, so httpx's own timeouts
never fire: only the call's deadline (1 s) can end it. It must end with the typed timeout error,
long before the answer is complete, sync and async, whether the body or the head trickles.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hostile_support import failure_of
from loopback_server import Answer, LoopbackServer
from reply_contacts import APITimeoutError, RetryPolicy

PACE = 0.25
DEADLINE = 1.0
BODY = json.dumps({"userId": 7, "padding": "x" * 60}).encode()

OPERATIONS = {
    "whoami": lambda client: client.whoami(),
    "get": lambda client: client.contacts.get(1),
    "raw request": lambda client: client.request("GET", "/v3/contacts/1"),
}


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("phase", ["body", "head"])
@pytest.mark.parametrize("operation", list(OPERATIONS))
async def test_the_deadline_ends_a_call_whose_answer_trickles(
    mode: str, phase: str, operation: str
) -> None:
    def trickle(_: Any) -> Answer:
        headers = [("Content-Type", "application/json")]
        return Answer(body=BODY, headers=headers, pace=PACE, trickle_head=phase == "head")

    with LoopbackServer(trickle) as server:
        failure = await failure_of(
            mode,
            server.url,
            OPERATIONS[operation],
            timeout=5,
            retry=RetryPolicy(deadline=DEADLINE, backoff_base=0.01),
        )
    assert isinstance(failure, APITimeoutError), repr(failure)
    assert "deadline of 1s passed" in str(failure)
    (delivery,) = server.deliveries  # a timeout at the deadline is not retried
    assert not delivery.completed
    # The client hung up within about a second of its deadline: the server had the time to
    # trickle no more bytes than that allows (plus the one the kernel takes after a close).
    assert delivery.trickled <= (DEADLINE + 1.0) / PACE + 2, delivery
