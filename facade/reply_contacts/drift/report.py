"""A drift report for people (one row per operation) and for machines (JSON)."""

from __future__ import annotations

from typing import Any

from .runner import DriftReport

SHOWN_MISMATCHES = 10
"""Mismatches listed per operation in the text report (the JSON report has them all)."""

_WIDTH = max(len(outcome) for outcome in ("ok", "drift", "not checked"))


def render_text(report: DriftReport) -> str:
    lines = []
    path_width = max((len(r.operation.path) for r in report.results), default=0)
    for result in report.results:
        operation = result.operation
        head = f"{result.outcome:<{_WIDTH}}  {operation.method:<4} {operation.path:<{path_width}}"
        if result.outcome == "not checked":
            head += f"  {result.reason}"
        elif result.outcome == "drift":
            head += f"  {len(result.mismatches)} mismatch" + (
                "es" if len(result.mismatches) > 1 else ""
            )
        lines.append(head.rstrip())
        for mismatch in result.mismatches[:SHOWN_MISMATCHES]:
            lines.append(f"{'':<{_WIDTH}}    {mismatch.describe()}")
        hidden = len(result.mismatches) - SHOWN_MISMATCHES
        if hidden > 0:
            lines.append(f"{'':<{_WIDTH}}    ... and {hidden} more (--json lists them all)")
    lines.append(summary(report))
    return "\n".join(lines)


def summary(report: DriftReport) -> str:
    counts = ", ".join(
        f"{report.count(outcome)} {outcome}" for outcome in ("ok", "drift", "not checked")
    )
    return (
        f"{len(report.results)} read-only operations of spec {report.spec_version} at"
        f" {report.server}: {counts}; {report.requests_sent} request(s) sent"
    )


def as_json(report: DriftReport) -> dict[str, Any]:
    return {
        "server": report.server,
        "specVersion": report.spec_version,
        "requestsPlanned": report.requests_planned,
        "requestsSent": report.requests_sent,
        "drifted": report.drifted,
        "summary": {outcome: report.count(outcome) for outcome in ("ok", "drift", "not checked")},
        "operations": [result.as_dict() for result in report.results],
        "fixtures": [str(path) for path in report.fixtures],
    }
