"""The custom-field catalog: one client's field definitions, cached, looked up by id or title.

The live API returns a contact's custom values keyed by the field's numeric id ("150697"), while
people think in titles ("Deal Stage"). The catalog caches the (small, unpaged) field list and
refreshes it once on a miss, so reading and writing values by title costs one extra request per
client, not one per contact. It also resolves the titles a filter builder names into ids.

It sits beside the plans, below the namespaces: every client owns one (`client.field_catalog`),
and the contacts and custom-field namespaces, the filters and the workflows all read it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from reply_contact_data_client.contract import Operations

from ._body import SupportsRequestBody, as_body
from ._plan import Call, Flow
from .errors import ReplyError

if TYPE_CHECKING:
    from reply_contact_data_client.models import CustomField

__all__ = ["CustomFieldCatalog", "SupportsCustomFieldTitles", "UnknownCustomFieldError"]


class UnknownCustomFieldError(ReplyError, KeyError):
    """A custom field title or id that the account does not have (`name`; `known` lists the
    titles it has). A `ReplyError`, and a `KeyError` for code written when it was only that."""

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
            self._by_id = {f.id: f for f in usable}
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

    def _known_titles(self) -> list[str]:
        return sorted(str(f.title) for f in self._by_id.values())

    def refresh(self) -> Flow[list[CustomField]]:
        """Read every definition (one request) and cache it."""
        fields: list[CustomField] = yield Call(Operations.get_custom_fields)
        self.load(fields)
        return fields

    def _lookup(self, names: Sequence[str | int]) -> Flow[list[CustomField | None]]:
        """The field of each title or id (None where unknown): loads the catalog when it is
        not, else refreshes it once if any name misses."""
        fresh = not self._loaded
        if fresh:
            yield from self.refresh()
        found = [self._find(name) for name in names]
        if not fresh and None in found:
            yield from self.refresh()
            found = [self._find(name) for name in names]
        return found

    def resolve(self, name: str | int) -> Flow[CustomField]:
        """The field with this title (case-insensitive) or id; refreshes once on a miss."""
        (found,) = yield from self._lookup([name])
        if found is None:
            raise UnknownCustomFieldError(name, self._known_titles())
        return found

    def ids_by_title(self, titles: Iterable[str]) -> Flow[dict[str, int]]:
        """The field id of each title (case-insensitive), as `{title as given: id}`.

        One lookup for all of them: at most one request, none when the catalog is loaded and
        knows every title. Raises UnknownCustomFieldError naming the first unknown title.
        """
        wanted = list(dict.fromkeys(titles))
        if not wanted:  # a filter without titles costs nothing
            return {}
        fields = yield from self._lookup(wanted)
        ids: dict[str, int] = {}
        for title, found in zip(wanted, fields, strict=True):
            if found is None:
                raise UnknownCustomFieldError(title, self._known_titles())
            ids[title] = found.id
        return ids

    def request_body(self, source: Any) -> Flow[dict[str, Any]]:
        """The JSON body of a filter input, custom fields named by title resolved to ids.

        A builder that names fields by title (`SupportsCustomFieldTitles`, the contact filter
        builders) resolves through this catalog first; anything else (a generated request
        model, a mapping, None) is taken as it is.
        """
        if isinstance(source, SupportsCustomFieldTitles):
            source = yield from source.resolve(self)
        return as_body(source)

    def titles_for(self, keys: list[str]) -> Flow[dict[str, str]]:
        """Map value keys as the server sends them (numeric ids, or titles) to titles."""
        fields = yield from self._lookup(keys)
        return {
            key: str(found.title) if found is not None else key
            for key, found in zip(keys, fields, strict=True)
        }


@runtime_checkable
class SupportsCustomFieldTitles(Protocol):
    """A request-body source that may name custom fields by title until it is sent."""

    def resolve(self, catalog: CustomFieldCatalog) -> Flow[SupportsRequestBody]: ...
