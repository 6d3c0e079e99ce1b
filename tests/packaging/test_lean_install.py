"""`pip install ./generated .` with no extras: the core distribution as a user without the CLI
or the sandbox gets it, in a fresh virtual environment.

One environment for the whole module (about 20 s): the two wheels are built by this
environment's own build backends (the [dev] extra has them, so nothing is fetched to build),
then installed with pip, which resolves the core's own dependencies (httpx, attrs and theirs)
from the index or its cache. pytest is lent to the new environment, not installed: a .pth file
points at links to this environment's pytest and its requirements, and nothing else of it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import venv
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
# What the [cli] and [sandbox] extras bring; the core must bring none of it.
EXTRAS_LIBRARIES = {"starlette", "uvicorn", "typer", "rich", "click"}
CORE = {"reply-contacts", "reply-contact-data-client", "httpx", "attrs"}
SANDBOX_HINT = 'pip install "reply-contacts[sandbox]"'
CLI_HINT = 'pip install "reply-contacts[cli]"'
# Modules that need an extra (they are the extras' entry points); everything else is the core.
NEEDS_AN_EXTRA = ("reply_contacts.sandbox", "reply_contacts.cli.")
NEEDS_AN_EXTRA_EXACTLY = {
    "reply_contacts.demo",
    "reply_contacts._tables",
    "reply_contacts.pytest_plugin",
    "reply_contacts.transport.redis_limiter",
    "reply_contacts.transport.redis_connect",
}


@dataclass(frozen=True)
class Environment:
    root: Path

    @property
    def scripts(self) -> Path:
        return self.root / ("Scripts" if sys.platform == "win32" else "bin")

    @property
    def python(self) -> str:
        return str(self.scripts / "python")

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), capture_output=True, text=True, timeout=300, check=False, cwd=cwd
        )

    def python_code(self, code: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.python, "-c", textwrap.dedent(code), cwd=self.root)


def check(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def import_roots(distribution: str, seen: set[str]) -> set[Path]:
    """The top-level import packages of a distribution and of its requirements, recursively."""
    if distribution in seen:
        return set()
    seen.add(distribution)
    dist = metadata.distribution(distribution)
    roots = {
        Path(str(dist.locate_file(file.parts[0])))
        for file in dist.files or []
        if file.parts[0] not in {"..", "__pycache__"}
        and not file.parts[0].endswith((".dist-info", ".data", ".pth"))
    }
    for text in dist.requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            roots |= import_roots(requirement.name, seen)
    return roots


def lend_pytest(environment: Environment, links: Path) -> None:
    links.mkdir()
    for root in import_roots("pytest", set()):
        (links / root.name).symlink_to(root)
    site_packages = check(
        environment.python_code("import sysconfig; print(sysconfig.get_path('purelib'))")
    ).strip()
    (Path(site_packages) / "lent-pytest.pth").write_text(f"{links}\n")


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    tmp = tmp_path_factory.mktemp("lean-install")
    wheels = tmp / "wheels"
    check(
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"),
                *("--no-build-isolation", "--wheel-dir", str(wheels)),
                *(str(ROOT / "generated"), str(ROOT)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    )
    environment = Environment(tmp / "venv")
    venv.create(environment.root, with_pip=True)
    # Exactly `pip install ./generated .`, from the wheels just built.
    check(
        environment.run(
            environment.python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *sorted(str(wheel) for wheel in wheels.glob("*.whl")),
        )
    )
    lend_pytest(environment, tmp / "lent-pytest")
    return environment


def test_the_core_installs_none_of_the_extras_libraries(lean: Environment) -> None:
    listing = check(lean.run(lean.python, "-m", "pip", "list", "--format=json"))
    installed = {entry["name"].lower() for entry in json.loads(listing)}
    assert installed >= CORE, installed
    assert not installed & EXTRAS_LIBRARIES, installed & EXTRAS_LIBRARIES


def test_every_core_module_imports_without_an_extra(lean: Environment) -> None:
    out = lean.python_code(
        f"""
        import importlib, json, pathlib, sys
        import reply_contacts
        from reply_contacts import ReplyContacts

        package = pathlib.Path(reply_contacts.__file__).parent
        names = []
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(package.parent).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if name.startswith({NEEDS_AN_EXTRA!r}) or name in {NEEDS_AN_EXTRA_EXACTLY!r}:
                continue
            importlib.import_module(name)
            names.append(name)
        ReplyContacts(api_key="rk_lean_install", base_url="https://api.reply.io").close()
        extras = sorted(m for m in sys.modules if m.split(".")[0] in {sorted(EXTRAS_LIBRARIES)!r})
        print(json.dumps({{"imported": names, "extras": extras}}))
        """
    )
    report = json.loads(check(out))
    assert "reply_contacts.client" in report["imported"]
    assert "reply_contacts.cli" in report["imported"]  # the console entry point itself
    assert len(report["imported"]) > 30, report["imported"]
    assert report["extras"] == []


def test_importing_the_sandbox_names_its_extra(lean: Environment) -> None:
    out = lean.python_code(
        """
        import json
        try:
            import reply_contacts.sandbox
        except ImportError as error:
            cause = error.__cause__
            print(json.dumps([str(error), type(cause).__name__, getattr(cause, "name", None)]))
        """
    )
    message, cause, missing = json.loads(check(out))
    assert SANDBOX_HINT in message
    assert (cause, missing) == ("ModuleNotFoundError", "starlette")


@pytest.mark.parametrize("command", [["reply-contacts", "--help"], ["reply-contacts", "demo"]])
def test_the_console_command_names_the_cli_extra(lean: Environment, command: list[str]) -> None:
    result = lean.run(str(lean.scripts / command[0]), *command[1:])
    assert result.returncode == 2, result
    assert CLI_HINT in result.stderr
    assert "Traceback" not in result.stderr
    module = lean.run(lean.python, "-m", "reply_contacts.cli", *command[1:])
    assert (module.returncode, module.stderr) == (result.returncode, result.stderr)


CHILD_TESTS = """
import sys


def test_pytest_runs_with_the_plugin_loaded(request):
    assert request.config.pluginmanager.has_plugin("reply_contacts")
    assert not {"starlette", "uvicorn"} & set(sys.modules)


def test_asking_for_the_sandbox(reply_sandbox):
    raise AssertionError("the fixture should have failed first")
"""


def test_the_pytest_plugin_never_breaks_pytest(lean: Environment) -> None:
    tests = lean.root.parent / "child-tests"
    tests.mkdir()
    (tests / "pytest.ini").write_text("[pytest]\n")
    (tests / "test_child.py").write_text(CHILD_TESTS)
    result = lean.run(lean.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tests)
    output = result.stdout + result.stderr
    assert "1 passed, 1 error" in output, output
    assert "the reply_sandbox fixture:" in output
    assert SANDBOX_HINT in output
