from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.who_am_i import WhoAmI
from ...types import Response


def build_request() -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/whoami",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IdentityProblem | ProblemDetails | WhoAmI | None:
    if response.status_code == 200:
        response_200 = WhoAmI.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = IdentityProblem.from_dict(response.json())

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
) -> Response[IdentityProblem | ProblemDetails | WhoAmI]:
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
) -> Response[IdentityProblem | ProblemDetails | WhoAmI]:
    """Who a request acts for

     The Reply user and team a request acts for: the key's own user (personal key), the
    workspace owner (master key without acting headers) or the acting user named by
    `X-USER-ID` / `X-User-Email`; the team is `X-TEAM-ID` when sent, else the user's own
    (first) team. A cheap check that a key works, and the way to learn which user's rate-limit
    budget a key spends.

    Reply's CLI reads exactly `{userId, username, teamId}` (`username` is the login email);
    the published authentication page shows `{userId}` alone, so only `userId` is required.

    _Needs no scope: any valid key may ask who it acts for._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdentityProblem | ProblemDetails | WhoAmI]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> IdentityProblem | ProblemDetails | WhoAmI | None:
    """Who a request acts for

     The Reply user and team a request acts for: the key's own user (personal key), the
    workspace owner (master key without acting headers) or the acting user named by
    `X-USER-ID` / `X-User-Email`; the team is `X-TEAM-ID` when sent, else the user's own
    (first) team. A cheap check that a key works, and the way to learn which user's rate-limit
    budget a key spends.

    Reply's CLI reads exactly `{userId, username, teamId}` (`username` is the login email);
    the published authentication page shows `{userId}` alone, so only `userId` is required.

    _Needs no scope: any valid key may ask who it acts for._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdentityProblem | ProblemDetails | WhoAmI
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[IdentityProblem | ProblemDetails | WhoAmI]:
    """Who a request acts for

     The Reply user and team a request acts for: the key's own user (personal key), the
    workspace owner (master key without acting headers) or the acting user named by
    `X-USER-ID` / `X-User-Email`; the team is `X-TEAM-ID` when sent, else the user's own
    (first) team. A cheap check that a key works, and the way to learn which user's rate-limit
    budget a key spends.

    Reply's CLI reads exactly `{userId, username, teamId}` (`username` is the login email);
    the published authentication page shows `{userId}` alone, so only `userId` is required.

    _Needs no scope: any valid key may ask who it acts for._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdentityProblem | ProblemDetails | WhoAmI]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> IdentityProblem | ProblemDetails | WhoAmI | None:
    """Who a request acts for

     The Reply user and team a request acts for: the key's own user (personal key), the
    workspace owner (master key without acting headers) or the acting user named by
    `X-USER-ID` / `X-User-Email`; the team is `X-TEAM-ID` when sent, else the user's own
    (first) team. A cheap check that a key works, and the way to learn which user's rate-limit
    budget a key spends.

    Reply's CLI reads exactly `{userId, username, teamId}` (`username` is the login email);
    the published authentication page shows `{userId}` alone, so only `userId` is required.

    _Needs no scope: any valid key may ask who it acts for._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdentityProblem | ProblemDetails | WhoAmI
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
