from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.background_job_cancel_request import BackgroundJobCancelRequest
from ...models.business_problem import BusinessProblem
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def build_request(
    job_id: UUID,
    *,
    body: BackgroundJobCancelRequest | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/background-jobs/{job_id}/cancel".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 503:
        response_503 = BusinessProblem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
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
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BackgroundJobCancelRequest | Unset = UNSET,
) -> Response[
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
]:
    """Cancel a background job

     Ask a job to stop, with an optional reason. The body may be omitted. Idempotent: a job
    that is already cancelled answers 204 as well.

    _Requires the `other:operate` scope (or a broader one that includes it)._

    Args:
        job_id (UUID):
        body (BackgroundJobCancelRequest | Unset): Optional cancellation details; an empty object
            (or no body) is valid.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails]
    """

    kwargs = build_request(
        job_id=job_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BackgroundJobCancelRequest | Unset = UNSET,
) -> (
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    """Cancel a background job

     Ask a job to stop, with an optional reason. The body may be omitted. Idempotent: a job
    that is already cancelled answers 204 as well.

    _Requires the `other:operate` scope (or a broader one that includes it)._

    Args:
        job_id (UUID):
        body (BackgroundJobCancelRequest | Unset): Optional cancellation details; an empty object
            (or no body) is valid.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BackgroundJobCancelRequest | Unset = UNSET,
) -> Response[
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
]:
    """Cancel a background job

     Ask a job to stop, with an optional reason. The body may be omitted. Idempotent: a job
    that is already cancelled answers 204 as well.

    _Requires the `other:operate` scope (or a broader one that includes it)._

    Args:
        job_id (UUID):
        body (BackgroundJobCancelRequest | Unset): Optional cancellation details; an empty object
            (or no body) is valid.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails]
    """

    kwargs = build_request(
        job_id=job_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    job_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BackgroundJobCancelRequest | Unset = UNSET,
) -> (
    Any
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    """Cancel a background job

     Ask a job to stop, with an optional reason. The body may be omitted. Idempotent: a job
    that is already cancelled answers 204 as well.

    _Requires the `other:operate` scope (or a broader one that includes it)._

    Args:
        job_id (UUID):
        body (BackgroundJobCancelRequest | Unset): Optional cancellation details; an empty object
            (or no body) is valid.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            body=body,
        )
    ).parsed
