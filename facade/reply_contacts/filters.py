"""Filter builders: contact and account filters composed in Python, validated before sending.

    from reply_contacts.filters import Account, Contact, segments

    vps = Contact.title.contains("VP") & (Contact.country == "US")
    client.contacts.filter(vps.in_list(12).sort(Contact.last_name))
    client.contacts.count(vps)
    client.accounts.filter(Account.company_size.in_(["51-200"]) & (Account.owner_id == 2))

Contacts: the API publishes no rule vocabulary (reference §9.1), so the known properties and
conditions have completion-friendly names here and anything else is still accepted as a string
(`Contact.field("x").where("someCondition", "v")`). Every rule is ANDed by the API; there is no
OR. Accounts: the property and condition vocabularies are published PascalCase enums (§7.1), so
they are checked, and `values` are typed per property.

Python binds `&` tighter than `==`, so `A & Contact.country == "US"` means
`(A & Contact.country) == "US"`; that form is completed into the filter you meant rather than
silently building something else.

Builders produce exactly the request body (`to_body()`), which the facade sends through the
generated models. Custom-field rules name a field by title (`Contact.custom("Deal Stage")`) or
by id; titles are resolved to ids through the client's field catalog (`ContactFilter.resolve`,
`resolve_filter_body`) before sending, and become the property `customField:<id>`.
"""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NoReturn, cast

from reply_contact_data_client.contract import Operations

from ._plan import Call, Flow
from .pagination import PageQuery

if TYPE_CHECKING:
    from reply_contact_data_client.models import Contact as ContactModel

    from .resources.custom_fields import CustomFieldCatalog

__all__ = [
    "Account",
    "AccountField",
    "AccountFilter",
    "AccountRule",
    "Contact",
    "ContactFilter",
    "Field",
    "FilterError",
    "Rule",
    "Segments",
    "filter_query",
    "resolve_filter_body",
    "segments",
]


class FilterError(ValueError):
    """A filter that cannot be sent as built; the message names the rule and the problem."""


SortDirection = Literal["asc", "desc"]
_DIRECTIONS = ("asc", "desc")
_INT32_MAX = 2**31 - 1
CUSTOM_FIELD_PREFIX = "customField:"

# -- contacts: conditions ------------------------------------------------------------------------

EQUALS = "equals"
NOT_EQUALS = "notEquals"
CONTAINS = "contains"
NOT_CONTAINS = "notContains"
STARTS_WITH = "startsWith"
ENDS_WITH = "endsWith"
IS_SET = "isSet"
IS_NOT_SET = "isNotSet"
IN = "in"
NOT_IN = "notIn"

KNOWN_CONDITIONS = (
    EQUALS,
    NOT_EQUALS,
    CONTAINS,
    NOT_CONTAINS,
    STARTS_WITH,
    ENDS_WITH,
    IS_SET,
    IS_NOT_SET,
    IN,
    NOT_IN,
)
_VALUELESS = frozenset({IS_SET, IS_NOT_SET})
_LIST_CONDITIONS = frozenset({IN, NOT_IN})
_NEGATION = {
    EQUALS: NOT_EQUALS,
    CONTAINS: NOT_CONTAINS,
    IS_SET: IS_NOT_SET,
    IN: NOT_IN,
}
_NEGATION.update({v: k for k, v in list(_NEGATION.items())})
_CONDITION_BY_LOWER = {c.lower(): c for c in KNOWN_CONDITIONS}

# What each kind of contact property can be asked. Booleans and enums have no "contains";
# booleans are never unset.
_TEXT, _INTEGER, _BOOLEAN, _ENUM, _CUSTOM, _ANY = (
    "text",
    "integer",
    "boolean",
    "enum",
    "custom",
    "any",
)
_CONDITIONS_FOR_KIND: dict[str, frozenset[str]] = {
    _TEXT: frozenset(KNOWN_CONDITIONS),
    _CUSTOM: frozenset(KNOWN_CONDITIONS),
    _ANY: frozenset(KNOWN_CONDITIONS),
    _INTEGER: frozenset({EQUALS, NOT_EQUALS, IN, NOT_IN, IS_SET, IS_NOT_SET}),
    _BOOLEAN: frozenset({EQUALS, NOT_EQUALS}),
    _ENUM: frozenset({EQUALS, NOT_EQUALS, IN, NOT_IN}),
}

CALL_STATUSES = ("none", "toCall", "called")
MEETING_STATUSES = ("none", "meetingBooked")
CONTACT_COMPANY_SIZES = (
    "Empty",
    "SelfEmployed",
    "Ten",
    "Fifty",
    "TwoHundred",
    "FiveHundred",
    "OneThousand",
    "FiveThousand",
    "TenThousand",
    "OverTenThousand",
)


def _fail(message: str) -> NoReturn:
    raise FilterError(message)


def _check_id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _INT32_MAX:
        _fail(f"{what} must be a positive 32-bit integer, got {value!r}")
    return value


def _check_direction(direction: Any) -> SortDirection:
    text = direction.strip().lower() if isinstance(direction, str) else direction
    if text not in _DIRECTIONS:
        _fail(f"sort direction must be 'asc' or 'desc', got {direction!r}")
    return cast(SortDirection, text)


def _check_search(term: Any) -> str:
    if not isinstance(term, str) or not term.strip():
        _fail(f"a search term must be a non-empty string, got {term!r}")
    return term


