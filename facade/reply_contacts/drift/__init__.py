"""Does the contract still match the server? Check it with the user's own key, read-only.

    from reply_contacts import ReplyContacts
    from reply_contacts.drift import DriftPlan, check_contract, render_text

    plan = DriftPlan(max_requests=40)            # plan.requests: what the run will send
    with ReplyContacts() as client:
        report = check_contract(client, plan, save_fixtures=Path("fixtures"))
    print(render_text(report))                   # report.drifted: anything differs

Modules: `plan` (which read-only operations, their ids and bodies, the verdicts), `validation`
(openapi-core against the spec shipped in the generated package, `spec`), `runner` (sync and
async drivers), `anonymise` and `fixtures` (responses saved without personal data), `replay`
(a fixture parsed through the SDK), `report` (text and JSON). Needs the [drift] extra.
"""

from __future__ import annotations

from .anonymise import Anonymiser
from .fixtures import Fixture, read_fixture, write_fixture
from .plan import DEFAULT_MAX_REQUESTS, DriftPlan, OperationResult, read_only_operations
from .replay import replay_fixture
from .report import as_json, render_text, summary
from .runner import DriftReport, acheck_contract, check_contract
from .spec import DRIFT_EXTRA, require_drift_extra
from .validation import Mismatch

__all__ = [
    "DEFAULT_MAX_REQUESTS",
    "DRIFT_EXTRA",
    "Anonymiser",
    "DriftPlan",
    "DriftReport",
    "Fixture",
    "Mismatch",
    "OperationResult",
    "acheck_contract",
    "as_json",
    "check_contract",
    "read_fixture",
    "read_only_operations",
    "render_text",
    "replay_fixture",
    "require_drift_extra",
    "summary",
    "write_fixture",
]
