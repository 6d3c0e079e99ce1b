from enum import StrEnum
from typing import Self


class AccountCompanySize(StrEnum):
    EMPTY = "Empty"
    FROM_1001_TO_5000 = "1001-5000"
    FROM_11_TO_50 = "11-50"
    FROM_201_TO_500 = "201-500"
    FROM_2_TO_10 = "2-10"
    FROM_5001_TO_10000 = "5001-10000"
    FROM_501_TO_1000 = "501-1000"
    FROM_51_TO_200 = "51-200"
    OVER_10000 = "10001+"
    SELF_EMPLOYED = "SelfEmployed"

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
