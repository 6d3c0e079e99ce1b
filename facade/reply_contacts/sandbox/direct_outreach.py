"""One-off sends to a contact (reference §4 #22-#27): a direct email and the LinkedIn
actions. Nothing leaves the machine; each send is recorded in the contact's activities.

LinkedIn connections are tracked per (contact, LinkedIn account): in the sandbox an invite is
accepted at once, so ``connect`` twice answers 409 ``alreadyConnected`` and messaging someone
never connected answers 409 ``notConnected``.

The rest of the documented refusals (reference §14.2) follow the seeded state: an InMail needs
the LinkedIn account's Sales Navigator connected (``salesNavRequired``,
``salesNavDisconnected``) and a credit (``noInMailCredits``; each InMail spends one); a voice
message needs a voice attachment of the user (``voiceAttachmentNotFound``) of at most 60
seconds (``voiceTooLong``); an AI voice message needs the user's voice profile
(``voiceProfileMissing``); a message or InMail body whose variables, filled in, make it longer
than the contract's maxLength is ``messageTooLong``. Every LinkedIn send counts against the
LinkedIn account's daily and weekly caps (``send_caps.py``): past either, 429 with
``directLinkedIn.dailyLimitReached`` / ``weeklyLimitReached`` and a Retry-After, leaving the
user's API budget alone.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import uuid
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from . import activity_log
from .contact_model import get_row
from .contacts import contact_or_404
from .parsing import MISSING, BodyReader, is_int
from .problems import (
    FIELD_REQUIRED,
    INVALID_TYPE,
    Problem,
    bad_request,
    conflict,
    forbidden,
    not_found,
)
from .routing import Ctx, Served, json_response
from .seed import get_setting, setting_enabled
from .send_caps import CapReached

# "Recorded beforehand with POST /v3/attachments/voice, at most 60 seconds" (the spec's prose).
MAX_VOICE_SECONDS = 60

VARIABLE = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")
VARIABLE_COLUMNS = {
    "firstname": "first_name",
    "lastname": "last_name",
    "company": "company",
    "title": "title",
    "email": "email",
    "city": "city",
    "state": "state",
    "country": "country",
    "industry": "industry",
}


def is_blacklisted(db: sqlite3.Connection, email: str) -> bool:
    address = email.strip().lower()
    domain = address.rsplit("@", 1)[-1]
    found = db.execute(
        "SELECT 1 FROM blacklist WHERE pattern IN (?, ?, ?)", (address, domain, f"@{domain}")
    ).fetchone()
    return found is not None


def _required_text(ctx: Ctx, reader: BodyReader, name: str) -> str:
    """A non-blank string member, no longer than the contract's maxLength where it states one."""
    max_length = _max_length(ctx, f"/{name}")
    value = reader.string(name, required=f"'{name}' must not be empty.")
    if isinstance(value, str):
        if not value.strip():
            reader.error(name, f"'{name}' must not be empty.")
        elif max_length is not None and len(value) > max_length:
            reader.error(name, f"'{name}' must not exceed {max_length} characters.")
        return value
    return ""


