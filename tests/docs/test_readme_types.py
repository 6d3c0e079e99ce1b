"""The README's Python examples type-check under `mypy --strict`, as a user's code would.

The blocks run in order in one namespace (test_readme_examples.py), so they are checked the same
way: joined into one module. The one allowance is redis-py's own unannotated `Sentinel` API
(`no-untyped-call` on `Sentinel(...)` and `.master_for(...)`), which no user code can fix.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
REDIS_UNANNOTATED = re.compile(r'error: Call to untyped function "(Sentinel|master_for)"')


def test_the_readme_examples_pass_mypy_strict(tmp_path: Path) -> None:
    blocks = [match.group(1) for match in BLOCK.finditer(README.read_text(encoding="utf-8"))]
    module = tmp_path / "readme_examples.py"
    module.write_text("\n".join(blocks), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(module)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert all(REDIS_UNANNOTATED.search(line) for line in errors), "\n".join(errors)
