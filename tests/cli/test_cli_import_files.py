"""`reply-contacts import` with files as people have them (issue 11 items 2-6, issue 14 item 1):
encodings, delimiters, unknown columns decided before anything is sent, empty files, and rows
named by their file line in the terminal, the progress display and --report. Against the
sandbox over real HTTP; one test drives the command in a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from reply_contacts.cli import app
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "csv"


@pytest.fixture
def sandbox(reply_sandbox: Sandbox) -> Sandbox:
    reply_sandbox.disable_rate_limit()
    return reply_sandbox


@pytest.fixture
def api_key(sandbox: Sandbox) -> str:
    # A key of its own: the command's client keeps the real rate limits, whose budget is shared
    # by every client of a key in the process, and this module alone spends more than 100.
    key = f"import-files-{uuid.uuid4().hex}"
    sandbox.add_key(key)
    return key


@pytest.fixture
def cli(sandbox: Sandbox, api_key: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REPLY_API_KEY", api_key)
    monkeypatch.setenv("REPLY_BASE_URL", sandbox.url)
    return CliRunner()


def lists(sandbox: Sandbox) -> int:
    return int(sandbox.query("SELECT count(*) AS n FROM contact_lists")[0]["n"])


def fields(sandbox: Sandbox) -> list[str]:
    return sorted(str(r["title"]) for r in sandbox.query("SELECT title FROM custom_fields"))


def run_import(cli: CliRunner, path: Path, *options: str) -> tuple[int, str]:
    args = ["import", str(path), "--list", "Q4", "--create-list", *options]
    result = cli.invoke(app, args)
    return result.exit_code, result.output


# -- encodings and delimiters --------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["excel_windows1252_semicolon.csv", "excel_unicode_text_utf16.csv", "utf8_bom_pipe.csv"]
)
def test_spreadsheet_exports_import_as_written(cli: CliRunner, sandbox: Sandbox, name: str) -> None:
    code, output = run_import(cli, FIXTURES / name)
    assert code == 0, output
    expected = 2 if name.startswith("utf8") else 3
    assert sandbox.count_contacts() == expected
    stored = {str(r["email"]): r for r in sandbox.query("SELECT * FROM contacts")}
    if "1252" in name:
        assert stored["zoe@example.fr"]["last_name"] == "Lefèvre"
        assert stored["ana@example.es"]["company"] == "Año Cero, S.L."
    if "utf16" in name:
        assert stored["li@example.cn"]["first_name"] == "李"


def test_an_undecodable_file_exits_2_naming_the_byte_and_the_flag_and_sends_nothing(
    cli: CliRunner, sandbox: Sandbox
) -> None:
    path = FIXTURES / "neither_utf8_nor_windows1252.csv"
    code, output = run_import(cli, path)
    assert code == 2
    assert str(path) in output and "byte 0xe9 at byte 20 (line 2)" in output
    assert "--encoding" in output and "Traceback" not in output
    assert sandbox.stats()["requests"] == 0
    # The fix it names works: the first row imports, the second holds a C1 control
    # character (0x81 in Latin-1) and is reported by its line.
    code, output = run_import(cli, path, "--encoding", "latin-1")
    assert code == 1, output
    assert "line 3: invalid: firstName contains a control character (U+0081)" in output
    assert sandbox.find_contact("rene@example.com") is not None


def test_an_unknown_encoding_name_is_a_usage_error(cli: CliRunner, sandbox: Sandbox) -> None:
    code, output = run_import(cli, FIXTURES / "utf8_bom_pipe.csv", "--encoding", "klingon")
    assert code == 2 and "klingon" in output and "--encoding" in output
    assert sandbox.stats()["requests"] == 0


def test_the_delimiter_option_overrides_detection(cli: CliRunner, sandbox: Sandbox) -> None:
    code, output = run_import(cli, FIXTURES / "utf8_bom_pipe.csv", "--delimiter", ",")
    assert code == 2  # one column named "First Name|Email|Title", which matches nothing
    assert "'First Name|Email|Title'" in output
    code, output = run_import(cli, FIXTURES / "excel_unicode_text_utf16.csv", "--delimiter", "tab")
    assert code == 0, output


# -- unknown columns -----------------------------------------------------------------------


def test_unknown_columns_are_listed_once_with_the_choices_before_anything_is_sent(
    cli: CliRunner, sandbox: Sandbox
) -> None:
    code, output = run_import(cli, FIXTURES / "unknown_columns.csv")
    assert code == 2
    assert "2 column(s)" in output and "'Favourite Colour', 'Shoe Size'" in output
    for flag in ("--create-fields", "--ignore-unknown-columns", "--ignore-column NAME", "--map"):
        assert flag in output
    assert "create_missing_fields" not in output  # the command's own flags, not Python's
    assert "Traceback" not in output
    assert sandbox.stats()["requests"] == 1  # the custom-field catalog, read once
    assert lists(sandbox) == 0 and sandbox.count_contacts() == 0


def test_each_choice_settles_unknown_columns(cli: CliRunner, sandbox: Sandbox) -> None:
    path = FIXTURES / "unknown_columns.csv"
    code, output = run_import(cli, path, "--ignore-unknown-columns")
    assert code == 0, output
    assert fields(sandbox) == []
    code, output = run_import(
        cli, path, "--ignore-column", "Favourite Colour", "--ignore-column", "shoe size"
    )
    assert code == 0, output
    code, output = run_import(cli, path, "--create-fields")
    assert code == 0, output
    assert fields(sandbox) == ["Favourite Colour", "Shoe Size"]
    values = sandbox.query(
        "SELECT f.title, v.value FROM contact_field_values v JOIN custom_fields f"
        " ON f.id = v.field_id JOIN contacts c ON c.id = v.contact_id WHERE c.email = ?",
        ("ann@example.com",),
    )
    assert {str(r["title"]): str(r["value"]) for r in values} == {
        "Favourite Colour": "blue",
        "Shoe Size": "38",
    }


def test_map_sends_a_column_to_a_field_and_refuses_a_target_that_is_nothing(
    cli: CliRunner, sandbox: Sandbox
) -> None:
    path = FIXTURES / "unknown_columns.csv"
    code, output = run_import(
        cli, path, "--map", "Favourite Colour=Notes", "--ignore-column", "Shoe Size"
    )
    assert code == 0, output
    assert sandbox.find_contact("ann@example.com")["notes"] == "blue"  # type: ignore[index]
    code, output = run_import(cli, path, "--map", "Shoe Size=Shoe Sise", "--ignore-unknown-columns")
    assert code == 2
    assert "--map 'Shoe Size=Shoe Sise'" in output and "neither a contact field" in output
    code, output = run_import(cli, path, "--map", "Shoe Size")
    assert code == 2 and "COLUMN=FIELD" in output
    code, output = run_import(cli, path, "--map", "Shoe Sise=notes", "--ignore-unknown-columns")
    assert code == 2 and "'Shoe Sise' is not a column of" in output and "--map" in output


# -- empty files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "says"),
    [("empty.csv", "the file is empty"), ("header_only.csv", "a header and no rows")],
)
def test_empty_and_header_only_files_exit_2_and_say_so(
    cli: CliRunner, sandbox: Sandbox, name: str, says: str
) -> None:
    code, output = run_import(cli, FIXTURES / name)
    assert code == 2
    assert says in output and "total" not in output
    assert sandbox.stats()["requests"] == 0


# -- row numbers ---------------------------------------------------------------------------


def test_failures_are_named_by_file_line_in_the_terminal_and_the_report(
    cli: CliRunner, tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    code, output = run_import(cli, FIXTURES / "multiline_cells.csv", "--report", str(report))
    assert code == 1
    assert "line 7: invalid: firstName is required" in output
    assert "line 8: invalid: invalid email address 'not-an-email'" in output
    data = json.loads(report.read_text())
    assert [(r["line"], r["status"]) for r in data["failures"]] == [(7, "invalid"), (8, "invalid")]
    assert [r["line"] for r in data["rows"]] == [2, 3, 7, 8, 10]


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _run_in_terminal(args: list[str], env: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as stdin, stdout and stderr; its output and code."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    os.close(leader)
    text = b"".join(chunks).decode("utf-8", "replace")
    return process.wait(timeout=10), _ANSI.sub("", text)


def test_the_progress_display_uses_the_tables_words_and_file_lines(
    sandbox: Sandbox, api_key: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    lines = ["First Name,Email"] + [f"P{i},p{i}@example.com" for i in range(1_500)]
    lines[4] = ",nofirst@example.com"  # line 5 is invalid
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Slow imports, so the display refreshes while it shows the first batch's counts.
    sandbox.inject_fault("POST", "/v3/contacts/import", latency=1.0)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "facade"),
        "REPLY_API_KEY": api_key,
        "REPLY_BASE_URL": sandbox.url,
        "COLUMNS": "80",
        "TERM": "xterm-256color",
    }
    args = [sys.executable, "-m", "reply_contacts.cli", "import", str(path), "--list", "Q4"]
    code, output = _run_in_terminal([*args, "--create-list"], env)
    assert code == 1, output
    assert re.search(r"1001/1500 (\d+:\d\d:\d\d )?created 1,000, invalid 1 \(line 1,002\)", output)
    assert "failed" not in output  # the table says invalid, and so does the bar
    assert "line 5: invalid: firstName is required" in output
    widest = max(len(piece) for piece in re.split(r"[\r\n]", output))
    assert widest <= 80, widest
