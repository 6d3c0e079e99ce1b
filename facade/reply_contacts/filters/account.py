"""Account filters: `AccountFields.<property>` builds conditions, `AccountFilter` holds them.

    mid = AccountFields.company_size.in_(["51-200"]) & (AccountFields.owner_id == 2)
    client.accounts.filter(mid.search("ac").sort("name", "desc"))

The spec enumerates the properties, the conditions and the company sizes, and caps how many
conditions one filter takes; all four are read from the generated contract each time they are
used. An `AccountFields` attribute is the contract property of the same name (case and
underscores aside), and `AccountFields.field(name)` reaches any property the contract lists.

What the spec leaves open is the type of `values` ("the type depends on the property"): which
properties hold ids, numbers, dates or company sizes is this module's knowledge, declared with
the attributes below. A property the contract lists and this module does not know takes any
scalar.
"""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from reply_contact_data_client.contract import Operations, Vocabularies

from ._base import (
    LISTS,
    VALUELESS,
    Dialect,
    FieldBase,
    FilterBase,
    Kind,
    Namespace,
    Role,
    RuleBase,
    Scalar,
    Scope,
    any_scalar,
    fail,
    id_scope,
    integer,
    one_of,
    property_name,
    search_scope,
    sort_scopes,
    text,
)

__all__ = ["AccountField", "AccountFields", "AccountFilter", "AccountRule", "AccountValue"]

AccountValue = str | int | float | datetime.datetime | datetime.date

# What each condition of the contract's AccountFilterCondition means (the spec lists the names,
# not what they do). Each is checked against the contract when it is used.
ACCOUNT = Dialect(
    family="account",
    spelling={
        Role.EQUALS: "Equals",
        Role.NOT_EQUALS: "NotEquals",
        Role.IN: "In",
        Role.NOT_IN: "NotIn",
        Role.CONTAINS: "CollectionContains",
        Role.NOT_CONTAINS: "CollectionNotContains",
        Role.GREATER: "GreaterThan",
        Role.LOWER: "LowerThan",
        Role.GREATER_EQUAL: "GreaterEqualThan",
        Role.LOWER_EQUAL: "LowerEqualThan",
        Role.NOT_SET: "IsNull",
        Role.SET: "IsNotNull",
    },
    # Account values travel as typed JSON: a scalar, or an array for In / NotIn.
    to_wire=lambda value: value,
    list_to_wire=lambda label, condition, values: values,
    conditions=lambda: Vocabularies.AccountFilterCondition,
    properties=lambda: Vocabularies.AccountFilterProperty,
)


def _date(label: str, value: Any) -> str:
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        return aware.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            fail(f"{label} needs an ISO 8601 date or datetime; got {value!r}")
        return value.strip()
    fail(f"{label} needs a datetime, a date or an ISO string; got {value!r}")


def _anything(label: str, value: Any) -> Scalar:
    return _date(label, value) if isinstance(value, datetime.date) else any_scalar(label, value)


_EQUALITY = frozenset({Role.EQUALS, Role.NOT_EQUALS}) | LISTS
_ORDER = frozenset({Role.GREATER, Role.LOWER, Role.GREATER_EQUAL, Role.LOWER_EQUAL})
_COLLECTION = frozenset({Role.CONTAINS, Role.NOT_CONTAINS})
STRING = Kind(_EQUALITY | _COLLECTION | VALUELESS, text)
NUMBER = Kind(_EQUALITY | _ORDER | VALUELESS, integer)
ID = Kind(_EQUALITY | VALUELESS, integer)
DATE = Kind(_EQUALITY | _ORDER | VALUELESS, _date)
SIZE = Kind(_EQUALITY | VALUELESS, one_of(lambda: Vocabularies.AccountCompanySize))
SEQUENCE = Kind(_EQUALITY | _COLLECTION | VALUELESS, integer)
ANY = Kind(frozenset(ACCOUNT.spelling), _anything)


def _max_conditions() -> int | None:
    try:
        return Operations.filter_contact_accounts.max_items("/filters")
    except KeyError:  # the spec states no cap
        return None


# -- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class AccountRule(RuleBase):
    """One account filter condition, exactly as sent: `{property, condition, values}`."""

    dialect: ClassVar[Dialect] = ACCOUNT
    property: str
    condition: str
    values: Any = None

    @builtins.property
    def payload(self) -> Any:
        return self.values

    def _check_payload(self, role: Role | None) -> None:
        where = f"rule {self.property!r} {self.condition}"
        if role in LISTS and (not isinstance(self.values, list) or not self.values):
            fail(f"{where} needs a non-empty list, got {self.values!r}")
        if role not in LISTS | VALUELESS | {None} and isinstance(self.values, list | dict):
            fail(f"{where} takes one value, got {self.values!r}")

    def as_filter(self) -> AccountFilter:
        return AccountFilter((self,))

    # A single rule reads like a filter: `(AccountFields.country == "PT").in_list(3)`.
    def in_list(self, list_id: int) -> AccountFilter:
        """This condition, for the accounts of one account list."""
        return self.as_filter().in_list(list_id)

    def search(self, term: str) -> AccountFilter:
        """This condition and a free-text search."""
        return self.as_filter().search(term)

    def sort(self, by: Any, direction: str = "asc") -> AccountFilter:
        """This condition, its results sorted."""
        return self.as_filter().sort(by, direction)

    def to_dict(self) -> dict[str, Any]:
        """This condition as one item of the body's `filters`."""
        return {"property": self.property, "condition": self.condition, "values": self.values}


