"""What the hostile-input, fuzz and load tests share: the spec's request examples, a picture of
the sandbox's data, and a client that notices when the server drops its connection."""

from __future__ import annotations

import copy
import functools
import hashlib
from typing import Any

import httpx
import yaml
from reply_contact_data_client.contract import OPERATIONS, Operation
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.store import TABLES

from .contract import SPEC_PATH

JOB_ID = "3f2b8c1e-4d5a-4b7c-9e1f-2a3b4c5d6e7f"


@functools.cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def request_examples(operation: Operation) -> list[Any]:
    """The spec's request-body examples of ``operation`` (deep copies; [] when it takes none)."""
    item = spec()["paths"][operation.path][operation.method.lower()]
    body = _resolve(item.get("requestBody", {}))
    media = body.get("content", {}).get("application/json", {})
    examples = [_resolve(example)["value"] for example in media.get("examples", {}).values()]
    if "example" in media:
        examples.append(media["example"])
    return copy.deepcopy(examples)


def operations_with_bodies() -> list[Operation]:
    return [op for op in OPERATIONS.values() if request_examples(op)]


def concrete_path(operation: Operation, contact_id: int = 1) -> str:
    return operation.path.replace("{id}", str(contact_id)).replace("{jobId}", JOB_ID)


def data_digest(sandbox: Sandbox) -> str:
    """A fingerprint of every row the sandbox holds: equal digests, unchanged data."""
    digest = hashlib.sha256()
    with sandbox.state.store.transaction() as db:
        for table in TABLES:
            digest.update(table.encode())
            for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def local_address(response: httpx.Response) -> Any:
    """Which client socket carried ``response``: a new one means the server hung up."""
    return response.extensions["network_stream"].get_extra_info("client_addr")


class OneConnection:
    """An httpx client that must keep one kept-alive connection for every request it sends."""

    def __init__(self, sandbox: Sandbox, key: str | None = None) -> None:
        self.client = httpx.Client(
            base_url=sandbox.url,
            headers={"Authorization": f"Bearer {key or sandbox.api_key}"},
            timeout=60,
        )
        self.address: Any = None
        self.requests = 0

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.client.request(method, path, **kwargs)
        address = local_address(response)
        self.address = self.address or address
        assert address == self.address, f"the server dropped the connection before {path}"
        self.requests += 1
        return response

    def still_serves(self) -> None:
        """A good request right after a bad one, on the same connection."""
        response = self.send("GET", "/v3/whoami")
        assert response.status_code == 200, response.text

    def close(self) -> None:
        self.client.close()
