"""Contact filters: `ContactFields.<property>` builds rules, `ContactFilter` holds them.

    vps = ContactFields.title.contains("VP") & (ContactFields.country == "US")
    client.contacts.filter(vps.in_list(12).sort(ContactFields.last_name))

The spec publishes no vocabulary for contact rules (reference §9.1: `property` and `condition`
are free strings), so the properties and conditions below are the known ones, given
completion-friendly names, and any other name is still sent as written
(`ContactFields.field("x").where("someCondition", "v")`). Where the spec does state a vocabulary
(call and meeting statuses, company sizes) the values are checked against the contract.

Custom fields are named by title (`ContactFields.custom("Deal Stage")`) or by id. A title is
turned into its id by the client's field catalog (`ContactFilter.resolve`) before sending, and the
rule's property becomes `customField:<id>`.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from reply_contact_data_client.contract import Vocabularies

from ._base import (
    ALL_ROLES,
    LISTS,
    VALUELESS,
    Dialect,
    FieldBase,
    FilterBase,
    FilterError,
    Kind,
    Namespace,
    Role,
    RuleBase,
    Scalar,
    Scope,
    Vocabulary,
    any_scalar,
    boolean,
    check_id,
    fail,
    id_scope,
    integer,
    one_of,
    property_name,
    search_scope,
    sort_scopes,
    text,
)

if TYPE_CHECKING:
    from .._plan import Flow
    from ..resources.custom_fields import CustomFieldCatalog

__all__ = ["ContactField", "ContactFields", "ContactFilter", "ContactRule"]

CUSTOM_FIELD_PREFIX = "customField:"


def _to_wire(value: Scalar) -> str:
    # A contact rule's value is one string whatever the property holds.
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _list_to_wire(label: str, condition: str, values: list[str]) -> str:
    # The values of `in` / `notIn` travel as one comma-separated string.
    for value in values:
        if "," in value:
            fail(f"{label} {condition}: values cannot contain ',' ({value!r})")
    return ",".join(values)


# Not in the spec (it types `condition` as a free string, reference §9.1): the spellings known to
# work. Conditions not listed here are sent as written.
CONTACT = Dialect(
    family="contact",
    spelling={
        Role.EQUALS: "equals",
        Role.NOT_EQUALS: "notEquals",
        Role.CONTAINS: "contains",
        Role.NOT_CONTAINS: "notContains",
        Role.STARTS_WITH: "startsWith",
        Role.ENDS_WITH: "endsWith",
        Role.SET: "isSet",
        Role.NOT_SET: "isNotSet",
        Role.IN: "in",
        Role.NOT_IN: "notIn",
    },
    to_wire=_to_wire,
    list_to_wire=_list_to_wire,
)

# What each kind of property can be asked: booleans and enums have no "contains", booleans are
# never unset.
_EQUALITY = frozenset({Role.EQUALS, Role.NOT_EQUALS})
TEXT = Kind(ALL_ROLES, text)
INTEGER = Kind(_EQUALITY | LISTS | VALUELESS, integer)
BOOLEAN = Kind(_EQUALITY, boolean)
ANY = Kind(ALL_ROLES, any_scalar)


def _enum(vocabulary: Vocabulary) -> Kind:
    return Kind(_EQUALITY | LISTS, one_of(vocabulary))


# -- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class ContactRule(RuleBase):
    """One contact rule `(property, condition, value)`, exactly as sent.

    `value` is the wire string (None for `isSet` / `isNotSet`). A custom-field rule named by
    title keeps the title in `custom_title` until the field catalog resolves it to an id.
    """

    dialect: ClassVar[Dialect] = CONTACT
    property: str
    condition: str
    value: str | None = None
    custom_title: str | None = None

    @builtins.property
    def payload(self) -> str | None:
        return self.value

    def _check_payload(self, role: Role | None) -> None:
        if self.value is not None and not isinstance(self.value, str):
            fail(
                f"rule {self.property!r} {self.condition}: the wire value must be a string, "
                f"got {type(self.value).__name__} (use the ContactFields helpers to convert)"
            )

    def as_filter(self) -> ContactFilter:
        return ContactFilter((self,))

    # A single rule reads like a filter: `ContactFields.title.contains("VP").in_list(7)`.
    def in_list(self, list_id: int) -> ContactFilter:
        """This rule, for the contacts of one list."""
        return self.as_filter().in_list(list_id)

    def in_sequence(self, sequence_id: int, step_id: int | None = None) -> ContactFilter:
        """This rule, for the contacts of one sequence (at this step, when given)."""
        return self.as_filter().in_sequence(sequence_id, step_id)

    def search(self, term: str) -> ContactFilter:
        """This rule and a free-text search."""
        return self.as_filter().search(term)

    def sort(self, by: Any, direction: str = "asc") -> ContactFilter:
        """This rule, its results sorted."""
        return self.as_filter().sort(by, direction)

    @builtins.property
    def resolved(self) -> bool:
        """False while the rule names a custom field by a title not yet turned into an id."""
        return self.custom_title is None

    def with_field_ids(self, ids: dict[str, int]) -> ContactRule:
        """This rule naming its custom field by id (`ids` maps titles to ids)."""
        if self.custom_title is None:
            return self
        return ContactRule(
            f"{CUSTOM_FIELD_PREFIX}{ids[self.custom_title]}", self.condition, self.value
        )

    def resolve(self, catalog: CustomFieldCatalog) -> Flow[ContactFilter]:
        """The filter of this one rule, its custom-field title resolved (see ContactFilter)."""
        return self.as_filter().resolve(catalog)

    def to_dict(self) -> dict[str, Any]:
        """This rule as one item of the body's `rules`."""
        if self.custom_title is not None:
            fail(
                f"custom field {self.custom_title!r} is named by title; resolve it first "
                "(ContactFilter.resolve(client.field_catalog)), or name it by id: "
                "ContactFields.custom(<field id>)"
            )
        body: dict[str, Any] = {"property": self.property, "condition": self.condition}
        if self.value is not None:
            body["value"] = self.value
        return body

    def _subject(self) -> str:
        if self.custom_title is not None:
            return f"{CUSTOM_FIELD_PREFIX}{self.custom_title!r}"
        return self.property


