"""The sandbox follows the contract it is built from, with no edit of its own.

A scratch copy of the spec changes limits, adds enum values, changes a scope and closes (and
opens) request objects; ``codegen/contract.py`` writes the contract module from it into a
temporary directory; the sandbox, built while that module stands in for the generated one,
behaves by the changed contract.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from reply_contact_data_client import contract
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem
from .contract import SPEC_PATH

ROOT = SPEC_PATH.parent
WRITER = ROOT / "codegen" / "contract.py"
GENERATED_API = ROOT / "generated" / "reply_contact_data_client" / "api"


def changed_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    schemas["SetContactsRepliedRequest"]["properties"]["contactIds"]["maxItems"] = 3
    schemas["ContactsImportRequest"]["properties"]["items"]["maxItems"] = 5
    schemas["ContactAccountListUpdateRequest"]["properties"]["name"]["maxLength"] = 10
    schemas["AccountFilterProperty"]["enum"].append("Revenue")
    schemas["AccountFilterCondition"]["enum"].append("StartsWith")
    schemas["ContactCompanySize"]["enum"].append("Galactic")
    schemas["CallStatus"]["enum"].append("voicemail")
    schemas["CustomFieldCreateRequest"]["additionalProperties"] = False
    schemas["ContactListCreateRequest"].pop("additionalProperties")
    top = spec["components"]["parameters"]["Top"]["schema"]
    top["maximum"], top["default"] = 50, 7
    spec["paths"]["/v3/contacts/{id}"]["get"]["x-required-scope"] = "other:read"
    return spec


@pytest.fixture(scope="module")
def changed_contract(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    pytest.importorskip("openapi_python_client", reason="codegen/contract.py needs the generator")
    work = tmp_path_factory.mktemp("drill")
    spec_path = work / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(changed_spec(), sort_keys=False), encoding="utf-8")
    package = work / "package"
    package.mkdir()
    (package / "api").symlink_to(GENERATED_API, target_is_directory=True)
    subprocess.run([sys.executable, str(WRITER), str(spec_path), str(package)], check=True)
    loader = importlib.util.spec_from_file_location("drill_contract", package / "contract.py")
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    sys.modules[loader.name] = module  # dataclasses look their module up while it loads
    try:
        loader.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[loader.name]


@pytest.fixture
def drilled(
    changed_contract: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> Iterator[httpx.Client]:
    for name in ("Operations", "Vocabularies", "OPERATIONS", "VOCABULARIES"):
        monkeypatch.setattr(contract, name, getattr(changed_contract, name))
    with (
        Sandbox(rate_limiting=False, keys={"reader": ["contacts:read"]}) as sandbox,
        httpx.Client(base_url=sandbox.url, headers={"Authorization": "Bearer sandbox"}) as client,
    ):
        sandbox.seed_contacts(10)
        yield client


def test_changed_limits_are_the_sandbox_limits(drilled: httpx.Client) -> None:
    ids = {"isReplied": True}
    assert drilled.post(
        "/v3/contacts/set-replied", json={"contactIds": [1, 2, 3], **ids}
    ).is_success
    assert_problem(
        drilled.post("/v3/contacts/set-replied", json={"contactIds": [1, 2, 3, 4], **ids}),
        400,
        pointer="/contactIds",
        detail="ContactIds must contain between 1 and 3 positive integers.",
    )
    items = [{"firstName": "I", "email": f"i{n}@example.com"} for n in range(6)]
    assert drilled.post("/v3/contacts/import", json={"items": items[:5]}).is_success
    assert_problem(
        drilled.post("/v3/contacts/import", json={"items": items}),
        400,
        "contact.limitExceeded",
        detail="Maximum 5 items per import request.",
    )
    created = drilled.post("/v3/contact-account-lists", json={"name": "Short"}).json()
    assert_problem(
        drilled.put(f"/v3/contact-account-lists/{created['id']}", json={"name": "Elevenchars"}),
        400,
        "contactAccountList.nameTooLong",
        detail="Name must not exceed 10 characters.",
    )


def test_changed_page_bounds_and_default(drilled: httpx.Client) -> None:
    page = drilled.get("/v3/contacts").json()
    assert len(page["items"]) == 7 and page["hasMore"]
    assert drilled.get("/v3/contacts", params={"top": 50}).is_success
    assert_problem(
        drilled.get("/v3/contacts", params={"top": 51}), 400, "contact.invalidPagination"
    )
    assert_problem(
        drilled.get("/v3/contact-lists", params={"top": 51}),
        400,
        "contactsList.invalidPagination",
        detail="Parameter 'top' must be between 1 and 50",
    )


def test_added_vocabulary_is_accepted(drilled: httpx.Client) -> None:
    created = drilled.post(
        "/v3/contacts",
        json={"firstName": "G", "email": "g@example.com", "companySize": "galactic"},
    )
    assert created.status_code == 201 and created.json()["companySize"] == "Galactic"
    patched = drilled.patch(
        f"/v3/contacts/{created.json()['id']}", json={"callStatus": "voicemail"}
    )
    assert patched.json()["callStatus"] == "voicemail"
    revenue = [{"property": "Revenue", "condition": "IsNull"}]
    assert drilled.post("/v3/contact-accounts/filter", json={"filters": revenue}).is_success
    # A condition the sandbox has no meaning for is known, and refused as not implemented.
    starts = [{"property": "Name", "condition": "StartsWith", "values": ["A"]}]
    body = assert_problem(
        drilled.post("/v3/contact-accounts/filter", json={"filters": starts}),
        400,
        pointer="/filters/0/condition",
    )
    assert "does not implement" in body["errors"][0]["detail"]


def test_changed_closed_objects_and_scope(
    drilled: httpx.Client, changed_contract: ModuleType
) -> None:
    field = {"title": "Tier", "fieldType": "text", "extra": 1}
    assert_problem(drilled.post("/v3/custom-fields", json=field), 400, pointer="/extra")
    listed = drilled.post("/v3/contact-lists", json={"name": "Open now", "extra": 1})
    assert listed.status_code == 201
    reader = {"Authorization": "Bearer reader"}
    refused = drilled.get("/v3/contacts/1", headers=reader)
    assert_problem(refused, 403, "auth.insufficientScope")
    assert refused.json()["requiredScope"] == "other:read"
    assert changed_contract.Operations.get_contact_by_id.scope == "other:read"


def test_the_sandbox_reads_the_contract_module_not_copies_of_it() -> None:
    """``contract.Operations.x`` at use, never ``from ...contract import Operations``: a name
    imported at import time would keep the contract the sandbox was first imported with."""
    sandbox_dir = ROOT / "facade" / "reply_contacts" / "sandbox"
    frozen = ("OPERATIONS", "Operations", "VOCABULARIES", "Vocabularies")
    for source in sandbox_dir.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "reply_contact_data_client.contract"
            ):
                names = {alias.name for alias in node.names}
                assert not names & set(frozen), f"{source.name}:{node.lineno} imports {names}"


def test_the_sandbox_imports_no_client_layer_and_no_generated_model() -> None:
    code = (
        "import sys\n"
        "from reply_contacts.sandbox import create_app\n"
        "create_app()\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    forbidden = (
        "reply_contact_data_client.models",
        "reply_contact_data_client.api",
        "reply_contacts.client",
        "reply_contacts.resources",
        "reply_contacts.workflows",
        "reply_contacts.filters",
        "reply_contacts.transport",
    )
    assert [name for name in loaded if name.startswith(forbidden)] == []
