"""The facade's structure, read from its source: the generated client through public names only,
operations named by the contract rather than by strings, workflows that reuse the resources'
plans, no module in another's private names, one public method per plan, no import circles.

Each scan is also run on a small snippet that breaks its rule, so a scan that cannot see what
it looks for fails too.
"""

from __future__ import annotations

import ast
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
import reply_contact_data_client
import reply_contacts
from reply_contact_data_client.contract import OPERATIONS
from reply_contacts._resource import ResourceBase, operation, paginated
from reply_contacts.resources.account_lists import AccountListsOperations
from reply_contacts.resources.accounts import AccountsOperations
from reply_contacts.resources.background_jobs import BackgroundJobsOperations
from reply_contacts.resources.contact_lists import ContactListsOperations
from reply_contacts.resources.contacts import ContactsOperations
from reply_contacts.resources.custom_fields import CustomFieldsOperations
from reply_contacts.workflows import Workflows

FACADE = Path(reply_contacts.__file__).parent
GENERATED = Path(reply_contact_data_client.__file__).parent
PACKAGE = "reply_contact_data_client"


def facade_modules(*, sandbox: bool = True) -> Iterator[Path]:
    for path in sorted(FACADE.rglob("*.py")):
        if sandbox or "sandbox" not in path.relative_to(FACADE).parts:
            yield path


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def findings(
    scan: Callable[[ast.Module], list[str]], paths: Iterable[Path]
) -> dict[str, list[str]]:
    """What `scan` finds, by module (relative to the package); empty when all is well."""
    return {str(path.relative_to(FACADE)): found for path in paths if (found := scan(parse(path)))}


# -- the generated client through public names only ----------------------------------------------


@functools.cache
def generated_private_functions() -> frozenset[str]:
    """Module-level private functions of the generated endpoint modules, and those the
    generator's own template has (our override renamed them to public `build_request` and
    `build_response`; a regenerated package without the override would bring them back)."""
    names = {"_get_kwargs", "_build_response", "_parse_response"}
    for path in (GENERATED / "api").rglob("*.py"):
        for node in parse(path).body:
            if isinstance(node, ast.FunctionDef) and _private(node.name):
                names.add(node.name)
    return frozenset(names)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_generated_uses(tree: ast.Module) -> list[str]:
    """Every place `tree` reaches a private name of the generated package."""
    endpoint_privates = generated_private_functions()
    bound: set[str] = set()  # local names of generated modules and classes
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    if any(_private(part) for part in alias.name.split(".")):
                        found.append(f"import {alias.name}")
                    bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == PACKAGE:
            if any(_private(part) for part in (node.module or "").split(".")):
                found.append(f"from {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"from {node.module} import {alias.name}")
                bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            generated_root = isinstance(root, ast.Name) and root.id in bound
            # The facade keeps the generated client as `_generated`: its private fields too.
            on_generated_client = (
                isinstance(node.value, ast.Attribute) and node.value.attr == "_generated"
            )
            if node.attr in endpoint_privates or generated_root or on_generated_client:
                found.append(ast.unparse(node))
        elif isinstance(node, ast.Constant) and node.value in endpoint_privates:
            found.append(repr(node.value))  # getattr(module, "_get_kwargs")
    return found


def test_the_private_name_scan_sees_what_it_looks_for() -> None:
    snippet = ast.parse(
        "import reply_contact_data_client.api.contacts.get_contact_by_id as endpoint\n"
        "from reply_contact_data_client.client import _helper\n"
        "from reply_contact_data_client import AuthenticatedClient\n"
        "endpoint._get_kwargs(id=1)\n"
        "module._build_response(client=c, response=r)\n"
        "getattr(module, '_parse_response')\n"
        "AuthenticatedClient._headers\n"
        "self._generated._client\n"
        "module.build_request(id=1)\n"
    )
    assert sorted(private_generated_uses(snippet)) == [
        "'_parse_response'",
        "AuthenticatedClient._headers",
        "endpoint._get_kwargs",
        "from reply_contact_data_client.client import _helper",
        "module._build_response",
        "self._generated._client",
    ]


def test_the_facade_reaches_the_generated_client_through_public_names_only() -> None:
    assert "_parse_response" in generated_private_functions()
    assert findings(private_generated_uses, facade_modules()) == {}


# -- operations named by the contract, never by strings -------------------------------------------

OPERATION_NAMES = (
    set(OPERATIONS)
    | {operation.operation_id for operation in OPERATIONS.values()}
    | {f"{operation.tag}.{operation.name}" for operation in OPERATIONS.values()}
)


def operation_strings(tree: ast.Module) -> list[str]:
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (
            node.value in OPERATION_NAMES
            or re.search(r"reply_contact_data_client\.api\.", node.value) is not None
        )
    ]


