from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.custom_field import CustomField
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request() -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/custom-fields",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CustomField.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
    BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]
]:
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
) -> Response[
    BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]
]:
    """List all custom fields

     Every custom-field definition for your team and your organization. One flat array, no
    paging. A contact's `customFields[].key` holds the `id` of one of these definitions (as a
    string), so this list is how to resolve keys to titles.

    The published reference lists no 400 for this operation; one is modelled anyway
    because every operation can answer a malformed request with 400.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField] | None:
    """List all custom fields

     Every custom-field definition for your team and your organization. One flat array, no
    paging. A contact's `customFields[].key` holds the `id` of one of these definitions (as a
    string), so this list is how to resolve keys to titles.

    The published reference lists no 400 for this operation; one is modelled anyway
    because every operation can answer a malformed request with 400.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]
]:
    """List all custom fields

     Every custom-field definition for your team and your organization. One flat array, no
    paging. A contact's `customFields[].key` holds the `id` of one of these definitions (as a
    string), so this list is how to resolve keys to titles.

    The published reference lists no 400 for this operation; one is modelled anyway
    because every operation can answer a malformed request with 400.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField] | None:
    """List all custom fields

     Every custom-field definition for your team and your organization. One flat array, no
    paging. A contact's `customFields[].key` holds the `id` of one of these definitions (as a
    string), so this list is how to resolve keys to titles.

    The published reference lists no 400 for this operation; one is modelled anyway
    because every operation can answer a malformed request with 400.

    _Requires the `contacts:read` scope (or a broader one that includes it)._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails | list[CustomField]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
