"""pytest fixtures for code that talks to Reply's Contact Data API, backed by the sandbox.

Registered through the ``pytest11`` entry point, so installing ``reply-contacts`` makes these
available everywhere: keep this module light (nothing heavy is imported until a fixture runs).
It must never break pytest for a user without the [sandbox] extra: only a test that asks for
the sandbox fails, with the line that says how to install it.

- ``reply_sandbox``: a running :class:`reply_contacts.sandbox.Sandbox`, reset before each test
  (one server per session, so it is cheap).
- ``reply_client``: a ``reply_contacts.ReplyContacts`` pointed at it. While it is in use the
  test fails closed: ``REPLY_BASE_URL``/``REPLY_API_KEY`` point at the sandbox and any
  connection to a host that is not loopback is refused, so a test can never reach the real API.

The ini option ``reply_sandbox_rate_limit`` (``"100/3000"`` by default, like the real API, or
``"off"``) sets the sandbox's per-user limits.

A test failing with a ``ReplyError`` (any test, not only those using the fixtures) is reported from
the test's own frames down to the SDK call and the error, without the SDK's and httpx's frames in
between and without the lower-level exception the error was raised from (its message already says
what it was); ``pytest --fulltrace`` shows everything.
"""

from __future__ import annotations

import functools
import socket
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from reply_contacts.sandbox import Sandbox

RATE_LIMIT_INI = "reply_sandbox_rate_limit"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        RATE_LIMIT_INI,
        "Per-user rate limit of the reply_sandbox fixture: PER_MINUTE/PER_HOUR or 'off'.",
        default="100/3000",
    )


# Where the frames a user need not read live: this SDK, its generated client, the HTTP stack.
_INTERNAL_PACKAGES = ("reply_contacts", "reply_contact_data_client", "httpx", "httpcore")
# Traceback styles that show frames and honour a filter (native, line and no do not).
_FILTERED_STYLES = {"auto", "long", "short"}


@functools.cache
def _package_dirs() -> tuple[Path, ...]:
    import importlib.util

    dirs: list[Path] = []
    for name in _INTERNAL_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            dirs.extend(Path(location).resolve() for location in spec.submodule_search_locations)
    return tuple(dirs)


def _is_internal(path: Path | str, internal: tuple[Path, ...]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(root) for root in internal)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Report a test that failed with a ReplyError in a few lines (see the module docstring)."""
    report = yield
    excinfo = call.excinfo
    config = item.config
    if (
        not report.failed
        or excinfo is None
        or call.when != "call"
        or config.getoption("fulltrace", False)
        or config.getoption("tbstyle", "auto") not in _FILTERED_STYLES
    ):
        return report
    from reply_contacts.errors import ReplyError

    if not isinstance(excinfo.value, ReplyError):
        return report
    internal = _package_dirs()
    hidden = 0

    def users_frames(info: pytest.ExceptionInfo[BaseException]) -> Any:
        nonlocal hidden
        own = info.traceback.cut(path=item.path)  # from the test's own frame down
        kept = own.filter(lambda entry: not _is_internal(entry.path, internal)).filter(info)
        hidden = len(own) - len(kept)
        return kept if len(kept) else info.traceback

    style = config.getoption("tbstyle", "auto")
    longrepr = excinfo.getrepr(
        funcargs=True,
        showlocals=config.getoption("showlocals", False),
        style="short" if style == "short" else "long",
        tbfilter=users_frames,
        chain=False,
    )
    if hidden:
        longrepr.addsection(
            "reply-contacts",
            f"{hidden} frame(s) inside reply_contacts and httpx not shown, nor the exception"
            " this error was raised from; pytest --fulltrace shows them",
        )
    report.longrepr = longrepr
    return report


def is_loopback(host: object) -> bool:
    """Whether getaddrinfo's host argument names this machine (str or bytes, any zone id)."""
    from reply_contacts.transport.security import is_loopback_host

    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return isinstance(host, str) and is_loopback_host(host.split("%")[0])


@pytest.fixture(scope="session")
def reply_sandbox_server(pytestconfig: pytest.Config) -> Iterator[Sandbox]:
    """The session's sandbox server; tests should use ``reply_sandbox`` (reset per test)."""
    try:
        from reply_contacts.sandbox import Sandbox
    except ImportError as missing:
        # Fail (not skip) the tests that need it: a skipped test would pass CI having run nothing.
        pytest.fail(f"the reply_sandbox fixture: {missing}", pytrace=False)

    with Sandbox(rate_limit=str(pytestconfig.getini(RATE_LIMIT_INI))) as sandbox:
        yield sandbox


@pytest.fixture
def reply_sandbox(reply_sandbox_server: Sandbox) -> Sandbox:
    """A running sandbox with fresh data, default keys and limits, and no faults."""
    reply_sandbox_server.reset()
    return reply_sandbox_server


@pytest.fixture
def reply_loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse name resolution (hence connections) for every host that is not loopback."""
    real_getaddrinfo = socket.getaddrinfo

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not is_loopback(host):
            raise socket.gaierror(
                socket.EAI_NONAME,
                f"blocked by reply_contacts' pytest plugin: {host!r} is not the sandbox "
                "(tests using reply_client may only reach loopback)",
            )
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture
def reply_client(
    reply_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, reply_loopback_only: None
) -> Iterator[Any]:
    """A ``ReplyContacts`` client for the sandbox, with the network closed to anything else."""
    monkeypatch.setenv("REPLY_BASE_URL", reply_sandbox.url)
    monkeypatch.setenv("REPLY_API_KEY", reply_sandbox.api_key)
    from reply_contacts import ReplyContacts

    client = ReplyContacts(api_key=reply_sandbox.api_key, base_url=reply_sandbox.url)
    try:
        yield client
    finally:
        close = getattr(client, "close", None)
        if callable(close):
            close()
