from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_delete_request import BulkDeleteRequest
from ...models.business_problem import BusinessProblem
from ...models.identity_problem import IdentityProblem
from ...models.not_processed_item_map import NotProcessedItemMap
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    *,
    body: BulkDeleteRequest,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/contacts/bulk-delete",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
    | ProblemDetails
    | None
):
    if response.status_code == 200:
        response_200 = NotProcessedItemMap.from_dict(response.json())

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
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
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
    body: BulkDeleteRequest,
) -> Response[
    BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
    | ProblemDetails
]:
    """Bulk delete contacts

     Delete many contacts in one call. Not atomic: the answer maps each contact id that was
    not deleted to the reason (`notFound`, `forbidden`); `{}` means every contact was deleted.
    No maximum batch size is documented.

    No 403 or 404 is documented for this operation: missing or inaccessible contacts are
    reported per item.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (BulkDeleteRequest): Contacts to delete. No maximum is documented.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | NotProcessedItemMap | ProblemDetails]
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
    body: BulkDeleteRequest,
) -> (
    BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
    | ProblemDetails
    | None
):
    """Bulk delete contacts

     Delete many contacts in one call. Not atomic: the answer maps each contact id that was
    not deleted to the reason (`notFound`, `forbidden`); `{}` means every contact was deleted.
    No maximum batch size is documented.

    No 403 or 404 is documented for this operation: missing or inaccessible contacts are
    reported per item.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (BulkDeleteRequest): Contacts to delete. No maximum is documented.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | NotProcessedItemMap | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BulkDeleteRequest,
) -> Response[
    BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
    | ProblemDetails
]:
    """Bulk delete contacts

     Delete many contacts in one call. Not atomic: the answer maps each contact id that was
    not deleted to the reason (`notFound`, `forbidden`); `{}` means every contact was deleted.
    No maximum batch size is documented.

    No 403 or 404 is documented for this operation: missing or inaccessible contacts are
    reported per item.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (BulkDeleteRequest): Contacts to delete. No maximum is documented.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | NotProcessedItemMap | ProblemDetails]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BulkDeleteRequest,
) -> (
    BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | NotProcessedItemMap
    | ProblemDetails
    | None
):
    """Bulk delete contacts

     Delete many contacts in one call. Not atomic: the answer maps each contact id that was
    not deleted to the reason (`notFound`, `forbidden`); `{}` means every contact was deleted.
    No maximum batch size is documented.

    No 403 or 404 is documented for this operation: missing or inaccessible contacts are
    reported per item.

    _Requires the `contacts:write` scope (or a broader one that includes it)._

    Args:
        body (BulkDeleteRequest): Contacts to delete. No maximum is documented.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | NotProcessedItemMap | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
