"""The custom-field catalog: one client's field definitions, cached, looked up by id or title.

The live API returns a contact's custom values keyed by the field's numeric id ("150697"), while
people think in titles ("Deal Stage"). The catalog caches the (small, unpaged) field list and
refreshes it once on a miss, so reading and writing values by title costs one extra request per
client, not one per contact.

It sits beside the plans, below the namespaces: every client owns one (`client.field_catalog`),
and the contacts and custom-field namespaces, the filters and the workflows all read it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from reply_contact_data_client.contract import Operations

from ._plan import Call, Flow

if TYPE_CHECKING:
    from reply_contact_data_client.models import CustomField

__all__ = ["CustomFieldCatalog", "UnknownCustomFieldError"]


class UnknownCustomFieldError(KeyError):
    """A custom field title or id that the account does not have."""

    def __init__(self, name: str | int, known: list[str]) -> None:
        self.name = name
        self.known = known
        shown = ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
        super().__init__(f"no custom field {name!r} (known: {shown or 'none'})")

    def __str__(self) -> str:
        return str(self.args[0])


class CustomFieldCatalog:
    """Cached custom-field definitions of one client, looked up by id or by title."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[int, CustomField] = {}
        self._by_title: dict[str, CustomField] = {}
        self._loaded = False

    def load(self, fields: list[CustomField]) -> None:
        # A definition without a usable id or title cannot be addressed by either: skip it
        # rather than fail every lookup (the live API drifts from its docs).
        usable = [
            f
            for f in fields
            if isinstance(f.id, int) and not isinstance(f.id, bool) and isinstance(f.title, str)
        ]
        with self._lock:
            self._by_id = {f.id: f for f in usable}  # type: ignore[misc]
            self._by_title = {str(f.title).casefold(): f for f in usable}
            self._loaded = True

    @property
    def loaded(self) -> bool:
        return self._loaded

    def snapshot(self) -> list[CustomField]:
        """The cached definitions (empty until loaded)."""
        with self._lock:
            return list(self._by_id.values())

    def invalidate(self) -> None:
        with self._lock:
            self._loaded = False

    def _find(self, name: str | int) -> CustomField | None:
        if isinstance(name, int) or (isinstance(name, str) and name.isdigit()):
            found = self._by_id.get(int(name))
            if found is not None:
                return found
        return self._by_title.get(str(name).casefold())

    def refresh(self) -> Flow[list[CustomField]]:
        """Read every definition (one request) and cache it."""
        fields: list[CustomField] = yield Call(Operations.get_custom_fields)
        self.load(fields)
        return fields

    def resolve(self, name: str | int) -> Flow[CustomField]:
        """The field with this title (case-insensitive) or id; refreshes once on a miss."""
        fresh = not self._loaded
        if fresh:
            yield from self.refresh()
        found = self._find(name)
        if found is None and not fresh:
            yield from self.refresh()
            found = self._find(name)
        if found is None:
            raise UnknownCustomFieldError(name, sorted(str(f.title) for f in self._by_id.values()))
        return found

    def titles_for(self, keys: list[str]) -> Flow[dict[str, str]]:
        """Map value keys as the server sends them (numeric ids, or titles) to titles."""
        fresh = not self._loaded
        if fresh:
            yield from self.refresh()
        if not fresh and any(self._find(k) is None for k in keys):
            yield from self.refresh()
        out = {}
        for key in keys:
            found = self._find(key)
            out[key] = str(found.title) if found is not None else key
        return out
