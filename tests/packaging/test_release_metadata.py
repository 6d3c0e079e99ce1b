"""The two distributions' metadata agree with each other, with the spec and with the README."""

from __future__ import annotations

import tomllib
from pathlib import Path

import reply_contacts
from packaging.requirements import Requirement
from packaging.version import Version
from reply_contact_data_client.contract import SPEC_VERSION

ROOT = Path(__file__).resolve().parents[2]
FACADE = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
CLIENT = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text())["project"]
README = (ROOT / "README.md").read_text()


def requirements(texts: list[str]) -> dict[str, Requirement]:
    return {Requirement(text).name: Requirement(text) for text in texts}


def test_the_core_needs_only_httpx_attrs_and_the_generated_client() -> None:
    assert set(requirements(FACADE["dependencies"])) == {
        "reply-contact-data-client",
        "httpx",
        "attrs",
    }


def test_the_facade_pins_this_generation_of_the_client_exactly() -> None:
    pin = requirements(FACADE["dependencies"])["reply-contact-data-client"]
    (specifier,) = pin.specifier
    assert specifier.operator == "=="
    # A regeneration with a new spec version must move the pin in the same commit.
    assert Version(specifier.version) == Version(CLIENT["version"]) == Version(SPEC_VERSION)


def test_each_extra_brings_its_libraries() -> None:
    extras = {name: requirements(texts) for name, texts in FACADE["optional-dependencies"].items()}
    assert {"typer", "rich"} <= set(extras["cli"])
    assert {"starlette", "uvicorn"} <= set(extras["sandbox"])
    assert {"redis"} <= set(extras["redis"])
    assert {"openapi-core", "pyyaml", "werkzeug"} <= set(extras["drift"])
    assert extras["all"]["reply-contacts"].extras == {"cli", "sandbox", "redis", "drift"}
    assert extras["dev"]["reply-contacts"].extras == {"all"}


def test_the_readme_shows_the_pins_of_this_release() -> None:
    assert f"reply-contacts=={reply_contacts.__version__}" in README
    assert f"reply-contact-data-client=={CLIENT['version']}" in README
