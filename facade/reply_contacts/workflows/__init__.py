"""Workflows: the typical agent tasks done right, in few requests, with nothing lost.

`client.workflows` (and the shortcuts on the client, such as `client.import_to_list`) combine
several API calls into one operation. Each workflow is written once, as a plan, and runs on the
sync and the async client alike.
"""

from __future__ import annotations

from .._resource import AsyncResource, SyncResource
from .accounts import AccountWorkflows
from .importing import ImportWorkflows
from .outreach import OutreachWorkflows
from .research import ResearchWorkflows


class _AllWorkflows(ImportWorkflows, OutreachWorkflows, AccountWorkflows, ResearchWorkflows):
    """Every workflow, in one namespace."""


class Workflows(_AllWorkflows, SyncResource):
    """`client.workflows`: multi-step tasks on the sync client."""


class AsyncWorkflows(_AllWorkflows, AsyncResource):
    """`client.workflows` of the async client."""