# -- fields --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class ContactField(FieldBase[ContactRule]):
    """A contact property; its methods and operators build `ContactRule`s.

    `==` / `!=` are `equals` / `notEquals` (`== None` is `isNotSet`, `!= None` is `isSet`).
    """

    dialect: ClassVar[Dialect] = CONTACT
    name: str
    kind: Kind = ANY
    custom_title: str | None = None

    @builtins.property
    def label(self) -> str:
        if self.custom_title is not None:
            return f"ContactFields.custom({self.custom_title!r})"
        if self.name.startswith(CUSTOM_FIELD_PREFIX):
            return f"ContactFields.custom({self.name[len(CUSTOM_FIELD_PREFIX) :]})"
        attribute = _ATTRIBUTE_BY_NAME.get(self.name)
        return f"ContactFields.{attribute}" if attribute else f"ContactFields.field({self.name!r})"

    def _make(self, condition: str, payload: Any) -> ContactRule:
        return ContactRule(self.name, condition, payload, self.custom_title)

    def sort_name(self) -> str:
        if self.custom_title is not None:
            fail("sorting by a custom field named by title is not supported; use its id")
        return self.name

    def starts_with(self, text: Any) -> ContactRule:
        return self._rule(Role.STARTS_WITH, text)

    def ends_with(self, text: Any) -> ContactRule:
        return self._rule(Role.ENDS_WITH, text)


def _text(name: str) -> ContactField:
    return ContactField(name, TEXT)


