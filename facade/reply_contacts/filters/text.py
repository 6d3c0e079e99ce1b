"""Contact rules written as text, the way a command line or a settings file spells them.

    title contains VP
    "Deal Stage" equals Won
    isOptedOut equals false
    phone isSet
    country in "United States,Canada"

Words are split as a shell splits them (`shlex`), so a custom-field title or a value with spaces
is quoted; unquoted words after the condition are joined by single spaces. The property is a
contact property by its API name (`firstName`, case aside), `customField:<id>`, or else a custom
field by title (the rule keeps the title; the client's field catalog turns it into the id before
sending). The condition must be one the contact filter knows, and the value must fit the property:
everything here is checked before any request, and errors name the rule as it was written.
"""

from __future__ import annotations

import shlex

from ._base import LISTS, VALUELESS, FilterError, Scalar, boolean, fail, integer
from .contact import CONTACT, CUSTOM_FIELD_PREFIX, ContactField, ContactFields, ContactRule

__all__ = ["RULE_SYNTAX", "known_properties", "parse_contact_rule"]

RULE_SYNTAX = "PROPERTY CONDITION [VALUE]"

_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


def _known_fields() -> dict[str, ContactField]:
    fields = [value for value in vars(ContactFields).values() if isinstance(value, ContactField)]
    return {field.name.casefold(): field for field in fields}


def known_properties() -> list[str]:
    """The contact properties a rule can name (API spelling), for messages and help."""
    return sorted((field.name for field in _known_fields().values()), key=str.casefold)


def _field(name: str) -> ContactField:
    known = _known_fields().get(name.casefold())
    if known is not None:
        return known
    if name.casefold().startswith(CUSTOM_FIELD_PREFIX.casefold()):
        return ContactFields.custom(name[len(CUSTOM_FIELD_PREFIX) :])
    return ContactFields.custom(name)


def _convert(field: ContactField, name: str, word: str) -> Scalar:
    """A word of text as the value the property compares (an int, a bool, or the text)."""
    convert = field.kind.convert
    if convert is integer:
        try:
            return int(word)
        except ValueError:
            fail(f"{name} compares whole numbers; got {word!r}")
    if convert is boolean:
        if word.casefold() in _TRUE:
            return True
        if word.casefold() in _FALSE:
            return False
        fail(f"{name} is true or false; got {word!r}")
    return word


def parse_contact_rule(text: str) -> ContactRule:
    """One rule from text (see the module's examples); FilterError names what is wrong."""
    try:
        words = shlex.split(text)
    except ValueError as exc:
        fail(f"cannot read the rule {text!r}: {exc} (quote a title or value with spaces)")
    if len(words) < 2:
        fail(f"a rule is {RULE_SYNTAX!r}, got {text!r}")
    name, condition, rest = words[0], words[1], words[2:]
    role = CONTACT.role_of(condition)
    if role is None:
        known = ", ".join(CONTACT.spelling.values())
        fail(f"unknown condition {condition!r} in the rule {text!r}; known: {known}")
    field = _field(name)
    spelled = CONTACT.spelling[role]
    if role not in field.kind.roles:
        supported = ", ".join(w for r, w in CONTACT.spelling.items() if r in field.kind.roles)
        fail(f"{name} does not support {spelled}; it supports {supported}")
    value_text = " ".join(rest) if rest else None
    try:
        return _rule(field, name, spelled, role in VALUELESS, role in LISTS, value_text)
    except FilterError as exc:
        # The builders name a field as Python code (`ContactFields.call_status`); this rule
        # was written as text, so its errors say the property as the text did.
        raise FilterError(str(exc).replace(field.label, name)) from None


def _rule(
    field: ContactField, name: str, spelled: str, valueless: bool, listed: bool, text: str | None
) -> ContactRule:
    if valueless:
        if text is not None:
            fail(f"{name} {spelled} takes no value, got {text!r}")
        return field.where(spelled)
    if text is None:
        fail(f"{name} {spelled} needs a value: {name} {spelled} VALUE")
    if listed:
        items = [item.strip() for item in text.split(",") if item.strip()]
        return field.where(spelled, [_convert(field, name, item) for item in items])
    return field.where(spelled, _convert(field, name, text))
