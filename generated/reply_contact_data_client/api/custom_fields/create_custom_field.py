from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.custom_field import CustomField
from ...models.custom_field_create_request import CustomFieldCreateRequest
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    *,
    body: CustomFieldCreateRequest,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/custom-fields",
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
    | CustomField
    | ProblemDetails
    | None
):
    if response.status_code == 201:
        response_201 = CustomField.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = BusinessProblem.from_dict(response.json())

        return response_409

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
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | CustomField
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
    *,
    client: AuthenticatedClient | Client,
    body: CustomFieldCreateRequest,
) -> Response[
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | CustomField
    | ProblemDetails
]:
    """Create a custom field

     Define a new custom field for the team, or for the whole organization with
    `orgWide: true`. Titles are unique and teams have a field quota.

    **Dropdowns (D9).** `fieldType` is only `text` or `number`, yet `metadata` is described as
    "e.g. dropdown options" and one business error reads "Metadata is required for dropdown
    custom fields." The enum is kept to the two documented types; `metadata` is an opaque
    string passed through.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (CustomFieldCreateRequest): A new custom-field definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | CustomField | ProblemDetails]
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
    body: CustomFieldCreateRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | CustomField
    | ProblemDetails
    | None
):
    """Create a custom field

     Define a new custom field for the team, or for the whole organization with
    `orgWide: true`. Titles are unique and teams have a field quota.

    **Dropdowns (D9).** `fieldType` is only `text` or `number`, yet `metadata` is described as
    "e.g. dropdown options" and one business error reads "Metadata is required for dropdown
    custom fields." The enum is kept to the two documented types; `metadata` is an opaque
    string passed through.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (CustomFieldCreateRequest): A new custom-field definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | CustomField | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CustomFieldCreateRequest,
) -> Response[
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | CustomField
    | ProblemDetails
]:
    """Create a custom field

     Define a new custom field for the team, or for the whole organization with
    `orgWide: true`. Titles are unique and teams have a field quota.

    **Dropdowns (D9).** `fieldType` is only `text` or `number`, yet `metadata` is described as
    "e.g. dropdown options" and one business error reads "Metadata is required for dropdown
    custom fields." The enum is kept to the two documented types; `metadata` is an opaque
    string passed through.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (CustomFieldCreateRequest): A new custom-field definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | CustomField | ProblemDetails]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CustomFieldCreateRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | CustomField
    | ProblemDetails
    | None
):
    """Create a custom field

     Define a new custom field for the team, or for the whole organization with
    `orgWide: true`. Titles are unique and teams have a field quota.

    **Dropdowns (D9).** `fieldType` is only `text` or `number`, yet `metadata` is described as
    "e.g. dropdown options" and one business error reads "Metadata is required for dropdown
    custom fields." The enum is kept to the two documented types; `metadata` is an opaque
    string passed through.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (CustomFieldCreateRequest): A new custom-field definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | CustomField | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