class ContactFields(Namespace):
    """Contact properties for filter rules (names sent in the API's camelCase).

    `ContactFields.field("anything")` for a property not listed here;
    `ContactFields.custom("Deal Stage")` or `ContactFields.custom(150697)` for a custom field.
    """

    id = ContactField("id", INTEGER)
    email = _text("email")
    domain = _text("domain")
    first_name = _text("firstName")
    last_name = _text("lastName")
    title = _text("title")
    company = _text("company")
    company_size = ContactField("companySize", _enum(lambda: Vocabularies.ContactCompanySize))
    industry = _text("industry")
    country = _text("country")
    state = _text("state")
    city = _text("city")
    time_zone_id = _text("timeZoneId")
    phone = _text("phone")
    phone2 = _text("phone2")
    linkedin_url = _text("linkedInUrl")
    notes = _text("notes")
    owner_user_id = ContactField("ownerUserId", INTEGER)
    account_id = ContactField("accountId", INTEGER)
    is_opted_out = ContactField("isOptedOut", BOOLEAN)
    call_status = ContactField("callStatus", _enum(lambda: Vocabularies.CallStatus))
    meeting_status = ContactField("meetingStatus", _enum(lambda: Vocabularies.MeetingStatus))

    @staticmethod
    def field(name: str) -> ContactField:
        """A property this module does not list, sent as written."""
        return ContactField(property_name(name), ANY)

    @staticmethod
    def custom(field: str | int) -> ContactField:
        """A custom field by title (resolved to its id before sending) or by numeric id."""
        if isinstance(field, bool):
            fail(f"a custom field is named by title or id, got {field!r}")
        if isinstance(field, int):
            return ContactField(f"{CUSTOM_FIELD_PREFIX}{check_id(field, 'custom field id')}")
        if not isinstance(field, str) or not field.strip():
            fail(f"a custom field is named by title or id, got {field!r}")
        title = field.strip()
        if title.isdigit():
            return ContactFields.custom(int(title))
        return ContactField(f"{CUSTOM_FIELD_PREFIX}{title}", custom_title=title)


_ATTRIBUTE_BY_NAME = {
    value.name: attribute
    for attribute, value in vars(ContactFields).items()
    if isinstance(value, ContactField)
}


# -- the filter ----------------------------------------------------------------------------------


@dataclass(frozen=True, init=False, repr=False)
class ContactFilter(FilterBase[ContactRule]):
    """A contact filter: rules (all must match), list or sequence scope, search and sort.

    `to_body()` is exactly the body of `POST /v3/contacts/filter`. The constructor's `search=`
    is read back as `search_term` (`.search(term)` is the fluent method).
    """

    dialect: ClassVar[Dialect] = CONTACT
    rule_type: ClassVar[type[RuleBase]] = ContactRule
    field_type: ClassVar[type[FieldBase[Any]]] = ContactField
    rules_member: ClassVar[str] = "rules"
    scope: ClassVar[tuple[Scope, ...]] = (
        id_scope("list_id", "listId"),
        id_scope("sequence_id", "sequenceId"),
        id_scope("sequence_step_id", "sequenceStepId"),
        search_scope("searchTerm"),
        *sort_scopes(ContactField),
    )

    rules: tuple[ContactRule, ...]
    sequence_id: int | None
    sequence_step_id: int | None

    def __init__(
        self,
        rules: Iterable[ContactRule] | ContactRule = (),
        *,
        list_id: int | None = None,
        sequence_id: int | None = None,
        sequence_step_id: int | None = None,
        search: str | None = None,
        sort_by: ContactField | str | None = None,
        sort_direction: str | None = None,
    ) -> None:
        if sequence_step_id is not None and sequence_id is None:
            fail("sequence_step_id needs sequence_id: use .in_sequence(id, step_id=...)")
        self._assign(
            rules,
            {
                "list_id": list_id,
                "sequence_id": sequence_id,
                "sequence_step_id": sequence_step_id,
                "search": search,
                "sort_by": sort_by,
                "sort_direction": sort_direction,
            },
        )

    def in_sequence(self, sequence_id: int, step_id: int | None = None) -> ContactFilter:
        """Contacts in this sequence (at this step, when given)."""
        return self._with(sequence_id=sequence_id, sequence_step_id=step_id)

    @builtins.property
    def resolved(self) -> bool:
        """False while a custom field is named by a title not yet turned into an id."""
        return all(rule.resolved for rule in self.rules)

    def resolve(self, catalog: CustomFieldCatalog) -> Flow[ContactFilter]:
        """This filter with every custom-field title replaced by the field's id.

        The client's catalog (`client.field_catalog`) resolves the titles: no request when it is
        loaded, one `GET /v3/custom-fields` otherwise (and once more on a miss). An unknown
        title raises FilterError before anything is filtered.
        """
        from ..resources.custom_fields import UnknownCustomFieldError

        titles = [rule.custom_title for rule in self.rules if rule.custom_title is not None]
        try:
            ids = yield from catalog.ids_by_title(titles)
        except UnknownCustomFieldError as exc:
            named = next((r for r in self.rules if r.custom_title == exc.name), exc.name)
            raise FilterError(f"rule {named}: {exc}") from exc
        return self._with(rules=tuple(rule.with_field_ids(ids) for rule in self.rules))