def test_the_operation_string_scan_sees_what_it_looks_for() -> None:
    snippet = ast.parse(
        'bulk_result("bulk_delete_contacts", ids, parsed)\n'
        'Call("contacts.get_contact_by_id", {"id": 1})\n'
        'importlib.import_module("reply_contact_data_client.api.contacts.get_contacts")\n'
        'stats["GetContactLists"]\n'
        'name = "contacts"\n'
    )
    assert operation_strings(snippet) == [
        "bulk_delete_contacts",
        "contacts.get_contact_by_id",
        "reply_contact_data_client.api.contacts.get_contacts",
        "GetContactLists",
    ]


def test_the_facade_names_operations_through_the_contract() -> None:
    # The sandbox serves the API and routes by operation id: it is the other side of the wire.
    assert findings(operation_strings, facade_modules(sandbox=False)) == {}


# -- workflows reuse the resources' plans -------------------------------------------------------


def spelled_operations(tree: ast.Module) -> list[str]:
    """Operations a module spells itself: `Operations.x` or a `Call(...)` it builds."""
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and ast.unparse(node.value) == "Operations")
        or (isinstance(node, ast.Call) and ast.unparse(node.func) == "Call")
    ]


def test_workflows_compose_the_resources_plans() -> None:
    snippet = ast.parse("page = yield Call(Operations.get_contacts, {'top': 1})")
    assert spelled_operations(snippet) == [
        "Call(Operations.get_contacts, {'top': 1})",
        "Operations.get_contacts",
    ]
    assert findings(spelled_operations, sorted((FACADE / "workflows").glob("*.py"))) == {}


# -- no module in another's private names ----------------------------------------------------------


def foreign_private_uses(tree: ast.Module) -> list[str]:
    """`x._name` where `x` is not self/cls and `_name` is not defined in this module."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and _private(node.attr)
        and node.attr not in own
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
    ]


def test_the_foreign_private_scan_sees_what_it_looks_for() -> None:
    snippet = ast.parse(
        "class A:\n"
        "    def _mine(self): ...\n"
        "    def run(self, other):\n"
        "        self._theirs()\n"
        "        other._mine()\n"
        "        lists._find_by_name(name)\n"
    )
    assert foreign_private_uses(snippet) == ["lists._find_by_name"]


def test_no_module_reaches_into_another_modules_private_names() -> None:
    # Known and reported: the drift check replays a contract operation on a client through the
    # client's generated core; it needs a public way to run a plan on a client.
    known = {"drift/replay.py": ["client._generated"]}
    assert findings(foreign_private_uses, facade_modules(sandbox=False)) == known


# -- one public method per plan --------------------------------------------------------------------

NAMESPACES = [
    ContactsOperations,
    ContactListsOperations,
    CustomFieldsOperations,
    AccountsOperations,
    AccountListsOperations,
    BackgroundJobsOperations,
    Workflows,
]


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda cls: cls.__name__)
def test_namespaces_have_no_private_twin_of_a_public_plan(namespace: type[ResourceBase]) -> None:
    public = {
        name
        for cls in namespace.__mro__
        for name, value in vars(cls).items()
        if isinstance(value, operation | paginated)
    }
    assert public
    private = {name for cls in namespace.__mro__ for name in vars(cls) if _private(name)}
    assert {f"_{name}" for name in public} & private == set()


# -- no import circles -----------------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    """The reply_contacts modules `path` imports, at any depth of the code (lazy and
    TYPE_CHECKING imports included: a circle through them is still a circle)."""
    # The package a relative import starts from (for an __init__.py, its own package).
    package = list(path.relative_to(FACADE.parent).parts[:-1])
    found: set[str] = set()
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] == "reply_contacts"}


def import_graph(excluded: tuple[str, ...]) -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for path in facade_modules():
        parts = list(path.relative_to(FACADE.parent).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not any(name == skip or name.startswith(f"{skip}.") for skip in excluded):
            modules[name] = path
    # A package's __init__ only hands names on: an import of the package is not an edge.
    return {
        name: {
            target
            for target in imported_modules(path)
            if target in modules and target != name and modules[target].name != "__init__.py"
        }
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = itertools.count()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_sees_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_client_layers_form_no_import_circle() -> None:
    # The CLI and the demo are packaged separately (their own extra) and checked there.
    graph = import_graph(excluded=("reply_contacts.cli", "reply_contacts.demo"))
    assert "reply_contacts._resource" in graph and "reply_contacts.client" in graph
    assert circles(graph) == []
