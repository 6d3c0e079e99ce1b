"""The pytest plugin reports a user's test that fails with an SDK error in a few lines: the test's
own frames and the error, not the SDK's and httpx's frames, and not the chain beneath it."""

from __future__ import annotations

import re
import textwrap

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
from reply_contacts.errors import NotFoundError


def load_deal(client, contact_id):
    return client.contacts.get(contact_id)


def test_reads_a_missing_contact(reply_client):
    load_deal(reply_client, 424242)


def test_plain_assertion_is_left_alone(reply_client):
    assert reply_client.contacts.count() == 1
"""


@pytest.fixture
def report(pytester: pytest.Pytester) -> pytest.RunResult:
    pytester.makepyfile(test_user=textwrap.dedent(USER_TESTS))
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "ignore")


def failure_section(result: pytest.RunResult, test: str) -> list[str]:
    lines = result.outlines
    start = next(i for i, line in enumerate(lines) if line.strip("_ ") == test)
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith(("____", "====="))),
        len(lines),
    )
    return lines[start:end]


def test_an_sdk_error_is_reported_in_a_few_lines(report: pytest.RunResult) -> None:
    report.assert_outcomes(failed=2)
    section = failure_section(report, "test_reads_a_missing_contact")
    text = "\n".join(section)
    assert "load_deal(reply_client, 424242)" in text  # the user's frames stay
    assert "return client.contacts.get(contact_id)" in text
    assert any(  # and the error
        re.match(r"E\s+reply_contacts\.errors\.NotFoundError: 404 Not Found", line)
        for line in section
    ), text
    locations = [line for line in section if re.match(r"\S+\.py:\d+:", line)]
    assert locations and all(line.startswith("test_user.py:") for line in locations), locations
    assert "--fulltrace" in text  # how to see the rest
    assert len(section) <= 30, text


def test_fulltrace_shows_everything(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=textwrap.dedent(USER_TESTS))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--fulltrace")
    section = failure_section(result, "test_reads_a_missing_contact")
    assert any("stack.py" in line for line in section)
    assert len(section) > 30


def test_other_failures_are_reported_as_pytest_does(report: pytest.RunResult) -> None:
    section = failure_section(report, "test_plain_assertion_is_left_alone")
    assert "assert 0 == 1" in "\n".join(section)
    assert "--fulltrace" not in "\n".join(section)
