"""``POST /v3/contact-accounts/filter`` body (reference §7.1): PascalCase properties and
conditions, up to 20 filters, all of which must match.

Accounts are few next to contacts, so filters are evaluated in Python over the API shape,
which keeps the loosely typed ``values`` (scalar or array) easy to honour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .parsing import MISSING, BodyReader, is_int
from .problems import INVALID_FORMAT, INVALID_TYPE

MAX_FILTERS = 20

STRING_PROPERTIES = {
    "Name": "name",
    "Description": "description",
    "DomainName": "domainName",
    "DomainSecondary": "domainSecondary",
    "Industry": "industry",
    "Country": "country",
    "State": "state",
    "City": "city",
    "LinkedInUrl": "linkedInUrl",
    "TwitterUrl": "twitterUrl",
    "CompanySize": "companySize",
    "TimeZoneId": "timeZoneId",
}
NUMBER_PROPERTIES = {"OwnerId": "ownerUserId", "NumberOfContacts": "linkedProspectsCount"}
DATE_PROPERTIES = {"CreatedDate": "createdDate", "LastActivityDate": "lastActivityDate"}
SPECIAL_PROPERTIES = {
    "NumericPhoneNumber",
    "LastActivityDateFrom",
    "LastActivityDateTo",
    "Stage",
    "Sequence",
}
PROPERTIES = {*STRING_PROPERTIES, *NUMBER_PROPERTIES, *DATE_PROPERTIES, *SPECIAL_PROPERTIES}
CONDITIONS = {
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
}
ORDERING = {"GreaterThan", "LowerThan", "GreaterEqualThan", "LowerEqualThan"}
NEGATED = {"NotEquals": "Equals", "NotIn": "In", "CollectionNotContains": "CollectionContains"}


def parse_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _as_number(value: object) -> float | None:
    if is_int(value) or isinstance(value, float):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


@dataclass
class AccountRule:
    prop: str
    condition: str
    values: list[Any]

    def field_value(self, item: dict[str, Any], sequences: set[int]) -> Any:
        if self.prop in STRING_PROPERTIES:
            return item[STRING_PROPERTIES[self.prop]]
        if self.prop in NUMBER_PROPERTIES:
            return item[NUMBER_PROPERTIES[self.prop]]
        if self.prop in DATE_PROPERTIES or self.prop.startswith("LastActivityDate"):
            return item[DATE_PROPERTIES.get(self.prop, "lastActivityDate")]
        if self.prop == "NumericPhoneNumber":
            return re.sub(r"\D", "", item["phone"] or "") or None
        if self.prop == "Stage":
            return item["stage"]
        return sequences

    def matches(self, item: dict[str, Any], sequences: set[int]) -> bool:
        value = self.field_value(item, sequences)
        if self.prop == "LastActivityDateFrom":
            return self._compare(value, self.values[0], "GreaterEqualThan")
        if self.prop == "LastActivityDateTo":
            return self._compare(value, self.values[0], "LowerEqualThan")
        condition = self.condition
        if condition in ("IsNull", "IsNotNull"):
            empty = value is None or value == "" or (isinstance(value, set) and not value)
            return empty == (condition == "IsNull")
        if condition in ORDERING:
            return self._compare(value, self.values[0], condition)
        positive = NEGATED.get(condition, condition)
        found = any(self._equal_or_contains(value, wanted, positive) for wanted in self.values)
        return found != (condition in NEGATED)

    def _equal_or_contains(self, value: Any, wanted: Any, condition: str) -> bool:
        if isinstance(value, set):
            number = _as_number(wanted)
            return number is not None and int(number) in value
        if isinstance(value, dict):  # stage: by id or by name
            number = _as_number(wanted)
            if number is not None:
                return bool(value["id"] == int(number))
            return str(wanted).lower() == str(value["name"]).lower()
        if value is None:
            return False
        if self.prop in NUMBER_PROPERTIES:
            number = _as_number(wanted)
            return number is not None and float(value) == number
        if self.prop in DATE_PROPERTIES:
            return parse_date(value) == parse_date(wanted)
        text, target = str(value).lower(), str(wanted).lower()
        return target in text if condition == "CollectionContains" else text == target

    def _compare(self, value: Any, wanted: Any, condition: str) -> bool:
        if isinstance(value, dict):
            value = value["id"]
        if value is None or isinstance(value, set):
            return False
        left: Any
        right: Any
        if self.prop in DATE_PROPERTIES or self.prop.startswith("LastActivityDate"):
            left, right = parse_date(value), parse_date(wanted)
        elif _as_number(value) is not None and _as_number(wanted) is not None:
            left, right = _as_number(value), _as_number(wanted)
        else:
            left, right = str(value).lower(), str(wanted).lower()
        if left is None or right is None:
            return False
        compare: dict[str, Callable[[Any, Any], bool]] = {
            "GreaterThan": lambda a, b: a > b,
            "LowerThan": lambda a, b: a < b,
            "GreaterEqualThan": lambda a, b: a >= b,
            "LowerEqualThan": lambda a, b: a <= b,
        }
        return compare[condition](left, right)


@dataclass
class AccountFilter:
    rules: list[AccountRule] = field(default_factory=list)
    search: str | None = None
    list_id: int | None = None
    sort_by: str | None = None
    sort_direction: str | None = None

    @property
    def uses_sequences(self) -> bool:
        return any(rule.prop == "Sequence" for rule in self.rules)

    def matches(self, item: dict[str, Any], sequences: set[int]) -> bool:
        if self.search:
            needle = self.search.lower()
            names = (item["name"], item["domainName"], item["domainSecondary"])
            if not any(needle in (text or "").lower() for text in names):
                return False
        return all(rule.matches(item, sequences) for rule in self.rules)


def read_account_filter(reader: BodyReader) -> AccountFilter:
    result = AccountFilter()
    search = reader.string("search")
    result.search = search.strip() or None if isinstance(search, str) else None
    sort_by = reader.string("sortBy")
    result.sort_by = sort_by if isinstance(sort_by, str) else None
    direction = reader.string("sortDirection")
    result.sort_direction = direction if isinstance(direction, str) else None
    list_id = reader.integer("listId")
    result.list_id = list_id if isinstance(list_id, int) else None
    filters = reader.objects("filters")
    if not isinstance(filters, list):
        return result
    if len(filters) > MAX_FILTERS:
        reader.error("filters", f"At most {MAX_FILTERS} filters are allowed.")
        return result
    for item in filters:
        prop = item.string("property", required=True)
        condition = item.string("condition", required=True)
        raw_values = item.raw("values")
        if isinstance(prop, str) and prop not in PROPERTIES:
            item.error("property", "Filter field is not recognised.")
        if isinstance(condition, str) and condition not in CONDITIONS:
            item.error("condition", "Filter condition is not recognised.")
        values = _read_values(item, raw_values, condition)
        if values is not None and prop in PROPERTIES and condition in CONDITIONS:
            assert isinstance(prop, str) and isinstance(condition, str)
            result.rules.append(AccountRule(prop, condition, values))
            _check_comparable(item, result.rules[-1])
    return result


def _read_values(item: BodyReader, raw: Any, condition: object) -> list[Any] | None:
    if raw is MISSING:
        if condition in ("IsNull", "IsNotNull"):
            return []
        item.error("values", "Field is required.")
        return None
    values = raw if isinstance(raw, list) else [raw]
    if any(isinstance(value, (dict, list)) for value in values):
        item.error("values", INVALID_TYPE)
        return None
    values = [value for value in values if value is not None]
    if not values and condition not in ("IsNull", "IsNotNull"):
        item.error("values", "At least one value is required.")
        return None
    return values


def _check_comparable(item: BodyReader, rule: AccountRule) -> None:
    """Ordering and date bounds need a value of the property's kind."""
    wanted = rule.values[0] if rule.values else None
    needs_date = rule.prop in DATE_PROPERTIES or rule.prop.startswith("LastActivityDate")
    bounds = rule.prop in ("LastActivityDateFrom", "LastActivityDateTo")
    bad_date = needs_date and (rule.condition in ORDERING or bounds) and parse_date(wanted) is None
    bad_number = (
        rule.prop in NUMBER_PROPERTIES
        and rule.condition not in ("IsNull", "IsNotNull")
        and any(_as_number(value) is None for value in rule.values)
    )
    if bad_date or bad_number:
        item.error("values", INVALID_FORMAT)
