from enum import StrEnum
from typing import Self


class EmailProvider(StrEnum):
    AMAZON = "amazon"
    APPLE_MAIL = "appleMail"
    BARRACUDA = "barracuda"
    BLOOMBERG = "bloomberg"
    CISCO_SECURE_EMAIL = "ciscoSecureEmail"
    GANDI = "gandi"
    GMAIL = "gmail"
    GO_DADDY = "goDaddy"
    G_SUITE = "gSuite"
    HOSTINGER = "hostinger"
    HOTMAIL = "hotmail"
    IONOS = "ionos"
    LINKEDIN = "linkedin"
    LIVE_COM = "liveCom"
    MIMECAST = "mimecast"
    NAMECHEAP = "namecheap"
    OFFICE = "office"
    ONE_AND_ONE = "oneAndOne"
    OTHER = "other"
    OUTLOOK = "outlook"
    OVH = "ovh"
    PROOFPOINT = "proofpoint"
    PROTONMAIL = "protonmail"
    SPAMEXPERTS = "spamexperts"
    TITAN_MAIL = "titanMail"
    YAHOO = "yahoo"
    YANDEX = "yandex"
    ZOHO = "zoho"

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
