"""Each extra, when missing, says how to install itself: checked in child interpreters of this
environment where the extra's libraries are made unimportable (`sys.modules[name] = None` makes
`import name` raise ImportError, as if it were not installed). test_lean_install.py checks the
same against a real install without extras."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import reply_contacts

SANDBOX_HINT = 'pip install "reply-contacts[sandbox]"'
CLI_HINT = 'pip install "reply-contacts[cli]"'


def run_without(
    missing: tuple[str, ...], code: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    prelude = f"import sys\nfor name in {missing!r}:\n    sys.modules[name] = None\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def command_without(missing: tuple[str, ...], *argv: str) -> subprocess.CompletedProcess[str]:
    return run_without(
        missing,
        f"""
        sys.argv = ["reply-contacts", *{list(argv)!r}]
        from reply_contacts.cli import main
        main()
        """,
    )


def test_the_command_without_the_cli_extra_names_it() -> None:
    for missing in (("typer",), ("rich",)):
        result = command_without(missing, "--help")
        assert result.returncode == 2, result
        assert CLI_HINT in result.stderr
        assert f"({missing[0]} is not installed)" in result.stderr
        assert "Traceback" not in result.stderr


def test_demo_and_sandbox_serve_without_the_sandbox_extra_name_it() -> None:
    for argv in (("demo",), ("sandbox", "serve", "--port", "0")):
        result = command_without(("uvicorn",), *argv)
        assert result.returncode == 2, result
        assert SANDBOX_HINT in result.stderr
        assert "uvicorn is not installed" in result.stderr
        assert "Traceback" not in result.stderr
        assert "Sandbox listening" not in result.stdout


def test_help_needs_no_sandbox_extra() -> None:
    for argv in (("sandbox", "serve", "--help"), ("demo", "--help"), ("--help",)):
        result = command_without(("starlette", "uvicorn"), *argv)
        assert result.returncode == 0, result
        assert "Usage" in result.stdout


def test_the_sandbox_import_error_names_the_extra_and_chains_the_cause() -> None:
    result = run_without(
        ("uvicorn",),
        """
        try:
            import reply_contacts.sandbox
        except ImportError as error:
            assert error.name == "uvicorn", error.name
            assert isinstance(error.__cause__, ImportError), repr(error.__cause__)
            print(error)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert SANDBOX_HINT in result.stdout


def test_version_names_both_distributions() -> None:
    result = command_without((), "--version")
    assert result.returncode == 0, result
    client = metadata.version("reply-contact-data-client")
    assert result.stdout.strip() == (
        f"reply-contacts {reply_contacts.__version__} (reply-contact-data-client {client})"
    )


def test_loading_the_pytest_plugin_imports_no_server_library() -> None:
    # Here the extra is installed: the plugin must still not import it until a fixture runs.
    result = run_without(
        (),
        """
        import reply_contacts.pytest_plugin
        print(sorted(m for m in sys.modules if m.split(".")[0] in {"starlette", "uvicorn"}))
        """,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


CHILD_TESTS = """
import sys


def test_unrelated(request):
    assert request.config.pluginmanager.has_plugin("reply_contacts")
    assert "starlette" not in sys.modules or sys.modules["starlette"] is None


def test_wants_the_sandbox(reply_sandbox):
    raise AssertionError("the fixture should have failed first")


def test_wants_a_client(reply_client):
    raise AssertionError("the fixture should have failed first")
"""


def test_the_pytest_plugin_without_the_sandbox_extra(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_child.py").write_text(CHILD_TESTS)
    result = run_without(
        ("starlette",),
        """
        import pytest
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider"]))
        """,
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert "1 passed, 2 errors" in output, output
    assert output.count(SANDBOX_HINT) >= 2, output
