from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.contact import Contact
from ...models.contact_patch_request import ContactPatchRequest
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    id: int,
    *,
    body: ContactPatchRequest,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v3/contacts/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | Contact
    | ProblemDetails
    | None
):
    if response.status_code == 200:
        response_200 = Contact.from_dict(response.json())

        return response_200

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

    if response.status_code == 404:
        response_404 = BusinessProblem.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
]:
    """This operation's typed `Response` for an httpx response to `build_request`'s request."""
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactPatchRequest,
) -> Response[
    BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
]:
    """Update a contact

     Change some of a contact's fields. Omitted fields stay as they are; `null` clears one.
    Custom fields are addressed by definition `id` or by `name`. `isOptedOut`, `callStatus`
    and `meetingStatus` set the contact-level flags (`none` clears a call or meeting status).

    **Owner outside the team (D7).** The `ownerUserId` field text says such an owner fails with
    404, while the documented response and its example use 400 `contact.invalidInput`
    ("OwnerUserId 999999999 is not a member of the team."). Accounts document the same rule as
    400 with 404 reserved for a missing row, so this contract uses 400; 404 means the contact
    does not exist.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (ContactPatchRequest): Fields to change on a contact. Omitted fields stay as they
            are; `null` clears one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]
    """

    kwargs = build_request(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactPatchRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | Contact
    | ProblemDetails
    | None
):
    """Update a contact

     Change some of a contact's fields. Omitted fields stay as they are; `null` clears one.
    Custom fields are addressed by definition `id` or by `name`. `isOptedOut`, `callStatus`
    and `meetingStatus` set the contact-level flags (`none` clears a call or meeting status).

    **Owner outside the team (D7).** The `ownerUserId` field text says such an owner fails with
    404, while the documented response and its example use 400 `contact.invalidInput`
    ("OwnerUserId 999999999 is not a member of the team."). Accounts document the same rule as
    400 with 404 reserved for a missing row, so this contract uses 400; 404 means the contact
    does not exist.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (ContactPatchRequest): Fields to change on a contact. Omitted fields stay as they
            are; `null` clears one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactPatchRequest,
) -> Response[
    BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
]:
    """Update a contact

     Change some of a contact's fields. Omitted fields stay as they are; `null` clears one.
    Custom fields are addressed by definition `id` or by `name`. `isOptedOut`, `callStatus`
    and `meetingStatus` set the contact-level flags (`none` clears a call or meeting status).

    **Owner outside the team (D7).** The `ownerUserId` field text says such an owner fails with
    404, while the documented response and its example use 400 `contact.invalidInput`
    ("OwnerUserId 999999999 is not a member of the team."). Accounts document the same rule as
    400 with 404 reserved for a missing row, so this contract uses 400; 404 means the contact
    does not exist.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (ContactPatchRequest): Fields to change on a contact. Omitted fields stay as they
            are; `null` clears one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails]
    """

    kwargs = build_request(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactPatchRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | Contact
    | ProblemDetails
    | None
):
    """Update a contact

     Change some of a contact's fields. Omitted fields stay as they are; `null` clears one.
    Custom fields are addressed by definition `id` or by `name`. `isOptedOut`, `callStatus`
    and `meetingStatus` set the contact-level flags (`none` clears a call or meeting status).

    **Owner outside the team (D7).** The `ownerUserId` field text says such an owner fails with
    404, while the documented response and its example use 400 `contact.invalidInput`
    ("OwnerUserId 999999999 is not a member of the team."). Accounts document the same rule as
    400 with 404 reserved for a missing row, so this contract uses 400; 404 means the contact
    does not exist.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (ContactPatchRequest): Fields to change on a contact. Omitted fields stay as they
            are; `null` clears one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | Contact | ProblemDetails
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
