"""One-off sends to a contact (reference §4 #22-#27): a direct email and the LinkedIn
actions. Nothing leaves the machine; each send is recorded in the contact's activities.

LinkedIn connections are tracked per (contact, LinkedIn account): in the sandbox an invite is
accepted at once, so ``connect`` twice answers 409 ``alreadyConnected`` and messaging someone
never connected answers 409 ``notConnected``.
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
from .problems import FIELD_REQUIRED, INVALID_TYPE, bad_request, conflict, forbidden, not_found
from .routing import Ctx, Served, json_response
from .seed import get_setting, setting_enabled

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
    try:
        max_length = ctx.operation.limit(f"/{name}").max_length
    except KeyError:
        max_length = None
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
