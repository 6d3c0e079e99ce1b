"""Background jobs (`/v3/background-jobs`): follow and cancel the API's long-running work."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from reply_contact_data_client.contract import Operations

from .._plan import Call
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from ..pagination import PageQuery
from ._common import unset_if_none

if TYPE_CHECKING:
    from reply_contact_data_client.models import BackgroundJob, BackgroundJobListItem


def _job_uuid(job_id: str | uuid.UUID) -> uuid.UUID:
    try:
        return job_id if isinstance(job_id, uuid.UUID) else uuid.UUID(str(job_id))
    except ValueError:
        raise ValueError(f"a background job id is a GUID, got {job_id!r}") from None


class BackgroundJobsOperations(ResourceBase):
    @paginated
    def list(
        self,
        *,
        category: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[BackgroundJobListItem]:
        """Every background job, lazily (the largest pages the API allows); `category` e.g.
        "email-validation"."""
        return PageQuery(
            Operations.get_background_jobs,
            {"category": unset_if_none(category)},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def get(self, job_id: str | uuid.UUID) -> Call[BackgroundJob]:
        """One job; poll until its status is Done, Failed, Cancelled or Expired."""
        return Call(Operations.get_background_job_by_id, {"job_id": _job_uuid(job_id)})

    @operation
    def cancel(self, job_id: str | uuid.UUID, *, reason: str | None = None) -> Call[None]:
        """Cancel a job (idempotent: cancelling a cancelled job succeeds)."""
        from reply_contact_data_client.models import BackgroundJobCancelRequest

        body = BackgroundJobCancelRequest(reason=reason) if reason else unset_if_none(None)
        return Call(
            Operations.cancel_background_job,
            {"job_id": _job_uuid(job_id), "body": body},
            lambda _: None,
        )


class BackgroundJobs(BackgroundJobsOperations, SyncResource):
    """`client.background_jobs`: the API's asynchronous jobs."""


class AsyncBackgroundJobs(BackgroundJobsOperations, AsyncResource):
    """`client.background_jobs` of the async client."""