# -- contacts: rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One contact rule `(property, condition, value)`, exactly as sent.

    `value` is the wire string (`None` for `isSet` / `isNotSet`). A custom-field rule named by
    title keeps the title in `custom_title` until the field catalog resolves it to an id.
    """

    property: str
    condition: str
    value: str | None = None
    custom_title: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.property, str) or not self.property.strip():
            _fail(f"a rule needs a property name, got {self.property!r}")
        if not isinstance(self.condition, str) or not self.condition.strip():
            _fail(f"rule on {self.property!r} needs a condition, got {self.condition!r}")
        if self.value is not None and not isinstance(self.value, str):
            _fail(
                f"rule {self.property!r} {self.condition}: the wire value must be a string, "
                f"got {type(self.value).__name__} (use the Contact.<field> helpers to convert)"
            )
        known = _CONDITION_BY_LOWER.get(self.condition.lower())
        if known in _VALUELESS and self.value is not None:
            _fail(f"rule {self.property!r} {self.condition} takes no value, got {self.value!r}")
        if known is not None and known not in _VALUELESS and self.value is None:
            _fail(f"rule {self.property!r} {self.condition} needs a value")

    @builtins.property
    def resolved(self) -> bool:
        """False while the rule names a custom field by a title not yet turned into an id."""
        return self.custom_title is None

    def to_body(self) -> dict[str, Any]:
        """The body of a filter made of this one rule (so a bare rule can be passed to
        `client.contacts.filter` / `count`)."""
        return ContactFilter((self,)).to_body()

    def to_dict(self) -> dict[str, Any]:
        """This rule as one item of the body's `rules`."""
        if self.custom_title is not None:
            _fail(
                f"custom field {self.custom_title!r} is named by title; resolve it first "
                "(ContactFilter.resolve(client.field_catalog) or resolve_filter_body), "
                "or name it by id: Contact.custom(<field id>)"
            )
        body: dict[str, Any] = {"property": self.property, "condition": self.condition}
        if self.value is not None:
            body["value"] = self.value
        return body

    def __and__(self, other: Any) -> Any:
        return ContactFilter((self,)) & other

    def __rand__(self, other: Any) -> Any:
        return _and_left(other, ContactFilter((self,)))

    def __or__(self, other: Any) -> NoReturn:
        _no_or()

    __ror__ = __or__

    def __invert__(self) -> Rule:
        """The opposite rule (`~Contact.title.contains("VP")` is `notContains`)."""
        known = _CONDITION_BY_LOWER.get(self.condition.lower())
        if known is None:
            _fail(f"cannot negate the unlisted condition {self.condition!r}; use .where()")
        return Rule(self.property, _NEGATION[known], self.value, self.custom_title)

    def __str__(self) -> str:
        name = f"customField:{self.custom_title!r}" if self.custom_title else self.property
        value = "" if self.value is None else f" {self.value!r}"
        return f"{name} {self.condition}{value}"

    def __repr__(self) -> str:
        return f"Rule({self})"


def _no_or() -> NoReturn:
    raise TypeError(
        "the Contact Data API ANDs every rule of a filter and has no OR; combine rules with &, "
        "or run one filter per alternative and merge the results (for example by contact id)"
    )


def _stringify(field: Field, value: Any) -> str:
    """One value of a contact rule as the wire string, checked against the property's kind."""
    label = field.label
    kind = field.kind
    if kind == _TEXT:
        if not isinstance(value, str):
            _fail(f"{label} compares text; got {type(value).__name__} {value!r}")
        return value
    if kind == _INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            _fail(f"{label} compares integers; got {type(value).__name__} {value!r}")
        return str(value)
    if kind == _BOOLEAN:
        if not isinstance(value, bool):
            _fail(f"{label} is true or false; got {type(value).__name__} {value!r}")
        return "true" if value else "false"
    if kind == _ENUM:
        allowed = field.choices
        text = str(value) if isinstance(value, str) else None
        canonical = {c.lower(): c for c in allowed}.get(text.lower()) if text else None
        if canonical is None:
            _fail(f"{label} is one of {', '.join(allowed)}; got {value!r}")
        return canonical
    # Custom fields hold text or numbers; unknown properties take whatever the caller means.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    _fail(f"{label}: cannot send a {type(value).__name__} as a rule value ({value!r})")


