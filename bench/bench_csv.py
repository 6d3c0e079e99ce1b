"""Reading CSV files as people have them, and deciding their columns.

- time to read 100,000 rows with `read_csv` (the whole file checked for its encoding, the
  delimiter sniffed, every row numbered by its line), UTF-8 and Windows-1252, against
  `csv.DictReader` over the same UTF-8 file, which checks nothing (ratios; best of 3);
- requests an import of 150 rows with an unknown column spends, ignoring it or creating it,
  against the minimum (catalog read, list lookup and creation, field creation, one import).

    python -m bench.bench_csv
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROWS = 100_000


def _write(path: Path, encoding: str, delimiter: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["First Name", "Last Name", "Email", "Company", "Notes"])
        for i in range(ROWS):
            notes = "Met at the fair\nCall back" if i % 50 == 0 else ""
            writer.writerow([f"Zoë{i}", "Müller", f"p{i}@example.com", "Café Crème", notes])
    return path


def _best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def reading() -> dict[str, float]:
    from reply_contacts.workflows.rows import read_csv

    with tempfile.TemporaryDirectory() as scratch:
        utf8 = _write(Path(scratch) / "utf8.csv", "utf-8", ",")
        cp1252 = _write(Path(scratch) / "cp1252.csv", "cp1252", ";")

        def baseline() -> int:
            with utf8.open(encoding="utf-8", newline="") as handle:
                return sum(1 for _ in csv.DictReader(handle))

        base = _best_of(3, baseline)
        utf8_seconds = _best_of(3, lambda: sum(1 for _ in read_csv(utf8)))
        cp1252_seconds = _best_of(3, lambda: sum(1 for _ in read_csv(cp1252)))
    return {
        "baseline_seconds": base,
        "utf8_seconds": utf8_seconds,
        "utf8_ratio": utf8_seconds / base,
        "cp1252_seconds": cp1252_seconds,
        "cp1252_ratio": cp1252_seconds / base,
    }


def unknown_column_requests() -> dict[str, Any]:
    from reply_contacts import ReplyContacts
    from reply_contacts.sandbox import Sandbox

    rows = [
        {"First Name": f"P{i}", "Email": f"p{i}@example.com", "Favourite Colour": "blue"}
        for i in range(150)
    ]
    used: dict[str, Any] = {}
    for option, minimum in (("ignore_unknown_columns", 4), ("create_missing_fields", 5)):
        with (
            Sandbox() as sandbox,
            ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url, rate_limit=None) as c,
        ):
            sandbox.disable_rate_limit()
            c.import_to_list(rows, list_name="Bench", create_list=True, **{option: True})
            used[option] = {"requests": sandbox.stats()["requests"], "minimum": minimum}
    return used


def run() -> dict[str, Any]:
    return {"reading": reading(), "unknown_column": unknown_column_requests()}


def main() -> None:
    results = run()
    reading_figures = results["reading"]
    print(f"csv.DictReader, 100,000 rows: {reading_figures['baseline_seconds']:.3f} s")
    for name in ("utf8", "cp1252"):
        seconds, ratio = reading_figures[f"{name}_seconds"], reading_figures[f"{name}_ratio"]
        print(f"read_csv {name}: {seconds:.3f} s ({ratio:.2f}x)")
    for option, figures in results["unknown_column"].items():
        used, least = figures["requests"], figures["minimum"]
        print(f"150 rows, unknown column, {option}: {used} requests (minimum {least})")


if __name__ == "__main__":
    main()
