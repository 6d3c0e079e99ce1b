"""Helpers for the drift tests: an account worth checking, and a loopback proxy that can record
what goes through it and alter what comes back."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter

# Personal data the populated account holds; none of it may survive anonymisation.
PEOPLE = [
    {
        "firstName": "Henrietta",
        "lastName": "Vasquez-Oduya",
        "email": "henrietta.vasquez@larkspur-analytics.com",
        "phone": "+44 20 7946 0321",
        "title": "Chief Revenue Officer",
        "company": "Larkspur Analytics",
        "city": "Manchester",
        "linkedInUrl": "https://www.linkedin.com/in/henrietta-vasquez-oduya",
    },
    {
        "firstName": "Bartholomew",
        "lastName": "Quennell",
        "email": "b.quennell@larkspur-analytics.com",
        "phone": "4155550199",
        "title": "Head of Procurement",
        "company": "Larkspur Analytics",
        "city": "Leeds",
    },
]
ACCOUNT = {"name": "Larkspur Analytics", "domainName": "larkspur-analytics.com"}
CUSTOM_VALUE = "Met Henrietta at the Leeds fintech summit"


def unique_key(sandbox: Sandbox, scopes: list[str] | None = None) -> str:
    """A fresh key for user 1: its own client-side rate budget, so runs never wait on others'."""
    key = f"rk_drift_{uuid.uuid4().hex[:12]}"
    if scopes is None:
        sandbox.add_key(key)
    else:
        sandbox.add_key(key, scopes)
    return key


def populate(sandbox: Sandbox) -> dict[str, Any]:
    """Give user 1 something behind every read-only operation; the ids created, by kind."""
    key = unique_key(sandbox)
    options: dict[str, Any] = {"rate_limit": None, "limiter": InMemoryLimiter()}
    with ReplyContacts(api_key=key, base_url=sandbox.url, **options) as client:
        field_ = client.custom_fields.create(title="Met at", field_type="text")
        contact_list = client.contact_lists.create("Q4 prospects")
        account = client.accounts.create(name=ACCOUNT["name"], domain_name=ACCOUNT["domainName"])
        account_list = client.account_lists.create("Target accounts")
        client.account_lists.add_accounts(account_list.id, [account.id])
        contacts = [client.contacts.create(**_snake(person)) for person in PEOPLE]
        ids = [contact.id for contact in contacts]
        client.contacts.update(ids[0], custom_fields={"Met at": CUSTOM_VALUE})
        client.contact_lists.add_contacts(contact_list.id, ids)
        client.accounts.link_contacts(account.id, ids)
        client.contacts.add_note(ids[0], f"Call {PEOPLE[0]['firstName']} on {PEOPLE[0]['phone']}")
    sequence = sandbox.seed_sequence("Warm intro")
    sandbox.enroll(ids[0], sequence)
    sandbox.seed_inbox_thread(ids[0], subject=f"Re: intro for {PEOPLE[0]['firstName']}")
    job = sandbox.seed_background_job(status="Done")
    return {
        "contacts": ids,
        "customField": field_.id,
        "contactList": contact_list.id,
        "account": account.id,
        "accountList": account_list.id,
        "job": job,
    }


def _snake(fields: dict[str, str]) -> dict[str, str]:
    names = {"firstName": "first_name", "lastName": "last_name", "linkedInUrl": "linked_in_url"}
    return {names.get(name, name): value for name, value in fields.items()}


# -- a loopback proxy ------------------------------------------------------------------------

Alter = Callable[[str, str, Any], Any]
"""(method, path, JSON body) -> the body the client gets instead."""

_HOP_BY_HOP = {"connection", "content-length", "transfer-encoding", "content-encoding", "host"}


@dataclass
class LoopbackProxy:
    """Forwards every request to `upstream` over real HTTP, records it, and may alter the JSON
    body of the answer."""

    upstream: str
    alter: Alter | None = None
    seen: list[tuple[str, str]] = field(default_factory=list)
    url: str = ""


@contextmanager
def loopback_proxy(upstream: str, alter: Alter | None = None) -> Iterator[LoopbackProxy]:
    proxy = LoopbackProxy(upstream, alter)
    forward = httpx.Client(base_url=upstream, timeout=30)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _relay(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0]
            with lock:
                proxy.seen.append((self.command, path))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            answer = forward.request(self.command, self.path, headers=headers, content=body)
            content = answer.content
            if proxy.alter is not None and content.strip():
                try:
                    document = json.loads(content)
                except ValueError:
                    pass
                else:
                    content = json.dumps(proxy.alter(self.command, path, document)).encode()
            self.send_response(answer.status_code)
            for name, value in answer.headers.multi_items():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _relay

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
        forward.close()
