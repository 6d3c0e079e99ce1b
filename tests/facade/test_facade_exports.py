"""Everything a user catches or reads is importable from where users look: every error class the
client raises, the workflows' reports, and the generated `Unset`/`UNSET` marker."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import reply_contacts
from reply_contacts import models

# The client layers (not the sandbox, the CLI, the drift check, the demo or the pytest plugin,
# which have their own entry points).
_CLIENT_PACKAGES = ("errors", "_config", "_catalog", "results", "filters", "transport")
_CLIENT_PACKAGES += ("resources", "workflows", "client", "pagination", "_plan", "_resource")


def _client_modules() -> list[str]:
    names = []
    for top in _CLIENT_PACKAGES:
        module = importlib.import_module(f"reply_contacts.{top}")
        names.append(module.__name__)
        if hasattr(module, "__path__"):
            prefix = f"{module.__name__}."
            names += [info.name for info in pkgutil.walk_packages(module.__path__, prefix)]
    return names


def test_every_error_class_of_the_client_is_exported_from_the_package() -> None:
    defined = {}
    for name in _client_modules():
        for attribute, value in vars(importlib.import_module(name)).items():
            if (
                inspect.isclass(value)
                and not attribute.startswith("_")  # a private base is nothing a user catches
                and value.__module__ == name
                and issubclass(value, reply_contacts.ReplyError)
            ):
                defined[attribute] = value
    assert len(defined) > 20
    missing = sorted(
        name for name in defined if getattr(reply_contacts, name, None) is not defined[name]
    )
    assert missing == []
    assert set(defined) <= set(reply_contacts.__all__)
    # Wrong-argument errors the filters raise are ValueErrors, and exported too.
    assert issubclass(reply_contacts.FilterError, ValueError)


def test_reports_and_the_unset_marker_are_exported() -> None:
    from reply_contact_data_client.types import UNSET, Unset
    from reply_contacts.workflows.accounts import AccountCreateReport, LinkReport
    from reply_contacts.workflows.import_report import ImportReport
    from reply_contacts.workflows.outreach import OutreachVerdict
    from reply_contacts.workflows.research import AnnotateReport

    assert reply_contacts.Unset is Unset is models.Unset
    assert reply_contacts.UNSET is UNSET is models.UNSET
    for report in (ImportReport, OutreachVerdict, AccountCreateReport, LinkReport, AnnotateReport):
        assert getattr(reply_contacts, report.__name__) is report
        assert report.__name__ in reply_contacts.__all__
    # Every workflow error is a WorkflowError, and a ReplyError.
    for name in reply_contacts.__all__:
        value = getattr(reply_contacts, name)
        if inspect.isclass(value) and name.endswith("InterruptedError"):
            assert issubclass(value, reply_contacts.WorkflowError), name
