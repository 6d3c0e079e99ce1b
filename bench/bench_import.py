"""Import-to-list benchmarks.

- requests used / theoretical minimum, for 1k, 10k and 100k rows (the minimum is one import
  request per 1,000 rows plus the list lookup);
- wall time under the API's real limits (100/min, 3,000/h) simulated on a virtual clock shared
  by the client's limiter and the sandbox's enforcement, against the theoretical minimum time
  for that many requests;
- peak memory (tracemalloc, in a process of its own; the sandbox runs in another process) of
  importing 100,000 rows and of iterating 100,000 contacts, each against the naive baseline of
  holding the same data in memory at once.

    python -m bench.bench_import
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 100_000)


def rows(count: int) -> Iterator[dict[str, str]]:
    for i in range(count):
        yield {
            "First Name": f"Person{i}",
            "Last Name": "Bench",
            "E-mail": f"person{i}@bench.example",
            "Company": f"Company {i % 500}",
            "Title": "VP Sales" if i % 7 == 0 else "Engineer",
        }


def requests_ratio(count: int) -> dict[str, float]:
    """Requests the import used, against ceil(N/1000) imports + 1 list lookup."""
    from reply_contacts import FakeClock, RateLimitPolicy, ReplyContacts
    from reply_contacts.sandbox import Sandbox

    clock = FakeClock()
    with Sandbox() as sandbox:
        sandbox.set_rate_limit(100, 3000)
        sandbox.set_clock(clock.now)
        with ReplyContacts(
            api_key=sandbox.api_key,
            base_url=sandbox.url,
            rate_limit=RateLimitPolicy(margin=0.0),
            clock=clock,
        ) as client:
            client.contact_lists.create("Bench list")
            started = clock.now()
            before = client.requests_sent
            report = client.import_to_list(rows(count), list_name="Bench list")
            used = client.requests_sent - before
            virtual_seconds = clock.now() - started
        rate_limited = int(sandbox.stats().get("rate_limited", 0))
    minimum = math.ceil(count / 1000) + 1
    # The fastest the API allows `used` requests: 100 in any minute, 3,000 in any hour.
    minimum_seconds = max(0, (used - 1) // 100) * 60.0
    return {
        "rows": count,
        "created": report.created,
        "requests": used,
        "minimum_requests": minimum,
        "requests_ratio": used / minimum,
        "virtual_seconds": virtual_seconds,
        "minimum_virtual_seconds": minimum_seconds,
        "time_ratio": (virtual_seconds / minimum_seconds) if minimum_seconds else 1.0,
        "server_429s": rate_limited,
    }


_MEMORY_PROBE = textwrap.dedent(
    """
    import json, sys, tracemalloc
    sys.path.insert(0, sys.argv[3])
    from bench.bench_import import rows
    from reply_contacts import ReplyContacts

    url, mode = sys.argv[1], sys.argv[2]
    count = 100_000
    client = ReplyContacts(api_key="sandbox", base_url=url, rate_limit=None)
    if mode == "import":
        client.contact_lists.create("Memory list")
        tracemalloc.start()
        client.import_to_list(rows(count), list_name="Memory list")
    elif mode == "import-baseline":
        tracemalloc.start()
        held = list(rows(count))  # the naive way: every row in memory before sending
    elif mode == "iterate":
        tracemalloc.start()
        seen = sum(1 for _ in client.contacts.list())
        assert seen >= count, seen
    elif mode == "iterate-baseline":
        tracemalloc.start()
        held = [c for page in [client.contacts.list_page(top=1000, skip=s)
                for s in range(0, count, 1000)] for c in page.items]
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"peak": peak}))
    """
)


def _probe(url: str, mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, url, mode, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(json.loads(done.stdout.strip().splitlines()[-1])["peak"])


def memory() -> dict[str, float]:
    server = subprocess.Popen(
        [sys.executable, "-m", "reply_contacts.cli", "sandbox", "serve", "--rate-limit", "off"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip().rsplit(" ", 1)[-1]
        import_peak = _probe(url, "import")
        import_base = _probe(url, "import-baseline")
        iterate_peak = _probe(url, "iterate")
        iterate_base = _probe(url, "iterate-baseline")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "import_100k_peak_mb": import_peak / 2**20,
        "import_100k_ratio": import_peak / import_base,
        "iterate_100k_peak_mb": iterate_peak / 2**20,
        "iterate_100k_ratio": iterate_peak / iterate_base,
    }


def run(sizes: tuple[int, ...] = SIZES, *, with_memory: bool = True) -> dict[str, Any]:
    results: dict[str, Any] = {f"import_{n}": requests_ratio(n) for n in sizes}
    if with_memory:
        results["memory"] = memory()
    return results


def main() -> None:
    results = run()
    print(f"{'rows':>8} {'requests':>9} {'minimum':>8} {'ratio':>6} {'virt s':>8} {'min s':>6}")
    for key, value in results.items():
        if key.startswith("import_"):
            print(
                f"{value['rows']:>8} {value['requests']:>9} {value['minimum_requests']:>8} "
                f"{value['requests_ratio']:>6.2f} {value['virtual_seconds']:>8.1f} "
                f"{value['minimum_virtual_seconds']:>6.0f}"
            )
    print(json.dumps(results.get("memory", {}), indent=2))


if __name__ == "__main__":
    main()
