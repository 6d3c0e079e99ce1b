from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.contact import Contact
from ...models.contact_create_request import ContactCreateRequest
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    *,
    body: ContactCreateRequest,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/contacts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = Contact.from_dict(response.json())

        return response_201

    if response.status_code == 400:

        def _parse_response_400(data: object) -> BusinessProblem | ValidationProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_400_type_0 = ValidationProblem.from_dict(data)

                return response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_400_type_1 = BusinessProblem.from_dict(data)

            return response_400_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> BusinessProblem | ProblemDetails:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_0 = BusinessProblem.from_dict(data)

                return response_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_403_type_1 = ProblemDetails.from_dict(data)

            return response_403_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]:
    """This operation's typed `Response` for an httpx response to `build_request`'s request."""
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContactCreateRequest,
) -> Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]:
    """Create a contact

     Add a single contact. Returns the contact with its new id.

    **`firstName` is required (D4).** The published schema marks no field as required and only
    asks for "at minimum an email or a LinkedIn URL", but the live server rejects a create
    without `firstName` (validation error `/firstName` "FirstName is required.") and Reply's own
    CLI documents the same, so this contract requires it. An email or a LinkedIn URL is still
    needed on top of it (business code `contact.invalidInput`).

    **Existing email (D5).** What happens when the email already belongs to a contact is not
    settled: one client observed a 400, Reply's CLI reports the existing contact being
    overwritten with every unsent field blanked. No 409 is modelled. When the email may already
    exist, prefer `POST /v3/contacts/import` (an upsert keyed by email) or look the contact up
    first with `GET /v3/contacts?email=`.

    Custom-field values sent on create have been observed to be dropped silently; set them
    with `PATCH /v3/contacts/{id}` when they matter.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (ContactCreateRequest): Fields of a new contact. `firstName` is required (D4: the
            live server rejects a create
            without it, though the published schema lists no required field); an `email` or a
            `linkedInUrl` is needed too. Owner, opt-out, call and meeting flags cannot be set on
            create (use PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]
    """

    kwargs = build_request(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ContactCreateRequest,
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails | None:
    """Create a contact

     Add a single contact. Returns the contact with its new id.

    **`firstName` is required (D4).** The published schema marks no field as required and only
    asks for "at minimum an email or a LinkedIn URL", but the live server rejects a create
    without `firstName` (validation error `/firstName` "FirstName is required.") and Reply's own
    CLI documents the same, so this contract requires it. An email or a LinkedIn URL is still
    needed on top of it (business code `contact.invalidInput`).

    **Existing email (D5).** What happens when the email already belongs to a contact is not
    settled: one client observed a 400, Reply's CLI reports the existing contact being
    overwritten with every unsent field blanked. No 409 is modelled. When the email may already
    exist, prefer `POST /v3/contacts/import` (an upsert keyed by email) or look the contact up
    first with `GET /v3/contacts?email=`.

    Custom-field values sent on create have been observed to be dropped silently; set them
    with `PATCH /v3/contacts/{id}` when they matter.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (ContactCreateRequest): Fields of a new contact. `firstName` is required (D4: the
            live server rejects a create
            without it, though the published schema lists no required field); an `email` or a
            `linkedInUrl` is needed too. Owner, opt-out, call and meeting flags cannot be set on
            create (use PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContactCreateRequest,
) -> Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]:
    """Create a contact

     Add a single contact. Returns the contact with its new id.

    **`firstName` is required (D4).** The published schema marks no field as required and only
    asks for "at minimum an email or a LinkedIn URL", but the live server rejects a create
    without `firstName` (validation error `/firstName` "FirstName is required.") and Reply's own
    CLI documents the same, so this contract requires it. An email or a LinkedIn URL is still
    needed on top of it (business code `contact.invalidInput`).

    **Existing email (D5).** What happens when the email already belongs to a contact is not
    settled: one client observed a 400, Reply's CLI reports the existing contact being
    overwritten with every unsent field blanked. No 409 is modelled. When the email may already
    exist, prefer `POST /v3/contacts/import` (an upsert keyed by email) or look the contact up
    first with `GET /v3/contacts?email=`.

    Custom-field values sent on create have been observed to be dropped silently; set them
    with `PATCH /v3/contacts/{id}` when they matter.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (ContactCreateRequest): Fields of a new contact. `firstName` is required (D4: the
            live server rejects a create
            without it, though the published schema lists no required field); an `email` or a
            `linkedInUrl` is needed too. Owner, opt-out, call and meeting flags cannot be set on
            create (use PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ContactCreateRequest,
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails | None:
    """Create a contact

     Add a single contact. Returns the contact with its new id.

    **`firstName` is required (D4).** The published schema marks no field as required and only
    asks for "at minimum an email or a LinkedIn URL", but the live server rejects a create
    without `firstName` (validation error `/firstName` "FirstName is required.") and Reply's own
    CLI documents the same, so this contract requires it. An email or a LinkedIn URL is still
    needed on top of it (business code `contact.invalidInput`).

    **Existing email (D5).** What happens when the email already belongs to a contact is not
    settled: one client observed a 400, Reply's CLI reports the existing contact being
    overwritten with every unsent field blanked. No 409 is modelled. When the email may already
    exist, prefer `POST /v3/contacts/import` (an upsert keyed by email) or look the contact up
    first with `GET /v3/contacts?email=`.

    Custom-field values sent on create have been observed to be dropped silently; set them
    with `PATCH /v3/contacts/{id}` when they matter.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (ContactCreateRequest): Fields of a new contact. `firstName` is required (D4: the
            live server rejects a create
            without it, though the published schema lists no required field); an `email` or a
            `linkedInUrl` is needed too. Owner, opt-out, call and meeting flags cannot be set on
            create (use PATCH).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
