"""What the contact and account filter builders share, written once.

Both families build the same three things: a *field* (a property of the record) whose methods and
operators make a *rule* (property, condition, value), and a *filter* (rules that must all match,
plus a scope such as a list, a search term or a sort order) whose `to_body()` is exactly the
request body. The families differ only in their `Dialect`: how each condition is spelled on the
wire and which vocabulary checks it, how values travel (one string for contacts, typed JSON for
accounts), and which scope members the body has.

Conditions are handled by their meaning (`Role`), so `field == None` or `~rule` need no table per
family. Vocabularies that the spec states are read from the generated contract each time they are
used, never copied here, so a regenerated spec changes what the builders accept with no edit.
"""

from __future__ import annotations

import builtins
import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, NoReturn, Self, TypeVar, cast

from reply_contact_data_client.contract import Vocabularies

from ..errors import ReplyError


class FilterError(ReplyError, ValueError):
    """A filter that cannot be sent as built; the message names the rule and the problem.

    A `ReplyError` like every failure the SDK raises (caught with the rest), and a
    `ValueError` because it is a wrong argument."""


def fail(message: str) -> NoReturn:
    raise FilterError(message)


# The spec types these ids as plain integers; the server answers 400 beyond 32 bits.
_INT32_MAX = 2**31 - 1

Vocabulary = Callable[[], tuple[str, ...]]
"""A contract vocabulary, read when called (`lambda: Vocabularies.CallStatus`)."""

Scalar = str | int | float | bool


def check_id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _INT32_MAX:
        fail(f"{what} must be a positive 32-bit integer, got {value!r}")
    return value


def check_search(term: Any) -> str:
    if not isinstance(term, str) or not term.strip():
        fail(f"a search term must be a non-empty string, got {term!r}")
    return term


def _canonical(vocabulary: tuple[str, ...], value: str) -> str | None:
    """The vocabulary's spelling of `value`, compared case-insensitively."""
    wanted = value.strip().lower()
    return next((word for word in vocabulary if word.lower() == wanted), None)


def check_direction(direction: Any) -> str:
    allowed = Vocabularies.SortDirection
    found = _canonical(allowed, direction) if isinstance(direction, str) else None
    if found is None:
        fail(f"sort direction must be {' or '.join(map(repr, allowed))}, got {direction!r}")
    return found


# -- conditions by meaning ------------------------------------------------------------------------


class Role(enum.Enum):
    """What a condition means, whatever a family calls it on the wire."""

    EQUALS = enum.auto()
    NOT_EQUALS = enum.auto()
    IN = enum.auto()
    NOT_IN = enum.auto()
    CONTAINS = enum.auto()
    NOT_CONTAINS = enum.auto()
    STARTS_WITH = enum.auto()
    ENDS_WITH = enum.auto()
    GREATER = enum.auto()
    LOWER = enum.auto()
    GREATER_EQUAL = enum.auto()
    LOWER_EQUAL = enum.auto()
    SET = enum.auto()
    NOT_SET = enum.auto()


ALL_ROLES = frozenset(Role)
VALUELESS = frozenset({Role.SET, Role.NOT_SET})
LISTS = frozenset({Role.IN, Role.NOT_IN})
# Orderings have no opposite: a missing value matches neither side of a comparison.
_OPPOSITES = {
    Role.EQUALS: Role.NOT_EQUALS,
    Role.IN: Role.NOT_IN,
    Role.CONTAINS: Role.NOT_CONTAINS,
    Role.SET: Role.NOT_SET,
}
_OPPOSITES.update({v: k for k, v in list(_OPPOSITES.items())})


# -- what a property holds ------------------------------------------------------------------------

Converter = Callable[[str, Any], Scalar]
"""(field label, Python value) -> the checked JSON scalar; FilterError when it does not fit."""


def text(label: str, value: Any) -> str:
    if not isinstance(value, str):
        fail(f"{label} compares text; got {type(value).__name__} {value!r}")
    return value


