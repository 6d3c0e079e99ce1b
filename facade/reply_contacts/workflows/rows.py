"""Input rows for imports: streaming readers (CSV, JSONL) and header normalisation.

Spreadsheets say "First Name", "E-mail" or "LinkedIn URL"; the API says firstName, email and
linkedInUrl. Headers are matched after folding case and dropping punctuation, so "e-mail",
"Email Address" and "EMAIL" all land on `email`. A header that is no contact field is taken
as a custom field title.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reply_contact_data_client.contract import Vocabularies

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


@dataclass
class NormalisedRow:
    """One input row mapped onto API names: contact fields, and custom values by column name."""

    fields: dict[str, Any] = field(default_factory=dict)
    custom: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """A short, log-safe identification of the row for reports."""
        name = " ".join(
            str(self.fields[k]) for k in ("firstName", "lastName") if self.fields.get(k)
        )
        email = self.fields.get("email") or self.fields.get("linkedInUrl") or ""
        return f"{name} <{email}>" if email else name or "(empty row)"


def _as_mapping(row: Any) -> Mapping[str, Any]:
    if isinstance(row, Mapping):
        return row
    if hasattr(row, "to_dict"):
        data = row.to_dict()
        if isinstance(data, Mapping):
            return data
    raise TypeError(f"a row must be a mapping or a generated model, got {type(row).__name__}")


def normalise(
    row: Any,
    *,
    column_map: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
) -> NormalisedRow:
    """Map one row's keys to API fields; blank values are dropped (an import never blanks)."""
    ignored = {fold(c) for c in ignore_columns}
    out = NormalisedRow()
    for raw_key, raw_value in _as_mapping(row).items():
        if raw_key is None:
            # csv.DictReader puts surplus cells of a ragged row under the None key.
            continue
        key = str(raw_key).strip()
        if not key or fold(key) in ignored:
            continue
        if raw_key == "customFields" and isinstance(raw_value, list):
            for entry in raw_value:
                name = entry.get("name") or entry.get("id") or entry.get("key")
                if name is not None and entry.get("value") not in (None, ""):
                    out.custom[str(name)] = str(entry["value"])
            continue
        value = raw_value.strip() if isinstance(raw_value, str) else raw_value
        if value is None or value == "":
            continue
        target = (column_map or {}).get(key) or api_field_for(key)
        if target is None:
            out.custom[key] = str(value)
        else:
            out.fields[target] = value
    return out


def read_csv(path: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV file, streamed; a UTF-8 byte-order mark is dropped, quoting respected."""
    # utf-8-sig strips the BOM that spreadsheet exports put in front of the first header.
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file, streamed; blank lines are skipped."""
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc.msg}") from None
            if not isinstance(value, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield value


def read_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    """Rows of a .csv or .jsonl/.ndjson file, by extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return read_jsonl(path)
    raise ValueError(f"unsupported input {path}: use .csv or .jsonl")


__all__ = [
    "CONTACT_FIELDS",
    "INTEGER_FIELDS",
    "NormalisedRow",
    "api_field_for",
    "company_size_literal",
    "fold",
    "normalise",
    "read_csv",
    "read_jsonl",
    "read_rows",
]
