"""The command line speaks its own language: flags and variables, not the Python arguments behind
them; the exit-code contract holds with --debug; help and output read cleanly."""

from __future__ import annotations

import io
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from reply_contacts.cli import app
from reply_contacts.cli._common import SETTINGS, handle_errors
from reply_contacts.sandbox import Sandbox
from rich.console import Console
from typer.testing import CliRunner

FACADE = Path(__file__).resolve().parents[2] / "facade"


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- messages name flags and variables ---------------------------------------------------------


def test_no_api_key_names_the_flag_and_the_variable(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPLY_API_KEY")
    result = cli.invoke(app, ["whoami"])
    assert result.exit_code == 2
    assert "--api-key" in result.output and "REPLY_API_KEY" in result.output
    assert "Settings → API Key" in result.output
    assert "api_key" not in result.output


def test_a_missing_list_names_the_create_list_flag(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "rows.csv", "First Name,E-mail\nAnn,ann@example.com\n")
    result = cli.invoke(app, ["import", str(source), "--list", "Not there"])
    assert result.exit_code == 2
    assert "--create-list" in result.output
    assert "create_list" not in result.output
    assert sandbox.count_contacts() == 0


def test_a_401_says_to_check_the_key_and_where_to_get_one(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLY_API_KEY", "not-a-key")
    result = cli.invoke(app, ["whoami"])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert "AuthenticationError" in line
    assert "check the API key" in line and "Settings → API Key" in line
    assert "not-a-key" not in result.output


def test_a_server_that_cannot_be_used_names_the_base_url_flag_and_variable(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLY_BASE_URL", "http://example.com")  # plain http off loopback
    result = cli.invoke(app, ["whoami"])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert "InsecureURLError" in line
    assert "--base-url" in line and "REPLY_BASE_URL" in line


def test_python_argument_spellings_become_flags() -> None:
    from reply_contacts.cli._common import in_cli_terms

    assert in_cli_terms("no API key: pass api_key=... or set REPLY_API_KEY") == (
        "no API key: pass --api-key or set REPLY_API_KEY"
    )
    assert in_cli_terms("no contact list named 'X' (pass create_list=True to create it)") == (
        "no contact list named 'X' (pass --create-list to create it)"
    )
    assert in_cli_terms("base_url must be an http(s) URL") == "--base-url must be an http(s) URL"
    assert in_cli_terms("add the journal to the report") == "add the journal to the report"


def test_version_prints_both_distributions() -> None:
    from importlib.metadata import version

    import reply_contacts

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == (
        f"reply-contacts {reply_contacts.__version__}"
        f" (reply-contact-data-client {version('reply-contact-data-client')})"
    )


# -- --debug keeps the exit-code contract --------------------------------------------------------


@pytest.fixture
def debug_off() -> Iterator[None]:
    yield
    SETTINGS.debug = False


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_an_unexpected_error_exits_2_with_one_line_and_debug_adds_the_traceback(
    debug: bool, debug_off: None, capsys: pytest.CaptureFixture[str]
) -> None:
    @handle_errors
    def broken() -> None:
        raise RuntimeError("something inside broke")

    SETTINGS.debug = debug
    with pytest.raises(BaseException) as caught:
        broken()
    assert getattr(caught.value, "exit_code", None) == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("error: RuntimeError: something inside broke (an unexpected error")
    )
    assert ("Traceback (most recent call last)" in err) is debug


def test_usage_errors_still_exit_2_with_debug(cli: CliRunner) -> None:
    result = cli.invoke(app, ["--debug", "export", "--where", "title"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# -- help and output polish ----------------------------------------------------------------------

COMMANDS = [
    [],
    ["import"],
    ["export"],
    ["whoami"],
    ["demo"],
    ["drift"],
    ["sandbox"],
    ["sandbox", "serve"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_help_has_no_type_noise(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=80)
    assert result.exit_code == 0
    text = result.output
    assert "<bool>" not in text and "<str>" not in text
    assert not re.search(r"\{\w+\}", text), text  # typer's {file} metavar
    assert "[default: no-" not in text  # a plain flag has no --no- twin
    assert all(len(line) <= 80 for line in text.splitlines())


def test_help_paragraphs_are_not_cut_mid_sentence() -> None:
    wide = CliRunner().invoke(app, ["whoami", "--help"], terminal_width=200).output
    assert any(
        "write and operate access show only when used, so they are reported as unknown" in line
        for line in wide.splitlines()
    ), wide
    listing = CliRunner().invoke(app, ["--help"], terminal_width=200).output
    demo = next(line for line in listing.splitlines() if line.strip().startswith("demo"))
    assert demo.rstrip().endswith(("sandbox.", "...")), demo


def test_base_url_help_names_its_variable_and_flags_their_values() -> None:
    text = CliRunner().invoke(app, ["--help"], terminal_width=100).output
    assert re.search(r"--base-url URL\s+API base URL \(or REPLY_BASE_URL", text), text
    assert "--api-key KEY" in text
    serve = CliRunner().invoke(app, ["sandbox", "serve", "--help"], terminal_width=100).output
    assert "KEY=SCOPE,SCOPE[@USER_ID]" in serve  # not eaten as markup


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """The process's stdout lines, read on a thread, so a missing line times out."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout

    def pump() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def test_sandbox_serve_prints_its_api_key_beside_the_url() -> None:
    env = {**os.environ, "PYTHONPATH": str(FACADE)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reply_contacts.cli",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--api-key",
            "local-key",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        lines = lines_of(process)
        first = lines.get(timeout=30).strip()
        second = lines.get(timeout=10).strip()
        url = first.rsplit(" ", 1)[1]
        assert first == f"Sandbox listening on {url}"
        assert second == f"export REPLY_BASE_URL={url} REPLY_API_KEY=local-key"
        # What the line says works as it is.
        answer = httpx.get(f"{url}/v3/whoami", headers={"Authorization": "Bearer local-key"})
        assert answer.json()["userId"] == 1
    finally:
        process.kill()
        process.wait(10)


def test_the_import_table_fits_80_columns_whatever_the_list_name() -> None:
    from reply_contacts._tables import import_summary_table
    from reply_contacts.workflows.import_report import ImportReport

    name = "Q4 Outbound: conference leads, EMEA"
    report = ImportReport(list_name=name, list_id=12345)
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(import_summary_table(report))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0] == f"Imported into contact list {name!r} (id 12345)"  # one line, unwrapped


def test_import_output_starts_with_its_first_line_not_a_blank_one(
    cli: CliRunner, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "rows.csv", "First Name,E-mail\nAnn,ann@example.com\n")
    result = cli.invoke(app, ["import", str(source), "--list", "Blank", "--create-list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Imported into contact list 'Blank' (id 1)"
    assert result.stderr.splitlines()[0].strip() != ""


def test_in_a_pipe_a_long_line_stays_one_line(cli: CliRunner, tmp_path: Path) -> None:
    long_name = "Maximiliana-Alexandrina " * 3
    source = write_csv(
        tmp_path / "rows.csv",
        f"First Name,Last Name,E-mail\nAnn,{long_name.strip()},not-an-email\n",
    )
    result = cli.invoke(app, ["import", str(source), "--list", "Pipe", "--create-list"])
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if "invalid email" in line]
    assert line.endswith("<not-an-email>)") and len(line) > 80


def test_a_reader_that_goes_away_ends_the_command_quietly(sandbox: Sandbox) -> None:
    sandbox.seed_contacts(1000)  # far more than a pipe holds: the writer meets the closed end
    env = {
        **os.environ,
        "PYTHONPATH": str(FACADE),
        "REPLY_API_KEY": sandbox.api_key,
        "REPLY_BASE_URL": sandbox.url,
    }
    command = f"{sys.executable} -m reply_contacts.cli export --format jsonl | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.count("\n") == 1
    assert "BrokenPipeError" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 2  # like any tool cut off by its reader: not a success


def test_the_command_line_acts_for_a_user_and_a_team(
    cli: CliRunner, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox.seed(
        {
            "teams": [
                {
                    "id": 2,
                    "name": "Beta",
                    "members": [1, {"id": 4, "name": "Dana", "email": "d@b.t"}],
                }
            ],
            "keys": [{"key": "rk_cli_org_key_1", "kind": "organization"}],
        }
    )
    monkeypatch.setenv("REPLY_API_KEY", "rk_cli_org_key_1")
    refused = cli.invoke(app, ["whoami"])
    assert refused.exit_code == 2
    assert "USER_REQUIRED" in refused.output and "--user-id" in refused.output
    acting = cli.invoke(app, ["--user-id", "4", "--team-id", "2", "whoami"])
    assert acting.exit_code == 0, acting.output
    assert "user id:        4" in acting.output
    monkeypatch.setenv("REPLY_USER_ID", "4")
    monkeypatch.setenv("REPLY_TEAM_ID", "2")
    by_variables = cli.invoke(app, ["whoami"])
    assert by_variables.exit_code == 0, by_variables.output
    assert "contacts:read:  yes" in by_variables.output
