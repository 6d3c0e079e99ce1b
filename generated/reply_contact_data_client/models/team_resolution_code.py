from enum import StrEnum
from typing import Self


class TeamResolutionCode(StrEnum):
    TEAM_NOT_ACCESSIBLE = "TEAM_NOT_ACCESSIBLE"
    TEAM_REQUIRED = "TEAM_REQUIRED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        # Open enum: the live API adds and re-cases values (companySize "Empty" vs "empty").
        # Keep an unknown string as a pseudo-member instead of failing the whole response;
        # it compares equal to the raw string and round-trips through to_dict().
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        # Cache it so the same unknown value always yields the same object.
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
