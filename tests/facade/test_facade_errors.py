"""Typed errors end to end: what a caller of either client catches for each server answer."""

from __future__ import annotations

from typing import Any

import pytest
from facade_support import run, seeded_contacts
from reply_contacts import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ReplyError,
    ValidationError,
)
from reply_contacts.sandbox import Sandbox

READ_ONLY_KEY = "rk_test_facade_readonly_51a8"


async def test_not_found_with_code(api: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        await run(api.accounts.get(31337))
    error = caught.value
    assert isinstance(error, APIError) and isinstance(error, ReplyError)
    assert (error.status, error.code) == (404, "contactAccount.notFound")
    assert (error.method, error.path) == ("GET", "/v3/contact-accounts/31337")
    assert error.detail == "Account with ID 31337 not found."
    assert "contactAccount.notFound" in str(error)


async def test_conflict_on_duplicate_list_name(api: Any) -> None:
    await run(api.contact_lists.create("Q3 Leads"))
    with pytest.raises(ConflictError) as caught:
        await run(api.contact_lists.create("q3 leads"))
    assert caught.value.code == "contactsList.duplicateName"
    assert caught.value.problem is not None and caught.value.problem["status"] == 409


async def test_validation_error_with_pointers(api: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        await run(api.contacts.create(first_name="  ", email="not-an-email"))
    error = caught.value
    assert isinstance(error, BadRequestError) and error.status == 400
    assert [(e.pointer, e.detail) for e in error.errors] == [
        ("/firstName", "FirstName is required."),
        ("/email", "'email' is not a valid email address."),
    ]
    assert "/firstName" in str(error) and "/email" in str(error)


async def test_business_bad_request_is_not_a_validation_error(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    with pytest.raises(BadRequestError) as caught:
        await run(api.contacts.create(first_name="Dup", email="p1@example.com"))
    assert not isinstance(caught.value, ValidationError)
    assert caught.value.code == "contact.invalidInput"
    assert cid == 1


async def test_permission_denied_names_the_missing_scope(
    api: Any, sb: Sandbox, make_api: Any
) -> None:
    sb.add_key(READ_ONLY_KEY, ["contacts:read"])
    reader = make_api(api_key=READ_ONLY_KEY)
    assert await run(reader.contacts.count()) == 0
    with pytest.raises(PermissionDeniedError) as caught:
        await run(reader.contacts.create(first_name="Ann", email="ann@example.com"))
    error = caught.value
    assert (error.status, error.code) == (403, "auth.insufficientScope")
    assert error.missing_scope == "contacts:write" and error.feature_scope is False
    with pytest.raises(PermissionDeniedError) as operate:
        await run(reader.contacts.set_replied([1]))
    assert operate.value.missing_scope == "contacts:operate"
    with pytest.raises(PermissionDeniedError) as other_domain:
        await run(reader.background_jobs.list().to_list())
    assert other_domain.value.missing_scope == "other:read"
    assert sb.count_contacts() == 0


async def test_feature_scope_denied_for_the_acting_user(
    api: Any, sb: Sandbox, make_api: Any
) -> None:
    sb.seed_user(5, denied_features=["ViewProspect"])
    sb.add_key("rk_test_facade_user5_key", user_id=5)
    limited = make_api(api_key="rk_test_facade_user5_key")
    with pytest.raises(PermissionDeniedError) as caught:
        await run(limited.contacts.list().to_list())
    error = caught.value
    assert error.status == 403
    # Either the business code, or the live server's plain "Feature scopes [...] are denied".
    assert error.code == "contact.forbidden" or (
        error.missing_scope == "ViewProspect" and error.feature_scope is True
    )


async def test_authentication_error_with_a_bad_key(make_api: Any, api: Any) -> None:
    stranger = make_api(api_key="rk_test_facade_unknown_key")
    with pytest.raises(AuthenticationError) as caught:
        await run(stranger.whoami())
    assert caught.value.status == 401
    assert caught.value.body == ""
    assert "rk_test_facade_unknown_key" not in repr(caught.value)
    with pytest.raises(AuthenticationError):
        await run(stranger.contacts.get(1))
    assert stranger.requests_sent == 2, "a 401 is never retried"
