"""Developer and CI sessions for reply-contacts.

    nox -s demo              run the demo against the embedded sandbox
    nox -s tests             lint + typecheck + check_generated + the whole pytest suite
    nox -s generate          regenerate generated/ from contact-data.openapi.yaml
    nox -s check_generated   fail if generated/ differs from a fresh generation
    nox -s build             wheels + sdists of both distributions, checked, installed, smoke-tested
    nox -s lint | typecheck | bench

Every session uses the interpreter that runs nox: nothing here needs a second Python.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nox

nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests"]

ROOT = Path(__file__).parent
SPEC = ROOT / "contact-data.openapi.yaml"
CODEGEN = ROOT / "codegen"
GENERATE = CODEGEN / "generate.py"
TEMPLATES = CODEGEN / "templates"
TARGET = ROOT / "generated"
PACKAGE = "reply_contact_data_client"

# The generator's output depends on its own version and on ruff's (the post-hooks format the
# tree), so both are pinned: the same pins give a byte-identical tree on every machine.
GENERATOR_PINS = ("openapi-python-client==0.29.1", "ruff==0.17.6", "pyyaml>=6")
# Build and cache noise that is never part of the generated tree.
IGNORED = ("__pycache__", ".ruff_cache", ".mypy_cache", "*.egg-info", ".pytest_cache", ".pdm-build")
LINTED = ["facade", "tests", "bench", "examples", "codegen", "noxfile.py"]
DEV_INSTALL = ("-e", "./generated", "-e", ".[dev]")
DIST = ROOT / "dist"
FACADE_DIST = "reply_contacts"
CLIENT_DIST = "reply_contact_data_client"


def _generate_into(session: nox.Session, out: Path) -> None:
    # One generation pipeline (client + contract knowledge), shared with the spec-change drill.
    session.run("python", str(GENERATE), str(SPEC), str(out), silent=True)


def _tree_differences(committed: Path, fresh: Path, rel: Path = Path()) -> list[str]:
    cmp = filecmp.dircmp(committed, fresh, ignore=[])
    skip = shutil.ignore_patterns(*IGNORED)
    left = set(cmp.left_only) - skip(str(committed), cmp.left_only)
    right = set(cmp.right_only) - skip(str(fresh), cmp.right_only)
    out = [f"stray file (not generated): {rel / n}" for n in sorted(left)]
    out += [f"missing (generated but not committed): {rel / n}" for n in sorted(right)]
    common = [n for n in cmp.common_files if n not in skip(str(committed), cmp.common_files)]
    _, changed, errors = filecmp.cmpfiles(committed, fresh, common, shallow=False)
    out += [f"differs: {rel / n}" for n in sorted(changed + errors)]
    for sub in sorted(cmp.common_dirs):
        if sub not in skip(str(committed), [sub]):
            out += _tree_differences(committed / sub, fresh / sub, rel / sub)
    return out


def _stale_template_overrides(session: nox.Session) -> list[str]:
    """Overrides are forks of upstream templates: flag any whose upstream moved since the fork."""
    upstream_dir = session.run(
        "python",
        "-c",
        "import openapi_python_client, pathlib;"
        "print(pathlib.Path(openapi_python_client.__file__).parent / 'templates')",
        silent=True,
    )
    assert isinstance(upstream_dir, str)
    upstream = Path(upstream_dir.strip())
    problems = []
    recorded = {}
    for line in (TEMPLATES / "UPSTREAM.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, digest = line.split()[:2]
            recorded[name] = digest
    for override in sorted(TEMPLATES.glob("*.jinja")):
        digest = recorded.get(override.name)
        if digest is None:
            problems.append(f"override {override.name} has no upstream hash in UPSTREAM.txt")
            continue
        actual = hashlib.sha256((upstream / override.name).read_bytes()).hexdigest()
        if actual != digest:
            problems.append(
                f"upstream {override.name} changed (sha256 {actual}); review the override"
            )
    return problems


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from the spec; commit the spec and generated/ together."""
    session.install(*GENERATOR_PINS)
    with tempfile.TemporaryDirectory() as tmp:
        # Generate aside and swap in, so a failing hook never leaves a half-written tree and no
        # file of an earlier generation survives.
        fresh = Path(tmp) / "generated"
        _generate_into(session, fresh)
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET, ignore=shutil.ignore_patterns(*IGNORED))
    session.log(f"regenerated {TARGET.relative_to(ROOT)}")


def _check_generated(session: nox.Session) -> None:
    problems = _stale_template_overrides(session)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        _generate_into(session, fresh)
        if TARGET.exists():
            problems += _tree_differences(TARGET, fresh)
        else:
            problems.append("generated/ is missing")
    if problems:
        session.error(
            "generated/ is stale; run `nox -s generate` and commit the result:\n  "
            + "\n  ".join(problems)
        )
    session.log("generated/ matches a fresh generation")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail, listing the files, when generated/ differs from a fresh generation."""
    session.install(*GENERATOR_PINS)
    _check_generated(session)


def _lint(session: nox.Session) -> None:
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("python", str(CODEGEN / "lint_spec.py"), str(SPEC))
    # The layers and independence contracts of [tool.importlinter] in pyproject.toml.
    session.run("lint-imports", "--no-cache")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format), the spec's own rules, and the import contracts (import-linter)."""
    session.install(*DEV_INSTALL)
    _lint(session)


