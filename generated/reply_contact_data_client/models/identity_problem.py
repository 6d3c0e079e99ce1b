from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.team_resolution_code import TeamResolutionCode
from ..models.user_resolution_code import UserResolutionCode
from ..models.workspace_problem_code import WorkspaceProblemCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_extensions import ProblemExtensions
    from ..models.team_summary import TeamSummary


T = TypeVar("T", bound="IdentityProblem")


@_attrs_define
class IdentityProblem:
    """A problem resolving who a request acts for. The codes are the backend's own constants
    (upper snake case, not `<resource>.<variant>`), except `workspace.organizationRequired`.

    """

    code: TeamResolutionCode | UserResolutionCode | WorkspaceProblemCode
    title: str | Unset = UNSET
    """ Short summary, e.g. "Validation failed", "Not Found". """
    status: int | Unset = UNSET
    """ The HTTP status code. """
    detail: str | Unset = UNSET
    """ Human-readable explanation of this occurrence. """
    extensions: ProblemExtensions | Unset = UNSET
    """ Extra problem members (observed as `{}` on validation problems). """
    teams: list[TeamSummary] | Unset = UNSET
    """ The user's teams (team problems only). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: str
        if isinstance(self.code, TeamResolutionCode):
            code = self.code.value
        elif isinstance(self.code, UserResolutionCode):
            code = self.code.value
        else:
            code = self.code.value

        title = self.title

        status = self.status

        detail = self.detail

        extensions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extensions, Unset):
            extensions = self.extensions.to_dict()

        teams: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.teams, Unset):
            teams = []
            for teams_item_data in self.teams:
                teams_item = teams_item_data.to_dict()
                teams.append(teams_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if status is not UNSET:
            field_dict["status"] = status
        if detail is not UNSET:
            field_dict["detail"] = detail
        if extensions is not UNSET:
            field_dict["extensions"] = extensions
        if teams is not UNSET:
            field_dict["teams"] = teams

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_extensions import ProblemExtensions  # noqa: PLC0415
        from ..models.team_summary import TeamSummary  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_code(data: object) -> TeamResolutionCode | UserResolutionCode | WorkspaceProblemCode:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_type_0 = TeamResolutionCode(data)

                return code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_type_1 = UserResolutionCode(data)

                return code_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            code_type_2 = WorkspaceProblemCode(data)

            return code_type_2

        code = _parse_code(d.pop("code"))

        title = d.pop("title", UNSET)

        status = d.pop("status", UNSET)

        detail = d.pop("detail", UNSET)

        _extensions = d.pop("extensions", UNSET)
        extensions: ProblemExtensions | Unset
        if isinstance(_extensions, Unset):
            extensions = UNSET
        else:
            extensions = ProblemExtensions.from_dict(_extensions)

        _teams = d.pop("teams", UNSET)
        teams: list[TeamSummary] | Unset = UNSET
        if _teams is not UNSET:
            teams = []
            for teams_item_data in _teams:
                teams_item = TeamSummary.from_dict(teams_item_data)

                teams.append(teams_item)

        identity_problem = cls(
            code=code,
            title=title,
            status=status,
            detail=detail,
            extensions=extensions,
            teams=teams,
        )

        identity_problem.additional_properties = d
        return identity_problem

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
