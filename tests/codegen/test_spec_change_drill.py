"""The spec-change drill: change the contract, regenerate, and the facade and sandbox follow.

A scratch copy of contact-data.openapi.yaml gets a smaller import limit (maxItems 2/5 of today's),
a new account company size, and add-note flipped to `x-idempotent: true`. It is generated into a
temporary directory with the project's own pipeline (codegen/generate.py: openapi-python-client,
the template overrides, the contract writer). The unedited facade and sandbox are then run
against that generation in a subprocess, and against the committed one as the control: batch
sizes, the sandbox's limit and vocabulary checks, filter validation and retry safety must all
follow the scratch contract with no edit anywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "contact-data.openapi.yaml"
PROBE = Path(__file__).with_name("drill_probe.py")
NEW_SIZE = "50001+"
# The committed spec's facts, read from it (not typed here), so changing the spec for real
# needs no edit to this drill.
COMMITTED = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
IMPORT_LIMIT = COMMITTED["components"]["schemas"]["ContactsImportRequest"]["properties"]["items"][
    "maxItems"
]
NEW_IMPORT_LIMIT = IMPORT_LIMIT * 2 // 5
ROWS = 1200  # the probe imports this many rows

pytestmark = pytest.mark.timeout(600)


def changed_spec(target: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    schemas["ContactsImportRequest"]["properties"]["items"]["maxItems"] = NEW_IMPORT_LIMIT
    schemas["AccountCompanySize"]["enum"].append(NEW_SIZE)
    note = spec["paths"]["/v3/contacts/{id}/notes"]["post"]
    assert note["x-idempotent"] is False, "the drill flips add-note; pick another if this changed"
    note["x-idempotent"] = True
    target.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")


def probe(generated: Path | None) -> dict[str, Any]:
    env = dict(os.environ)
    paths = [str(ROOT / "facade")]
    if generated is not None:
        paths.insert(0, str(generated))
    env["PYTHONPATH"] = os.pathsep.join([*paths, env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, str(PROBE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def scratch_generation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("drill")
    spec = tmp / "changed.openapi.yaml"
    changed_spec(spec)
    out = tmp / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "generate.py"), str(spec), str(out)],
        check=True,
        timeout=300,
    )
    return out


def test_the_facade_and_sandbox_follow_a_changed_spec(scratch_generation: Path) -> None:
    control = probe(None)
    drill = probe(scratch_generation)

    assert drill["contract_file"].startswith(str(scratch_generation))
    assert not control["contract_file"].startswith(str(scratch_generation))

    # Batch sizes: 1,200 rows are ceil(1200 / maxItems) imports under either limit (2 and 3
    # with today's 1,000 and the drill's 400).
    assert control["import_max_items"] == IMPORT_LIMIT
    assert control["import_requests_1200_rows"] == -(-ROWS // IMPORT_LIMIT)
    assert drill["import_max_items"] == NEW_IMPORT_LIMIT
    assert drill["import_requests_1200_rows"] == -(-ROWS // NEW_IMPORT_LIMIT)
    assert drill["import_requests_1200_rows"] > control["import_requests_1200_rows"]

    # The sandbox enforces whichever maxItems the contract states.
    assert control["sandbox_import_at_limit"] == 200
    assert control["sandbox_import_over_limit"] == 400
    assert drill["sandbox_import_at_limit"] == 200
    assert drill["sandbox_import_over_limit"] == 400

    # Vocabulary: the new company size is refused locally and by the sandbox under the committed
    # contract, accepted by both under the changed one.
    assert control["filter_new_account_size"] is False
    assert control["sandbox_new_account_size"] == 400
    assert drill["filter_new_account_size"] is True
    assert drill["sandbox_new_account_size"] == 201

    # Retry safety: a 503 on add-note is not replayed while it may duplicate a note, and is
    # replayed once the contract says the operation is idempotent.
    assert control["note_idempotent"] is False
    assert control["note_attempts"] == 1
    assert drill["note_idempotent"] is True
    assert drill["note_attempts"] == 2