def _typecheck(session: nox.Session) -> None:
    session.run("mypy", "--strict", "-p", "reply_contacts")
    # The generated package is type-checked too: that catches generator bugs early.
    with session.chdir(TARGET):
        session.run("mypy", "--strict", "-p", PACKAGE)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the facade and on the generated package."""
    session.install(*DEV_INSTALL)
    _typecheck(session)


@contextmanager
def _services(session: nox.Session) -> Iterator[dict[str, str]]:
    """What the tests need (a Redis for the shared limiter), as env for pytest, for the block.

    A Redis this session starts is stopped when the block ends, however it ends; one that was
    already running (scripts/redis.sh reuses it) is left as it was.
    """
    script = ROOT / "scripts" / "redis.sh"
    if not script.exists():
        yield {}
        return
    started = subprocess.run(
        ["bash", str(script), "start"], capture_output=True, text=True, check=False
    )
    lines = started.stdout.strip().splitlines()
    if started.returncode != 0 or not lines:
        session.error(f"scripts/redis.sh start failed:\n{started.stderr}")
    started_here = "started redis-server" in started.stderr
    try:
        yield {"REPLY_TEST_REDIS_URL": lines[-1].strip()}
    finally:
        if started_here:
            subprocess.run(["bash", str(script), "stop"], capture_output=True, check=False)


@nox.session
def tests(session: nox.Session) -> None:
    """Everything CI checks: lint, typecheck, check_generated, then the whole pytest suite."""
    session.install(*DEV_INSTALL)
    session.install(*GENERATOR_PINS)
    _lint(session)
    _typecheck(session)
    _check_generated(session)
    with _services(session) as env:
        session.run("pytest", "-q", *session.posargs, env=env)


@nox.session
def demo(session: nox.Session) -> None:
    """Run the demo end to end against the embedded sandbox (no network, no API key)."""
    session.install(*DEV_INSTALL)
    session.run("reply-contacts", "demo", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: each figure a ratio against a baseline measured in the same run."""
    session.install(*DEV_INSTALL)
    with _services(session) as env:
        session.run("python", "-m", "bench", *session.posargs, env=env | dict(os.environ))


# Run by the freshly installed wheels, outside the source tree: the release as a user gets it.
SMOKE_TEST = """
import importlib
import importlib.metadata as metadata

import reply_contact_data_client
import reply_contacts
from reply_contact_data_client.contract import SPEC_VERSION, Operations
from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox

for module in (reply_contacts, reply_contact_data_client):
    assert "site-packages" in (module.__file__ or ""), module.__file__
facade, client = metadata.version("reply-contacts"), metadata.version("reply-contact-data-client")
assert facade == reply_contacts.__version__, (facade, reply_contacts.__version__)
pins = [r for r in metadata.requires("reply-contacts") or [] if "reply-contact-data-client" in r]
assert pins == [f"reply-contact-data-client=={client}"], pins
importlib.import_module(Operations.get_contact_by_id.module)
with Sandbox() as sandbox, ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url) as api:
    assert api.whoami() is not None
print(f"smoke test passed: reply-contacts {facade}, client {client}, spec {SPEC_VERSION}")
"""


@nox.session
def build(session: nox.Session) -> None:
    """Wheels and sdists of both distributions into dist/, their metadata checked (twine), then
    the wheels installed into a fresh virtual environment and smoke-tested there."""
    session.install("build", "twine")
    shutil.rmtree(DIST, ignore_errors=True)
    # The wheel is built from the sdist (build's default): a file the sdist lacks fails here.
    for project in (TARGET, ROOT):
        session.run("python", "-m", "build", "--outdir", str(DIST), str(project))
    session.run("twine", "check", "--strict", *sorted(str(path) for path in DIST.iterdir()))
    (facade_wheel,) = DIST.glob(f"{FACADE_DIST}-*.whl")
    (client_wheel,) = DIST.glob(f"{CLIENT_DIST}-*.whl")
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        session.run(sys.executable, "-m", "venv", str(venv), external=True)
        scripts = venv / ("Scripts" if os.name == "nt" else "bin")
        python = str(scripts / "python")
        session.run(
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            str(client_wheel),
            f"{facade_wheel}[cli,sandbox]",
            external=True,
        )
        # From the temporary directory, so nothing is imported from this source tree.
        with session.chdir(tmp):
            session.run(python, "-c", SMOKE_TEST, external=True)
            session.run(str(scripts / "reply-contacts"), "--version", external=True)
            session.run(str(scripts / "reply-contacts"), "--help", external=True, silent=True)
    session.log(f"built and smoke-tested: {', '.join(sorted(p.name for p in DIST.iterdir()))}")
