"""``POST /v3/contact-accounts/filter`` body (reference §7.1): PascalCase properties and
conditions from the contract's vocabularies, up to its ``maxItems`` (20) filters, all of which
must match.

Accounts are few next to contacts, so filters are evaluated in Python over the API shape,
which keeps the loosely typed ``values`` (scalar or array) easy to honour. Which properties and
conditions exist is the contract's; what each one means is the sandbox's: a property the
contract adds later is read from the account field of the same (camelCase) name, a condition
the contract adds later is refused with a problem that says the sandbox does not know it yet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reply_contact_data_client import contract
from reply_contact_data_client.contract import Limit

from .parsing import MISSING, BodyReader, is_int
from .problems import INVALID_FORMAT, INVALID_TYPE, Problem, validation

# Most properties read the account field of the same name (Name -> name); these do not.
NUMBER_PROPERTIES = {"OwnerId": "ownerUserId", "NumberOfContacts": "linkedProspectsCount"}
DATE_PROPERTIES = {"CreatedDate": "createdDate", "LastActivityDate": "lastActivityDate"}

# What the sandbox knows each condition to mean.
NULLNESS = {"IsNull", "IsNotNull"}
ORDERING = {"GreaterThan", "LowerThan", "GreaterEqualThan", "LowerEqualThan"}
MATCHING = {"Equals", "In", "CollectionContains"}
NEGATED = {"NotEquals": "Equals", "NotIn": "In", "CollectionNotContains": "CollectionContains"}
IMPLEMENTED_CONDITIONS = NULLNESS | ORDERING | MATCHING | set(NEGATED)


def parse_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _as_number(value: object) -> float | None:
    """A finite number, or None: "inf", "nan", 1e999 and integers past a double are no number."""
    try:
        if is_int(value) or isinstance(value, float):
            number = float(value)  # type: ignore[arg-type]
        elif isinstance(value, str):
            number = float(value.strip())
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _field_name(prop: str) -> str:
    """The account field a property names: ``LinkedInUrl`` -> ``linkedInUrl``."""
    return prop[:1].lower() + prop[1:]


@dataclass
class AccountRule:
    prop: str
    condition: str
    values: list[Any]

    def field_value(self, item: dict[str, Any], sequences: set[int]) -> Any:
        if self.prop in NUMBER_PROPERTIES:
            return item[NUMBER_PROPERTIES[self.prop]]
        if self.prop in DATE_PROPERTIES or self.prop.startswith("LastActivityDate"):
            return item[DATE_PROPERTIES.get(self.prop, "lastActivityDate")]
        if self.prop == "NumericPhoneNumber":
            return re.sub(r"\D", "", item["phone"] or "") or None
        if self.prop == "Stage":
            return item["stage"]
        if self.prop == "Sequence":
            return sequences
        return item.get(_field_name(self.prop))

    def matches(self, item: dict[str, Any], sequences: set[int]) -> bool:
        value = self.field_value(item, sequences)
        if self.prop == "LastActivityDateFrom":
            return self._compare(value, self.values[0], "GreaterEqualThan")
        if self.prop == "LastActivityDateTo":
            return self._compare(value, self.values[0], "LowerEqualThan")
        condition = self.condition
        if condition in NULLNESS:
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


def filters_too_many(pointer: str, limit: Limit) -> Problem:
    return validation([(pointer, f"At most {limit.max_items} filters are allowed.")])


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
    # More filters than the contract's maxItems never get here (intake.py refuses them first).
    filters = reader.objects("filters")
    if not isinstance(filters, list):
        return result
    properties = contract.Vocabularies.AccountFilterProperty
    conditions = contract.Vocabularies.AccountFilterCondition
    for item in filters:
        prop = item.string("property", required=True)
        condition = item.string("condition", required=True)
        raw_values = item.raw("values")
        known = isinstance(prop, str) and prop in properties
        usable = isinstance(condition, str) and condition in IMPLEMENTED_CONDITIONS
        if isinstance(prop, str) and not known:
            item.error("property", "Filter field is not recognised.")
        if isinstance(condition, str) and condition not in conditions:
            item.error("condition", "Filter condition is not recognised.")
        elif isinstance(condition, str) and not usable:
            item.error("condition", f"The sandbox does not implement condition '{condition}'.")
        values = _read_values(item, raw_values, condition)
        if values is not None and known and usable and condition in conditions:
            assert isinstance(prop, str) and isinstance(condition, str)
            result.rules.append(AccountRule(prop, condition, values))
            _check_comparable(item, result.rules[-1])
    return result


def _read_values(item: BodyReader, raw: Any, condition: object) -> list[Any] | None:
    if raw is MISSING:
        if condition in NULLNESS:
            return []
        item.error("values", "Field is required.")
        return None
    values = raw if isinstance(raw, list) else [raw]
    if any(isinstance(value, (dict, list)) for value in values):
        item.error("values", INVALID_TYPE)
        return None
    values = [value for value in values if value is not None]
    if not values and condition not in NULLNESS:
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
        and rule.condition not in NULLNESS
        and any(_as_number(value) is None for value in rule.values)
    )
    if bad_date or bad_number:
        item.error("values", INVALID_FORMAT)
