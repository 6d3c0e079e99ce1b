"""Text the SDK refuses to send: control characters.

A NUL or another control character in a name or an email address is never what a user meant (a
pasted binary, a bad CSV export, an attack on whatever reads the data next); servers answer it
unpredictably, and the row would be stored broken. So the resources' argument checks and the
import validation refuse it locally, naming the field and the character:

* names and email addresses may hold no control character at all (C0, DEL, C1; tabs and line
  breaks included);
* any other text may hold tabs and line breaks (notes are multi-line), but no other control
  character, NUL first of all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "NAME_FIELDS",
    "check_name",
    "check_text_fields",
    "control_character",
    "control_character_in_text",
    "field_problem",
]

# Request and row fields (the API's names) that hold a name or an email address.
NAME_FIELDS = frozenset({"firstName", "lastName", "fullName", "name", "email"})

_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _describe(text: str, pattern: re.Pattern[str]) -> str | None:
    found = pattern.search(text)
    if found is None:
        return None
    return f"a control character (U+{ord(found.group()):04X}) at position {found.start()}"


def control_character(text: str) -> str | None:
    """Where `text` holds any control character ("... (U+0000) at position 3"), else None."""
    return _describe(text, _ANY_CONTROL)


def control_character_in_text(text: str) -> str | None:
    """Like `control_character`, but tabs and line breaks are allowed."""
    return _describe(text, _CONTROL_IN_TEXT)


def field_problem(name: str, value: str) -> str | None:
    """Why the field `name` (an API field name) cannot hold `value`, or None."""
    found = control_character(value) if name in NAME_FIELDS else control_character_in_text(value)
    return None if found is None else f"{name} contains {found}"


def check_name(value: str, what: str) -> str:
    """`value` unchanged, or ValueError when a name or an email holds a control character."""
    if isinstance(value, str):
        found = control_character(value)
        if found is not None:
            raise ValueError(f"{what} contains {found}: {value!r}")
    return value


def check_text_fields(body: Mapping[str, Any], where: str) -> None:
    """ValueError naming the first field of a request body (nested ones too) whose text holds
    a control character it may not hold."""
    for name, value in body.items():
        if isinstance(value, str):
            problem = field_problem(str(name), value)
            if problem is not None:
                raise ValueError(f"{where}: {problem}: {value!r}")
        elif isinstance(value, Mapping):
            check_text_fields(value, f"{where}.{name}")
        elif isinstance(value, list | tuple):
            for position, item in enumerate(value):
                if isinstance(item, Mapping):
                    check_text_fields(item, f"{where}.{name}[{position}]")
                elif isinstance(item, str):
                    found = control_character_in_text(item)
                    if found is not None:
                        raise ValueError(f"{where}.{name}[{position}] contains {found}")
