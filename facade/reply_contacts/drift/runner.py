"""Drive a drift plan with a sync or an async client, and keep what the run saw.

Every probe goes through `client.request(...)`: the client's rate-limit budget, retries and
typed errors apply as to any other call. A refused request (403, 404, 400...) is still an
answer to judge, so its typed error becomes an `Exchange`; a 401 ends the run (nothing else can
be checked with that key), and so does a failure below HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
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
    plan, report, record = _start(client, plan, save_fixtures)
    steps = plan.run()
    try:
        probe = next(steps)
        while True:
            exchange = _exchange(lambda p: client.request(**_request_args(p)), probe)
            record(probe, exchange)
            probe = steps.send(exchange)
    except StopIteration as done:
        report.results = done.value
    report.requests_sent = client.requests_sent - report.requests_sent
    return report


async def acheck_contract(
    client: AsyncReplyContacts,
    plan: DriftPlan | None = None,
    *,
    save_fixtures: Path | None = None,
) -> DriftReport:
    """`check_contract` for the async client."""
    plan, report, record = _start(client, plan, save_fixtures)
    steps = plan.run()
    try:
        probe = next(steps)
        while True:
            try:
                response = await client.request(**_request_args(probe))
            except AuthenticationError:
                raise
            except (APIError, DecodeError) as refused:
                exchange = Exchange.from_error(refused)
            else:
                exchange = Exchange.from_response(response)
            record(probe, exchange)
            probe = steps.send(exchange)
    except StopIteration as done:
        report.results = done.value
    report.requests_sent = client.requests_sent - report.requests_sent
    return report


def _start(
    client: ReplyContacts | AsyncReplyContacts,
    plan: DriftPlan | None,
    save_fixtures: Path | None,
) -> tuple[DriftPlan, DriftReport, Callable[[Probe, Exchange], None]]:
    from reply_contact_data_client.contract import SPEC_VERSION

    require_drift_extra()
    plan = plan or DriftPlan()
    report = DriftReport(
        server=client.base_url,
        spec_version=SPEC_VERSION,
        requests_planned=plan.requests,
        # The client's counter before the run; the difference is what the run sent.
        requests_sent=client.requests_sent,
    )
    if save_fixtures is None:
        return plan, report, lambda probe, exchange: None
    writer = FixtureWriter(save_fixtures, source=f"reply-contacts drift against {client.base_url}")

    def record(probe: Probe, exchange: Exchange) -> None:
        report.fixtures.append(writer.write(probe, exchange))

    return plan, report, record


def _request_args(probe: Probe) -> dict[str, Any]:
    return {
        "method": probe.method,
        "path": probe.path,
        "params": dict(probe.query) or None,
        "json": probe.body,
    }


def _exchange(send: Callable[[Probe], Any], probe: Probe) -> Exchange:
    try:
        response = send(probe)
    except AuthenticationError:
        raise
    except (APIError, DecodeError) as refused:
        return Exchange.from_error(refused)
    return Exchange.from_response(response)
