"""Benchmarks of the facade core, each a ratio against a baseline measured in the same run.

- get_call: `client.contacts.get(id)` against the in-process sandbox (loopback, rate_limit=None)
  vs raw `httpx.Client.get` + `json.loads` of the same URL; median of many interleaved calls.
- get_call_no_network: the same pair over `httpx.MockTransport` answering the sandbox's recorded
  body, which isolates what the SDK itself adds per call (headers, transport loop, parsing).
- page_parse: `ContactPage.from_dict(json.loads(body))` (what a facade call adds to decoding)
  vs `json.loads(body)` alone, on a real 1,000-contact page answered by the sandbox.
- import: `import reply_contacts` vs `import httpx`, each in a fresh interpreter, median of runs.
- import_and_client: importing and building a `ReplyContacts` vs importing httpx and building
  an `httpx.Client`, each in a fresh interpreter.

Run: `python bench/bench_facade.py` (prints a table); `run()` returns the ratios.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

API_KEY = "rk_bench_facade_3c5e7a9b"
CALLS = 300
WARMUP = 30
PARSE_RUNS = 15
IMPORT_RUNS = 10


@dataclass(frozen=True)
class Figure:
    name: str
    subject: str
    baseline: str
    subject_seconds: float
    baseline_seconds: float

    @property
    def ratio(self) -> float:
        return self.subject_seconds / self.baseline_seconds


def _interleaved_medians(
    subject: Callable[[], Any], baseline: Callable[[], Any], calls: int
) -> tuple[float, float]:
    """Median seconds per call of each, alternating calls so drift hits both alike."""
    for _ in range(WARMUP):
        subject()
        baseline()
    subject_times: list[float] = []
    baseline_times: list[float] = []
    clock = time.perf_counter
    for _ in range(calls):
        started = clock()
        subject()
        subject_times.append(clock() - started)
        started = clock()
        baseline()
        baseline_times.append(clock() - started)
    return statistics.median(subject_times), statistics.median(baseline_times)


def _fresh_interpreter_seconds(statement: str, runs: int) -> float:
    """Median seconds `statement` takes in a fresh interpreter (timed inside it)."""
    code = (
        "import time\n"
        "started = time.perf_counter()\n"
        f"{statement}\n"
        "print(time.perf_counter() - started)\n"
    )
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def _calls_against_sandbox() -> tuple[Figure, Figure, Figure]:
    from reply_contacts import ReplyContacts
    from reply_contacts.sandbox import Sandbox

    with Sandbox(api_key=API_KEY, rate_limiting=False) as sb:
        ids = sb.seed_contacts(
            {
                "firstName": f"Bench{n}",
                "lastName": "Contact",
                "email": f"bench{n}@example.com",
                "title": "Head of Sales",
                "company": "Example Inc",
                "city": "Berlin",
                "country": "Germany",
                "linkedInUrl": f"https://www.linkedin.com/in/bench{n}",
            }
            for n in range(1, 1001)
        )
        contact_id = ids[0]
        headers = {"Authorization": f"Bearer {API_KEY}"}
        with (
            ReplyContacts(api_key=API_KEY, base_url=sb.url, rate_limit=None) as client,
            httpx.Client(base_url=sb.url, headers=headers) as raw,
        ):
            path = f"/v3/contacts/{contact_id}"
            facade_s, raw_s = _interleaved_medians(
                lambda: client.contacts.get(contact_id),
                lambda: json.loads(raw.get(path).content),
                CALLS,
            )
            loopback = Figure(
                "get_call",
                "client.contacts.get(id)",
                "httpx.Client.get + json.loads",
                facade_s,
                raw_s,
            )
            one_contact = raw.get(path).content
            page_body = raw.get("/v3/contacts", params={"top": 1000}).content

    no_network = _calls_without_network(one_contact)
    parse = _page_parse(page_body)
    return loopback, no_network, parse


def _calls_without_network(body: bytes) -> Figure:
    from reply_contacts import ReplyContacts

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    mock = httpx.MockTransport(answer)
    base_url = "https://api.reply.io"
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with (
        ReplyContacts(
            api_key=API_KEY, base_url=base_url, rate_limit=None, http_transport=mock
        ) as client,
        httpx.Client(base_url=base_url, headers=headers, transport=mock) as raw,
    ):
        facade_s, raw_s = _interleaved_medians(
            lambda: client.contacts.get(7),
            lambda: json.loads(raw.get("/v3/contacts/7").content),
            CALLS * 3,
        )
    return Figure(
        "get_call_no_network",
        "client.contacts.get(id) (MockTransport)",
        "httpx.Client.get + json.loads (MockTransport)",
        facade_s,
        raw_s,
    )


def _page_parse(page_body: bytes) -> Figure:
    from reply_contact_data_client.models import ContactPage

    assert len(json.loads(page_body)["items"]) == 1000

    def facade_parse() -> Any:
        return ContactPage.from_dict(json.loads(page_body))

    def json_only() -> Any:
        return json.loads(page_body)

    facade_parse()
    samples_facade, samples_json = [], []
    for _ in range(PARSE_RUNS):
        started = time.perf_counter()
        facade_parse()
        samples_facade.append(time.perf_counter() - started)
        started = time.perf_counter()
        json_only()
        samples_json.append(time.perf_counter() - started)
    return Figure(
        "page_parse",
        "ContactPage.from_dict(json.loads(page))",
        "json.loads(page)",
        statistics.median(samples_facade),
        statistics.median(samples_json),
    )


def _imports() -> tuple[Figure, Figure]:
    facade = _fresh_interpreter_seconds("import reply_contacts", IMPORT_RUNS)
    httpx_only = _fresh_interpreter_seconds("import httpx", IMPORT_RUNS)
    facade_client = _fresh_interpreter_seconds(
        "import reply_contacts\n"
        "reply_contacts.ReplyContacts(api_key='rk_bench_key', base_url='https://api.reply.io')",
        IMPORT_RUNS,
    )
    httpx_client = _fresh_interpreter_seconds(
        "import httpx\nhttpx.Client(base_url='https://api.reply.io')", IMPORT_RUNS
    )
    return (
        Figure("import", "import reply_contacts", "import httpx", facade, httpx_only),
        Figure(
            "import_and_client",
            "import + ReplyContacts(...)",
            "import httpx + httpx.Client()",
            facade_client,
            httpx_client,
        ),
    )


def measure() -> list[Figure]:
    loopback, no_network, parse = _calls_against_sandbox()
    imported, imported_client = _imports()
    return [loopback, no_network, parse, imported, imported_client]


def run() -> dict[str, float]:
    """Every figure as `subject time / baseline time` (lower is better; 1.0 = no overhead)."""
    return {figure.name: round(figure.ratio, 3) for figure in measure()}


def _format_seconds(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds * 1e6:8.1f} us"


def main() -> None:
    started = time.perf_counter()
    figures = measure()
    rows = [("figure", "ratio", "subject", "baseline", "subject vs baseline")]
    for figure in figures:
        rows.append(
            (
                figure.name,
                f"{figure.ratio:.2f}x",
                _format_seconds(figure.subject_seconds),
                _format_seconds(figure.baseline_seconds),
                f"{figure.subject} vs {figure.baseline}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i]) for i in range(4)]
        print("  ".join([*cells, row[4]]))
    print(f"\n(bench_facade ran in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
