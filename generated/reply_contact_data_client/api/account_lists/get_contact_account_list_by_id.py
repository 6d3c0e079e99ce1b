from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.contact_account_list import ContactAccountList
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    id: int,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/contact-account-lists/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
    | None
):
    if response.status_code == 200:
        response_200 = ContactAccountList.from_dict(response.json())

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

        def _parse_response_403(data: object) -> BusinessProblem | IdentityProblem | ProblemDetails:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_0 = BusinessProblem.from_dict(data)

                return response_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_403_type_1 = IdentityProblem.from_dict(data)

                return response_403_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_403_type_2 = ProblemDetails.from_dict(data)

            return response_403_type_2

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
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
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
) -> Response[
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
]:
    """Get an account list

     Fetch one account list by id.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ContactAccountList | ProblemDetails]
    """

    kwargs = build_request(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
    | None
):
    """Get an account list

     Fetch one account list by id.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ContactAccountList | ProblemDetails
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
]:
    """Get an account list

     Fetch one account list by id.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ContactAccountList | ProblemDetails]
    """

    kwargs = build_request(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ContactAccountList
    | ProblemDetails
    | None
):
    """Get an account list

     Fetch one account list by id.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ContactAccountList | ProblemDetails
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