# -- fields --------------------------------------------------------------------------------------


def _squash(name: str) -> str:
    return name.replace("_", "").lower()


def _contract_property(name: str) -> str:
    """The contract's spelling of an account filter property (case and underscores aside)."""
    known = Vocabularies.AccountFilterProperty
    found = next((p for p in known if _squash(p) == _squash(name)), None)
    if found is None:
        fail(f"unknown account property {name!r}; known: {', '.join(known)}")
    return found


@dataclass(frozen=True, eq=False, repr=False)
class AccountField(FieldBase[AccountRule]):
    """An account property; comparisons and methods build `AccountRule`s with typed values."""

    dialect: ClassVar[Dialect] = ACCOUNT
    name: str
    kind: Kind = ANY

    @builtins.property
    def label(self) -> str:
        declared = _DECLARED.get(_squash(self.name))
        if declared is not None:
            return f"AccountFields.{declared.attribute}"
        return f"AccountFields.field({self.name!r})"

    def _make(self, condition: str, payload: Any) -> AccountRule:
        return AccountRule(self.name, condition, payload)

    def __gt__(self, value: AccountValue) -> AccountRule:
        return self._rule(Role.GREATER, value)

    def __ge__(self, value: AccountValue) -> AccountRule:
        return self._rule(Role.GREATER_EQUAL, value)

    def __lt__(self, value: AccountValue) -> AccountRule:
        return self._rule(Role.LOWER, value)

    def __le__(self, value: AccountValue) -> AccountRule:
        return self._rule(Role.LOWER_EQUAL, value)


class _Declared:
    """An `AccountFields` attribute: the contract property whose name matches the attribute's,
    looked up at each use, with what it holds."""

    def __init__(self, kind: Kind = STRING) -> None:
        self.kind = kind
        self.attribute = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name

    def __get__(self, instance: object, owner: type | None = None) -> AccountField:
        return AccountField(_contract_property(self.attribute), self.kind)


class AccountFields(Namespace):
    """Account properties for filter conditions (the contract's PascalCase enum).

    `AccountFields.field("NewProperty")` for a property the contract lists and this namespace
    does not name.
    """

    owner_id = _Declared(ID)
    name = _Declared()
    description = _Declared()
    domain_name = _Declared()
    domain_secondary = _Declared()
    industry = _Declared()
    country = _Declared()
    state = _Declared()
    city = _Declared()
    linkedin_url = _Declared()
    twitter_url = _Declared()
    created_date = _Declared(DATE)
    last_activity_date = _Declared(DATE)
    company_size = _Declared(SIZE)
    time_zone_id = _Declared()
    numeric_phone_number = _Declared()
    last_activity_date_from = _Declared(DATE)
    last_activity_date_to = _Declared(DATE)
    stage = _Declared(ID)
    number_of_contacts = _Declared(NUMBER)
    sequence = _Declared(SEQUENCE)

    @staticmethod
    def field(name: str) -> AccountField:
        """Any property the contract lists, by its name (`"CompanySize"` or `"company_size"`)."""
        found = _contract_property(property_name(name))
        declared = _DECLARED.get(_squash(found))
        return AccountField(found, declared.kind if declared is not None else ANY)

    @staticmethod
    def last_activity_between(
        start: datetime.datetime | datetime.date | str | None = None,
        end: datetime.datetime | datetime.date | str | None = None,
    ) -> AccountFilter:
        """Accounts whose last activity falls in [start, end] (either bound may be open)."""
        rules = []
        if start is not None:
            rules.append(AccountFields.last_activity_date_from >= start)
        if end is not None:
            rules.append(AccountFields.last_activity_date_to <= end)
        if not rules:
            fail("last_activity_between needs a start, an end, or both")
        return AccountFilter(rules)


_DECLARED = {
    _squash(attribute): value
    for attribute, value in vars(AccountFields).items()
    if isinstance(value, _Declared)
}


# -- the filter ----------------------------------------------------------------------------------


@dataclass(frozen=True, init=False, repr=False)
class AccountFilter(FilterBase[AccountRule]):
    """An account filter: conditions (all must match, at most the spec's cap), search, list and
    sort. `to_body()` is exactly the body of `POST /v3/contact-accounts/filter`."""

    dialect: ClassVar[Dialect] = ACCOUNT
    rule_type: ClassVar[type[RuleBase]] = AccountRule
    field_type: ClassVar[type[FieldBase[Any]]] = AccountField
    rules_member: ClassVar[str] = "filters"
    scope: ClassVar[tuple[Scope, ...]] = (
        search_scope("search"),
        id_scope("list_id", "listId"),
        *sort_scopes(AccountField),
    )

    filters: tuple[AccountRule, ...]

    def __init__(
        self,
        filters: Iterable[AccountRule] | AccountRule = (),
        *,
        search: str | None = None,
        list_id: int | None = None,
        sort_by: AccountField | str | None = None,
        sort_direction: str | None = None,
    ) -> None:
        self._assign(
            filters,
            {
                "search": search,
                "list_id": list_id,
                "sort_by": sort_by,
                "sort_direction": sort_direction,
            },
        )

    def _check_rules(self, rules: tuple[AccountRule, ...]) -> None:
        cap = _max_conditions()
        if cap is not None and len(rules) > cap:
            fail(f"an account filter takes at most {cap} conditions, got {len(rules)}")