def send_direct_email(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    reader = ctx.body()
    account_id = reader.integer("emailAccountId")
    subject = _required_text(ctx, reader, "subject")
    _required_text(ctx, reader, "body")
    reader.finish()
    contact = contact_or_404(ctx.db, contact_id)
    if isinstance(account_id, int):
        account = ctx.db.execute(
            "SELECT id FROM email_accounts WHERE id = ?", (account_id,)
        ).fetchone()
    else:
        account = ctx.db.execute(
            "SELECT id FROM email_accounts WHERE user_id = ? ORDER BY id LIMIT 1", (ctx.user_id,)
        ).fetchone()
    if account is None:
        raise bad_request(
            "contact.emailAccountNotFound", "Email account is not found or access is denied."
        )
    if not contact["email"]:
        raise bad_request("contact.invalidInput", "Contact has no email address.")
    if is_blacklisted(ctx.db, contact["email"]):
        raise bad_request("contact.contactInBlackList", "Contact email is on the blacklist.")
    if contact["is_opted_out"]:
        raise bad_request("contact.invalidInput", "Contact has opted out of communications.")
    message_id = f"<{uuid.uuid4()}@sandbox.reply.io>"
    activity_log.record(
        ctx.db,
        contact_id,
        "emailSent",
        ctx.user_id,
        {"subject": subject, "emailAccountId": account[0], "messageId": message_id},
    )
    return json_response({"status": "sent", "messageId": message_id})


def _linkedin_account_id(reader: BodyReader) -> int:
    value = reader.integer(
        "linkedInAccountId", required="'linkedInAccountId' must be greater than 0."
    )
    if isinstance(value, int) and value <= 0:
        reader.error("linkedInAccountId", "'linkedInAccountId' must be greater than 0.")
    return value if isinstance(value, int) else 0


def _max_length(ctx: Ctx, pointer: str) -> int | None:
    try:
        return ctx.operation.limit(pointer).max_length
    except KeyError:
        return None


def _filled_in(contact: sqlite3.Row, text: str) -> str:
    """``text`` with its variables replaced by the contact's values (as LinkedIn receives it)."""

    def value(match: re.Match[str]) -> str:
        column = VARIABLE_COLUMNS.get(match.group(1).lower())
        return str(contact[column] or "") if column else match.group(0)

    return VARIABLE.sub(value, text)


def _check_filled_length(ctx: Ctx, contact: sqlite3.Row, pointer: str, text: str) -> None:
    limit = _max_length(ctx, pointer)
    length = len(_filled_in(contact, text))
    if limit is not None and length > limit:
        raise bad_request(
            "directLinkedIn.messageTooLong",
            f"The {pointer.strip('/')} is {length:,} characters once its variables are filled"
            f" in; the limit is {limit:,}.",
        )


def _check_inmail_account(account: sqlite3.Row) -> None:
    navigator = account["sales_navigator"]
    if navigator == "none":
        raise conflict(
            "directLinkedIn.salesNavRequired",
            f"Sending InMail requires a Sales Navigator subscription on LinkedIn account"
            f" {account['id']}.",
        )
    if navigator != "connected":
        raise conflict(
            "directLinkedIn.salesNavDisconnected",
            f"The Sales Navigator session of LinkedIn account {account['id']} must be reconnected.",
        )
    if account["inmail_credits"] <= 0:
        raise conflict(
            "directLinkedIn.noInMailCredits",
            f"LinkedIn account {account['id']} has no InMail credits left.",
        )


def _check_voice_attachment(ctx: Ctx, attachment: Any) -> None:
    known = None
    if is_int(attachment) or (isinstance(attachment, str) and attachment.isdigit()):
        known = ctx.db.execute(
            "SELECT duration_seconds FROM voice_attachments WHERE id = ? AND user_id = ?",
            (int(attachment), ctx.user_id),
        ).fetchone()
    if known is None:
        raise not_found(
            "directLinkedIn.voiceAttachmentNotFound", f"Voice attachment {attachment} not found."
        )
    if known[0] > MAX_VOICE_SECONDS:
        raise bad_request(
            "directLinkedIn.voiceTooLong",
            f"Voice attachment {attachment} is {known[0]:g} seconds long; the limit is"
            f" {MAX_VOICE_SECONDS}.",
        )


def _check_voice_profile(ctx: Ctx) -> None:
    row = ctx.db.execute("SELECT voice_profile FROM users WHERE id = ?", (ctx.user_id,)).fetchone()
    if row is None or not row[0]:
        raise conflict(
            "directLinkedIn.voiceProfileMissing",
            "The user has no voice profile; record one before sending AI voice messages.",
        )


def _take_send(ctx: Ctx, account: sqlite3.Row) -> None:
    """Count the send against the LinkedIn account's caps, or refuse it with the cap's 429."""
    daily = account["daily_limit"]
    weekly = account["weekly_limit"]
    acting = ctx.acting
    team_id = acting.team.id if acting is not None else 0
    reached = ctx.state.send_caps.take(
        (team_id, account["id"]),
        daily=int(get_setting(ctx.db, "linkedInDailySendLimit") if daily is None else daily),
        weekly=int(get_setting(ctx.db, "linkedInWeeklySendLimit") if weekly is None else weekly),
    )
    if reached is not None:
        raise _cap_problem(account["id"], reached)


def _cap_problem(account_id: int, reached: CapReached) -> Problem:
    # The contract's two cap codes, in the order the spec lists them.
    daily, weekly = contract.Vocabularies.DirectLinkedInSendLimitCode
    code = daily if reached.period == "daily" else weekly
    return Problem(
        429,
        f"LinkedIn account {account_id} reached its {reached.period} limit of {reached.limit}"
        " sends.",
        code=code,
        headers={"Retry-After": str(reached.retry_after)},
    )


def _unresolved_variables(contact: sqlite3.Row, text: str) -> list[str]:
    missing = []
    for name in VARIABLE.findall(text):
        column = VARIABLE_COLUMNS.get(name.lower())
        if column is None or not contact[column]:
            missing.append(name)
    return missing


def _linkedin_send(ctx: Ctx, action: str) -> Response:
    """Shared flow of the five LinkedIn sends; ``action`` is the response ``actionType``."""
    if not setting_enabled(ctx.db, "directLinkedInEnabled"):
        raise forbidden(
            "directLinkedIn.featureDisabled", "Direct LinkedIn outreach is disabled for this team."
        )
    contact_id = ctx.id()
    reader = ctx.body()
    account_id = _linkedin_account_id(reader)
    content: dict[str, Any] = {}
    if action == "connect":
        message = reader.string("message")
        content["message"] = message if isinstance(message, str) else None
    elif action == "message":
        content["message"] = _required_text(ctx, reader, "message")
    elif action == "inMail":
        content["subject"] = _required_text(ctx, reader, "subject")
        content["body"] = _required_text(ctx, reader, "body")
    elif action == "voice":
        attachment = reader.raw("voiceAttachmentId")
        if attachment is MISSING or attachment is None or attachment == "":
            reader.error("voiceAttachmentId", FIELD_REQUIRED)
        elif not (isinstance(attachment, str) or is_int(attachment)):
            reader.error("voiceAttachmentId", INVALID_TYPE)
        content["voiceAttachmentId"] = None if attachment is MISSING else attachment
    else:
        content["script"] = _required_text(ctx, reader, "script")
    reader.finish()

    contact = get_row(ctx.db, contact_id)
    if contact is None:
        raise not_found(
            "directLinkedIn.contactNotFound", f"Contact with ID {contact_id} not found."
        )
    if not contact["linkedin_url"]:
        raise not_found("directLinkedIn.noLinkedInProfile", "Contact has no LinkedIn profile.")
    account = ctx.db.execute(
        "SELECT * FROM linkedin_accounts WHERE id = ?", (account_id,)
    ).fetchone()
    if account is None:
        raise not_found(
            "directLinkedIn.linkedInAccountNotFound",
            "LinkedIn account is not found or access is denied.",
        )
    if not account["is_active"]:
        raise conflict("directLinkedIn.linkedInAccountInactive", "LinkedIn account is inactive.")
    if not account["cookie_valid"]:
        raise conflict(
            "directLinkedIn.invalidCookie",
            "LinkedIn session cookie is invalid; reconnect the LinkedIn account.",
        )
    if action == "inMail":
        _check_inmail_account(account)
    elif action == "voice":
        _check_voice_attachment(ctx, content["voiceAttachmentId"])
    elif action == "aiVoice":
        _check_voice_profile(ctx)
    connected = (
        ctx.db.execute(
            "SELECT 1 FROM linkedin_connections WHERE contact_id = ? AND linkedin_account_id = ?",
            (contact_id, account_id),
        ).fetchone()
        is not None
    )
    text = " ".join(str(v) for v in content.values() if isinstance(v, str))
    if action == "connect":
        if connected:
            raise conflict("directLinkedIn.alreadyConnected", "Contact is already connected.")
        limit = int(get_setting(ctx.db, "linkedInInviteNoteLimit"))
        if content["message"] and len(content["message"]) > limit:
            raise bad_request(
                "directLinkedIn.invitesNotesLimit",
                f"Invitation note must not exceed {limit} characters.",
            )
    elif action != "inMail" and not connected:
        raise conflict(
            "directLinkedIn.notConnected", "Contact is not a first-degree LinkedIn connection."
        )
    missing = _unresolved_variables(contact, text)
    if missing:
        raise bad_request(
            "directLinkedIn.missingVariables",
            f"Variables without a value for this contact: {', '.join(missing)}.",
        )
    if action == "message":
        _check_filled_length(ctx, contact, "/message", content["message"])
    elif action == "inMail":
        _check_filled_length(ctx, contact, "/subject", content["subject"])
        _check_filled_length(ctx, contact, "/body", content["body"])
    _take_send(ctx, account)
    if action == "inMail":
        ctx.db.execute(
            "UPDATE linkedin_accounts SET inmail_credits = inmail_credits - 1 WHERE id = ?",
            (account_id,),
        )
    if action == "connect":
        ctx.db.execute(
            "INSERT INTO linkedin_connections (contact_id, linkedin_account_id) VALUES (?, ?)",
            (contact_id, account_id),
        )
    activity_id = activity_log.record(
        ctx.db,
        contact_id,
        f"linkedIn{action[0].upper()}{action[1:]}",
        ctx.user_id,
        {"linkedInAccountId": account_id, **content},
    )
    sent_at = ctx.db.execute("SELECT date FROM activities WHERE id = ?", (activity_id,)).fetchone()
    return json_response(
        {"actionType": action, "linkedInActivityId": activity_id, "sentAtUtc": sent_at[0]}
    )


def served() -> list[Served]:
    ops = contract.Operations
    # Each LinkedIn send, by the actionType its response reports.
    linkedin = {
        "connect": ops.send_direct_linked_in_connect,
        "message": ops.send_direct_linked_in_message,
        "inMail": ops.send_direct_linked_in_in_mail,
        "voice": ops.send_direct_linked_in_voice,
        "aiVoice": ops.send_direct_linked_in_ai_voice,
    }
    return [
        Served(ops.send_direct_email, send_direct_email, feature="SendEmail"),
        *(
            Served(
                operation,
                functools.partial(_linkedin_send, action=action),
                feature="DirectLinkedIn",
                forbidden_code="directLinkedIn.featureDisabled",
                forbidden_detail="Direct LinkedIn outreach is disabled for this user.",
            )
            for action, operation in linkedin.items()
        ),
    ]
