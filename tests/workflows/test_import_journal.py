"""A journal never hides work (real HTTP against the sandbox, sync and async).

A journal is bound to its input rows, its settings and the account it imported into. Reused for
other rows, other settings, another account or another server it is refused with
`JournalMismatchError` naming the journal and what differs, before a single row is sent. The
same finished import run again says it was already done, for the price of one whoami.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reply_contacts import AsyncReplyContacts, JournalMismatchError, ReplyContacts, ReplyError
from reply_contacts.sandbox import Sandbox

OTHER_KEY = "rk_test_other_user_51c8"


def rows_of(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {"First Name": f"{prefix}{i}", "E-mail": f"{prefix.lower()}{i}@example.com"}
        for i in range(count)
    ]


def crashing_at(rows: list[dict[str, str]], crash: int) -> Iterator[dict[str, str]]:
    """The rows, until the process "crashes" reading row `crash` (batches before it landed)."""
    for index, row in enumerate(rows):
        if index == crash:
            raise RuntimeError("simulated crash")
        yield row


A = rows_of("Alpha", 5)
B = rows_of("Bravo", 5)


class Importer:
    """import_to_list on the sync or the async client of one sandbox, always awaited."""

    def __init__(self, mode: str, sandbox: Sandbox, api_key: str | None = None) -> None:
        self.mode = mode
        self.sandbox = sandbox
        options = {"api_key": api_key or sandbox.api_key, "base_url": sandbox.url}
        client_class = ReplyContacts if mode == "sync" else AsyncReplyContacts
        self.client: Any = client_class(rate_limit=None, **options)

    async def __call__(self, rows: Any, journal: Path, **options: Any) -> Any:
        options.setdefault("list_name", "Journaled")
        options.setdefault("create_list", True)
        result = self.client.import_to_list(rows, journal=journal, **options)
        return await result if inspect.isawaitable(result) else result

    @property
    def sent(self) -> int:
        return int(self.client.requests_sent)

    async def close(self) -> None:
        closed = self.client.close()
        if inspect.isawaitable(closed):
            await closed


@pytest.fixture(params=["sync", "async"])
async def make_importer(
    request: pytest.FixtureRequest, sb: Sandbox
) -> AsyncIterator[Callable[..., Importer]]:
    made: list[Importer] = []

    def make(sandbox: Sandbox = sb, api_key: str | None = None) -> Importer:
        importer = Importer(str(request.param), sandbox, api_key)
        made.append(importer)
        return importer

    yield make
    for importer in made:
        await importer.close()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "prospects.journal"


def emails(sandbox: Sandbox) -> set[str]:
    return {str(row["email"]) for row in sandbox.query("SELECT email FROM contacts")}


def assert_refused(caught: pytest.ExceptionInfo[JournalMismatchError], journal: Path) -> None:
    error = caught.value
    assert isinstance(error, ReplyError)
    assert error.journal == str(journal)
    assert str(journal) in str(error)
    assert error.differences


async def test_a_finished_journal_refuses_other_rows(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    importer = make_importer()
    assert (await importer(A, journal)).created == len(A)
    before = importer.sent
    with pytest.raises(JournalMismatchError) as caught:
        await importer(B, journal)
    assert_refused(caught, journal)
    assert "the input has 5 rows" not in str(caught.value)  # same count: the rows differ
    assert "rows 1 to 5 of the input differ" in str(caught.value)
    assert importer.sent == before + 1  # the account check, no import
    assert emails(sb) == {row["E-mail"] for row in A}


async def test_a_finished_journal_refuses_more_or_fewer_rows(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    importer = make_importer()
    await importer(A, journal)
    with pytest.raises(JournalMismatchError, match="the input has 7 rows; the finished import"):
        await importer(A + rows_of("Extra", 2), journal)
    with pytest.raises(JournalMismatchError, match="the input has 3 rows"):
        await importer(A[:3], journal)
    assert emails(sb) == {row["E-mail"] for row in A}


async def test_a_finished_journal_refuses_another_account(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    await make_importer()(A, journal)
    sb.add_key(OTHER_KEY, user_id=2)
    other = make_importer(api_key=OTHER_KEY)
    with pytest.raises(JournalMismatchError) as caught:
        await other(A, journal)
    assert_refused(caught, journal)
    assert "written for user 1" in str(caught.value)
    assert "this client is user 2" in str(caught.value)
    assert other.sent == 1  # whoami only


async def test_a_finished_journal_refuses_another_server(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    await make_importer()(A, journal)
    with Sandbox(rate_limiting=False) as fresh:
        elsewhere = make_importer(fresh)
        with pytest.raises(JournalMismatchError) as caught:
            await elsewhere(A, journal)
        assert_refused(caught, journal)
        assert sb.url in str(caught.value) and fresh.url in str(caught.value)
        assert fresh.count_contacts() == 0
        assert fresh.stats()["requests"] == 1  # whoami only
        await elsewhere.close()


async def test_a_half_done_journal_refuses_another_account(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    rows = rows_of("Half", 6)
    with pytest.raises(RuntimeError):
        await make_importer()(crashing_at(rows, 4), journal, batch_size=2)
    assert sb.count_contacts() == 4
    sb.add_key(OTHER_KEY, user_id=2)
    other = make_importer(api_key=OTHER_KEY)
    with pytest.raises(JournalMismatchError, match="this client is user 2"):
        await other(rows, journal, batch_size=2)
    assert other.sent == 1 and sb.count_contacts() == 4


async def test_a_half_done_journal_refuses_an_input_shorter_than_what_it_settled(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    rows = rows_of("Short", 6)
    importer = make_importer()
    with pytest.raises(RuntimeError):
        await importer(crashing_at(rows, 5), journal, batch_size=2)
    with pytest.raises(JournalMismatchError, match="the input has 3 rows; it already settled 4"):
        await importer(rows[:3], journal, batch_size=2)
    assert '"kind":"done"' not in journal.read_text()
    report = await importer(rows, journal, batch_size=2)  # the right input still resumes
    assert report.total == 6 and report.resumed_at_row == 4 and not report.already_complete


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"overwrite_existing": True}, "overwrite_existing is True but the journal has False"),
        ({"batch_size": 2}, "batch_size is 2 but the journal has 1000"),
        ({"list_name": "Another list"}, "list_name is 'Another list'"),
        ({"skip_existing": True}, "skip_existing"),
        ({"dedupe_keys": {"email": True}}, "dedupe_keys"),
        ({"create_missing_fields": True}, "create_missing_fields"),
    ],
)
async def test_a_journal_refuses_other_settings_before_any_request(
    make_importer: Callable[..., Importer],
    journal: Path,
    change: dict[str, Any],
    named: str,
) -> None:
    importer = make_importer()
    await importer(A, journal)
    before = importer.sent
    with pytest.raises(JournalMismatchError, match=named) as caught:
        await importer(A, journal, **change)
    assert_refused(caught, journal)
    assert importer.sent == before


async def test_the_same_finished_import_says_it_was_already_done(
    make_importer: Callable[..., Importer], sb: Sandbox, journal: Path
) -> None:
    importer = make_importer()
    first = await importer(A, journal)
    before, stored = importer.sent, sb.stats()["requests"]
    again = await importer(A, journal)
    assert again.already_complete and not first.already_complete
    assert again.totals() == first.totals() and again.list_id == first.list_id
    assert importer.sent == before + 1 and sb.stats()["requests"] == stored + 1
    assert again.to_dict()["alreadyComplete"] is True


async def test_a_damaged_or_foreign_journal_is_refused(
    make_importer: Callable[..., Importer], journal: Path
) -> None:
    importer = make_importer()
    await importer(A, journal)
    lines = journal.read_text().splitlines()
    journal.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n")
    with pytest.raises(JournalMismatchError, match="unreadable journal: line 2"):
        await importer(A, journal)
    start = json.loads(lines[0])
    journal.write_text(json.dumps({**start, "format": 1}) + "\n")
    with pytest.raises(JournalMismatchError, match="journal format 1"):
        await importer(A, journal)
