"""Generate the low-level client and its contract knowledge from a spec into a fresh directory.

    python codegen/generate.py SPEC OUT

OUT must not exist; it receives the distribution (pyproject.toml, README.md and the package
`reply_contact_data_client`, including `contract.py` and the spec itself as `openapi.yaml`).
`nox -s generate` and `nox -s check_generated` call this with the committed spec; the
spec-change drill in the test suite calls it with a scratch copy. Needs the generator
environment: openapi-python-client and ruff at the versions pinned in noxfile.py, and PyYAML.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CODEGEN = Path(__file__).resolve().parent
CONFIG = CODEGEN / "config.yml"
TEMPLATES = CODEGEN / "templates"
PACKAGE = "reply_contact_data_client"
# The spec, byte for byte, inside the package: an installed SDK has no source tree, and
# `reply-contacts drift` validates live responses against the very contract the client was
# generated from. pdm-backend packs every file of the package directory by default (no
# `includes` needed in the generated pyproject.toml).
SHIPPED_SPEC = "openapi.yaml"


def generate(spec: Path, out: Path) -> None:
    bin_dir = Path(sys.executable).parent
    # The generator's post-hooks run `ruff` from PATH: make it the pinned one beside us.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "pdm",
            "--output-path",
            str(out),
            # A dropped operation or response must fail the build, not scroll past as a warning.
            "--fail-on-warning",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    # The contract's knowledge (operations, limits, vocabularies, server) beside the client, from
    # the same spec, formatted by the same pinned ruff so the tree is byte-identical everywhere.
    package = out / PACKAGE
    subprocess.run(
        [sys.executable, str(CODEGEN / "contract.py"), str(spec), str(package)],
        check=True,
        capture_output=True,
        text=True,
    )
    subprocess.run(
        [
            str(bin_dir / "ruff"),
            "format",
            str(package / "contract.py"),
            "--isolated",
            "--no-cache",
            "--line-length=120",
            "--quiet",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (package / SHIPPED_SPEC).write_bytes(spec.read_bytes())


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    try:
        generate(Path(sys.argv[1]), Path(sys.argv[2]))
    except subprocess.CalledProcessError as exc:
        raise SystemExit(
            f"generation failed: {' '.join(exc.cmd)}\n{exc.stdout}\n{exc.stderr}"
        ) from None


if __name__ == "__main__":
    main()
