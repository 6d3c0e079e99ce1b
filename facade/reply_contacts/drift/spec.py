"""The contract document itself, as shipped inside the generated package, and its validator.

`nox -s generate` copies contact-data.openapi.yaml into `reply_contact_data_client` as
`openapi.yaml`, so an installed SDK checks live responses against exactly the contract its
client was generated from. Reading it needs the [drift] extra (PyYAML and openapi-core); both
are imported on first use, so a missing extra is one clear ImportError naming the install.
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import json
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openapi_core import OpenAPI
    from reply_contact_data_client.contract import Operation

GENERATED_PACKAGE = "reply_contact_data_client"
SHIPPED_SPEC = "openapi.yaml"
DRIFT_EXTRA = 'pip install "reply-contacts[drift]"'


def _extra(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as missing:
        raise ImportError(
            f"reply-contacts drift needs the [drift] extra ({missing.name} is not installed):"
            f" {DRIFT_EXTRA}"
        ) from None


def require_drift_extra() -> None:
    """Fail early, before any request, when the validator's libraries are missing."""
    _extra("yaml")
    _extra("openapi_core")


@functools.cache
def contract_document() -> Mapping[str, Any]:
    """The parsed spec the generated client was built from."""
    yaml = _extra("yaml")
    text = (
        importlib.resources.files(GENERATED_PACKAGE)
        .joinpath(SHIPPED_SPEC)
        .read_text(encoding="utf-8")
    )
    # The C loader reads the 7,600-line spec about five times faster where libyaml is present.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: Mapping[str, Any] = yaml.load(text, Loader=loader)
    return document


@functools.cache
def contract_validator() -> OpenAPI:
    """openapi-core's validator for the shipped spec."""
    core = _extra("openapi_core")
    config = core.Config(
        # The spec is validated by the project's own test suite on every change; re-validating
        # the whole document on every run would only cost time.
        spec_validator_cls=None,
        # Error bodies are problem+json; openapi-core deserializes only the media types it knows.
        extra_media_type_deserializers={"application/problem+json": json.loads},
    )
    validator: OpenAPI = core.OpenAPI.from_dict(dict(contract_document()), config=config)
    return validator


def resolve(node: Any) -> Any:
    """Follow a local `$ref` ("#/components/...") to what it names; other nodes as they are."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        target: Any = contract_document()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def operation_document(operation: Operation) -> Mapping[str, Any]:
    """The spec's operation object for one contract operation."""
    item: Mapping[str, Any] = contract_document()["paths"][operation.path]
    found: Mapping[str, Any] = item[operation.method.lower()]
    return found


def parameters(operation: Operation) -> list[Mapping[str, Any]]:
    """The operation's parameters, path-level ones included, with references resolved."""
    item = contract_document()["paths"][operation.path]
    declared = [*item.get("parameters", []), *operation_document(operation).get("parameters", [])]
    return [resolve(parameter) for parameter in declared]


def success_statuses(operation: Operation) -> list[str]:
    """The 2xx statuses the operation declares ("200", "2XX"...)."""
    return [
        status
        for status in operation_document(operation).get("responses", {})
        if str(status).startswith("2")
    ]


def request_body(operation: Operation) -> Mapping[str, Any] | None:
    """The operation's JSON request body object (schema, examples), or None when it has none."""
    body = resolve(operation_document(operation).get("requestBody"))
    if not isinstance(body, Mapping):
        return None
    media: Mapping[str, Any] | None = body.get("content", {}).get("application/json")
    return media


def body_examples(media: Mapping[str, Any]) -> list[Any]:
    """Every example value the spec gives for a media type object, references resolved."""
    found = [media["example"]] if "example" in media else []
    for example in media.get("examples", {}).values():
        resolved = resolve(example)
        if isinstance(resolved, Mapping) and "value" in resolved:
            found.append(resolved["value"])
    return found
