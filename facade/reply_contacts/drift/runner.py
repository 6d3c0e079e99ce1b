"""Drive a drift plan with a sync or an async client, and keep what the run saw.

Every probe goes through `client.request(...)`: the client's rate-limit budget, retries and
typed errors apply as to any other call. A refused request (403, 404, 400...) is still an
answer to judge, so its typed error becomes an `Exchange`; a 401 ends the run (nothing else can
be checked with that key), and so does a failure below HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reply_contacts.errors import APIError, AuthenticationError, DecodeError

from .exchange import Exchange, Probe
from .fixtures import FixtureWriter
from .plan import DriftPlan, OperationResult
from .spec import require_drift_extra

if TYPE_CHECKING:
    from reply_contacts.client import AsyncReplyContacts, ReplyContacts


@dataclass
class DriftReport:
    """The verdicts of one run, where it ran, and what it cost."""

    server: str
    spec_version: str
    requests_planned: int
    results: list[OperationResult] = field(default_factory=list)
    requests_sent: int = 0
    fixtures: list[Path] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        return any(result.outcome == "drift" for result in self.results)

    def count(self, outcome: str) -> int:
        return sum(result.outcome == outcome for result in self.results)


def check_contract(
    client: ReplyContacts,
    plan: DriftPlan | None = None,
    *,
    save_fixtures: Path | None = None,
) -> DriftReport:
    """Call every read-only operation of the contract and judge each answer against the spec.

    Raises AuthenticationError when the key is refused, ImportError when the [drift] extra is
    missing, ConnectionError/TimeoutError when the server cannot be reached.
    """
    run = _Run(client, plan, save_fixtures)
    probe = run.first()
    while probe is not None:
        try:
            exchange = Exchange.from_response(client.request(**_request_args(probe)))
        except (APIError, DecodeError) as refused:
            exchange = _refused(refused)
        probe = run.answer(probe, exchange)
    return run.finish(client.requests_sent)


async def acheck_contract(
    client: AsyncReplyContacts,
    plan: DriftPlan | None = None,
    *,
    save_fixtures: Path | None = None,
) -> DriftReport:
    """`check_contract` for the async client."""
    run = _Run(client, plan, save_fixtures)
    probe = run.first()
    while probe is not None:
        try:
            exchange = Exchange.from_response(await client.request(**_request_args(probe)))
        except (APIError, DecodeError) as refused:
            exchange = _refused(refused)
        probe = run.answer(probe, exchange)
    return run.finish(client.requests_sent)


class _Run:
    """One run's state, whichever client drives it: the plan's steps, the report, the fixtures."""

    def __init__(
        self,
        client: ReplyContacts | AsyncReplyContacts,
        plan: DriftPlan | None,
        save_fixtures: Path | None,
    ) -> None:
        from reply_contact_data_client.contract import SPEC_VERSION

        require_drift_extra()
        plan = plan or DriftPlan()
        self.report = DriftReport(
            server=client.base_url, spec_version=SPEC_VERSION, requests_planned=plan.requests
        )
        self._steps = plan.run()
        # The client may have sent requests before: the run's share is the difference.
        self._sent_before = client.requests_sent
        self._writer = (
            FixtureWriter(save_fixtures, source=f"reply-contacts drift against {client.base_url}")
            if save_fixtures is not None
            else None
        )

    def first(self) -> Probe | None:
        return self._advance(None)

    def answer(self, probe: Probe, exchange: Exchange) -> Probe | None:
        """Record the answer; the next probe, or None when the plan is done."""
        if self._writer is not None:
            self.report.fixtures.append(self._writer.write(probe, exchange))
        return self._advance(exchange)

    def finish(self, sent_now: int) -> DriftReport:
        self.report.requests_sent = sent_now - self._sent_before
        return self.report

    def _advance(self, exchange: Exchange | None) -> Probe | None:
        try:
            return next(self._steps) if exchange is None else self._steps.send(exchange)
        except StopIteration as done:
            self.report.results = done.value
            return None


def _request_args(probe: Probe) -> dict[str, Any]:
    return {
        "method": probe.method,
        "path": probe.path,
        "params": dict(probe.query) or None,
        "json": probe.body,
    }


def _refused(error: APIError | DecodeError) -> Exchange:
    """A refusal is an answer to judge, except a 401: no other request can succeed either."""
    if isinstance(error, AuthenticationError):
        raise error
    return Exchange.from_error(error)
