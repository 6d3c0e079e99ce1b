"""Background jobs (reference §8, J1-J3). The sandbox never starts a job itself; tests seed
them (``Sandbox.seed_background_job``) so clients have something to list, poll and cancel."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from .parsing import TOP_RANGE, PageRules
from .problems import business, not_found
from .routing import Ctx, Served, json_response, no_content, page_of
from .seed import setting_enabled

JOB_PAGE = PageRules(code="backgroundJob.invalidPagination", detail=TOP_RANGE)
CATEGORY_PREFIX = "r2/bg-jobs/"
CANCELLABLE = ("Scheduled", "Processing")


def job_to_api(row: sqlite3.Row, *, details: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "jobId": row["job_id"],
        "status": row["status"],
        "category": row["category"],
        "startedAt": row["started_at"],
        "finishedAt": row["finished_at"],
        "progress": row["progress"],
    }
    if details:
        body["jsonData"] = row["json_data"]
        body["jsonDataResult"] = (
            row["json_data_result"] if row["status"] in ("Done", "Failed") else None
        )
    return body


def _require_upstream(ctx: Ctx) -> None:
    if not setting_enabled(ctx.db, "backgroundJobsAvailable"):
        raise business(
            503,
            "backgroundJob.upstreamUnavailable",
            "Background-jobs service is temporarily unavailable.",
        )


def _job_or_error(ctx: Ctx) -> sqlite3.Row:
    raw = ctx.path_params.get("jobId", "")
    try:
        job_id = uuid.UUID(raw.strip())
    except ValueError:
        raise business(
            400, "backgroundJob.invalidJobId", "Job id must be a non-empty GUID."
        ) from None
    if job_id.int == 0:
        raise business(400, "backgroundJob.invalidJobId", "Job id must be a non-empty GUID.")
    _require_upstream(ctx)
    row: sqlite3.Row | None = ctx.db.execute(
        "SELECT * FROM background_jobs WHERE job_id = ?", (str(job_id),)
    ).fetchone()
    if row is None:
        raise not_found("backgroundJob.notFound", "The requested background job was not found.")
    return row


def list_jobs(ctx: Ctx) -> Response:
    page = ctx.page(JOB_PAGE)
    _require_upstream(ctx)
    category = ctx.query.get("category") or ""
    rows = ctx.db.execute(
        "SELECT * FROM background_jobs WHERE substr(coalesce(category, ''), 1, ?) = ? "
        "ORDER BY started_at DESC, job_id LIMIT ? OFFSET ?",
        (len(CATEGORY_PREFIX + category), CATEGORY_PREFIX + category, page.top + 1, page.skip),
    ).fetchall()
    return page_of([job_to_api(row, details=False) for row in rows], page)


def get_job(ctx: Ctx) -> Response:
    return json_response(job_to_api(_job_or_error(ctx), details=True))


def cancel_job(ctx: Ctx) -> Response:
    row = _job_or_error(ctx)
    body = ctx.body(required=False)
    body.string("reason")
    body.finish()
    if row["status"] in CANCELLABLE:
        ctx.db.execute(
            "UPDATE background_jobs SET status = 'Cancelled', finished_at = ? WHERE job_id = ?",
            (ctx.now(), row["job_id"]),
        )
    # Idempotent: cancelling a settled or already cancelled job is a no-op 204.
    return no_content()


def served() -> list[Served]:
    ops = contract.Operations
    return [
        Served(ops.get_background_jobs, list_jobs),
        Served(ops.get_background_job_by_id, get_job),
        Served(ops.cancel_background_job, cancel_job),
    ]
