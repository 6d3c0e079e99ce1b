"""`reply-contacts drift` over real HTTP: against the sandbox, through proxies that record or
alter what passes, with keys the server refuses, and within the request budget it states."""

from __future__ import annotations

import json
from typing import Any

import pytest
from drift_support import loopback_proxy, unique_key
from reply_contact_data_client.contract import OPERATIONS, find_operation
from reply_contacts.cli import app
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner

READ_ONLY = {op.name for op in OPERATIONS.values() if op.read_only}


def drift(
    monkeypatch: pytest.MonkeyPatch, base_url: str, key: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("REPLY_API_KEY", key)
    monkeypatch.setenv("REPLY_BASE_URL", base_url)
    result = CliRunner().invoke(app, ["drift", *args])
    return result.exit_code, result.stdout, result.stderr


def rows(stdout: str) -> dict[str, dict[str, Any]]:
    return {row["operation"]: row for row in json.loads(stdout)["operations"]}


def test_sandbox_exits_0_every_read_only_operation_ok(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = drift(monkeypatch, sandbox.url, unique_key(sandbox), "--json")
    assert code == 0, out + err
    report = rows(out)
    assert set(report) == READ_ONLY
    assert {row["outcome"] for row in report.values()} == {"ok"}
    assert json.loads(out)["requestsSent"] == len(READ_ONLY)


def test_empty_account_says_why_each_operation_was_not_checked(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = drift(monkeypatch, sandbox.url, unique_key(sandbox))
    assert code == 0, out + err
    lines = [line for line in out.splitlines() if line.startswith(("ok", "not checked", "drift"))]
    assert len(lines) == len(READ_ONLY)
    for line in lines:
        assert line.startswith("ok") or "no data: GET /v3/" in line, line
    assert "GET  /v3/contacts/{id}" in out and "returned no items" in out


def test_missing_scope_is_not_checked_with_the_scope_named(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = unique_key(sandbox, scopes=["contacts:read"])
    code, out, err = drift(monkeypatch, sandbox.url, key, "--json")
    assert code == 0, out + err
    report = rows(out)
    jobs = [name for name in READ_ONLY if OPERATIONS[name].scope == "other:read"]
    assert jobs
    for name in jobs:
        assert report[name]["outcome"] == "not checked"
        assert "403" in report[name]["reason"] and "other:read" in report[name]["reason"]
    assert all(report[n]["outcome"] == "ok" for n in READ_ONLY - set(jobs))


def test_refused_key_exits_2_and_says_where_the_key_comes_from(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = drift(monkeypatch, sandbox.url, "rk_drift_not_a_key_3a9f")
    assert code == 2
    assert "401" in err and "Settings → API Key" in err
    assert "rk_drift_not_a_key_3a9f" not in out + err


def test_states_its_request_count_and_keeps_to_max_requests(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with loopback_proxy(sandbox.url) as proxy:
        code, out, err = drift(
            monkeypatch, proxy.url, unique_key(sandbox), "--json", "--max-requests", "5"
        )
    assert code == 0, out + err
    assert "with 5 request(s)" in err
    assert len(proxy.seen) == 5
    skipped = [row for row in rows(out).values() if row["outcome"] == "not checked"]
    assert len(skipped) == len(READ_ONLY) - 5
    assert all("max_requests=5" in row["reason"] for row in skipped)


def test_default_budget_is_stated_and_at_most_40(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = drift(monkeypatch, sandbox.url, unique_key(sandbox))
    assert code == 0
    assert f"with {min(len(READ_ONLY), 40)} request(s) (--max-requests 40)" in err


def test_bad_max_requests_is_a_usage_error(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = drift(monkeypatch, sandbox.url, unique_key(sandbox), "--max-requests", "0")
    assert code == 2


def test_never_sends_a_write(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with loopback_proxy(sandbox.url) as proxy:
        code, out, err = drift(monkeypatch, proxy.url, unique_key(sandbox), "--json")
    assert code == 0, out + err
    sent = [(method, path, find_operation(method, path)) for method, path in proxy.seen]
    assert len(sent) == len(READ_ONLY)
    for method, path, operation in sent:
        assert operation is not None, f"{method} {path} is not an operation of the contract"
        assert operation.read_only, f"{method} {path} ({operation.operation_id}) writes"
    assert {operation.name for _, _, operation in sent if operation} == READ_ONLY


def _contact_email_becomes_a_number(method: str, path: str, body: Any) -> Any:
    if method == "GET" and path == "/v3/contacts" and body.get("items"):
        body["items"][0]["email"] = 42
    return body


def test_a_field_of_another_type_exits_1_and_names_its_pointer(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with loopback_proxy(sandbox.url, alter=_contact_email_becomes_a_number) as proxy:
        code, out, err = drift(monkeypatch, proxy.url, unique_key(sandbox))
    assert code == 1, out + err
    drifted = [line for line in out.splitlines() if line.startswith("drift")]
    assert len(drifted) == 1 and "GET  /v3/contacts " in drifted[0] + " "
    assert "/items/0/email: expected type string or null, got 42" in out


def test_drift_in_json_carries_pointer_expected_and_got(
    sandbox: Sandbox, populated: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def alter(method: str, path: str, body: Any) -> Any:
        if method == "GET" and path == "/v3/contact-accounts":
            body["items"][0]["linkedProspectsCount"] = "two"
            del body["hasMore"]
        return body

    with loopback_proxy(sandbox.url, alter=alter) as proxy:
        code, out, _ = drift(monkeypatch, proxy.url, unique_key(sandbox), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["drifted"] is True
    assert report["summary"]["drift"] == 1
    accounts = rows(out)["get_contact_accounts"]
    assert accounts["outcome"] == "drift" and accounts["status"] == 200
    mismatches = {m["pointer"]: m for m in accounts["mismatches"]}
    assert set(mismatches) == {"/items/0/linkedProspectsCount", "/hasMore"}
    assert mismatches["/items/0/linkedProspectsCount"]["got"] == '"two"'
    assert "integer" in mismatches["/items/0/linkedProspectsCount"]["expected"]
    assert mismatches["/hasMore"] == {
        "part": "body",
        "pointer": "/hasMore",
        "expected": "present (required)",
        "got": "missing",
    }
