"""A journaled import of 10,000 rows whose process is SIGKILLed at random points five times,
then run to completion, while the sandbox injects faults throughout. The end state is exactly
the input set, each contact once, all in the list, and the final report covers every row."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from import_worker import BATCH, LIST_NAME, ROWS
from reliability_support import ids_by_email, inject_faults, people, summary
from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.journal import read_journal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KILLS = 5
KILL_SEED = 20_240_611


def _journal_records(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            records.append({"kind": "torn"})
    return records


def test_killed_five_times_then_finished_is_exactly_the_input_set(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    # Every import also takes 30 ms, so that five kills at most a second into each run cannot
    # get through all 100 batches: the last run really is the one that finishes.
    profile = inject_faults(
        sandbox,
        seed=2_002,
        drops_after={"/v3/contacts/import": 0.10},
        extra_latency={"/v3/contacts/import": 0.03},
    )
    journal = tmp_path / "import.journal"
    out = tmp_path / "report.json"
    args = [
        sys.executable,
        str(HERE / "import_worker.py"),
        sandbox.url,
        sandbox.api_key,
        str(journal),
        str(out),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "facade")])}
    rng = random.Random(KILL_SEED)
    in_flight_at_kill: list[int] = []
    settled_at_kill: list[int] = []
    for attempt in range(KILLS):
        with (tmp_path / f"stderr-{attempt}.txt").open("wb") as stderr:
            worker = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=stderr)
            assert worker.stdout is not None
            line = worker.stdout.readline()
            assert line == b"started\n", (tmp_path / f"stderr-{attempt}.txt").read_text()
            time.sleep(rng.uniform(0.05, 1.0))
            assert worker.poll() is None, "the worker finished before it could be killed"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            worker.stdout.close()
        records = _journal_records(journal)
        assert not any(r.get("kind") == "done" for r in records)
        state = read_journal(journal)
        settled_at_kill.append(state.next_row)
        if state.in_flight is not None:
            in_flight_at_kill.append(state.in_flight[0])

    finished = subprocess.run(args, env=env, capture_output=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr.decode()
    print(
        f"\nkills: rows settled at each kill {settled_at_kill},"
        f" batches in flight {in_flight_at_kill}; {summary(sandbox, profile)}"
    )
    assert settled_at_kill == sorted(settled_at_kill), "a resumed run never loses settled rows"
    assert settled_at_kill[-1] < ROWS
    assert in_flight_at_kill, "at least one kill landed with a batch in flight"
    assert all(count > 0 for count in profile.fired().values()), profile.fired()

    # End state: exactly the input set, each once, all in the one list.
    document = json.loads(out.read_text(encoding="utf-8"))
    rows = people(ROWS)
    lists = sandbox.query("SELECT id FROM contact_lists WHERE name = ?", (LIST_NAME,))
    assert len(lists) == 1
    assert document["listId"] == lists[0]["id"]
    in_db = ids_by_email(sandbox)
    assert sorted(in_db) == sorted(r["email"] for r in rows)
    assert sandbox.count_contacts() == ROWS
    assert sandbox.contacts_in_list(document["listId"]) == sorted(in_db.values())

    # The final report covers every row, with the sandbox's id for its email.
    totals = document["totals"]
    assert totals["total"] == ROWS
    assert totals["created"] + totals["updated"] == ROWS
    assert totals["failed"] == totals["invalid"] == 0
    assert document["resumedAtRow"] == settled_at_kill[-1]
    report_rows = document["rows"]
    assert len(report_rows) == ROWS
    assert [contact_id for _, contact_id, _ in report_rows] == [in_db[r["email"]] for r in rows]
    # A row can only be "updated" if an earlier attempt (a transport retry, or a killed run's
    # batch in flight) created it: every such row is flagged replayed, as is every row of a
    # batch that was in flight when its process was killed.
    replayed = {i for i, (_, _, flag) in enumerate(report_rows) if flag}
    updated = {i for i, (status, _, _) in enumerate(report_rows) if status == "updated"}
    assert updated <= replayed
    for first in in_flight_at_kill:
        assert set(range(first, first + BATCH)) <= replayed


def test_a_torn_journal_line_survives_two_resumes(sandbox: Sandbox, tmp_path: Path) -> None:
    """A kill in the middle of a journal write leaves a torn last line, which a resume ignores.
    The resumed run must not glue its records onto that line: if it does, the journal is corrupt
    for every later run (another kill, or re-running a finished import)."""
    rows = people(500)
    journal = tmp_path / "torn.journal"

    def crashing_at(stop: int):  # type: ignore[no-untyped-def]
        for index, row in enumerate(rows):
            if index == stop:
                raise RuntimeError("simulated kill")
            yield row

    options = {"list_name": "Torn", "create_list": True, "journal": journal, "batch_size": 100}
    with ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url, rate_limit=None) as client:
        with pytest.raises(RuntimeError):
            client.import_to_list(crashing_at(250), **options)
        text = journal.read_text(encoding="utf-8")
        assert text.endswith("\n")
        journal.write_text(text[:-30], encoding="utf-8")  # the last batch record, torn
        with pytest.raises(RuntimeError):
            client.import_to_list(crashing_at(350), **options)  # resumes, then dies again
        report = client.import_to_list(rows, **options)
    assert report.total == 500 and report.created + report.updated == 500
    assert sandbox.count_contacts() == 500
