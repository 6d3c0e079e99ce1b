"""A contact filter as the resources send it: any filter input turned into a request body, its
custom-field titles resolved by the client's field catalog on the way.

The resolution itself is the catalog's (`CustomFieldCatalog.request_body`); this module only
puts it in front of a request, including the first page of a paginated filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from reply_contact_data_client.contract import Operations

from .._plan import Call, Flow
from ..pagination import PageQuery

if TYPE_CHECKING:
    from reply_contact_data_client.models import Contact

    from ..resources.custom_fields import CustomFieldCatalog

__all__ = ["filter_query", "resolve_filter_body"]


def resolve_filter_body(filter_obj: Any, catalog: CustomFieldCatalog) -> Flow[dict[str, Any]]:
    """The request body of any filter input (a `ContactFilter`, a single rule, a generated
    request model, an API-shaped mapping, or None for everything), titles resolved to ids."""
    return (yield from catalog.request_body(filter_obj))


@dataclass(frozen=True)
class _ResolvingFilterQuery(PageQuery[Any]):
    """Pages of `POST /v3/contacts/filter` whose body is resolved as part of the first page's
    plan, so a paginated filter needs no separate step."""

    source: Any = None
    catalog: Any = None

    def call_for(self, skip: int, remaining: int | None) -> Call[Any]:
        plain = super().call_for(skip, remaining)
        # A plan, not a single call: the runners accept both. Once the catalog is loaded the
        # resolution yields nothing, so later pages cost exactly one request each.
        return cast("Call[Any]", self._resolved_call(plain))

    def _resolved_call(self, plain: Call[Any]) -> Flow[Any]:
        from reply_contact_data_client.models import ContactFilterRequest

        body = yield from resolve_filter_body(self.source, self.catalog)
        kwargs = {**plain.kwargs, "body": ContactFilterRequest.from_dict(body)}
        return (yield Call(plain.operation, kwargs))


def filter_query(
    filter_obj: Any,
    catalog: CustomFieldCatalog,
    *,
    page_size: int | None = None,
    max_items: int | None = None,
) -> PageQuery[Contact]:
    """The PageQuery of a contact filter that resolves custom-field titles on the way."""
    return _ResolvingFilterQuery(
        Operations.filter_contacts,
        {},
        page_size=page_size,
        max_items=max_items,
        source=filter_obj,
        catalog=catalog,
    )
