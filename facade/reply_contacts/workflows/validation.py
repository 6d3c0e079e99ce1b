"""Local validation of import rows: a bad row is reported with its reason and never sent.

What the API would refuse ("Invalid data", "Wrong field format") is caught here first, so one bad
row costs nothing and the good rows around it still land. Limits the API does not publish are
the SDK's own, chosen generously (an email's 254 characters is RFC 5321's).
"""

from __future__ import annotations

import re
from typing import Any

from .._text import control_character_in_text, field_problem
from .rows import INTEGER_FIELDS, NormalisedRow, company_size_literal

# A pragmatic address check: one @, a dotted domain, no spaces. The server's own validator is
# stricter in odd corners; anything it still refuses comes back as a per-row server failure.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LINKEDIN = re.compile(r"^https?://([a-z]{2,3}\.)?linkedin\.com/\S+$", re.IGNORECASE)
MAX_EMAIL = 254
MAX_TEXT = 500
MAX_NOTES = 10_000
URL_FIELDS = ("linkedInUrl", "linkedInSalesNavigatorUrl", "linkedInRecruiterUrl")


class RowInvalid(ValueError):
    """Why a row will not be sent."""


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def validate_row(row: NormalisedRow) -> dict[str, Any]:
    """The API import item for a row, or RowInvalid naming the first problem found."""
    if row.stray:
        shown = ", ".join(repr(value[:40]) for value in row.stray[:3])
        raise RowInvalid(
            f"{len(row.stray)} value(s) outside the named columns ({shown}): more cells than"
            " the header has, or a cell under a blank header; is a delimiter or quote amiss?"
        )
    fields = dict(row.fields)
    for name, value in fields.items():
        problem = field_problem(name, value) if isinstance(value, str) else None
        if problem is not None:
            raise RowInvalid(problem)
    first = str(fields.get("firstName", "")).strip()
    if not first:
        raise RowInvalid("firstName is required")
    email = fields.get("email")
    if email is not None:
        email = str(email).strip()
        if len(email) > MAX_EMAIL or not _EMAIL.match(email):
            raise RowInvalid(f"invalid email address {email!r}")
        fields["email"] = email
    for name in URL_FIELDS:
        url = fields.get(name)
        if url is not None and not _LINKEDIN.match(str(url).strip()):
            raise RowInvalid(f"{name} is not a LinkedIn URL: {str(url)[:80]!r}")
    if email is None and fields.get("linkedInUrl") is None:
        raise RowInvalid("needs an email or a LinkedIn URL to identify the contact")
    for name, value in list(fields.items()):
        if name in INTEGER_FIELDS:
            try:
                fields[name] = int(str(value))
            except ValueError:
                raise RowInvalid(f"{name} must be an integer, got {value!r}") from None
        elif name == "companySize":
            literal = company_size_literal(str(value))
            if literal is None:
                raise RowInvalid(f"unknown company size {value!r}")
            fields[name] = literal
        elif isinstance(value, str):
            limit = MAX_NOTES if name == "notes" else MAX_TEXT
            if len(value) > limit:
                raise RowInvalid(f"{name} is longer than {limit} characters")
    custom = []
    for spec, value in row.custom:
        found = control_character_in_text(value)
        if found is not None:
            raise RowInvalid(f"custom field {spec.title!r} contains {found}")
        if spec.numeric and not _is_number(value):
            raise RowInvalid(f"custom field {spec.title!r} holds numbers, got {value!r}")
        if len(value) > MAX_TEXT:
            raise RowInvalid(f"custom field {spec.title!r} is longer than {MAX_TEXT} characters")
        custom.append({"id": spec.id, "value": value})
    item: dict[str, Any] = {**fields, "firstName": first}
    if custom:
        item["customFields"] = custom
    return item
