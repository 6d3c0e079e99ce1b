"""Replace personal data in a JSON document with stable fakes, keeping what a bug report needs.

Kept: numbers, booleans and nulls; the contract's vocabulary values (enums, any casing the spec
lists); dates and times; UUIDs; single tokens under id-like members (`id`, `key`, `...Id`) and
kind-like ones (`...Type`, `...Status`: enums the spec does not declare); machine codes (`code`,
`pointer`); HTTP reason phrases; empty strings (an empty string where a null is
documented is itself drift worth seeing). Every other string is replaced by its kind: emails,
URLs, domains, phone numbers, long digit runs, and free text (names, titles, notes...).

Stable: within one `Anonymiser`, the same input always becomes the same fake (emails compared
without case), and an email's domain becomes the same fake as that domain elsewhere, so
relations between records (a contact's email and its `domain`, an account's name used twice)
survive. Object keys are kept: they are member names, or ids in id-keyed results.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#\s]*)", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.:/+-]{1,64}$")
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PHONE_DIGITS = 7
"""A run of this many digits or more is treated as a phone number wherever it appears."""

_MACHINE_MEMBERS = frozenset({"code", "pointer"})
_KIND_SUFFIXES = ("type", "status", "state", "kind", "category", "channel")
_REASON_PHRASES = frozenset(status.phrase for status in HTTPStatus)


def vocabulary_values() -> frozenset[str]:
    """Every enum value the contract names: never personal, and drift hides in them."""
    from reply_contact_data_client.contract import VOCABULARIES

    return frozenset(value for values in VOCABULARIES.values() for value in values)


class Anonymiser:
    """Stable fakes for the personal data in JSON documents; one instance per run."""

    def __init__(self, keep: Iterable[str] | None = None) -> None:
        self._keep = frozenset(keep) if keep is not None else vocabulary_values()
        self._fakes: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def anonymise(self, document: Any, member: str = "") -> Any:
        """A copy of `document` with personal strings replaced; `member` names where it sits."""
        if isinstance(document, dict):
            return {key: self.anonymise(value, str(key)) for key, value in document.items()}
        if isinstance(document, list):
            return [self.anonymise(item, member) for item in document]
        if isinstance(document, str):
            return self._string(document, member)
        if isinstance(document, int) and not isinstance(document, bool) and _phone_member(member):
            return int(self._digits(str(abs(document))))
        return document

    # -- strings -----------------------------------------------------------------------------

    def _string(self, value: str, member: str) -> str:
        if self._kept(value, member):
            return value
        email = _EMAIL.match(value)
        if email:
            local = self._fake("email", value.lower(), lambda n: f"person{n}")
            return f"{local}@{self._domain(email.group(1))}"
        url = _URL.match(value)
        if url:
            host = url.group(1).rsplit("@", 1)[-1].split(":", 1)[0]
            page = self._fake("url", value, lambda n: f"page-{n}")
            return f"https://{self._domain(host) if host else 'example.invalid'}/{page}"
        if _looks_like_phone(value) or (_phone_member(member) and _PHONE.match(value)):
            return self._digits(value)
        if "domain" in member.lower() or _DOMAIN.match(value):
            return self._domain(value)
        if value.isdigit():
            return value  # a short number written as text (a seat count, a custom number field)
        label = member or "text"
        return self._fake("text", value, lambda n: f"{label}-{n}")

    def _kept(self, value: str, member: str) -> bool:
        if not value.strip() or value in self._keep or value in _REASON_PHRASES:
            return True
        if member in _MACHINE_MEMBERS:
            return True
        if (_id_member(member) or _kind_member(member)) and _TOKEN.match(value):
            return True
        return _is_moment(value) or _is_uuid(value)

    def _domain(self, host: str) -> str:
        bare = host.lower().removeprefix("www.")
        return self._fake("domain", bare, lambda n: f"domain{n}.example")

    def _digits(self, value: str) -> str:
        """A phone-shaped fake: the same punctuation and length, other digits (555 marks it
        fictional)."""
        count = sum(c.isdigit() for c in value)
        serial = self._fake("phone", re.sub(r"\D", "", value), str)
        digits = iter(("555" + serial.rjust(max(count - 3, 0), "0"))[-count:])
        return "".join(next(digits) if c.isdigit() else c for c in value)

    def _fake(self, kind: str, value: str, make: Callable[[int], str]) -> str:
        key = (kind, value)
        fake = self._fakes.get(key)
        if fake is None:
            number = self._counts.get(kind, 0) + 1
            self._counts[kind] = number
            fake = make(number)
            self._fakes[key] = fake
        return fake


def _id_member(member: str) -> bool:
    return member in ("id", "key") or member.endswith(("Id", "Ids", "ID"))


def _kind_member(member: str) -> bool:
    # Undeclared enums (`activityType: "note"`): a single token under such a name is a value of
    # the API's, not a person's. A bare `state` is part of an address, not a status.
    lowered = member.lower()
    return lowered.endswith(_KIND_SUFFIXES) and lowered != "state"


def _phone_member(member: str) -> bool:
    # `phoneStatus` holds an enum value, which the vocabulary keeps before this is asked.
    return "phone" in member.lower()


def _looks_like_phone(value: str) -> bool:
    return bool(_PHONE.match(value)) and sum(c.isdigit() for c in value) >= _PHONE_DIGITS


def _is_moment(value: str) -> bool:
    if not _DATE_LIKE.match(value):
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_uuid(value: str) -> bool:
    if len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
