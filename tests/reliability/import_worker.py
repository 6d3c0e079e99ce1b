"""A process that imports the reliability rows with a journal, to be killed and restarted.

Usage: python import_worker.py URL API_KEY JOURNAL REPORT_JSON. Prints "started" just before
the import begins; on completion writes the report (every row: status, contact id, replayed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reliability_support import RETRY, people
from reply_contacts import ReplyContacts
from reply_contacts.transport import FakeClock

ROWS = 10_000
BATCH = 100
LIST_NAME = "Killed and resumed"


def main() -> None:
    url, api_key, journal, out = sys.argv[1:5]
    rows = people(ROWS)
    with ReplyContacts(
        api_key=api_key, base_url=url, rate_limit=None, retry=RETRY, clock=FakeClock()
    ) as client:
        print("started", flush=True)
        report = client.import_to_list(
            rows, list_name=LIST_NAME, create_list=True, batch_size=BATCH, journal=journal
        )
    document = {
        "listId": report.list_id,
        "totals": report.totals(),
        "resumedAtRow": report.resumed_at_row,
        "rows": [[str(o.status), o.contact_id, o.replayed] for o in report],
    }
    Path(out).write_text(json.dumps(document), encoding="utf-8")
    print("done", flush=True)


if __name__ == "__main__":
    main()
