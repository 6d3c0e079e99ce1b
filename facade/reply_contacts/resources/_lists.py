"""What contact lists and account lists share: named, unique per team, paged, found by name,
created safely, renamed, deleted, and filled with members in batches.

`ListKind` says which operations and request models one kind of list uses; `NamedLists` is the
namespace written once over it. Each kind adds only what is its own (sharing for contact lists,
the member verbs' names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from reply_contact_data_client.contract import Operation

from .._plan import Call, Flow
from .._resource import ResourceBase, operation, paginated
from .._text import check_name
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import bulk_in_chunks, create_or_find, find_by_name, id_list, unset_if_none

L = TypeVar("L")  # the list model
Pg = TypeVar("Pg")  # one page of lists


def generated_models() -> Any:
    """The generated models module, imported when a request model is first needed."""
    from reply_contact_data_client import models

    return models


@dataclass(frozen=True)
class ListKind:
    """One kind of named list: its operations, its request models and how it is called.

    Request models are given as functions that import them, because importing any generated
    model imports all of them and `import reply_contacts` must stay cheap.
    """

    noun: str  # "list", "account list": for messages
    name_label: str  # "a list name", "an account list name": for messages
    member: str  # "contact id", "account id"
    member_field: str  # the request model's id-array field, e.g. "contact_ids"
    list_op: Operation
    get_op: Operation
    create_op: Operation
    update_op: Operation
    delete_op: Operation
    create_request: Callable[[], type[Any]]
    update_request: Callable[[], type[Any]]
    member_request: Callable[[], type[Any]]

    def checked_name(self, name: str, for_op: Operation | None = None) -> str:
        """The stripped name, checked against the spec's bounds so a bad one costs no request."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{self.name_label} must be a non-empty string, got {name!r}")
        stripped = check_name(name, self.name_label).strip()
        try:
            bounds = (for_op or self.create_op).limit("/name")
        except KeyError:
            return stripped
        low, high = bounds.min_length or 1, bounds.max_length
        if len(stripped) < low or (high is not None and len(stripped) > high):
            most = f" to {high}" if high is not None else " or more"
            raise ValueError(
                f"{self.name_label} must be {low}{most} characters, got {len(stripped)}"
            )
        return stripped

    def members(self, operation: Operation, list_id: int, ids: Iterable[int]) -> Flow[BulkResult]:
        """File ids into a list with `operation` (add or move), in the spec's batch size."""
        (list_id,) = id_list(list_id, "list_id")
        checked = id_list(ids, self.member)
        return bulk_in_chunks(
            operation, checked, self.member_request(), self.member_field, path={"id": list_id}
        )


class NamedLists(ResourceBase, Generic[L, Pg]):
    """The namespace every kind of named list shares; `_kind` is set by each subclass."""

    _kind: ListKind

    @paginated
    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[L]:
        """Every list you can see (yours first); `search` is a case-insensitive name substring."""
        return PageQuery(
            self._kind.list_op,
            {"search": unset_if_none(search)},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def list_page(
        self, *, top: int | None = None, skip: int = 0, search: str | None = None
    ) -> Call[Pg]:
        """One page of lists, exactly as the API returns it (`top=None`: the API's default
        page size)."""
        return Call(
            self._kind.list_op,
            {"top": unset_if_none(top), "skip": skip, "search": unset_if_none(search)},
        )

    @operation
    def get(self, list_id: int) -> Call[L]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(self._kind.get_op, {"id": list_id})

    @operation
    def find_by_name(self, name: str) -> Flow[L | None]:
        """The list named exactly `name` (case-insensitive), or None."""
        check_name(name, self._kind.name_label)
        found = yield from find_by_name(self._kind.list_op, name)
        return cast("L | None", found)

    @operation
    def rename(self, list_id: int, name: str) -> Call[L]:
        (list_id,) = id_list(list_id, "list_id")
        body = self._kind.update_request()(name=self._kind.checked_name(name, self._kind.update_op))
        return Call(self._kind.update_op, {"id": list_id, "body": body})

    @operation
    def delete(self, list_id: int) -> Call[None]:
        """Delete a list; its members are kept."""
        (list_id,) = id_list(list_id, "list_id")
        return Call(self._kind.delete_op, {"id": list_id}, lambda _: None)

    def _create_body(self, name: str, **fields: Any) -> Any:
        return self._kind.create_request()(name=self._kind.checked_name(name), **fields)


def find_or_create(lists: NamedLists[L, Any], name: str, create: Call[L]) -> Flow[L]:
    """The list with this name, created with `create` if missing. Names are unique per team,
    so a create that already happened (a concurrent creator, or our own request whose answer
    was lost) is found and used instead of a second list."""
    found = yield from lists.find_by_name(name)
    if found is None:
        found = yield from create_or_find(create, lambda: lists.find_by_name(name))
    return cast("L", found)
