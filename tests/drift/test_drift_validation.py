"""The contract the check validates against (the spec shipped in the generated package), the
ways a response can differ from it, and the [drift] extra's absence."""

from __future__ import annotations

import importlib.resources
import json
import sys
from pathlib import Path

import pytest
from drift_support import loopback_proxy, unique_key
from reply_contact_data_client.contract import Operations
from reply_contacts.cli import app
from reply_contacts.drift import Mismatch
from reply_contacts.drift.exchange import Exchange, Probe
from reply_contacts.drift.validation import validate
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
JSON = {"content-type": "application/json"}
PAGE = {"items": [], "hasMore": False}


def test_the_generated_package_ships_the_spec_it_was_built_from() -> None:
    shipped = importlib.resources.files("reply_contact_data_client").joinpath("openapi.yaml")
    assert shipped.read_bytes() == (ROOT / "contact-data.openapi.yaml").read_bytes()


def contacts_page(status: int, headers: dict[str, str], body: bytes) -> list[Mismatch]:
    probe = Probe(Operations.get_contacts, "/v3/contacts")
    return validate(probe, Exchange(status, headers, body))


def test_a_conforming_page_has_no_mismatch() -> None:
    assert contacts_page(200, JSON, json.dumps(PAGE).encode()) == []


def test_an_undeclared_status_is_a_status_mismatch() -> None:
    (mismatch,) = contacts_page(201, JSON, json.dumps(PAGE).encode())
    assert mismatch.part == "status" and mismatch.got == "201" and "200" in mismatch.expected


def test_another_content_type_is_a_content_type_mismatch() -> None:
    (mismatch,) = contacts_page(200, {"content-type": "text/html"}, b"<html></html>")
    assert (mismatch.part, mismatch.got, mismatch.expected) == (
        "content-type",
        "text/html",
        "application/json",
    )


def test_an_empty_or_broken_body_is_a_body_mismatch() -> None:
    (empty,) = contacts_page(200, JSON, b"")
    assert (empty.part, empty.pointer, empty.got) == ("body", "", "an empty body")
    (broken,) = contacts_page(200, JSON, b'{"items": [')
    assert broken.part == "body" and broken.got.startswith("undecodable")


def test_an_unknown_enum_value_names_the_vocabulary_and_the_value() -> None:
    contact = {"id": 1, "companySize": "Gigantic", "callStatus": "voicemail"}
    body = json.dumps({"items": [contact], "hasMore": False}).encode()
    found = {m.pointer: m for m in contacts_page(200, JSON, body)}
    assert set(found) == {"/items/0/companySize", "/items/0/callStatus"}
    assert found["/items/0/companySize"].got == '"Gigantic"'
    assert found["/items/0/companySize"].expected.startswith("one of ")
    assert found["/items/0/companySize"].expected.endswith("or null")
    assert len(found["/items/0/companySize"].describe()) < 160  # cut short


def test_live_drift_the_spec_records_is_not_drift() -> None:
    # PascalCase companySize, nulls and empty strings where strings are documented (D1, D16).
    contact = {"id": 1, "companySize": "Empty", "title": "", "company": None, "createdAt": None}
    body = json.dumps({"items": [contact], "hasMore": False}).encode()
    assert contacts_page(200, JSON, body) == []


def test_without_the_drift_extra_the_command_says_what_to_install(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openapi_core", None)  # as if not installed
    monkeypatch.setenv("REPLY_API_KEY", unique_key(sandbox))
    with loopback_proxy(sandbox.url) as proxy:
        monkeypatch.setenv("REPLY_BASE_URL", proxy.url)
        result = CliRunner().invoke(app, ["drift"])
    assert result.exit_code == 2
    assert 'pip install "reply-contacts[drift]"' in result.stderr
    assert proxy.seen == []  # refused before any request
