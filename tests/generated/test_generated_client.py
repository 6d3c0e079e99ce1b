"""The generated low-level client against its contract, contact-data.openapi.yaml.

- every operation in the spec has exactly one generated endpoint module (matched by method + path);
- every generated model parses the spec's own examples and round-trips them through to_dict();
- a response carrying an enum value the spec does not list still parses, keeping the value;
- a response with null in every nullable field parses.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reply_contact_data_client.api as generated_api
import yaml
from reply_contact_data_client import models

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "contact-data.openapi.yaml").read_text())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
METHODS = ("get", "post", "put", "patch", "delete")


def _spec_operations() -> list[tuple[str, str, str]]:
    return [
        (method, path, op["operationId"])
        for path, item in SPEC["paths"].items()
        for method in METHODS
        if (op := item.get(method))
    ]


def _template(path: str) -> str:
    # The generator renames path parameters ({jobId} -> {job_id}); compare the shape only.
    return re.sub(r"\{[^}]+\}", "{}", path)


def _generated_endpoints() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for info in pkgutil.walk_packages(generated_api.__path__, generated_api.__name__ + "."):
        if info.ispkg:
            continue
        source = Path(importlib.import_module(info.name).__file__ or "").read_text()
        method = re.search(r'"method": "(\w+)"', source)
        url = re.search(r'"url": "([^"]+)"', source)
        if method and url:
            found.setdefault((method.group(1), _template(url.group(1))), []).append(info.name)
    return found


def test_spec_has_all_63_operations_with_scopes() -> None:
    operations = _spec_operations()
    assert len(operations) == 63
    for method, path, _ in operations:
        op = SPEC["paths"][path][method]
        assert re.fullmatch(r"(contacts|other):(read|write|operate)", op["x-required-scope"])


@pytest.mark.parametrize(("method", "path", "operation_id"), _spec_operations())
def test_every_operation_has_one_generated_module(
    method: str, path: str, operation_id: str
) -> None:
    modules = _generated_endpoints().get((method, _template(path)), [])
    assert len(modules) == 1, f"{operation_id}: {modules}"
    module = importlib.import_module(modules[0])
    for function in ("sync_detailed", "asyncio_detailed"):
        assert callable(getattr(module, function))


def _model_class(schema_name: str) -> Any:
    cls = getattr(models, schema_name, None)
    if cls is None or not hasattr(cls, "from_dict"):
        return None
    return cls


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return SCHEMAS[ref.rsplit("/", 1)[-1]] if ref else schema


def _examples_of(media: dict[str, Any]) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    for entry in media.get("examples", {}).values():
        ref = entry.get("$ref")
        example = SPEC["components"]["examples"][ref.rsplit("/", 1)[-1]] if ref else entry
        if "value" in example:
            yield example["value"]


def _example_cases() -> list[Any]:
    """(model name, example) for schema-level examples and for operation media examples."""
    cases: list[Any] = []
    for name, schema in SCHEMAS.items():
        if _model_class(name) is None:
            continue
        for example in [schema["example"]] if "example" in schema else []:
            cases.append(pytest.param(name, example, id=f"schema:{name}"))
        for i, example in enumerate(schema.get("examples", [])):
            cases.append(pytest.param(name, example, id=f"schema:{name}:{i}"))
    for item in SPEC["paths"].values():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            media_objects = []
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                media_objects.append(("request", body))
            for status, response in op.get("responses", {}).items():
                if "$ref" in response:
                    continue
                for media in response.get("content", {}).values():
                    media_objects.append((status, media))
            for where, media in media_objects:
                ref = media.get("schema", {}).get("$ref")
                name = ref.rsplit("/", 1)[-1] if ref else None
                if name is None or _model_class(name) is None:
                    continue
                for i, example in enumerate(_examples_of(media)):
                    case_id = f"{op['operationId']}:{where}:{i}"
                    cases.append(pytest.param(name, example, id=case_id))
    return cases


def _normalise(value: Any) -> Any:
    """Compare JSON values modulo datetime spelling (Z vs +00:00) and key order."""
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


EXAMPLE_CASES = _example_cases()


def test_spec_has_examples_for_models() -> None:
    assert len(EXAMPLE_CASES) >= 40


@pytest.mark.parametrize(("schema_name", "example"), EXAMPLE_CASES)
def test_model_parses_and_round_trips_spec_example(schema_name: str, example: Any) -> None:
    cls = _model_class(schema_name)
    parsed = cls.from_dict(example)
    assert _normalise(parsed.to_dict()) == _normalise(example)


def _first_example_by_schema() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for case in EXAMPLE_CASES:
        name, example = case.values
        if isinstance(example, dict):
            found.setdefault(name, example)
    return found


EXAMPLE_BY_SCHEMA = _first_example_by_schema()


def _contact_example() -> dict[str, Any]:
    return dict(EXAMPLE_BY_SCHEMA["Contact"])


def test_unknown_enum_values_are_kept_not_raised() -> None:
    contact = _contact_example()
    contact.update(
        companySize="GiganticCorp", phoneStatus="carrierBlocked", callStatus="voicemailLeft"
    )
    parsed = models.Contact.from_dict(contact)
    assert parsed.company_size == "GiganticCorp"
    assert parsed.phone_status == "carrierBlocked"
    assert parsed.to_dict()["callStatus"] == "voicemailLeft"


def _nullable(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        return True
    return any(_resolve(s).get("type") == "null" for s in schema.get("anyOf", []))


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    """Properties of a schema, including those merged in through allOf."""
    props = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        props.update(_properties(_resolve(part)))
    return props


def _nullable_cases() -> list[Any]:
    cases = []
    for name, schema in SCHEMAS.items():
        props = _properties(schema)
        nullable = [p for p, s in props.items() if _nullable(s)]
        if nullable and _model_class(name) is not None and name in EXAMPLE_BY_SCHEMA:
            cases.append(pytest.param(name, nullable, id=name))
    return cases


@pytest.mark.parametrize(("schema_name", "nullable"), _nullable_cases())
def test_nulls_in_every_nullable_field_parse(schema_name: str, nullable: list[str]) -> None:
    example = dict(EXAMPLE_BY_SCHEMA[schema_name])
    for prop in nullable:
        example[prop] = None
    parsed = _model_class(schema_name).from_dict(example)
    dumped = parsed.to_dict()
    for prop in nullable:
        assert dumped[prop] is None


def test_nullable_cases_cover_the_main_response_models() -> None:
    covered = {case.values[0] for case in _nullable_cases()}
    assert {"Contact", "ContactAccountDetails", "BackgroundJob"} <= covered


def test_unknown_fields_are_kept() -> None:
    contact = _contact_example()
    contact["leadScore"] = 87
    parsed = models.Contact.from_dict(contact)
    assert parsed.to_dict()["leadScore"] == 87
