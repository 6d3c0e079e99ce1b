from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.business_problem import BusinessProblem
from ...models.direct_linked_in_send_limit_problem import DirectLinkedInSendLimitProblem
from ...models.direct_linked_in_send_result import DirectLinkedInSendResult
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.send_direct_linked_in_message_request import SendDirectLinkedInMessageRequest
from ...models.validation_problem import ValidationProblem
from ...types import Response


def build_request(
    id: int,
    *,
    body: SendDirectLinkedInMessageRequest,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/contacts/{id}/send-direct-linkedin-message".format(
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
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
    | ProblemDetails
    | None
):
    if response.status_code == 200:
        response_200 = DirectLinkedInSendResult.from_dict(response.json())

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

        def _parse_response_404(data: object) -> BusinessProblem | ProblemDetails:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_404_type_0 = BusinessProblem.from_dict(data)

                return response_404_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_404_type_1 = ProblemDetails.from_dict(data)

            return response_404_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = BusinessProblem.from_dict(response.json())

        return response_409

    if response.status_code == 429:

        def _parse_response_429(data: object) -> DirectLinkedInSendLimitProblem | ProblemDetails:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_429_type_0 = DirectLinkedInSendLimitProblem.from_dict(data)

                return response_429_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_429_type_1 = ProblemDetails.from_dict(data)

            return response_429_type_1

        response_429 = _parse_response_429(response.json())

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
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
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
    body: SendDirectLinkedInMessageRequest,
) -> Response[
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
    | ProblemDetails
]:
    """Send a LinkedIn message to a contact

     Send a LinkedIn direct message (up to 8,000 characters) to a contact who is already a
    connection of the given LinkedIn account. Not idempotent.

    Error responses are INFERRED from the connection-request operation of the same family
    (`directLinkedIn.*` codes; `directLinkedIn.notConnected` when the contact is not a
    connection); the operationId and scope are INFERRED too.

    _Requires the `contacts:operate` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (SendDirectLinkedInMessageRequest): A LinkedIn direct message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | DirectLinkedInSendLimitProblem | ProblemDetails | DirectLinkedInSendResult | ProblemDetails]
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
    body: SendDirectLinkedInMessageRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
    | ProblemDetails
    | None
):
    """Send a LinkedIn message to a contact

     Send a LinkedIn direct message (up to 8,000 characters) to a contact who is already a
    connection of the given LinkedIn account. Not idempotent.

    Error responses are INFERRED from the connection-request operation of the same family
    (`directLinkedIn.*` codes; `directLinkedIn.notConnected` when the contact is not a
    connection); the operationId and scope are INFERRED too.

    _Requires the `contacts:operate` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (SendDirectLinkedInMessageRequest): A LinkedIn direct message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | DirectLinkedInSendLimitProblem | ProblemDetails | DirectLinkedInSendResult | ProblemDetails
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
    body: SendDirectLinkedInMessageRequest,
) -> Response[
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
    | ProblemDetails
]:
    """Send a LinkedIn message to a contact

     Send a LinkedIn direct message (up to 8,000 characters) to a contact who is already a
    connection of the given LinkedIn account. Not idempotent.

    Error responses are INFERRED from the connection-request operation of the same family
    (`directLinkedIn.*` codes; `directLinkedIn.notConnected` when the contact is not a
    connection); the operationId and scope are INFERRED too.

    _Requires the `contacts:operate` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (SendDirectLinkedInMessageRequest): A LinkedIn direct message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | DirectLinkedInSendLimitProblem | ProblemDetails | DirectLinkedInSendResult | ProblemDetails]
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
    body: SendDirectLinkedInMessageRequest,
) -> (
    BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | DirectLinkedInSendLimitProblem
    | ProblemDetails
    | DirectLinkedInSendResult
    | ProblemDetails
    | None
):
    """Send a LinkedIn message to a contact

     Send a LinkedIn direct message (up to 8,000 characters) to a contact who is already a
    connection of the given LinkedIn account. Not idempotent.

    Error responses are INFERRED from the connection-request operation of the same family
    (`directLinkedIn.*` codes; `directLinkedIn.notConnected` when the contact is not a
    connection); the operationId and scope are INFERRED too.

    _Requires the `contacts:operate` scope (or a broader one that includes it)._

    Args:
        id (int):
        body (SendDirectLinkedInMessageRequest): A LinkedIn direct message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ProblemDetails | BusinessProblem | ValidationProblem | DirectLinkedInSendLimitProblem | ProblemDetails | DirectLinkedInSendResult | ProblemDetails
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