@dataclass(frozen=True, eq=False)
class Field:
    """A contact property; its methods and operators build `Rule`s.

    `==` / `!=` are `equals` / `notEquals` (`== None` is `isNotSet`, `!= None` is `isSet`).
    """

    name: str
    kind: str = _ANY
    choices: tuple[str, ...] = ()
    custom_title: str | None = None

    __hash__ = object.__hash__

    @property
    def label(self) -> str:
        if self.custom_title is not None:
            return f"Contact.custom({self.custom_title!r})"
        if self.name.startswith(CUSTOM_FIELD_PREFIX):
            return f"Contact.custom({self.name[len(CUSTOM_FIELD_PREFIX) :]})"
        attribute = _ATTRIBUTE_BY_NAME.get(self.name)
        return f"Contact.{attribute}" if attribute else f"Contact.field({self.name!r})"

    def _rule(self, condition: str, value: Any = None) -> Rule:
        allowed = _CONDITIONS_FOR_KIND[self.kind]
        if condition not in allowed:
            hint = " (use == True / == False)" if self.kind == _BOOLEAN else ""
            _fail(
                f"{self.label} does not support {condition}{hint}; "
                f"it supports {', '.join(c for c in KNOWN_CONDITIONS if c in allowed)}"
            )
        if condition in _VALUELESS:
            if value is not None:
                _fail(f"{self.label} {condition} takes no value, got {value!r}")
            wire = None
        elif condition in _LIST_CONDITIONS:
            wire = self._list_value(condition, value)
        else:
            wire = _stringify(self, value)
        return Rule(self.name, condition, wire, self.custom_title)

    def _list_value(self, condition: str, values: Any) -> str:
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            _fail(f"{self.label} {condition} takes a list of values, got {values!r}")
        texts = [_stringify(self, v) for v in values]
        if not texts:
            _fail(f"{self.label} {condition} needs at least one value")
        # The values travel as one comma-separated string (the rule's value is a string).
        for text in texts:
            if "," in text:
                _fail(f"{self.label} {condition}: values cannot contain ',' ({text!r})")
        return ",".join(texts)

    def __eq__(self, value: object) -> Rule:  # type: ignore[override]
        return self.is_not_set() if value is None else self._rule(EQUALS, value)

    def __ne__(self, value: object) -> Rule:  # type: ignore[override]
        return self.is_set() if value is None else self._rule(NOT_EQUALS, value)

    def equals(self, value: Any) -> Rule:
        return self._rule(EQUALS, value)

    def not_equals(self, value: Any) -> Rule:
        return self._rule(NOT_EQUALS, value)

    def contains(self, text: Any) -> Rule:
        return self._rule(CONTAINS, text)

    def not_contains(self, text: Any) -> Rule:
        return self._rule(NOT_CONTAINS, text)

    def starts_with(self, text: Any) -> Rule:
        return self._rule(STARTS_WITH, text)

    def ends_with(self, text: Any) -> Rule:
        return self._rule(ENDS_WITH, text)

    def is_set(self) -> Rule:
        return self._rule(IS_SET)

    def is_not_set(self) -> Rule:
        return self._rule(IS_NOT_SET)

    def in_(self, values: Iterable[Any]) -> Rule:
        return self._rule(IN, values)

    def not_in(self, values: Iterable[Any]) -> Rule:
        return self._rule(NOT_IN, values)

    def where(self, condition: str, value: Any = None) -> Rule:
        """Any condition, listed or not: `Contact.title.where("matchesRegex", "^VP")`.

        A listed condition (case-insensitive) gets the same value checks as its method; an
        unlisted one is sent as written, its value converted to a string (lists comma-joined).
        """
        if not isinstance(condition, str) or not condition.strip():
            _fail(f"{self.label}.where() needs a condition name, got {condition!r}")
        known = _CONDITION_BY_LOWER.get(condition.strip().lower())
        if known is not None:
            return self._rule(known, value)
        if value is None:
            wire = None
        elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
            wire = ",".join(_stringify(Field(self.name), v) for v in value)
        else:
            wire = _stringify(Field(self.name), value)
        return Rule(self.name, condition.strip(), wire, self.custom_title)

    def __and__(self, other: Any) -> NoReturn:
        raise TypeError(
            f"{self.label} has no condition yet; write e.g. ({self.label} == value) & ..."
        )

    __rand__ = __and__

    def __repr__(self) -> str:
        return f"<Field {self.label}>"


def _text(name: str) -> Field:
    return Field(name, _TEXT)


class Contact:
    """Contact properties for filter rules (names sent in the API's camelCase).

    `Contact.field("anything")` for a property not listed here; `Contact.custom("Deal Stage")`
    or `Contact.custom(150697)` for a custom field.
    """

    id: ClassVar[Field] = Field("id", _INTEGER)
    email: ClassVar[Field] = _text("email")
    domain: ClassVar[Field] = _text("domain")
    first_name: ClassVar[Field] = _text("firstName")
    last_name: ClassVar[Field] = _text("lastName")
    title: ClassVar[Field] = _text("title")
    company: ClassVar[Field] = _text("company")
    company_size: ClassVar[Field] = Field("companySize", _ENUM, CONTACT_COMPANY_SIZES)
    industry: ClassVar[Field] = _text("industry")
    country: ClassVar[Field] = _text("country")
    state: ClassVar[Field] = _text("state")
    city: ClassVar[Field] = _text("city")
    time_zone_id: ClassVar[Field] = _text("timeZoneId")
    phone: ClassVar[Field] = _text("phone")
    phone2: ClassVar[Field] = _text("phone2")
    linkedin_url: ClassVar[Field] = _text("linkedInUrl")
    notes: ClassVar[Field] = _text("notes")
    owner_user_id: ClassVar[Field] = Field("ownerUserId", _INTEGER)
    account_id: ClassVar[Field] = Field("accountId", _INTEGER)
    is_opted_out: ClassVar[Field] = Field("isOptedOut", _BOOLEAN)
    call_status: ClassVar[Field] = Field("callStatus", _ENUM, CALL_STATUSES)
    meeting_status: ClassVar[Field] = Field("meetingStatus", _ENUM, MEETING_STATUSES)

    def __init__(self) -> None:
        raise TypeError("Contact is a namespace of filter fields; use Contact.title etc.")

    @staticmethod
    def field(name: str) -> Field:
        """A property this module does not list, sent as written."""
        if not isinstance(name, str) or not name.strip():
            _fail(f"a property name must be a non-empty string, got {name!r}")
        return Field(name.strip(), _ANY)

    @staticmethod
    def custom(field: str | int) -> Field:
        """A custom field by title (resolved to its id before sending) or by numeric id."""
        if isinstance(field, bool):
            _fail(f"a custom field is named by title or id, got {field!r}")
        if isinstance(field, int):
            return Field(f"{CUSTOM_FIELD_PREFIX}{_check_id(field, 'custom field id')}", _CUSTOM)
        if not isinstance(field, str) or not field.strip():
            _fail(f"a custom field is named by title or id, got {field!r}")
        title = field.strip()
        if title.isdigit():
            return Contact.custom(int(title))
        return Field(f"{CUSTOM_FIELD_PREFIX}{title}", _CUSTOM, custom_title=title)


