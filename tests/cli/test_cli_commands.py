"""The reply-contacts CLI against the sandbox: import, export, whoami, demo, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from reply_contacts.cli import app
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


GOOD = [
    {"First Name": "Ann", "E-mail": "ann@example.com", "Title": "VP Sales"},
    {"First Name": "Bob", "E-mail": "bob@example.com", "Title": "CTO"},
]


def test_import_success_exits_0_and_writes_a_report(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "good.csv", GOOD)
    report = tmp_path / "report.json"
    result = cli.invoke(
        app,
        ["import", str(source), "--list", "Prospects", "--create-list", "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    assert "created" in result.output
    data = json.loads(report.read_text())
    assert data["totals"]["created"] == 2 and len(data["rows"]) == 2
    assert sandbox.count_contacts() == 2


def test_import_with_bad_rows_exits_1_and_lists_them(cli: CliRunner, tmp_path: Path) -> None:
    rows = [*GOOD, {"First Name": "", "E-mail": "nofirst@example.com", "Title": "x"}]
    source = write_csv(tmp_path / "mixed.csv", rows)
    result = cli.invoke(app, ["import", str(source), "--list", "Mixed", "--create-list"])
    assert result.exit_code == 1
    assert "firstName is required" in result.output


def test_import_jsonl_with_journal_is_resumable(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path
) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"firstName": f"P{i}", "email": f"p{i}@example.com"}) for i in range(5)
        )
    )
    journal = tmp_path / "j.journal"
    args = ["import", str(source), "--list", "JSONL", "--create-list", "--journal", str(journal)]
    assert cli.invoke(app, args).exit_code == 0
    stats_before = sandbox.stats()["requests"]
    assert cli.invoke(app, args).exit_code == 0
    assert sandbox.stats()["requests"] == stats_before + 1  # only the account check (whoami)
    assert sandbox.count_contacts() == 5


def test_a_journal_of_another_input_exits_2_and_the_same_one_says_already_done(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path
) -> None:
    journal = tmp_path / "q4.journal"
    first = write_csv(tmp_path / "first.csv", GOOD)
    other = write_csv(tmp_path / "other.csv", [{**GOOD[0], "E-mail": "someone@example.com"}])
    base = ["--list", "Journaled", "--create-list", "--journal", str(journal)]
    assert cli.invoke(app, ["import", str(first), *base]).exit_code == 0
    refused = cli.invoke(app, ["import", str(other), *base])
    assert refused.exit_code == 2
    assert "JournalMismatchError" in refused.output and str(journal) in refused.output
    assert "Traceback" not in refused.output
    assert sandbox.find_contact("someone@example.com") is None
    again = cli.invoke(app, ["import", str(first), *base])
    assert again.exit_code == 0
    assert "already done" in again.output


def test_usage_and_auth_errors_exit_2_with_one_line(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = cli.invoke(app, ["import", str(tmp_path / "nope.csv"), "--list", "X"])
    assert missing.exit_code == 2
    source = write_csv(tmp_path / "good.csv", GOOD)
    no_list = cli.invoke(app, ["import", str(source), "--list", "Does not exist"])
    assert no_list.exit_code == 2
    assert "Traceback" not in no_list.output
    monkeypatch.setenv("REPLY_API_KEY", "wrong-key")
    denied = cli.invoke(app, ["whoami"])
    assert denied.exit_code == 2
    assert "AuthenticationError" in denied.output and "Traceback" not in denied.output
    assert "wrong-key" not in denied.output


def test_debug_shows_the_traceback_and_keeps_exit_code_2(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLY_API_KEY", "wrong-key")
    result = cli.invoke(app, ["--debug", "whoami"])
    assert result.exit_code == 2  # the exit-code contract holds with --debug too
    assert "Traceback (most recent call last)" in result.stderr
    assert "error: AuthenticationError" in result.stderr.splitlines()[-1]
    assert "wrong-key" not in result.output


def test_whoami_reports_user_and_read_scope(cli: CliRunner, sandbox: Sandbox) -> None:
    result = cli.invoke(app, ["whoami"])
    assert result.exit_code == 0, result.output
    assert "user id:" in result.output and "contacts:read:  yes" in result.output
    sandbox.add_key("limited", scopes=["other:read"], user_id=1)
    limited = cli.invoke(app, ["--api-key", "limited", "whoami"])
    assert limited.exit_code == 0
    assert "contacts:read:  no" in limited.output


def test_export_csv_and_jsonl_with_filters(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "good.csv", GOOD)
    assert (
        cli.invoke(app, ["import", str(source), "--list", "Export", "--create-list"]).exit_code == 0
    )
    out = tmp_path / "out.csv"
    result = cli.invoke(
        app, ["export", "--list", "Export", "--format", "csv", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert sorted(r["email"] for r in rows) == ["ann@example.com", "bob@example.com"]
    jsonl = cli.invoke(app, ["export", "--where", "title contains VP", "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    lines = [json.loads(line) for line in jsonl.stdout.splitlines() if line.startswith("{")]
    assert [line["email"] for line in lines] == ["ann@example.com"]
    bad = cli.invoke(app, ["export", "--where", "title"])
    assert bad.exit_code == 2


def test_demo_runs_end_to_end_without_a_429() -> None:
    from reply_contacts.demo import run_demo
    from rich.console import Console

    result = run_demo(ROOT / "examples" / "prospects.csv", Console(file=io.StringIO()))
    assert result.imported["created"] > 2900
    assert result.invalid_rows == 5
    assert result.segment_count > 0
    assert sorted(result.verdicts.values()) == ["blocked", "blocked", "blocked", "ok"]
    assert result.accounts_created == 12 and result.contacts_linked > 2900
    assert result.server_429s == 0
    assert result.requests_used < 100


def test_examples_csv_is_what_the_generator_makes(tmp_path: Path) -> None:
    from reply_contacts.demo_data import write_csv as make

    fresh = make(tmp_path / "prospects.csv")
    assert fresh.read_bytes() == (ROOT / "examples" / "prospects.csv").read_bytes()


def test_module_entry_point_prints_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reply_contacts.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for command in ("import", "export", "whoami", "demo", "sandbox"):
        assert command in done.stdout