def integer(label: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(f"{label} compares integers; got {type(value).__name__} {value!r}")
    return value


def boolean(label: str, value: Any) -> bool:
    if not isinstance(value, bool):
        fail(f"{label} is true or false; got {type(value).__name__} {value!r}")
    return value


def any_scalar(label: str, value: Any) -> Scalar:
    if isinstance(value, str | int | float):  # bool is an int
        return value
    fail(f"{label}: cannot send a {type(value).__name__} as a rule value ({value!r})")


def one_of(vocabulary: Vocabulary) -> Converter:
    """A value of a contract vocabulary, matched case-insensitively, sent as the spec spells it."""

    def convert(label: str, value: Any) -> str:
        allowed = vocabulary()
        found = _canonical(allowed, value) if isinstance(value, str) and value else None
        if found is None:
            fail(f"{label} is one of {', '.join(allowed)}; got {value!r}")
        return found

    return convert


@dataclass(frozen=True)
class Kind:
    """What a property holds: the conditions it can be asked and how a value is checked."""

    roles: frozenset[Role]
    convert: Converter


# -- the two families' differences ---------------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    """How one family spells conditions and carries values.

    `conditions` / `properties` are the contract's vocabularies where the spec states one (read at
    each use); None where it states none, and any non-empty name is then sent as written.
    """

    family: str
    spelling: Mapping[Role, str]
    to_wire: Callable[[Scalar], Any]
    list_to_wire: Callable[[str, str, list[Any]], Any]
    conditions: Vocabulary | None = None
    properties: Vocabulary | None = None

    def _listed(self) -> tuple[str, ...]:
        return self.conditions() if self.conditions else tuple(self.spelling.values())

    def role_of(self, condition: str) -> Role | None:
        """The meaning of a condition, or None for one this module attaches no meaning to."""
        found = _canonical(tuple(self.spelling.values()), condition)
        return next((role for role, word in self.spelling.items() if word == found), None)

    def spelled(self, role: Role) -> str:
        """The wire name of a role, as long as the contract still lists it."""
        word = self.spelling[role]
        if self.conditions is not None and word not in self.conditions():
            fail(f"the contract lists no {self.family} condition {word!r}")
        return word

    def canonical(self, condition: str) -> str:
        """A condition as the vocabulary spells it (case aside); an unlisted one is refused
        where the contract has a vocabulary, else sent as written."""
        found = _canonical(self._listed(), condition)
        if found is not None:
            return found
        if self.conditions is not None:
            fail(
                f"unknown {self.family} condition {condition!r}; known: {', '.join(self._listed())}"
            )
        return condition.strip()

    def check_rule_names(self, prop: Any, condition: Any) -> None:
        if not isinstance(prop, str) or not prop.strip():
            fail(f"a rule needs a property name, got {prop!r}")
        if not isinstance(condition, str) or not condition.strip():
            fail(f"rule on {prop!r} needs a condition, got {condition!r}")
        for what, name, vocabulary in (
            ("property", prop, self.properties),
            ("condition", condition, self.conditions),
        ):
            if vocabulary is not None and name not in vocabulary():
                known = ", ".join(vocabulary())
                fail(f"unknown {self.family} {what} {name!r}; known: {known}")


# -- rules ---------------------------------------------------------------------------------------


class RuleBase:
    """One condition on one property, exactly as sent. Concrete rules are frozen dataclasses
    declaring `property`, `condition` and their value member."""

    dialect: ClassVar[Dialect]
    property: str
    condition: str

    @builtins.property
    def payload(self) -> Any:
        """The value member as sent (`value` for contacts, `values` for accounts)."""
        raise NotImplementedError

    def as_filter(self) -> FilterBase[Any]:
        """A filter made of this one rule."""
        raise NotImplementedError

    def _check_payload(self, role: Role | None) -> None:
        """The family's own checks of the value member (its wire type)."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """This rule as one item of the body's list of rules."""
        raise NotImplementedError

    def __post_init__(self) -> None:
        self.dialect.check_rule_names(self.property, self.condition)
        role = self.dialect.role_of(self.condition)
        where = f"rule {self.property!r} {self.condition}"
        if role in VALUELESS and self.payload not in (None, []):
            fail(f"{where} takes no value, got {self.payload!r}")
        if role is not None and role not in VALUELESS and self.payload is None:
            fail(f"{where} needs a value")
        self._check_payload(role)

    def to_body(self) -> dict[str, Any]:
        """The body of a filter made of this one rule (so a bare rule can be sent)."""
        return self.as_filter().to_body()

    def __and__(self, other: Any) -> Any:
        return self.as_filter() & other

    def __rand__(self, other: Any) -> Any:
        return and_left(other, self.as_filter())

    def __or__(self, other: Any) -> NoReturn:
        no_or()

    __ror__ = __or__

    def __invert__(self) -> Self:
        """The opposite rule (`~field.contains(x)` is "not contains")."""
        role = self.dialect.role_of(self.condition)
        opposite = _OPPOSITES.get(role) if role is not None else None
        if opposite is None:
            fail(f"cannot negate {self}; write the opposite comparison")
        negated: Self = dataclasses.replace(
            cast(Any, self), condition=self.dialect.spelled(opposite)
        )
        return negated

    def _subject(self) -> str:
        return self.property

    def __str__(self) -> str:
        shown = "" if self.payload is None else f" {self.payload!r}"
        return f"{self._subject()} {self.condition}{shown}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self})"


def no_or() -> NoReturn:
    raise TypeError(
        "the API ANDs every rule of a filter and has no OR; combine rules with &, or run one "
        "filter per alternative and merge the results (for example by id)"
    )


# -- fields --------------------------------------------------------------------------------------

R = TypeVar("R", bound=RuleBase)


class FieldBase(Generic[R]):
    """A property of the record; its methods and operators build rules of its family.

    `==` / `!=` compare (`== None` asks for no value, `!= None` for any value).
    """

    dialect: ClassVar[Dialect]
    name: str
    kind: Kind

    __hash__ = object.__hash__

    @builtins.property
    def label(self) -> str:
        """How error messages name this field (the expression that built it)."""
        raise NotImplementedError

    def _make(self, condition: str, payload: Any) -> R:
        raise NotImplementedError

    def sort_name(self) -> str:
        """The `sortBy` that orders by this field."""
        return self.name

    def _wire(self, value: Any, convert: Converter | None = None) -> Any:
        return self.dialect.to_wire((convert or self.kind.convert)(self.label, value))

    def _wire_list(self, condition: str, values: Any, convert: Converter | None = None) -> Any:
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            fail(f"{self.label} {condition} takes a list of values, got {values!r}")
        items = [self._wire(value, convert) for value in values]
        if not items:
            fail(f"{self.label} {condition} needs at least one value")
        return self.dialect.list_to_wire(self.label, condition, items)

    def _rule(self, role: Role, value: Any = None) -> R:
        condition = self.dialect.spelling[role]
        if role not in self.kind.roles:
            supported = [w for r, w in self.dialect.spelling.items() if r in self.kind.roles]
            fail(f"{self.label} does not support {condition}; it supports {', '.join(supported)}")
        condition = self.dialect.spelled(role)
        if role in VALUELESS:
            if value is not None:
                fail(f"{self.label} {condition} takes no value, got {value!r}")
            return self._make(condition, None)
        if role in LISTS:
            return self._make(condition, self._wire_list(condition, value))
        return self._make(condition, self._wire(value))

    def __eq__(self, value: object) -> R:  # type: ignore[override]
        return self._rule(Role.NOT_SET) if value is None else self._rule(Role.EQUALS, value)

    def __ne__(self, value: object) -> R:  # type: ignore[override]
        return self._rule(Role.SET) if value is None else self._rule(Role.NOT_EQUALS, value)

    def equals(self, value: Any) -> R:
        return self._rule(Role.EQUALS, value)

    def not_equals(self, value: Any) -> R:
        return self._rule(Role.NOT_EQUALS, value)

    def in_(self, values: Iterable[Any]) -> R:
        return self._rule(Role.IN, values)

    def not_in(self, values: Iterable[Any]) -> R:
        return self._rule(Role.NOT_IN, values)

    def is_set(self) -> R:
        """Any value (contacts: `isSet`; accounts: `IsNotNull`)."""
        return self._rule(Role.SET)

    def is_not_set(self) -> R:
        """No value (contacts: `isNotSet`; accounts: `IsNull`)."""
        return self._rule(Role.NOT_SET)

    # The account vocabulary's words for the same two questions.
    is_not_null = is_set
    is_null = is_not_set

    def contains(self, value: Any) -> R:
        """Text containing `value` (accounts: also a sequence holding the id)."""
        return self._rule(Role.CONTAINS, value)

    def not_contains(self, value: Any) -> R:
        return self._rule(Role.NOT_CONTAINS, value)

    def where(self, condition: str, value: Any = None) -> R:
        """Any condition by name (case aside): a listed one gets the same checks as its method;
        one this module attaches no meaning to is sent as written, its value (or each value of
        a list) converted as for any property."""
        if not isinstance(condition, str) or not condition.strip():
            fail(f"{self.label}.where() needs a condition name, got {condition!r}")
        written = self.dialect.canonical(condition)
        role = self.dialect.role_of(written)
        if role is not None:
            return self._rule(role, value)
        if value is None:
            return self._make(written, None)
        if isinstance(value, Iterable) and not isinstance(value, str | bytes):
            return self._make(written, self._wire_list(written, value, any_scalar))
        return self._make(written, self._wire(value, any_scalar))

    def __and__(self, other: Any) -> NoReturn:
        raise TypeError(
            f"{self.label} has no condition yet; write e.g. ({self.label} == value) & ..."
        )

    __rand__ = __and__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label}>"


class Namespace:
    """What `ContactFields` and `AccountFields` are: namespaces of fields, never instantiated."""

    def __init__(self) -> None:
        raise TypeError(f"{type(self).__name__} is a namespace of fields; use its attributes")


def property_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        fail(f"a property name must be a non-empty string, got {name!r}")
    return name.strip()


# -- filters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A body member of a filter besides its rules: the attribute that holds it, the keyword
    that sets it, its key in the body and its check."""

    attribute: str
    keyword: str
    wire: str
    check: Callable[[Any], Any]


