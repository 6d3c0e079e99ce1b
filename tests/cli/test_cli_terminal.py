"""`reply-contacts` in a real pseudo-terminal of 80 columns (stdlib `pty`): the progress display
appears while it works, and everything it prints, the import summary included, fits the width."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from reply_contacts.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[2]
FACADE = ROOT / "facade"
PROSPECTS = ROOT / "examples" / "prospects.csv"
WIDTH = 80
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_terminal(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run `reply-contacts ARGS` with stdin, stdout and stderr on a WIDTH-column terminal; its
    exit code and everything the terminal received."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, WIDTH, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "reply_contacts.cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(follower)
    received = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal closed with the last process holding it
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    return process.wait(timeout=120), received.decode("utf-8", errors="replace")


def screen_lines(received: str) -> list[str]:
    """Each line as drawn, every redraw of a line (after a carriage return) on its own."""
    text = ANSI.sub("", received).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


@pytest.fixture
def terminal_env(reply_sandbox: Sandbox) -> dict[str, str]:
    reply_sandbox.disable_rate_limit()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"COLUMNS", "LINES", "NO_COLOR", "TTY_COMPATIBLE", "FORCE_COLOR"}
    }
    env.update(
        TERM="xterm-256color",
        PYTHONPATH=str(FACADE),
        REPLY_API_KEY=reply_sandbox.api_key,
        REPLY_BASE_URL=reply_sandbox.url,
    )
    return env


def test_import_shows_progress_then_a_summary_within_80_columns(
    terminal_env: dict[str, str], reply_sandbox: Sandbox, tmp_path: Path
) -> None:
    list_name = "Q4 Outbound: Lisbon conference leads"
    code, received = run_in_terminal(
        ["import", str(PROSPECTS), "--list", list_name, "--create-list", "--create-fields"],
        terminal_env,
        tmp_path,
    )
    lines = screen_lines(received)
    assert code == 1, received  # the sample file holds 5 invalid rows
    progress = [line for line in lines if line.startswith("importing")]
    assert progress, received  # the display was drawn while the rows went out
    assert any("3000/3000" in line for line in progress)
    assert all(len(line) <= WIDTH for line in lines), [x for x in lines if len(x) > WIDTH]
    assert f"Imported into contact list {list_name!r} (id 1)" in lines
    table = lines[lines.index(f"Imported into contact list {list_name!r} (id 1)") + 1 :]
    assert any(re.fullmatch(r"│ created\s+│\s+2,995 │", line) for line in table), table
    assert any(re.fullmatch(r"│ total\s+│\s+3,000 │", line) for line in table), table
    assert reply_sandbox.count_contacts() == 2995


def test_export_to_a_file_shows_progress_on_the_terminal(
    terminal_env: dict[str, str], reply_sandbox: Sandbox, tmp_path: Path
) -> None:
    reply_sandbox.seed_contacts(1500)
    code, received = run_in_terminal(
        ["export", "--format", "jsonl", "--output", "all.jsonl"], terminal_env, tmp_path
    )
    lines = screen_lines(received)
    assert code == 0, received
    assert any(line.startswith("exporting") for line in lines), received
    assert any("1500/1500" in line for line in lines if line.startswith("exporting"))
    assert "exported 1,500 contact(s)" in lines
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 1500