_ATTRIBUTE_BY_NAME = {
    value.name: attribute for attribute, value in vars(Contact).items() if isinstance(value, Field)
}


# -- contacts: the filter -----------------------------------------------------------------------


def _sort_name(by: Any) -> str:
    if isinstance(by, Field):
        if by.custom_title is not None:
            _fail("sorting by a custom field is not supported by the API")
        return by.name
    if not isinstance(by, str) or not by.strip():
        _fail(f"sort_by must be a Contact field or a non-empty string, got {by!r}")
    return by.strip()


def _merge_scope(name: str, left: Any, right: Any) -> Any:
    if left is not None and right is not None and left != right:
        _fail(f"cannot AND two filters with different {name} ({left!r} and {right!r})")
    return left if left is not None else right


@dataclass(frozen=True, init=False)
class ContactFilter:
    """A contact filter: rules (all must match), scope, search term and sort order.

    Immutable: the fluent methods return a new filter. `to_body()` is exactly the body of
    `POST /v3/contacts/filter` (camelCase keys, only members that are set). The constructor's
    `search=` is read back as `search_term` (`.search(term)` is the fluent method).
    """

    rules: tuple[Rule, ...]
    list_id: int | None
    sequence_id: int | None
    sequence_step_id: int | None
    search_term: str | None
    sort_by: str | None
    sort_direction: SortDirection | None

    def __init__(
        self,
        rules: Iterable[Rule] | Rule = (),
        *,
        list_id: int | None = None,
        sequence_id: int | None = None,
        sequence_step_id: int | None = None,
        search: str | None = None,
        sort_by: Field | str | None = None,
        sort_direction: str | None = None,
    ) -> None:
        items = (rules,) if isinstance(rules, Rule) else tuple(rules)
        for rule in items:
            if not isinstance(rule, Rule):
                _fail(f"a ContactFilter holds Rule objects, got {type(rule).__name__} {rule!r}")
        if list_id is not None:
            _check_id(list_id, "list_id")
        if sequence_id is not None:
            _check_id(sequence_id, "sequence_id")
        if sequence_step_id is not None:
            _check_id(sequence_step_id, "sequence_step_id")
            if sequence_id is None:
                _fail("sequence_step_id needs sequence_id: use .in_sequence(id, step_id=...)")
        values = {
            "rules": items,
            "list_id": list_id,
            "sequence_id": sequence_id,
            "sequence_step_id": sequence_step_id,
            "search_term": None if search is None else _check_search(search),
            "sort_by": None if sort_by is None else _sort_name(sort_by),
            "sort_direction": None if sort_direction is None else _check_direction(sort_direction),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _with(self, **changes: Any) -> ContactFilter:
        current: dict[str, Any] = {
            "rules": self.rules,
            "list_id": self.list_id,
            "sequence_id": self.sequence_id,
            "sequence_step_id": self.sequence_step_id,
            "search": self.search_term,
            "sort_by": self.sort_by,
            "sort_direction": self.sort_direction,
        }
        current.update(changes)
        return ContactFilter(**current)

    # -- fluent ---------------------------------------------------------------------------------

    def where(self, *rules: Rule) -> ContactFilter:
        """This filter with more rules."""
        return self._with(rules=self.rules + tuple(rules))

    def in_list(self, list_id: int) -> ContactFilter:
        return self._with(list_id=list_id)

    def in_sequence(self, sequence_id: int, step_id: int | None = None) -> ContactFilter:
        return self._with(sequence_id=sequence_id, sequence_step_id=step_id)

    def search(self, term: str) -> ContactFilter:
        """Free-text search (the API matches by containment)."""
        return self._with(search=term)

    def sort(self, by: Field | str, direction: str = "asc") -> ContactFilter:
        return self._with(sort_by=by, sort_direction=direction)

    # -- combining ------------------------------------------------------------------------------

    def __and__(self, other: Any) -> Any:
        if isinstance(other, Rule):
            return self.where(other)
        if isinstance(other, ContactFilter):
            return ContactFilter(
                self.rules + other.rules,
                list_id=_merge_scope("list_id", self.list_id, other.list_id),
                sequence_id=_merge_scope("sequence_id", self.sequence_id, other.sequence_id),
                sequence_step_id=_merge_scope(
                    "sequence_step_id", self.sequence_step_id, other.sequence_step_id
                ),
                search=_merge_scope("search", self.search_term, other.search_term),
                sort_by=_merge_scope("sort_by", self.sort_by, other.sort_by),
                sort_direction=_merge_scope(
                    "sort_direction", self.sort_direction, other.sort_direction
                ),
            )
        if isinstance(other, Field):
            return _PendingAnd(self, other)
        if isinstance(other, AccountRule | AccountFilter):
            raise TypeError("cannot combine a contact filter with an account rule")
        return NotImplemented

    def __rand__(self, other: Any) -> Any:
        return _and_left(other, self)

    def __or__(self, other: Any) -> NoReturn:
        _no_or()

    __ror__ = __or__

    # -- sending --------------------------------------------------------------------------------

    @property
    def resolved(self) -> bool:
        return all(rule.resolved for rule in self.rules)

    def to_body(self) -> dict[str, Any]:
        """The request body; raises FilterError while a custom field is named by title."""
        body: dict[str, Any] = {}
        if self.rules:
            body["rules"] = [rule.to_dict() for rule in self.rules]
        for key, value in (
            ("listId", self.list_id),
            ("sequenceId", self.sequence_id),
            ("sequenceStepId", self.sequence_step_id),
            ("searchTerm", self.search_term),
            ("sortBy", self.sort_by),
            ("sortDirection", self.sort_direction),
        ):
            if value is not None:
                body[key] = value
        return body

    def resolve(self, catalog: CustomFieldCatalog) -> Flow[ContactFilter]:
        """This filter with every custom-field title replaced by the field's id.

        Uses the client's cached catalog (`client.field_catalog`): no request when it is loaded,
        one `GET /v3/custom-fields` otherwise (and once more on a miss). An unknown title
        raises FilterError before anything is filtered.
        """
        from .resources.custom_fields import UnknownCustomFieldError

        rules: list[Rule] = []
        for rule in self.rules:
            if rule.custom_title is None:
                rules.append(rule)
                continue
            try:
                found = yield from catalog.resolve(rule.custom_title)
            except UnknownCustomFieldError as exc:
                raise FilterError(f"rule {rule}: {exc}") from exc
            rules.append(Rule(f"{CUSTOM_FIELD_PREFIX}{found.id}", rule.condition, rule.value))
        return self._with(rules=tuple(rules))

    def __repr__(self) -> str:
        parts = [" & ".join(str(rule) for rule in self.rules) or "all contacts"]
        for name in ("list_id", "sequence_id", "sequence_step_id", "search_term", "sort_by"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        if self.sort_direction is not None:
            parts.append(f"sort_direction={self.sort_direction!r}")
        return f"ContactFilter({', '.join(parts)})"


def _and_left(other: Any, right: ContactFilter | AccountFilter) -> Any:
    """`other & right` where `other` is not a rule or filter of the same family."""
    if isinstance(other, Field | AccountField):
        raise TypeError(f"{other!r} has no condition yet; compare it first, in parentheses")
    return NotImplemented


class _PendingAnd:
    """`filter & Field` before its comparison: Python reads `A & Contact.country == "US"` as
    `(A & Contact.country) == "US"`, so the comparison completes the filter here."""

    def __init__(self, left: Any, field: Field | AccountField) -> None:
        self._left = left
        self._field = field

    def _done(self, rule: Any) -> Any:
        return self._left & rule

    def __eq__(self, value: object) -> Any:
        return self._done(self._field == value)

    def __ne__(self, value: object) -> Any:
        return self._done(self._field != value)

    def __gt__(self, value: Any) -> Any:
        return self._done(self._field > value)

    def __ge__(self, value: Any) -> Any:
        return self._done(self._field >= value)

    def __lt__(self, value: Any) -> Any:
        return self._done(self._field < value)

    def __le__(self, value: Any) -> Any:
        return self._done(self._field <= value)

    __hash__ = None  # type: ignore[assignment]

    def to_body(self) -> NoReturn:
        _fail(f"incomplete filter: {self._field!r} was ANDed without a comparison")

    def __repr__(self) -> str:
        return f"<incomplete: {self._left!r} & {self._field!r} needs a comparison>"


def resolve_filter_body(filter_obj: Any, catalog: CustomFieldCatalog) -> Flow[dict[str, Any]]:
    """The request body of any filter input, custom-field titles resolved to ids.

    Accepts a `ContactFilter`, a single `Rule`, a generated request model, an API-shaped
    mapping or None (everything). Only builders carry titles to resolve; the others are
    passed through as they are.
    """
    from .resources._common import as_body

    if isinstance(filter_obj, Rule):
        filter_obj = ContactFilter((filter_obj,))
    if isinstance(filter_obj, ContactFilter):
        resolved = yield from filter_obj.resolve(catalog)
        return resolved.to_body()
    return as_body(filter_obj)


@dataclass(frozen=True)
class _ResolvingFilterQuery(PageQuery[Any]):
    """Pages of `POST /v3/contacts/filter` whose body is resolved (custom-field titles to ids)
    as part of the first page's plan, so a paginated filter needs no separate step."""

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
) -> PageQuery[ContactModel]:
    """The PageQuery of a contact filter that resolves custom-field titles on the way."""
    return _ResolvingFilterQuery(
        Operations.filter_contacts,
        {},
        page_size=page_size,
        max_items=max_items,
        source=filter_obj,
        catalog=catalog,
    )


# -- accounts ------------------------------------------------------------------------------------

ACCOUNT_CONDITIONS = (
    "Equals",
    "NotEquals",
    "In",
    "NotIn",
    "CollectionContains",
    "CollectionNotContains",
    "GreaterThan",
    "LowerThan",
    "GreaterEqualThan",
    "LowerEqualThan",
    "IsNull",
    "IsNotNull",
)
ACCOUNT_PROPERTIES = (
    "OwnerId",
    "Name",
    "Description",
    "DomainName",
    "DomainSecondary",
    "Industry",
    "Country",
    "State",
    "City",
    "LinkedInUrl",
    "TwitterUrl",
    "CreatedDate",
    "LastActivityDate",
    "CompanySize",
    "TimeZoneId",
    "NumericPhoneNumber",
    "LastActivityDateFrom",
    "LastActivityDateTo",
    "Stage",
    "NumberOfContacts",
    "Sequence",
)
ACCOUNT_COMPANY_SIZES = (
    "Empty",
    "SelfEmployed",
    "2-10",
    "11-50",
    "51-200",
    "201-500",
    "501-1000",
    "1001-5000",
    "5001-10000",
    "10001+",
)
MAX_ACCOUNT_CONDITIONS = 20  # documented: "add up to 20 conditions"

_A_NULL = frozenset({"IsNull", "IsNotNull"})
_A_LIST = frozenset({"In", "NotIn"})
_A_ORDER = frozenset({"GreaterThan", "LowerThan", "GreaterEqualThan", "LowerEqualThan"})
_A_EQUALITY = frozenset({"Equals", "NotEquals", "In", "NotIn"})
_A_COLLECTION = frozenset({"CollectionContains", "CollectionNotContains"})
_A_STRING, _A_NUMBER, _A_ID, _A_DATE, _A_SIZE = "string", "number", "id", "date", "companySize"
_A_CONDITIONS_FOR_KIND: dict[str, frozenset[str]] = {
    _A_STRING: _A_EQUALITY | _A_COLLECTION | _A_NULL,
    _A_NUMBER: _A_EQUALITY | _A_ORDER | _A_NULL,
    _A_ID: _A_EQUALITY | _A_NULL,
    _A_DATE: _A_EQUALITY | _A_ORDER | _A_NULL,
    _A_SIZE: _A_EQUALITY | _A_NULL,
    "sequence": _A_EQUALITY | _A_COLLECTION | _A_NULL,
}
_A_KIND = {
    "OwnerId": _A_ID,
    "Stage": _A_ID,
    "Sequence": "sequence",
    "NumberOfContacts": _A_NUMBER,
    "CreatedDate": _A_DATE,
    "LastActivityDate": _A_DATE,
    "LastActivityDateFrom": _A_DATE,
    "LastActivityDateTo": _A_DATE,
    "CompanySize": _A_SIZE,
}
# Ordering conditions are not negated: a missing value matches neither side of a comparison.
_A_NEGATION = {
    "Equals": "NotEquals",
    "In": "NotIn",
    "CollectionContains": "CollectionNotContains",
    "IsNull": "IsNotNull",
}
_A_NEGATION.update({v: k for k, v in list(_A_NEGATION.items())})

AccountValue = str | int | float | datetime.datetime | datetime.date


def _account_scalar(prop: str, value: Any) -> str | int:
    """One account filter value, typed as the property needs (checked, then JSON-ready)."""
    kind = _A_KIND.get(prop, _A_STRING)
    if kind in (_A_ID, _A_NUMBER, "sequence"):
        if isinstance(value, bool) or not isinstance(value, int):
            _fail(f"Account {prop} compares integers; got {type(value).__name__} {value!r}")
        return value
    if kind == _A_DATE:
        if isinstance(value, datetime.datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
            return aware.isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                _fail(f"Account {prop} needs an ISO 8601 date or datetime; got {value!r}")
            return value.strip()
        _fail(f"Account {prop} needs a datetime, a date or an ISO string; got {value!r}")
    if kind == _A_SIZE:
        text = str(value) if isinstance(value, str) else None
        canonical = (
            {s.lower(): s for s in ACCOUNT_COMPANY_SIZES}.get(text.lower()) if text else None
        )
        if canonical is None:
            _fail(
                f"Account CompanySize is one of {', '.join(ACCOUNT_COMPANY_SIZES)}; got {value!r}"
            )
        return canonical
    if not isinstance(value, str):
        _fail(f"Account {prop} compares text; got {type(value).__name__} {value!r}")
    return value


@dataclass(frozen=True)
class AccountRule:
    """One account filter condition, exactly as sent: `{property, condition, values}`."""

    property: str
    condition: str
    values: Any = None

    def __post_init__(self) -> None:
        if self.property not in ACCOUNT_PROPERTIES:
            _fail(
                f"unknown account property {self.property!r}; "
                f"known: {', '.join(ACCOUNT_PROPERTIES)}"
            )
        if self.condition not in ACCOUNT_CONDITIONS:
            _fail(
                f"unknown account condition {self.condition!r}; "
                f"known: {', '.join(ACCOUNT_CONDITIONS)}"
            )
        if self.condition in _A_NULL:
            if self.values not in (None, []):
                _fail(f"Account {self.property} {self.condition} takes no values")
        elif self.condition in _A_LIST:
            if not isinstance(self.values, list) or not self.values:
                _fail(f"Account {self.property} {self.condition} needs a non-empty list")
        elif self.values is None or isinstance(self.values, list | dict):
            _fail(f"Account {self.property} {self.condition} takes one value")

    def to_body(self) -> dict[str, Any]:
        """The body of an account filter made of this one condition."""
        return AccountFilter((self,)).to_body()

    def to_dict(self) -> dict[str, Any]:
        """This condition as one item of the body's `filters`."""
        return {"property": self.property, "condition": self.condition, "values": self.values}

    def __and__(self, other: Any) -> Any:
        return AccountFilter((self,)) & other

    def __rand__(self, other: Any) -> Any:
        return _and_left(other, AccountFilter((self,)))

    def __or__(self, other: Any) -> NoReturn:
        _no_or()

    __ror__ = __or__

    def __invert__(self) -> AccountRule:
        negated = _A_NEGATION.get(self.condition)
        if negated is None:
            _fail(f"cannot negate {self.condition}; write the opposite comparison")
        return AccountRule(self.property, negated, self.values)

    def __str__(self) -> str:
        values = "" if self.values is None else f" {self.values!r}"
        return f"{self.property} {self.condition}{values}"

    def __repr__(self) -> str:
        return f"AccountRule({self})"


@dataclass(frozen=True, eq=False)
class AccountField:
    """An account property; comparisons and methods build `AccountRule`s with typed values."""

    property: str

    __hash__ = object.__hash__

    @builtins.property
    def kind(self) -> str:
        return _A_KIND.get(self.property, _A_STRING)

    def _rule(self, condition: str, values: Any = None) -> AccountRule:
        allowed = _A_CONDITIONS_FOR_KIND[self.kind]
        if condition not in allowed:
            _fail(
                f"Account {self.property} does not support {condition}; it supports "
                f"{', '.join(c for c in ACCOUNT_CONDITIONS if c in allowed)}"
            )
        if condition in _A_NULL:
            return AccountRule(self.property, condition, None)
        if condition in _A_LIST:
            if isinstance(values, str | bytes) or not isinstance(values, Iterable):
                _fail(f"Account {self.property} {condition} takes a list, got {values!r}")
            items = [_account_scalar(self.property, v) for v in values]
            return AccountRule(self.property, condition, items)
        return AccountRule(self.property, condition, _account_scalar(self.property, values))

    def __eq__(self, value: object) -> AccountRule:  # type: ignore[override]
        return self.is_null() if value is None else self._rule("Equals", value)

    def __ne__(self, value: object) -> AccountRule:  # type: ignore[override]
        return self.is_not_null() if value is None else self._rule("NotEquals", value)

    def __gt__(self, value: AccountValue) -> AccountRule:
        return self._rule("GreaterThan", value)

    def __ge__(self, value: AccountValue) -> AccountRule:
        return self._rule("GreaterEqualThan", value)

    def __lt__(self, value: AccountValue) -> AccountRule:
        return self._rule("LowerThan", value)

    def __le__(self, value: AccountValue) -> AccountRule:
        return self._rule("LowerEqualThan", value)

    def equals(self, value: AccountValue) -> AccountRule:
        return self._rule("Equals", value)

    def not_equals(self, value: AccountValue) -> AccountRule:
        return self._rule("NotEquals", value)

    def in_(self, values: Iterable[AccountValue]) -> AccountRule:
        return self._rule("In", values)

    def not_in(self, values: Iterable[AccountValue]) -> AccountRule:
        return self._rule("NotIn", values)

    def contains(self, value: AccountValue) -> AccountRule:
        """`CollectionContains`: a substring of a text property, or a sequence id."""
        return self._rule("CollectionContains", value)

    def not_contains(self, value: AccountValue) -> AccountRule:
        return self._rule("CollectionNotContains", value)

    def is_null(self) -> AccountRule:
        return self._rule("IsNull")

    def is_not_null(self) -> AccountRule:
        return self._rule("IsNotNull")

    def where(self, condition: str, values: Any = None) -> AccountRule:
        """Any documented condition by its PascalCase name."""
        if condition not in ACCOUNT_CONDITIONS:
            _fail(
                f"unknown account condition {condition!r}; known: {', '.join(ACCOUNT_CONDITIONS)}"
            )
        return self._rule(condition, values)

    def __and__(self, other: Any) -> NoReturn:
        raise TypeError(f"{self!r} has no condition yet; write e.g. ({self!r} == value) & ...")

    __rand__ = __and__

    def __repr__(self) -> str:
        return f"<AccountField {self.property}>"


class Account:
    """Account properties for filter conditions (the documented PascalCase enum)."""

    owner_id: ClassVar[AccountField] = AccountField("OwnerId")
    name: ClassVar[AccountField] = AccountField("Name")
    description: ClassVar[AccountField] = AccountField("Description")
    domain_name: ClassVar[AccountField] = AccountField("DomainName")
    domain_secondary: ClassVar[AccountField] = AccountField("DomainSecondary")
    industry: ClassVar[AccountField] = AccountField("Industry")
    country: ClassVar[AccountField] = AccountField("Country")
    state: ClassVar[AccountField] = AccountField("State")
    city: ClassVar[AccountField] = AccountField("City")
    linkedin_url: ClassVar[AccountField] = AccountField("LinkedInUrl")
    twitter_url: ClassVar[AccountField] = AccountField("TwitterUrl")
    created_date: ClassVar[AccountField] = AccountField("CreatedDate")
    last_activity_date: ClassVar[AccountField] = AccountField("LastActivityDate")
    company_size: ClassVar[AccountField] = AccountField("CompanySize")
    time_zone_id: ClassVar[AccountField] = AccountField("TimeZoneId")
    numeric_phone_number: ClassVar[AccountField] = AccountField("NumericPhoneNumber")
    last_activity_date_from: ClassVar[AccountField] = AccountField("LastActivityDateFrom")
    last_activity_date_to: ClassVar[AccountField] = AccountField("LastActivityDateTo")
    stage: ClassVar[AccountField] = AccountField("Stage")
    number_of_contacts: ClassVar[AccountField] = AccountField("NumberOfContacts")
    sequence: ClassVar[AccountField] = AccountField("Sequence")

    def __init__(self) -> None:
        raise TypeError("Account is a namespace of filter fields; use Account.name etc.")

    @staticmethod
    def last_activity_between(
        start: datetime.datetime | datetime.date | str | None = None,
        end: datetime.datetime | datetime.date | str | None = None,
    ) -> AccountFilter:
        """Accounts whose last activity falls in [start, end] (either bound may be open)."""
        rules = []
        if start is not None:
            rules.append(Account.last_activity_date_from >= start)
        if end is not None:
            rules.append(Account.last_activity_date_to <= end)
        if not rules:
            _fail("last_activity_between needs a start, an end, or both")
        return AccountFilter(rules)


@dataclass(frozen=True, init=False)
class AccountFilter:
    """An account filter: up to 20 conditions (all must match), search, list and sort.

    `to_body()` is exactly the body of `POST /v3/contact-accounts/filter`.
    """

    filters: tuple[AccountRule, ...]
    search_term: str | None
    list_id: int | None
    sort_by: str | None
    sort_direction: SortDirection | None

    def __init__(
        self,
        filters: Iterable[AccountRule] | AccountRule = (),
        *,
        search: str | None = None,
        list_id: int | None = None,
        sort_by: str | None = None,
        sort_direction: str | None = None,
    ) -> None:
        items = (filters,) if isinstance(filters, AccountRule) else tuple(filters)
        for rule in items:
            if not isinstance(rule, AccountRule):
                _fail(f"an AccountFilter holds AccountRule objects, got {rule!r}")
        if len(items) > MAX_ACCOUNT_CONDITIONS:
            _fail(
                f"an account filter takes at most {MAX_ACCOUNT_CONDITIONS} conditions, "
                f"got {len(items)}"
            )
        if list_id is not None:
            _check_id(list_id, "list_id")
        if sort_by is not None and (not isinstance(sort_by, str) or not sort_by.strip()):
            _fail(f"sort_by must be a non-empty string, got {sort_by!r}")
        values = {
            "filters": items,
            "search_term": None if search is None else _check_search(search),
            "list_id": list_id,
            "sort_by": sort_by.strip() if isinstance(sort_by, str) else None,
            "sort_direction": None if sort_direction is None else _check_direction(sort_direction),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _with(self, **changes: Any) -> AccountFilter:
        current: dict[str, Any] = {
            "filters": self.filters,
            "search": self.search_term,
            "list_id": self.list_id,
            "sort_by": self.sort_by,
            "sort_direction": self.sort_direction,
        }
        current.update(changes)
        return AccountFilter(**current)

    def where(self, *rules: AccountRule) -> AccountFilter:
        return self._with(filters=self.filters + tuple(rules))

    def search(self, term: str) -> AccountFilter:
        """Accounts whose name (or domain) contains `term`."""
        return self._with(search=term)

    def in_list(self, list_id: int) -> AccountFilter:
        """Accounts in this account list."""
        return self._with(list_id=list_id)

    def sort(self, by: str, direction: str = "asc") -> AccountFilter:
        return self._with(sort_by=by, sort_direction=direction)

    def __and__(self, other: Any) -> Any:
        if isinstance(other, AccountRule):
            return self.where(other)
        if isinstance(other, AccountFilter):
            return AccountFilter(
                self.filters + other.filters,
                search=_merge_scope("search", self.search_term, other.search_term),
                list_id=_merge_scope("list_id", self.list_id, other.list_id),
                sort_by=_merge_scope("sort_by", self.sort_by, other.sort_by),
                sort_direction=_merge_scope(
                    "sort_direction", self.sort_direction, other.sort_direction
                ),
            )
        if isinstance(other, AccountField):
            return _PendingAnd(self, other)
        if isinstance(other, Rule | ContactFilter):
            raise TypeError("cannot combine an account filter with a contact rule")
        return NotImplemented

    def __rand__(self, other: Any) -> Any:
        return _and_left(other, self)

    def __or__(self, other: Any) -> NoReturn:
        _no_or()

    __ror__ = __or__

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.filters:
            body["filters"] = [rule.to_dict() for rule in self.filters]
        for key, value in (
            ("search", self.search_term),
            ("listId", self.list_id),
            ("sortBy", self.sort_by),
            ("sortDirection", self.sort_direction),
        ):
            if value is not None:
                body[key] = value
        return body

    def __repr__(self) -> str:
        parts = [" & ".join(str(rule) for rule in self.filters) or "all accounts"]
        for name in ("search_term", "list_id", "sort_by", "sort_direction"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"AccountFilter({', '.join(parts)})"


# -- segments ------------------------------------------------------------------------------------


class Segments:
    """Named contact segments that read like the business question they answer.

    segments.re_engagement(list_id=12, custom_fields={"Deal Stage": "Closed Lost"})
    """

    @staticmethod
    def by_owner(user_id: int) -> ContactFilter:
        """Contacts owned by this teammate."""
        return ContactFilter(Contact.owner_user_id == _check_id(user_id, "user_id"))

    @staticmethod
    def by_custom_field(field: str | int, value: str | float | None) -> ContactFilter:
        """Contacts whose custom field (by title or id) equals `value` (None: has no value)."""
        return ContactFilter(Contact.custom(field) == value)

    @staticmethod
    def by_status(
        *,
        call_status: str | None = None,
        meeting_status: str | None = None,
        opted_out: bool | None = None,
    ) -> ContactFilter:
        """Contacts by their contact-level flags; every given flag must match."""
        rules = []
        if call_status is not None:
            rules.append(Contact.call_status == call_status)
        if meeting_status is not None:
            rules.append(Contact.meeting_status == meeting_status)
        if opted_out is not None:
            rules.append(Contact.is_opted_out == opted_out)
        if not rules:
            _fail("by_status needs call_status, meeting_status or opted_out")
        return ContactFilter(rules)

    @staticmethod
    def re_engagement(
        *,
        list_id: int | None = None,
        owner_user_id: int | None = None,
        custom_fields: Mapping[str | int, str | float | None] | None = None,
        exclude_called: bool = False,
    ) -> ContactFilter:
        """Contacts worth another try: not opted out and no meeting booked, optionally in a
        list, owned by someone, with given custom-field values, and never called."""
        rules = [Contact.is_opted_out == False, Contact.meeting_status == "none"]  # noqa: E712
        if exclude_called:
            rules.append(Contact.call_status != "called")
        if owner_user_id is not None:
            rules.append(Contact.owner_user_id == _check_id(owner_user_id, "owner_user_id"))
        for title, value in (custom_fields or {}).items():
            rules.append(Contact.custom(title) == value)
        return ContactFilter(rules, list_id=list_id)


segments = Segments()
