from enum import StrEnum
from typing import Self


class DirectLinkedInErrorCode(StrEnum):
    DIRECTLINKEDIN_ALREADYCONNECTED = "directLinkedIn.alreadyConnected"
    DIRECTLINKEDIN_CONTACTNOTFOUND = "directLinkedIn.contactNotFound"
    DIRECTLINKEDIN_FEATUREDISABLED = "directLinkedIn.featureDisabled"
    DIRECTLINKEDIN_INVALIDCOOKIE = "directLinkedIn.invalidCookie"
    DIRECTLINKEDIN_INVITESNOTESLIMIT = "directLinkedIn.invitesNotesLimit"
    DIRECTLINKEDIN_LINKEDINACCOUNTINACTIVE = "directLinkedIn.linkedInAccountInactive"
    DIRECTLINKEDIN_LINKEDINACCOUNTNOTFOUND = "directLinkedIn.linkedInAccountNotFound"
    DIRECTLINKEDIN_MESSAGETOOLONG = "directLinkedIn.messageTooLong"
    DIRECTLINKEDIN_MISSINGVARIABLES = "directLinkedIn.missingVariables"
    DIRECTLINKEDIN_NOINMAILCREDITS = "directLinkedIn.noInMailCredits"
    DIRECTLINKEDIN_NOLINKEDINPROFILE = "directLinkedIn.noLinkedInProfile"
    DIRECTLINKEDIN_NOTCONNECTED = "directLinkedIn.notConnected"
    DIRECTLINKEDIN_SALESNAVDISCONNECTED = "directLinkedIn.salesNavDisconnected"
    DIRECTLINKEDIN_SALESNAVREQUIRED = "directLinkedIn.salesNavRequired"
    DIRECTLINKEDIN_VOICEATTACHMENTNOTFOUND = "directLinkedIn.voiceAttachmentNotFound"
    DIRECTLINKEDIN_VOICEPROFILEMISSING = "directLinkedIn.voiceProfileMissing"
    DIRECTLINKEDIN_VOICETOOLONG = "directLinkedIn.voiceTooLong"

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
