"""Input rows for imports: which contact field a header means, and a row on API names.

Spreadsheets say "First Name", "E-mail" or "LinkedIn URL"; the API says firstName, email and
linkedInUrl. Headers are matched after folding case and dropping punctuation, so "e-mail",
"Email Address" and "EMAIL" all land on `email`. A header that is no contact field names a
custom field by title (`columns.ColumnPlan` decides). The file readers live in `sources` and
are re-exported here, where they have always been imported from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reply_contact_data_client.contract import Vocabularies

from .sources import CsvRows, JsonlRows, NumberedRow, read_csv, read_jsonl, read_rows

# Folded header -> API field. Folding: lower case, only letters and digits.
_ALIASES: dict[str, tuple[str, ...]] = {
    "firstName": ("firstname", "first", "givenname", "forename", "fname"),
    "lastName": ("lastname", "last", "surname", "familyname", "lname"),
    "email": ("email", "emailaddress", "mail", "workemail", "businessemail"),
    "phone": ("phone", "phonenumber", "telephone", "tel", "workphone", "directphone"),
    "phone2": ("phone2", "secondaryphone", "mobile", "mobilephone", "cellphone", "cell"),
    "title": ("title", "jobtitle", "position", "role"),
    "company": ("company", "companyname", "organization", "organisation", "employer"),
    "companySize": ("companysize", "employees", "employeecount", "headcount", "size"),
    "industry": ("industry", "sector"),
    "city": ("city", "town"),
    "state": ("state", "region", "province", "county"),
    "country": ("country", "countryname", "nation"),
    "timeZoneId": ("timezone", "timezoneid", "tz"),
    "linkedInUrl": (
        "linkedin",
        "linkedinurl",
        "linkedinprofile",
        "linkedinprofileurl",
        "personlinkedinurl",
    ),
    "linkedInSalesNavigatorUrl": (
        "salesnavigator",
        "salesnavigatorurl",
        "linkedinsalesnavigatorurl",
    ),
    "linkedInRecruiterUrl": ("recruiterurl", "linkedinrecruiterurl"),
    "notes": ("notes", "note", "comments", "comment"),
    "ownerUserId": ("owneruserid", "ownerid", "owner"),
    "accountId": ("accountid",),
}
_FOLDED = {alias: api for api, aliases in _ALIASES.items() for alias in aliases}
# Fields whose value is an integer in the API.
INTEGER_FIELDS = frozenset({"ownerUserId", "accountId"})
CONTACT_FIELDS = frozenset(_ALIASES)


def fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def api_field_for(header: str) -> str | None:
    """The API contact field a header means, or None when it is not a contact field."""
    if header in CONTACT_FIELDS:
        return header
    return _FOLDED.get(fold(header))


# Head-count spellings the spec does not list, as the band they mean (spelled as an account's).
_SIZE_ALIASES = {"0": "Empty", "1": "SelfEmployed", "1-10": "2-10", "10,000+": "10001+"}


@functools.cache
def _company_sizes() -> dict[str, str]:
    """Folded spelling -> the contact companySize literal, from the spec's vocabularies.

    A contact's band is a word ("TwoHundred"), an account's the same band as a range
    ("51-200"), and the two vocabularies list the bands in the same order; so a range or a
    literal of either is understood, and a band the spec adds is understood with no edit here.
    """
    literals = Vocabularies.ContactCompanySize
    sizes = {fold(literal): literal for literal in literals}
    ranges = Vocabularies.AccountCompanySize
    if len(ranges) == len(literals):
        sizes.update({fold(band): literal for band, literal in zip(ranges, literals, strict=True)})
    for alias, band in _SIZE_ALIASES.items():
        if fold(band) in sizes:
            sizes[fold(alias)] = sizes[fold(band)]
    return sizes


def company_size_literal(value: str) -> str | None:
    """Map "51-200", "11 - 50", "10,001+" or an API literal to the contact companySize enum."""
    return _company_sizes().get(fold(value))


@dataclass(frozen=True)
class FieldSpec:
    """What validation needs to know of a custom field: its id and whether it holds numbers."""

    id: int
    title: str
    numeric: bool


@dataclass
class NormalisedRow:
    """One input row mapped onto API names: contact fields by API name, custom values with
    their field, and `stray`, values that have no column name to land on."""

    fields: dict[str, Any] = field(default_factory=dict)
    custom: list[tuple[FieldSpec, str]] = field(default_factory=list)
    stray: tuple[str, ...] = ()

    def describe(self) -> str:
        """A short, log-safe identification of the row for reports."""
        name = " ".join(
            str(self.fields[k]) for k in ("firstName", "lastName") if self.fields.get(k)
        )
        email = self.fields.get("email") or self.fields.get("linkedInUrl") or ""
        return f"{name} <{email}>" if email else name or "(empty row)"


def as_mapping(row: Any) -> Mapping[Any, Any]:
    """An input row as a mapping: a mapping as it is, a generated model through `to_dict()`."""
    if isinstance(row, Mapping):
        return row
    if hasattr(row, "to_dict"):
        data = row.to_dict()
        if isinstance(data, Mapping):
            return data
    raise TypeError(f"a row must be a mapping or a generated model, got {type(row).__name__}")


__all__ = [
    "CONTACT_FIELDS",
    "INTEGER_FIELDS",
    "CsvRows",
    "FieldSpec",
    "JsonlRows",
    "NormalisedRow",
    "NumberedRow",
    "api_field_for",
    "as_mapping",
    "company_size_literal",
    "fold",
    "read_csv",
    "read_jsonl",
    "read_rows",
]
