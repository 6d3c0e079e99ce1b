"""Where each column goes (issue 14 items 1-2, issue 11 item 4), over real HTTP against the
sandbox, sync and async: `column_map` reaches custom fields and refuses targets that are
nothing; a column matching nothing is decided once for the whole input, before anything is
sent, and the custom-field catalog is read at most once per import (requests counted by the
sandbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_support import run
from reply_contacts import ReplyContacts
from reply_contacts.errors import UnknownColumnsError
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.importing import ImportInterruptedError
from reply_contacts.workflows.rows import read_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"
UNKNOWN = FIXTURES / "unknown_columns.csv"


def requests(sb: Sandbox) -> dict[str, int]:
    stats = sb.stats()
    return {"total": stats["requests"], **stats["byOperation"]}


def people(count: int, **extra: str) -> list[dict[str, str]]:
    return [{"First Name": f"P{i}", "E-mail": f"p{i}@example.com", **extra} for i in range(count)]


async def custom_values(importer: Any, email: str) -> dict[str, Any]:
    contact = await run(importer.contacts.find_by_email(email))
    assert contact is not None
    return dict(await run(importer.contacts.custom_values(contact)))


# -- column_map (14.1) ---------------------------------------------------------------------


async def test_column_map_to_a_custom_field_title_stores_the_values(importer: Any) -> None:
    await run(importer.custom_fields.create(title="Lead Source", field_type="text"))
    rows = people(3, Source="Webinar")
    report = await run(
        importer.import_to_list(
            rows, list_name="Mapped", create_list=True, column_map={"Source": "Lead Source"}
        )
    )
    assert report.ok and report.created == 3
    for i in range(3):
        assert await custom_values(importer, f"p{i}@example.com") == {"Lead Source": "Webinar"}


async def test_column_map_to_a_contact_field_by_api_name_or_header(importer: Any) -> None:
    rows = [{"Given": "Ann", "Mail": "ann@example.com", "Job": "CTO", "Town": "Oslo"}]
    mapping = {"Given": "firstName", "Mail": "E-mail", "Job": "Job Title", "Town": "city"}
    await run(
        importer.import_to_list(rows, list_name="Mapped", create_list=True, column_map=mapping)
    )
    ann = await run(importer.contacts.find_by_email("ann@example.com"))
    assert (ann.first_name, ann.title, ann.city) == ("Ann", "CTO", "Oslo")


# Even with unknown columns ignored: a column mapped on purpose is never dropped quietly.
@pytest.mark.parametrize("ignore_unknown_columns", [False, True])
async def test_column_map_to_nothing_is_refused_before_any_write(
    importer: Any, sb: Sandbox, ignore_unknown_columns: bool
) -> None:
    with pytest.raises(UnknownColumnsError) as refused:
        await run(
            importer.import_to_list(
                people(5, Source="Webinar"),
                list_name="Mapped",
                create_list=True,
                column_map={"Source": "Totally Bogus"},
                ignore_unknown_columns=ignore_unknown_columns,
            )
        )
    assert refused.value.targets == {"Source": "Totally Bogus"}
    assert refused.value.columns == []
    assert "'Source' to 'Totally Bogus'" in str(refused.value)
    assert requests(sb) == {"total": 1, "GetCustomFields": 1}  # the catalog read, nothing else
    assert sb.query("SELECT count(*) AS n FROM contact_lists")[0]["n"] == 0
    assert sb.count_contacts() == 0


async def test_a_missing_target_is_created_when_asked(importer: Any) -> None:
    report = await run(
        importer.import_to_list(
            people(2, Source="Referral"),
            list_name="Mapped",
            create_list=True,
            column_map={"Source": "Lead Source"},
            create_missing_fields=True,
        )
    )
    assert report.ok and report.created == 2
    assert await custom_values(importer, "p1@example.com") == {"Lead Source": "Referral"}
    titles = [f.title for f in await run(importer.custom_fields.list())]
    assert titles.count("Lead Source") == 1 and "Source" not in titles


async def test_column_map_naming_a_column_the_file_lacks_is_refused(
    importer: Any, sb: Sandbox
) -> None:
    with pytest.raises(ValueError, match="column_map names 'Favorite Color'"):
        await run(
            importer.import_to_list(
                read_csv(UNKNOWN),
                list_name="Typo",
                create_list=True,
                column_map={"Favorite Color": "notes"},
                ignore_unknown_columns=True,
            )
        )
    assert requests(sb)["total"] == 0


# -- unknown columns, decided once (14.2, 11.4) --------------------------------------------


async def import_150_with_an_unknown_column(importer: Any, **options: Any) -> Any:
    rows = people(150, **{"Favourite Colour": "blue"})
    return await run(importer.import_to_list(rows, list_name="Q4", create_list=True, **options))


async def test_150_rows_with_an_unknown_column_cost_one_request_and_are_refused(
    importer: Any, sb: Sandbox
) -> None:
    with pytest.raises(UnknownColumnsError) as refused:
        await import_150_with_an_unknown_column(importer)
    assert refused.value.columns == ["Favourite Colour"]
    message = str(refused.value)
    assert "create_missing_fields=True" in message and "ignore_unknown_columns=True" in message
    assert requests(sb) == {"total": 1, "GetCustomFields": 1}
    assert sb.count_contacts() == 0
    assert sb.query("SELECT count(*) AS n FROM contact_lists")[0]["n"] == 0  # no list left behind


async def test_150_rows_with_an_ignored_unknown_column_cost_3_requests_plus_imports(
    importer: Any, sb: Sandbox
) -> None:
    report = await import_150_with_an_unknown_column(importer, ignore_unknown_columns=True)
    assert report.ok and report.created == 150 and report.import_requests == 1
    used = requests(sb)
    assert used["total"] <= 3 + report.import_requests, used
    assert used["GetCustomFields"] == 1
    assert await custom_values(importer, "p7@example.com") == {}


async def test_150_rows_with_a_created_column_read_the_catalog_once(
    importer: Any, sb: Sandbox
) -> None:
    report = await import_150_with_an_unknown_column(importer, create_missing_fields=True)
    assert report.ok and report.created == 150
    used = requests(sb)
    assert used["GetCustomFields"] == 1 and used["CreateCustomField"] == 1
    assert used["total"] <= 4 + report.import_requests, used
    assert await custom_values(importer, "p149@example.com") == {"Favourite Colour": "blue"}


async def test_unknown_columns_of_a_file_are_listed_together_before_anything_is_sent(
    importer: Any, sb: Sandbox
) -> None:
    with pytest.raises(UnknownColumnsError) as refused:
        await run(importer.import_to_list(read_csv(UNKNOWN), list_name="Q4", create_list=True))
    assert refused.value.columns == ["Favourite Colour", "Shoe Size"]
    assert requests(sb) == {"total": 1, "GetCustomFields": 1}


async def test_unknown_columns_of_dict_rows_are_listed_together(importer: Any) -> None:
    rows: list[dict[str, str]] = [
        {"firstName": "Ann", "email": "ann@example.com", "Colour": "blue"},
        {"firstName": "Bob", "email": "bob@example.com"},
        {"firstName": "Cy", "email": "cy@example.com", "Shoe Size": "44", "Colour": "red"},
    ]
    with pytest.raises(UnknownColumnsError) as refused:
        await run(importer.import_to_list(rows, list_name="Q4", create_list=True))
    assert refused.value.columns == ["Colour", "Shoe Size"]


async def test_ignore_columns_leaves_named_columns_out(importer: Any, sb: Sandbox) -> None:
    report = await run(
        importer.import_to_list(
            read_csv(UNKNOWN),
            list_name="Q4",
            create_list=True,
            ignore_columns=["favourite colour", "Shoe Size"],  # matched without case
        )
    )
    assert report.ok and report.created == 3
    assert requests(sb).get("GetCustomFields", 0) == 0  # every other column is a contact field


async def test_a_cached_catalog_that_misses_is_refreshed_once_per_import(
    importer: Any, sb: Sandbox
) -> None:
    await run(importer.custom_fields.create(title="Deal Stage", field_type="text"))
    await run(importer.custom_fields.list())  # the client's catalog is loaded and current
    # Another client adds a field: this client's cached catalog does not know it.
    with ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None) as other:
        other.custom_fields.create(title="Lead Source", field_type="text")
    sb.reset_stats()
    rows = [
        {"firstName": f"P{i}", "email": f"p{i}@example.com", "Deal Stage": "Won"}
        | ({"Lead Source": "Ads"} if i % 2 else {})
        | ({"Mystery": "?"} if i >= 100 else {})
        for i in range(120)
    ]
    report = await run(
        importer.import_to_list(rows, list_name="Q4", create_list=True, ignore_unknown_columns=True)
    )
    assert report.ok and report.created == 120
    assert requests(sb)["GetCustomFields"] == 1  # one refresh for "Lead Source", none for "Mystery"
    assert await custom_values(importer, "p1@example.com") == {
        "Deal Stage": "Won",
        "Lead Source": "Ads",
    }


async def test_an_unknown_column_first_seen_after_rows_were_sent_stops_with_the_report(
    importer: Any, sb: Sandbox
) -> None:
    rows = people(25)
    rows[17] = {**rows[17], "Colour": "blue"}
    with pytest.raises(ImportInterruptedError) as stopped:
        await run(importer.import_to_list(rows, list_name="Q4", create_list=True, batch_size=10))
    assert isinstance(stopped.value.__cause__, UnknownColumnsError)
    assert stopped.value.__cause__.columns == ["Colour"]
    assert stopped.value.report.total == 10 and stopped.value.report.created == 10
    assert sb.count_contacts() == 10  # the batch holding the column was not sent


async def test_api_shaped_rows_name_custom_fields_by_title_or_id(importer: Any) -> None:
    await run(importer.custom_fields.create(title="Deal Stage", field_type="text"))
    score = await run(importer.custom_fields.create(title="Lead Score", field_type="number"))
    rows = [
        {
            "firstName": "Ann",
            "email": "ann@example.com",
            "customFields": [
                {"name": "deal stage", "value": "Won"},
                {"key": str(score.id), "value": "7"},
            ],
        }
    ]
    report = await run(importer.import_to_list(rows, list_name="API", create_list=True))
    assert report.ok, report.failures
    assert await custom_values(importer, "ann@example.com") == {
        "Deal Stage": "Won",
        "Lead Score": "7",
    }
    rows[0]["customFields"] = [{"name": "Nope", "value": "x"}]
    with pytest.raises(UnknownColumnsError) as refused:
        await run(importer.import_to_list(rows, list_name="API"))
    assert refused.value.columns == ["Nope"]
