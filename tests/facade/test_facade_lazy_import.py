"""`import reply_contacts` stays cheap: no generated model (nor endpoint) module is imported by
the import or by building a client; the first call brings them in. Checked in fresh
interpreters, since this test process has long imported everything."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PRELUDE = """
import sys

def loaded(prefix):
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))
"""


def run_fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_loads_no_generated_module() -> None:
    out = run_fresh(
        """
        import reply_contacts
        assert not loaded("reply_contact_data_client"), loaded("reply_contact_data_client")
        assert reply_contacts.__version__
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_constructing_clients_loads_no_model() -> None:
    run_fresh(
        """
        import reply_contacts
        from reply_contacts import AsyncReplyContacts, ReplyContacts, RetryPolicy
        client = ReplyContacts(api_key="rk_lazy_test_key", base_url="https://api.reply.io")
        aclient = AsyncReplyContacts(api_key="rk_lazy_test_key", base_url="https://api.reply.io")
        copy = client.with_options(timeout=5, retry=RetryPolicy(max_retries=1))
        client.contacts, aclient.accounts, copy.custom_fields, client.background_jobs
        repr(client)
        assert not loaded("reply_contact_data_client.models"), loaded("reply_contact_data_client")
        assert not loaded("reply_contact_data_client.api"), loaded("reply_contact_data_client")
        """
    )


def test_a_client_given_its_url_reads_no_contract_until_it_needs_one() -> None:
    # The contract is read by the namespaces, the first retry decision and a default URL; a
    # client that is only built does not pay for importing it.
    run_fresh(
        """
        from reply_contacts import ReplyContacts
        client = ReplyContacts(api_key="rk_lazy_test_key", base_url="https://api.reply.io")
        assert not loaded("reply_contact_data_client.contract"), "contract loaded"
        ReplyContacts(api_key="rk_lazy_test_key")  # the default URL is the contract's server
        assert loaded("reply_contact_data_client.contract")
        """
    )


def test_the_first_call_loads_what_it_needs() -> None:
    run_fresh(
        """
        import httpx
        from reply_contacts import ReplyContacts

        def answer(request):
            return httpx.Response(200, json={"id": 5, "firstName": "Ann", "email": "a@b.co"})

        client = ReplyContacts(
            api_key="rk_lazy_test_key",
            base_url="https://api.reply.io",
            rate_limit=None,
            http_transport=httpx.MockTransport(answer),
        )
        assert not loaded("reply_contact_data_client.models")
        contact = client.contacts.get(5)
        assert type(contact).__module__ == "reply_contact_data_client.models.contact"
        assert contact.first_name == "Ann"
        assert "reply_contact_data_client.api.contacts.get_contact_by_id" in sys.modules
        # Only the endpoint modules that were called are imported.
        assert "reply_contact_data_client.api.accounts.get_contact_accounts" not in sys.modules
        """
    )


def test_names_are_resolved_on_first_use() -> None:
    run_fresh(
        """
        import reply_contacts
        assert "reply_contacts.errors" not in sys.modules
        from reply_contacts import NotFoundError, BulkResult
        assert "reply_contacts.errors" in sys.modules and "reply_contacts.results" in sys.modules
        assert not loaded("reply_contact_data_client.models")
        assert reply_contacts.models.Contact.__name__ == "Contact"
        try:
            reply_contacts.NoSuchThing
        except AttributeError as exc:
            assert "NoSuchThing" in str(exc)
        else:
            raise AssertionError("unknown names must raise AttributeError")
        """
    )


def test_star_import_works_and_stays_lazy() -> None:
    run_fresh(
        """
        from reply_contacts import *
        assert ReplyContacts and BulkResult and ContactFilter
        assert not loaded("reply_contact_data_client.api"), loaded("reply_contact_data_client.api")
        """
    )
