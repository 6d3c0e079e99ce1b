"""Custom fields (`/v3/custom-fields`): the definitions, kept in step with the client's catalog.

The catalog itself (`CustomFieldCatalog`, the title <-> id cache) lives in `reply_contacts._catalog`
and is re-exported here.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reply_contact_data_client.contract import Operations

from .._catalog import CustomFieldCatalog, SupportsCustomFieldTitles, UnknownCustomFieldError
from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation
from ._common import build_model, id_list

if TYPE_CHECKING:
    from reply_contact_data_client.models import (
        CustomField,
        CustomFieldCreateRequest,
        CustomFieldUpdateRequest,
    )

__all__ = [
    "AsyncCustomFields",
    "CustomFieldCatalog",
    "CustomFields",
    "CustomFieldsOperations",
    "SupportsCustomFieldTitles",
    "UnknownCustomFieldError",
]


class CustomFieldsOperations(ResourceBase):
    @operation
    def list(self) -> Flow[builtins.list[CustomField]]:
        """Every custom field of the team and organization (one flat, unpaged array); the
        client's catalog is refreshed with them."""
        return self._owner.field_catalog.refresh()

    @operation
    def get(self, field_id: int) -> Call[CustomField]:
        """One custom field by id."""
        (field_id,) = id_list(field_id, "field_id")
        return Call(Operations.get_custom_field_by_id, {"id": field_id})

    @operation
    def by_title(self, title: str) -> Flow[CustomField]:
        """The field with this title (case-insensitive), from the cached catalog."""
        return (yield from self._owner.field_catalog.resolve(title))

    @operation
    def create(
        self, field: CustomFieldCreateRequest | Mapping[str, Any] | None = None, /, **fields: Any
    ) -> Call[CustomField]:
        """Create a field: `create(title="Deal Stage", field_type="text")`.

        Raises ConflictError (`customField.duplicateName` / `customField.limitExceeded`).
        """
        from reply_contact_data_client.models import CustomFieldCreateRequest

        body = build_model(CustomFieldCreateRequest, field, fields)
        self._owner.field_catalog.invalidate()
        return Call(Operations.create_custom_field, {"body": body})

    @operation
    def update(
        self,
        field_id: int,
        field: CustomFieldUpdateRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Call[CustomField]:
        """Replace a field's definition (title, type and metadata; metadata is not merged)."""
        from reply_contact_data_client.models import CustomFieldUpdateRequest

        (field_id,) = id_list(field_id, "field_id")
        body = build_model(CustomFieldUpdateRequest, field, fields)
        self._owner.field_catalog.invalidate()
        return Call(Operations.update_custom_field, {"id": field_id, "body": body})

    @operation
    def delete(self, field_id: int) -> Call[None]:
        """Delete a field. Raises ConflictError (`customField.hasValues`) while contacts hold
        values for it."""
        (field_id,) = id_list(field_id, "field_id")
        self._owner.field_catalog.invalidate()
        return Call(Operations.delete_custom_field, {"id": field_id}, lambda _: None)


class CustomFields(CustomFieldsOperations, SyncResource):
    """`client.custom_fields`: custom field definitions."""


class AsyncCustomFields(CustomFieldsOperations, AsyncResource):
    """`client.custom_fields` of the async client: custom field definitions."""