def id_scope(attribute: str, wire: str) -> Scope:
    return Scope(attribute, attribute, wire, lambda value: check_id(value, attribute))


def search_scope(wire: str) -> Scope:
    return Scope("search_term", "search", wire, check_search)


def sort_scopes(field_type: type[FieldBase[Any]]) -> tuple[Scope, Scope]:
    """`sort_by` (a field of the family or a property name) and `sort_direction`."""

    def sort_by(by: Any) -> str:
        if isinstance(by, field_type):
            return by.sort_name()
        if not isinstance(by, str) or not by.strip():
            fail(f"sort_by must be a {field_type.__name__} or a non-empty string, got {by!r}")
        return by.strip()

    return (
        Scope("sort_by", "sort_by", "sortBy", sort_by),
        Scope("sort_direction", "sort_direction", "sortDirection", check_direction),
    )


def _merge(name: str, left: Any, right: Any) -> Any:
    if left is not None and right is not None and left != right:
        fail(f"cannot AND two filters with different {name} ({left!r} and {right!r})")
    return left if left is not None else right


@dataclass(frozen=True, init=False, repr=False, eq=False)
class FilterBase(Generic[R]):
    """Rules that must all match, plus a scope. Immutable: fluent methods return a new filter.

    Concrete filters are frozen dataclasses declaring the rules member (`rules_member`) and their
    own scope attributes; their constructors call `_assign`, which sets one attribute per `Scope`.
    """

    dialect: ClassVar[Dialect]
    rule_type: ClassVar[type[RuleBase]]
    field_type: ClassVar[type[FieldBase[Any]]]
    rules_member: ClassVar[str]
    scope: ClassVar[tuple[Scope, ...]]

    # The scope both families have.
    search_term: str | None
    list_id: int | None
    sort_by: str | None
    sort_direction: str | None

    def _assign(self, rules: Iterable[R] | R, values: Mapping[str, Any]) -> None:
        items = (rules,) if isinstance(rules, self.rule_type) else tuple(cast(Iterable[R], rules))
        for rule in items:
            if not isinstance(rule, self.rule_type):
                fail(
                    f"a {type(self).__name__} holds {self.rule_type.__name__} objects, "
                    f"got {type(rule).__name__} {rule!r}"
                )
        self._check_rules(items)
        object.__setattr__(self, self.rules_member, items)
        for member in self.scope:
            value = values[member.keyword]
            object.__setattr__(
                self, member.attribute, None if value is None else member.check(value)
            )

    def _check_rules(self, rules: tuple[R, ...]) -> None:
        """A family's own limits on its rules (none by default)."""

    @builtins.property
    def items(self) -> tuple[R, ...]:
        """The rules, whatever the family calls them (`rules`, `filters`)."""
        return cast("tuple[R, ...]", getattr(self, self.rules_member))

    def _values(self) -> dict[str, Any]:
        values = {member.keyword: getattr(self, member.attribute) for member in self.scope}
        return {self.rules_member: self.items, **values}

    def _with(self, **changes: Any) -> Self:
        return type(self)(**{**self._values(), **changes})

    def where(self, *rules: R) -> Self:
        """This filter with more rules."""
        return self._with(**{self.rules_member: self.items + rules})

    def search(self, term: str) -> Self:
        """Records matching a free-text search term."""
        return self._with(search=term)

    def in_list(self, list_id: int) -> Self:
        """Records in this list."""
        return self._with(list_id=list_id)

    def sort(self, by: Any, direction: str = "asc") -> Self:
        """Sorted by a field of this family or a property name."""
        return self._with(sort_by=by, sort_direction=direction)

    def __and__(self, other: Any) -> Any:
        if isinstance(other, self.rule_type):
            return self.where(cast(R, other))
        if isinstance(other, type(self)):
            merged = {
                member.keyword: _merge(
                    member.attribute,
                    getattr(self, member.attribute),
                    getattr(other, member.attribute),
                )
                for member in self.scope
            }
            return type(self)(**{self.rules_member: self.items + other.items, **merged})
        if isinstance(other, self.field_type):
            return _PendingAnd(self, other)
        if isinstance(other, RuleBase | FilterBase):
            what = "rule" if isinstance(other, RuleBase) else "filter"
            raise TypeError(
                f"cannot combine {_a(self.dialect.family)} filter with "
                f"{_a(other.dialect.family)} {what}"
            )
        return NotImplemented

    def __rand__(self, other: Any) -> Any:
        return and_left(other, self)

    def __or__(self, other: Any) -> NoReturn:
        no_or()

    __ror__ = __or__

    def to_body(self) -> dict[str, Any]:
        """The request body: camelCase keys, only the members that are set."""
        body: dict[str, Any] = {}
        if self.items:
            body[self.rules_member] = [rule.to_dict() for rule in self.items]
        for member in self.scope:
            value = getattr(self, member.attribute)
            if value is not None:
                body[member.wire] = value
        return body

    def __repr__(self) -> str:
        parts = [" & ".join(map(str, self.items)) or f"all {self.dialect.family}s"]
        for member in self.scope:
            value = getattr(self, member.attribute)
            if value is not None:
                parts.append(f"{member.attribute}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def and_left(other: Any, right: FilterBase[Any]) -> Any:
    """`other & right` where `other` is not a rule or filter of the same family."""
    if isinstance(other, FieldBase):
        raise TypeError(f"{other!r} has no condition yet; compare it first, in parentheses")
    return NotImplemented


class _PendingAnd:
    """`filter & field` before its comparison: Python reads `A & F.country == "US"` as
    `(A & F.country) == "US"`, so the comparison completes the filter here."""

    def __init__(self, left: FilterBase[Any], field: FieldBase[Any]) -> None:
        self._left = left
        # Any: only some families' fields can be ordered; the others raise Python's TypeError.
        self._field: Any = field

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
        fail(f"incomplete filter: {self._field!r} was ANDed without a comparison")

    def __repr__(self) -> str:
        return f"<incomplete: {self._left!r} & {self._field!r} needs a comparison>"
