from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.direct_linked_in_send_limit_code import DirectLinkedInSendLimitCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_extensions import ProblemExtensions


T = TypeVar("T", bound="DirectLinkedInSendLimitProblem")


@_attrs_define
class DirectLinkedInSendLimitProblem:
    """A LinkedIn send cap reached (429); not the API's rate limit."""

    code: DirectLinkedInSendLimitCode
    """ LinkedIn's own send caps, per LinkedIn account: the account sent as much as LinkedIn
    allows in a day or in a week. Answered with 429 and `Retry-After`, like the API budget,
    but they concern that LinkedIn account only.
     """
    title: str | Unset = UNSET
    """ Short summary, e.g. "Validation failed", "Not Found". """
    status: int | Unset = UNSET
    """ The HTTP status code. """
    detail: str | Unset = UNSET
    """ Human-readable explanation of this occurrence. """
    extensions: ProblemExtensions | Unset = UNSET
    """ Extra problem members (observed as `{}` on validation problems). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        title = self.title

        status = self.status

        detail = self.detail

        extensions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extensions, Unset):
            extensions = self.extensions.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_extensions import ProblemExtensions  # noqa: PLC0415

        d = dict(src_dict)
        code = DirectLinkedInSendLimitCode(d.pop("code"))

        title = d.pop("title", UNSET)

        status = d.pop("status", UNSET)

        detail = d.pop("detail", UNSET)

        _extensions = d.pop("extensions", UNSET)
        extensions: ProblemExtensions | Unset
        if isinstance(_extensions, Unset):
            extensions = UNSET
        else:
            extensions = ProblemExtensions.from_dict(_extensions)

        direct_linked_in_send_limit_problem = cls(
            code=code,
            title=title,
            status=status,
            detail=detail,
            extensions=extensions,
        )

        direct_linked_in_send_limit_problem.additional_properties = d
        return direct_linked_in_send_limit_problem

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
