"""``POST /v3/contacts/filter`` and ``/filter/count``: rules, scopes, search and sort -> SQL.

The real API publishes no rule vocabulary (reference §9.1), so the sandbox accepts a clear,
documented one: the contact's own fields, ``customField:<id or title>``, and the conditions
below, all case-insensitive on text. Anything else is a validation error pointing at the rule,
so a client never silently gets an unfiltered page. Time-based properties (``createdAt``,
``lastModifiedAt``, ``addingDate``) are accepted and ignored, as the live server does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from reply_contact_data_client import contract

from .contact_model import SORTABLE_COLUMNS, FieldCatalog, linkedin_key
from .parsing import BodyReader, decimal_int
from .problems import INVALID_FORMAT

TEXT_PROPERTIES: dict[str, str] = {
    "email": "email",
    "firstname": "first_name",
    "lastname": "last_name",
    "title": "title",
    "company": "company",
    "country": "country",
    "city": "city",
    "state": "state",
    "industry": "industry",
    "phone": "phone",
    "phone2": "phone2",
    "timezoneid": "time_zone_id",
    "linkedinurl": "linkedin_url",
    "notes": "notes",
    "companysize": "company_size",
    "callstatus": "call_status",
    "meetingstatus": "meeting_status",
    "domain": "substr(email, instr(email, '@') + 1)",
}
INTEGER_PROPERTIES = {"id": "id", "owneruserid": "owner_user_id", "accountid": "account_id"}
BOOLEAN_PROPERTIES = {"isoptedout": "is_opted_out"}
IGNORED_PROPERTIES = {"createdat", "lastmodifiedat", "addingdate"}
CUSTOM_FIELD_PREFIX = "customfield:"

CONDITIONS = {
    "equals": "equals",
    "is": "equals",
    "notequals": "notEquals",
    "isnot": "notEquals",
    "contains": "contains",
    "notcontains": "notContains",
    "startswith": "startsWith",
    "endswith": "endsWith",
    "isset": "isSet",
    "isnotempty": "isSet",
    "isnotset": "isNotSet",
    "isempty": "isNotSet",
    "in": "in",
    "notin": "notIn",
}
VALUELESS = {"isSet", "isNotSet"}


@dataclass
class ContactQuery:
    where: list[str] = field(default_factory=lambda: ["contacts.deleted = 0"])
    params: list[Any] = field(default_factory=list)
    order_by: str = "contacts.id ASC"

    def sql(self, select: str) -> str:
        return f"SELECT {select} FROM contacts WHERE {' AND '.join(self.where)}"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def read_filter(db: sqlite3.Connection, reader: BodyReader, *, with_sort: bool) -> ContactQuery:
    query = ContactQuery()
    catalog: FieldCatalog | None = None
    rules = reader.objects("rules")
    for rule in rules if isinstance(rules, list) else []:
        prop = rule.string("property", required="'property' must not be empty.")
        cond = rule.string("condition", required="'condition' must not be empty.")
        value = rule.string("value")
        if not isinstance(prop, str) or not isinstance(cond, str):
            continue
        if not prop.strip():
            rule.error("property", "'property' must not be empty.")
            continue
        condition = CONDITIONS.get(cond.strip().lower())
        if condition is None:
            rule.error("condition", f"Unknown condition '{cond}'.")
            continue
        text_value = value if isinstance(value, str) else None
        if condition not in VALUELESS and text_value is None:
            rule.error("value", "'value' must not be empty.")
            continue
        key = prop.strip().lower()
        if key in IGNORED_PROPERTIES:
            continue
        if key.startswith(CUSTOM_FIELD_PREFIX):
            catalog = catalog or FieldCatalog(db)
            row = catalog.find(prop.strip()[len(CUSTOM_FIELD_PREFIX) :])
            if row is None:
                rule.error("property", f"Unknown custom field in '{prop}'.")
                continue
            expr = (
                "(SELECT v.value FROM contact_field_values v "
                "WHERE v.contact_id = contacts.id AND v.field_id = ?)"
            )
            _text_rule(query, expr, [row["id"]], condition, text_value)
        elif key in TEXT_PROPERTIES:
            column = TEXT_PROPERTIES[key]
            if key == "linkedinurl" and condition in ("equals", "notEquals") and text_value:
                clause = "coalesce(contacts.linkedin_key, '') = ?"
                query.where.append(clause if condition == "equals" else f"NOT ({clause})")
                query.params.append(linkedin_key(text_value))
            else:
                _text_rule(
                    query,
                    f"contacts.{column}" if column.isidentifier() else column,
                    [],
                    condition,
                    text_value,
                )
        elif key in INTEGER_PROPERTIES:
            if not _integer_rule(
                query, f"contacts.{INTEGER_PROPERTIES[key]}", condition, text_value
            ):
                rule.error("value", INVALID_FORMAT)
        elif key in BOOLEAN_PROPERTIES:
            if not _boolean_rule(
                query, f"contacts.{BOOLEAN_PROPERTIES[key]}", condition, text_value
            ):
                rule.error("value", INVALID_FORMAT)
        else:
            rule.error("property", f"Unknown property '{prop}'.")

    list_id = reader.integer("listId")
    if isinstance(list_id, int):
        query.where.append("contacts.id IN (SELECT contact_id FROM list_members WHERE list_id = ?)")
        query.params.append(list_id)
    sequence_id = reader.integer("sequenceId")
    if isinstance(sequence_id, int):
        query.where.append(
            "contacts.id IN (SELECT contact_id FROM sequence_members WHERE sequence_id = ?)"
        )
        query.params.append(sequence_id)
    step_id = reader.integer("sequenceStepId")
    if isinstance(step_id, int):
        query.where.append(
            "contacts.id IN (SELECT contact_id FROM sequence_members WHERE current_step_id = ?)"
        )
        query.params.append(step_id)
    search = reader.string("searchTerm")
    if isinstance(search, str) and search.strip():
        pattern = f"%{_escape_like(search.strip().lower())}%"
        haystacks = [
            "contacts.email",
            "contacts.first_name",
            "contacts.last_name",
            "contacts.company",
            "contacts.title",
            "(coalesce(contacts.first_name, '') || ' ' || coalesce(contacts.last_name, ''))",
        ]
        query.where.append(
            "(" + " OR ".join(f"lower({h}) LIKE ? ESCAPE '\\'" for h in haystacks) + ")"
        )
        query.params.extend([pattern] * len(haystacks))
    if with_sort:
        query.order_by = _read_sort(reader)
    return query


def _read_sort(reader: BodyReader) -> str:
    sort_by = reader.string("sortBy")
    direction_text = reader.string("sortDirection")
    direction = "ASC"
    if isinstance(direction_text, str) and direction_text.strip():
        directions = contract.Vocabularies.SortDirection
        if direction_text.strip().lower() not in directions:
            reader.error(
                "sortDirection",
                f"Sort direction must be {' or '.join(repr(d) for d in directions)}.",
            )
        else:
            direction = direction_text.strip().upper()
    if not isinstance(sort_by, str) or not sort_by.strip():
        return f"contacts.id {direction}"
    by_lower = {name.lower(): column for name, column in SORTABLE_COLUMNS.items()}
    column = by_lower.get(sort_by.strip().lower())
    if column is None:
        reader.error("sortBy", f"Unknown sort field '{sort_by}'.")
        return "contacts.id ASC"
    expr = f"contacts.{column}" if column.isidentifier() else column
    collate = (
        " COLLATE NOCASE"
        if column not in ("id", "owner_user_id", "account_id", "is_opted_out")
        else ""
    )
    # Ties keep id order, so pages stay stable whatever the sort.
    return f"{expr}{collate} {direction}, contacts.id ASC"


def _text_rule(
    query: ContactQuery, expr: str, expr_params: list[Any], condition: str, value: str | None
) -> None:
    lowered = f"lower(coalesce({expr}, ''))"
    if condition in ("isSet", "isNotSet"):
        clause = f"coalesce({expr}, '') != ''"
        query.where.append(clause if condition == "isSet" else f"NOT ({clause})")
        query.params.extend(expr_params)
        return
    text = (value or "").lower()
    if condition in ("in", "notIn"):
        options = [part.strip().lower() for part in text.split(",")]
        marks = ", ".join("?" for _ in options)
        clause = f"{lowered} IN ({marks})"
        query.where.append(clause if condition == "in" else f"NOT ({clause})")
        query.params.extend([*expr_params, *options])
        return
    if condition in ("equals", "notEquals"):
        clause, param = f"{lowered} = ?", text
    else:
        pattern = {
            "contains": "%{}%",
            "notContains": "%{}%",
            "startsWith": "{}%",
            "endsWith": "%{}",
        }[condition]
        clause, param = f"{lowered} LIKE ? ESCAPE '\\'", pattern.format(_escape_like(text))
    negate = condition in ("notEquals", "notContains")
    query.where.append(f"NOT ({clause})" if negate else clause)
    query.params.extend([*expr_params, param])


def _integer_rule(query: ContactQuery, column: str, condition: str, value: str | None) -> bool:
    if condition in ("isSet", "isNotSet"):
        query.where.append(f"{column} IS {'NOT ' if condition == 'isSet' else ''}NULL")
        return True
    parsed = [decimal_int(part) for part in (value or "").split(",")]
    numbers = [number for number in parsed if number is not None]
    if len(numbers) != len(parsed):
        return False  # not an integer SQLite can hold
    if condition in ("in", "notIn", "equals", "notEquals"):
        if condition in ("equals", "notEquals"):
            numbers = numbers[:1]
        marks = ", ".join("?" for _ in numbers)
        clause = f"coalesce({column}, -1) IN ({marks})"
        query.where.append(clause if condition in ("in", "equals") else f"NOT ({clause})")
        query.params.extend(numbers)
        return True
    # Text-style conditions on numbers compare their decimal text.
    _text_rule(query, f"CAST({column} AS TEXT)", [], condition, value)
    return True


def _boolean_rule(query: ContactQuery, column: str, condition: str, value: str | None) -> bool:
    if condition in ("isSet", "isNotSet"):
        query.where.append(f"{column} = {1 if condition == 'isSet' else 0}")
        return True
    if condition not in ("equals", "notEquals") or value is None:
        return False
    text = value.strip().lower()
    if text not in ("true", "false"):
        return False
    wanted = (text == "true") == (condition == "equals")
    query.where.append(f"{column} = {1 if wanted else 0}")
    return True
