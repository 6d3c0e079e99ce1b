from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.background_job_page import BackgroundJobPage
from ...models.business_problem import BusinessProblem
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def build_request(
    *,
    top: int | Unset = 100,
    skip: int | Unset = 0,
    category: str | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""

    params: dict[str, Any] = {}

    params["top"] = top

    params["skip"] = skip

    params["category"] = category

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/background-jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BackgroundJobPage
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    if response.status_code == 200:
        response_200 = BackgroundJobPage.from_dict(response.json())

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
    BackgroundJobPage
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
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = 100,
    skip: int | Unset = 0,
    category: str | Unset = UNSET,
) -> Response[
    BackgroundJobPage
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
]:
    """List background jobs

     The user's background jobs, newest first, optionally narrowed to one `category`. Paged
    with `top` (default 100, max 200) / `skip`.

    _Requires the `other:read` scope (or a broader one that includes it)._

    Args:
        top (int | Unset):  Default: 100.
        skip (int | Unset):  Default: 0.
        category (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackgroundJobPage | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails]
    """

    kwargs = build_request(
        top=top,
        skip=skip,
        category=category,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = 100,
    skip: int | Unset = 0,
    category: str | Unset = UNSET,
) -> (
    BackgroundJobPage
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    """List background jobs

     The user's background jobs, newest first, optionally narrowed to one `category`. Paged
    with `top` (default 100, max 200) / `skip`.

    _Requires the `other:read` scope (or a broader one that includes it)._

    Args:
        top (int | Unset):  Default: 100.
        skip (int | Unset):  Default: 0.
        category (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackgroundJobPage | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails
    """

    return sync_detailed(
        client=client,
        top=top,
        skip=skip,
        category=category,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = 100,
    skip: int | Unset = 0,
    category: str | Unset = UNSET,
) -> Response[
    BackgroundJobPage
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
]:
    """List background jobs

     The user's background jobs, newest first, optionally narrowed to one `category`. Paged
    with `top` (default 100, max 200) / `skip`.

    _Requires the `other:read` scope (or a broader one that includes it)._

    Args:
        top (int | Unset):  Default: 100.
        skip (int | Unset):  Default: 0.
        category (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BackgroundJobPage | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails]
    """

    kwargs = build_request(
        top=top,
        skip=skip,
        category=category,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    top: int | Unset = 100,
    skip: int | Unset = 0,
    category: str | Unset = UNSET,
) -> (
    BackgroundJobPage
    | BusinessProblem
    | BusinessProblem
    | IdentityProblem
    | ProblemDetails
    | BusinessProblem
    | ValidationProblem
    | ProblemDetails
    | None
):
    """List background jobs

     The user's background jobs, newest first, optionally narrowed to one `category`. Paged
    with `top` (default 100, max 200) / `skip`.

    _Requires the `other:read` scope (or a broader one that includes it)._

    Args:
        top (int | Unset):  Default: 100.
        skip (int | Unset):  Default: 0.
        category (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BackgroundJobPage | BusinessProblem | BusinessProblem | IdentityProblem | ProblemDetails | BusinessProblem | ValidationProblem | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            top=top,
            skip=skip,
            category=category,
        )
    ).parsed
