"""Check contact-data.openapi.yaml: valid OpenAPI 3.1, plus this project's own rules.

Rules (each violation is printed; the exit status is the number of violations, capped at 1):
- every operation has an operationId, exactly one tag, `x-required-scope`, a 401, a 403 (a key
  without the scope) and a 429;
- every write (POST/PUT/PATCH/DELETE) says whether a replay can duplicate work (`x-idempotent`);
- operationIds are unique;
- no component (schema, response, parameter, example, header, request body) is unused;
- `info.version` is a PEP 440 version, and the facade's pin of the generated distribution
  names exactly that version.

Usage: python codegen/lint_spec.py contact-data.openapi.yaml
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
WRITE_METHODS = ("post", "put", "patch", "delete")
COMPONENT_KINDS = ("schemas", "responses", "parameters", "examples", "headers", "requestBodies")
PEP440 = re.compile(r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")
GENERATED_DISTRIBUTION = "reply-contact-data-client"


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield method, path, item[method]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def unused_components(spec: dict[str, Any]) -> list[str]:
    components = spec.get("components", {})
    defined = {
        f"#/components/{kind}/{name}"
        for kind in COMPONENT_KINDS
        for name in components.get(kind, {})
    }
    # Walk from the roots that are used by definition (paths, security) and follow refs, so a
    # component referenced only by another unused component still counts as unused.
    reachable: set[str] = set()
    frontier = list(_refs(spec.get("paths", {})))
    while frontier:
        ref = frontier.pop()
        if ref in reachable or not ref.startswith("#/components/"):
            continue
        reachable.add(ref)
        _, _, kind, name = ref.split("/", 3)
        frontier.extend(_refs(components.get(kind, {}).get(name, {})))
    return sorted(defined - reachable)


def pinned_generated_version(pyproject: Path) -> str | None:
    data = tomllib.loads(pyproject.read_text())
    for requirement in data["project"]["dependencies"]:
        name, sep, version = requirement.partition("==")
        if name.strip() == GENERATED_DISTRIBUTION and sep:
            return version.strip()
    return None


def violations(spec: dict[str, Any], pyproject: Path | None) -> list[str]:
    found: list[str] = []
    seen_ids: dict[str, str] = {}
    for method, path, op in operations(spec):
        where = f"{method.upper()} {path}"
        op_id = op.get("operationId")
        if not op_id:
            found.append(f"{where}: no operationId")
        elif op_id in seen_ids:
            found.append(f"{where}: operationId {op_id} also used by {seen_ids[op_id]}")
        else:
            seen_ids[op_id] = where
        if len(op.get("tags", [])) != 1:
            found.append(f"{where}: needs exactly one tag, has {op.get('tags', [])}")
        if not op.get("x-required-scope"):
            found.append(f"{where}: no x-required-scope")
        responses = op.get("responses", {})
        for status in ("401", "403", "429"):
            if status not in responses:
                found.append(f"{where}: no {status} response")
        if method in WRITE_METHODS and not isinstance(op.get("x-idempotent"), bool):
            found.append(f"{where}: write without a boolean x-idempotent")
    found += [f"unused component: {ref}" for ref in unused_components(spec)]
    version = str(spec.get("info", {}).get("version", ""))
    if not PEP440.match(version):
        found.append(f"info.version {version!r} is not a PEP 440 release version")
    if pyproject is not None:
        pinned = pinned_generated_version(pyproject)
        if pinned != version:
            found.append(
                f"{pyproject.name} pins {GENERATED_DISTRIBUTION}=={pinned}, spec says {version}"
            )
    return found


def main(argv: list[str]) -> int:
    spec_path = Path(argv[1] if len(argv) > 1 else "contact-data.openapi.yaml")
    spec = yaml.safe_load(spec_path.read_text())
    validate(spec)
    pyproject = spec_path.parent / "pyproject.toml"
    found = violations(spec, pyproject if pyproject.exists() else None)
    for line in found:
        print(f"{spec_path.name}: {line}")
    count = sum(1 for _ in operations(spec))
    print(f"{spec_path.name}: {count} operations, {len(found)} rule violations")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
