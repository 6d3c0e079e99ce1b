"""Where each input column goes in an import, decided once per column for the whole input.

A column lands on a contact field (its API name, or a common header: "E-mail" is `email`), on
a custom field by title, or nowhere because the caller said so (`ignore_columns`,
`ignore_unknown_columns`). `column_map` sends a column to a contact field or a custom field's
title. A column that is none of these would lose its values, so it is never dropped quietly:
it is created as a text custom field when the caller asked (`create_missing_fields`), else the
import raises `UnknownColumnsError` naming every such column at once.

Each column is decided the first time it is seen, and the decision holds for every row. The
custom-field catalog is read at most once per import: not at all when every column is a contact
field or the client's cached catalog knows every title, once when it is not loaded yet or misses
a title (so a field created since it was cached is found).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .._plan import Flow
from .._resource import NamespaceOwner
from ..errors import APIConnectionError, ConflictError, ServerError, UnknownColumnsError
from ..resources.custom_fields import CustomFieldsOperations
from .rows import FieldSpec, NormalisedRow, api_field_for, fold
from .sources import NumberedRow

if TYPE_CHECKING:
    from reply_contact_data_client.models import CustomField

__all__ = ["ENTRIES_KEY", "Column", "ColumnKind", "ColumnPlan", "absent_columns"]

# An API-shaped row (a model's `to_dict()`) carries custom values as a list under this key, each
# entry naming its field by title or id.
ENTRIES_KEY = "customFields"


class ColumnKind(StrEnum):
    FIELD = "field"  # a contact field: `target` is its API name
    CUSTOM = "custom"  # a custom field: `spec` says which
    IGNORED = "ignored"  # left out on purpose
    UNKNOWN = "unknown"  # matches nothing: the import refuses it
    ENTRIES = "entries"  # the `customFields` list of an API-shaped row


@dataclass(frozen=True)
class Column:
    kind: ColumnKind
    target: str = ""
    spec: FieldSpec | None = None


_IGNORED = Column(ColumnKind.IGNORED)


@dataclass(frozen=True)
class _Candidate:
    """A column that names a custom field title (its own name, or its `column_map` target)."""

    title: str
    mapped: bool


class ColumnPlan:
    """The decisions of one import, and the rows mapped through them."""

    def __init__(
        self,
        owner: NamespaceOwner,
        *,
        column_map: Mapping[str, str],
        ignore_columns: Iterable[str],
        create_missing_fields: bool,
        ignore_unknown_columns: bool,
    ) -> None:
        self._owner = owner
        self._map = {str(k).strip(): str(v).strip() for k, v in column_map.items()}
        self._map_folded = {k.casefold(): v for k, v in self._map.items()}
        self._ignored = {fold(name) for name in ignore_columns}
        self._create = create_missing_fields
        self._ignore_unknown = ignore_unknown_columns
        self._columns: dict[str, Column] = {}
        self._titles: dict[str, Column] = {}  # custom titles named inside ENTRIES_KEY lists
        self._specs: dict[str, FieldSpec] | None = None
        self._catalog_read = False
        self.unknown: dict[str, None] = {}  # ordered set, as the input names them
        self.bad_targets: dict[str, str] = {}

    # -- deciding -------------------------------------------------------------------------

    def undecided(self, row: Mapping[Any, Any]) -> tuple[list[str], list[str]]:
        """The columns, and the titles in its custom-field entries, this row shows first."""
        columns = [str(k) for k in row if k is not None and str(k) not in self._columns]
        titles: list[str] = []
        entries = row.get(ENTRIES_KEY)
        if isinstance(entries, list):
            titles = [t for t in map(_entry_title, entries) if t and t not in self._titles]
        return columns, titles

    def decide(self, columns: Iterable[str], titles: Iterable[str] = ()) -> Flow[None]:
        """Decide each new column (and entry title); may read the catalog and create fields."""
        candidates: dict[str, _Candidate] = {}
        for name in columns:
            if name in self._columns:
                continue
            column = self._decide_locally(name)
            if column is None:
                mapped = self._mapped(name)
                candidates[name] = _Candidate(mapped or name.strip(), mapped is not None)
            else:
                self._columns[name] = column
        new_titles = [t for t in dict.fromkeys(titles) if t not in self._titles]
        wanted = [c.title for c in candidates.values()] + new_titles
        if not wanted:
            return
        specs = yield from self._catalog(wanted)
        missing = [t for t in dict.fromkeys(wanted) if _lookup(specs, t) is None]
        creatable = [t for t in missing if self._create]
        if creatable:
            specs = yield from self._create_fields(creatable)
        for name, candidate in candidates.items():
            self._columns[name] = self._custom(name, candidate, specs)
        for title in new_titles:
            self._titles[title] = self._custom(title, _Candidate(title, False), specs)

    def _decide_locally(self, name: str) -> Column | None:
        """The decision needing no catalog, or None when the column names a custom field."""
        key = name.strip()
        if not key or fold(key) in self._ignored:
            return _IGNORED
        mapped = self._mapped(name)
        if mapped is not None:
            field = api_field_for(mapped)
            return None if field is None else Column(ColumnKind.FIELD, field)
        if key == ENTRIES_KEY:
            return Column(ColumnKind.ENTRIES)
        field = api_field_for(key)
        return None if field is None else Column(ColumnKind.FIELD, field)

    def _mapped(self, name: str) -> str | None:
        key = name.strip()
        return self._map.get(key) or self._map_folded.get(key.casefold())

    def _custom(self, name: str, candidate: _Candidate, specs: dict[str, FieldSpec]) -> Column:
        spec = _lookup(specs, candidate.title)
        if spec is not None:
            return Column(ColumnKind.CUSTOM, spec.title, spec)
        if candidate.mapped:
            self.bad_targets[name] = candidate.title  # explicitly mapped: never ignored quietly
        elif self._ignore_unknown:
            return _IGNORED
        else:
            self.unknown[name] = None
        return Column(ColumnKind.UNKNOWN, candidate.title)

    def _catalog(self, titles: list[str]) -> Flow[dict[str, FieldSpec]]:
        """The catalog's fields by title and id: the client's cache while it knows every title,
        else read once for this import (never twice: a title missing from a fresh read is
        missing)."""
        catalog = self._owner.field_catalog
        if self._specs is None and catalog.loaded:
            self._specs = _index(catalog.snapshot())
        known = self._specs is not None and all(_lookup(self._specs, t) for t in titles)
        if not known and not self._catalog_read:
            fields: list[CustomField] = yield from catalog.refresh()
            self._catalog_read = True
            self._specs = _index(fields)
        return self._specs or {}

    def _create_fields(self, titles: list[str]) -> Flow[dict[str, FieldSpec]]:
        """Create each title as a text custom field; the specs of every field afterwards."""
        from reply_contact_data_client.models import CustomFieldType

        catalog = self._owner.field_catalog
        fields = catalog.snapshot()
        custom_fields = CustomFieldsOperations(self._owner)
        for title in dict.fromkeys(titles):
            try:
                created = yield from custom_fields.create(
                    title=title, field_type=CustomFieldType.TEXT
                )
                fields.append(created)
            except (ConflictError, ServerError, APIConnectionError):
                # Titles are unique, so a create whose answer was lost (or a concurrent
                # creator) is found by reading the list again; a real failure still raises.
                fields = yield from catalog.refresh()
                if _lookup(_index(fields), title) is None:
                    raise
        catalog.load(fields)
        self._specs = _index(fields)
        return self._specs

    def error(self) -> UnknownColumnsError | None:
        """The error naming every column decided unknown so far, or None."""
        if not self.unknown and not self.bad_targets:
            return None
        return UnknownColumnsError(list(self.unknown), self.bad_targets)

    def check_map_columns(self, columns: Iterable[str]) -> None:
        """ValueError when `column_map` names a column the input does not have (a typo there
        would leave that column unmapped)."""
        columns = list(columns)
        absent = absent_columns(self._map, columns)
        if absent:
            shown = ", ".join(repr(name) for name in absent)
            raise ValueError(
                f"column_map names {shown}, not a column of the input (its columns:"
                f" {', '.join(repr(str(c)) for c in columns if str(c).strip())})"
            )

    # -- mapping rows ---------------------------------------------------------------------

    def normalise(self, row: Mapping[Any, Any]) -> NormalisedRow:
        """One row on API names through the decisions; blank values are dropped (an import
        never blanks a field). Every column of the row must have been decided."""
        out = NormalisedRow()
        stray = list(row.stray) if isinstance(row, NumberedRow) else []
        for raw_key, raw_value in row.items():
            if raw_key is None:
                # csv.DictReader keeps the surplus cells of a ragged row under the None key.
                stray.extend(str(v) for v in raw_value or () if str(v).strip())
                continue
            column = self._columns[str(raw_key)]
            if column.kind is ColumnKind.ENTRIES and isinstance(raw_value, list):
                for entry in raw_value:
                    title = _entry_title(entry)
                    value = entry.get("value") if isinstance(entry, Mapping) else None
                    if title and value not in (None, ""):
                        self._put(out, self._titles[title], str(value))
                continue
            value = raw_value.strip() if isinstance(raw_value, str) else raw_value
            if value is None or value == "":
                continue
            if not str(raw_key).strip():
                stray.append(str(value))  # a value under a blank header has no field to go to
                continue
            self._put(out, column, value)
        out.stray = (*stray, *out.stray)
        return out

    @staticmethod
    def _put(out: NormalisedRow, column: Column, value: Any) -> None:
        if column.kind is ColumnKind.FIELD:
            out.fields[column.target] = value
        elif column.kind is ColumnKind.CUSTOM:
            assert column.spec is not None
            out.custom.append((column.spec, str(value)))
        elif column.kind is ColumnKind.ENTRIES:
            out.stray += (str(value),)  # a `customFields` cell that is no list of entries


def absent_columns(names: Iterable[str], columns: Iterable[str]) -> list[str]:
    """The `names` (as `column_map` keys are matched: trimmed, any case) not among `columns`."""
    present = {str(c).strip().casefold() for c in columns}
    return [name for name in names if name.strip().casefold() not in present]


def _entry_title(entry: Any) -> str | None:
    if not isinstance(entry, Mapping):
        return None
    name = entry.get("name") or entry.get("id") or entry.get("key")
    return None if name is None else str(name)


def _index(fields: list[CustomField]) -> dict[str, FieldSpec]:
    """Specs by folded title and by id (a value keyed by id, as the live API returns them)."""
    from reply_contact_data_client.models import CustomFieldType

    index: dict[str, FieldSpec] = {}
    for field in fields:
        spec = FieldSpec(
            id=field.id,
            title=str(field.title),
            numeric=str(field.field_type) == CustomFieldType.NUMBER.value,
        )
        index[spec.title.casefold()] = spec
        index[str(spec.id)] = spec
    return index


def _lookup(specs: dict[str, FieldSpec], title: str) -> FieldSpec | None:
    return specs.get(title.strip().casefold())
