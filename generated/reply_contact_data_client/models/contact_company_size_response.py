from enum import StrEnum
from typing import Self


class ContactCompanySizeResponse(StrEnum):
    EMPTY = "empty"
    EMPTY_PASCAL_CASE = "Empty"
    FIFTY = "fifty"
    FIFTY_PASCAL_CASE = "Fifty"
    FIVE_HUNDRED = "fiveHundred"
    FIVE_HUNDRED_PASCAL_CASE = "FiveHundred"
    FIVE_THOUSAND = "fiveThousand"
    FIVE_THOUSAND_PASCAL_CASE = "FiveThousand"
    ONE_THOUSAND = "oneThousand"
    ONE_THOUSAND_PASCAL_CASE = "OneThousand"
    OVER_TEN_THOUSAND = "overTenThousand"
    OVER_TEN_THOUSAND_PASCAL_CASE = "OverTenThousand"
    SELF_EMPLOYED = "selfEmployed"
    SELF_EMPLOYED_PASCAL_CASE = "SelfEmployed"
    TEN = "ten"
    TEN_PASCAL_CASE = "Ten"
    TEN_THOUSAND = "tenThousand"
    TEN_THOUSAND_PASCAL_CASE = "TenThousand"
    TWO_HUNDRED = "twoHundred"
    TWO_HUNDRED_PASCAL_CASE = "TwoHundred"

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
