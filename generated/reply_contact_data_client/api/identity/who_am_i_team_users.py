from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.identity_problem import IdentityProblem
from ...models.problem_details import ProblemDetails
from ...models.team_summary import TeamSummary
from ...types import Response


def build_request() -> dict[str, Any]:
    """The keyword arguments of `httpx.Client.request` for this operation (method, url, params,
    headers, json). Public so a caller with its own request loop can send it."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/whoami/team-users",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IdentityProblem | ProblemDetails | list[TeamSummary] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = TeamSummary.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[IdentityProblem | ProblemDetails | list[TeamSummary]]:
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
) -> Response[IdentityProblem | ProblemDetails | list[TeamSummary]]:
    """The teams a request can act in

     The teams of the acting user's organization that the user can act in (pass one as
    `X-TEAM-ID`). Organization workspaces only: a personal account answers 403
    `workspace.organizationRequired`, and its single team is `teamId` of `GET /v3/whoami`.
    The answer is a bare array; Reply's CLI also accepts PascalCase members
    (`TeamId`, `TeamName`).

    _Needs no scope: any valid key may ask._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdentityProblem | ProblemDetails | list[TeamSummary]]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> IdentityProblem | ProblemDetails | list[TeamSummary] | None:
    """The teams a request can act in

     The teams of the acting user's organization that the user can act in (pass one as
    `X-TEAM-ID`). Organization workspaces only: a personal account answers 403
    `workspace.organizationRequired`, and its single team is `teamId` of `GET /v3/whoami`.
    The answer is a bare array; Reply's CLI also accepts PascalCase members
    (`TeamId`, `TeamName`).

    _Needs no scope: any valid key may ask._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdentityProblem | ProblemDetails | list[TeamSummary]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[IdentityProblem | ProblemDetails | list[TeamSummary]]:
    """The teams a request can act in

     The teams of the acting user's organization that the user can act in (pass one as
    `X-TEAM-ID`). Organization workspaces only: a personal account answers 403
    `workspace.organizationRequired`, and its single team is `teamId` of `GET /v3/whoami`.
    The answer is a bare array; Reply's CLI also accepts PascalCase members
    (`TeamId`, `TeamName`).

    _Needs no scope: any valid key may ask._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdentityProblem | ProblemDetails | list[TeamSummary]]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> IdentityProblem | ProblemDetails | list[TeamSummary] | None:
    """The teams a request can act in

     The teams of the acting user's organization that the user can act in (pass one as
    `X-TEAM-ID`). Organization workspaces only: a personal account answers 403
    `workspace.organizationRequired`, and its single team is `teamId` of `GET /v3/whoami`.
    The answer is a bare array; Reply's CLI also accepts PascalCase members
    (`TeamId`, `TeamName`).

    _Needs no scope: any valid key may ask._

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdentityProblem | ProblemDetails | list[TeamSummary]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
