"""`nox -s bench` (or `python -m bench [section ...]`): every benchmark, one table of ratios.

Each figure is a ratio against a baseline measured in the same run on the same machine, never
an absolute time checked against a threshold: these machines are noisy, ratios are not.

Sections: import, csv, limiter, facade, sandbox (default: all).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

Row = tuple[str, str, str, float]  # figure, measured, baseline, ratio


def _import_rows() -> list[Row]:
    from bench.bench_import import run

    results = run()
    rows: list[Row] = []
    for key, value in results.items():
        if not key.startswith("import_"):
            continue
        rows.append(
            (
                f"import-to-list {value['rows']:,} rows: requests",
                str(value["requests"]),
                f"minimum {value['minimum_requests']}",
                value["requests_ratio"],
            )
        )
        rows.append(
            (
                f"import-to-list {value['rows']:,} rows: time at real limits (virtual clock)",
                f"{value['virtual_seconds']:.0f} s",
                f"minimum {value['minimum_virtual_seconds']:.0f} s",
                value["time_ratio"],
            )
        )
    memory = results.get("memory", {})
    if memory:
        rows.append(
            (
                "peak memory importing 100,000 rows",
                f"{memory['import_100k_peak_mb']:.1f} MB",
                "all rows held in memory",
                memory["import_100k_ratio"],
            )
        )
        rows.append(
            (
                "peak memory iterating 100,000 contacts",
                f"{memory['iterate_100k_peak_mb']:.1f} MB",
                "all contacts held in memory",
                memory["iterate_100k_ratio"],
            )
        )
    return rows


def _csv_rows() -> list[Row]:
    from bench.bench_csv import run

    results = run()
    reading = results["reading"]
    rows: list[Row] = [
        (
            f"read_csv 100,000 rows, {name} (encoding checked, delimiter sniffed, lines)",
            f"{reading[f'{key}_seconds'] * 1000:.0f} ms",
            f"csv.DictReader {reading['baseline_seconds'] * 1000:.0f} ms",
            reading[f"{key}_ratio"],
        )
        for key, name in (("utf8", "UTF-8"), ("cp1252", "Windows-1252 ;"))
    ]
    for option, figures in results["unknown_column"].items():
        rows.append(
            (
                f"import 150 rows with an unknown column ({option}): requests",
                str(figures["requests"]),
                f"minimum {figures['minimum']}",
                figures["requests"] / figures["minimum"],
            )
        )
    return rows


def _limiter_rows() -> list[Row]:
    from bench.bench_limiter import rows

    return rows()


def _facade_rows() -> list[Row]:
    from bench.bench_facade import _format_seconds, measure

    return [
        (
            figure.name,
            f"{_format_seconds(figure.subject_seconds).strip()} {figure.subject}",
            f"{_format_seconds(figure.baseline_seconds).strip()} {figure.baseline}",
            figure.ratio,
        )
        for figure in measure()
    ]


def _sandbox_rows() -> list[Row]:
    from bench.bench_sandbox import run

    result = run(2000)
    return [
        (
            "sandbox requests/s, mixed workload over loopback",
            f"{result['sandbox_rps']:.0f} req/s",
            f"trivial endpoint {result['baseline_rps']:.0f} req/s",
            result["ratio_to_baseline"],
        )
    ]


SECTIONS: dict[str, Callable[[], list[Row]]] = {
    "import": _import_rows,
    "csv": _csv_rows,
    "limiter": _limiter_rows,
    "facade": _facade_rows,
    "sandbox": _sandbox_rows,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {unknown}; choose from {list(SECTIONS)}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for name in chosen:
        started = time.monotonic()
        rows += SECTIONS[name]()
        print(f"[{name}: {time.monotonic() - started:.0f} s]", file=sys.stderr, flush=True)
    w0, w1, w2 = (max(len(r[i]) for r in rows) for i in range(3))
    print(f"{'figure':<{w0}}  {'measured':>{w1}}  {'baseline':>{w2}}  {'ratio':>7}")
    for figure, measured, baseline, ratio in rows:
        print(f"{figure:<{w0}}  {measured:>{w1}}  {baseline:>{w2}}  {ratio:>7.2f}")
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps([list(r) for r in rows], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
