"""Regenerate examples/prospects.csv (the demo's input) with the SDK's deterministic generator.

python examples/make_prospects.py [ROWS]
"""

from __future__ import annotations

import sys
from pathlib import Path

from reply_contacts.demo_data import write_csv

if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    path = write_csv(Path(__file__).with_name("prospects.csv"), count)
    print(f"wrote {count} rows to {path}")
