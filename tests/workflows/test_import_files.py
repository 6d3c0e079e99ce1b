"""CSV files as people have them (issue 11 items 2, 3, 5, 6): encodings and delimiters detected
or given, undecodable input refused before anything is sent, empty files said to be empty, and
rows numbered by their file line; read directly, and imported over real HTTP against the
sandbox with the sync and the async client."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from import_support import run
from reply_contacts.errors import EmptyInputError, InputEncodingError, InputFileError, ReplyError
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.import_report import RowStatus
from reply_contacts.workflows.rows import read_csv, read_jsonl, read_rows
from reply_contacts.workflows.sources import require_rows, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"
WINDOWS_1252 = FIXTURES / "excel_windows1252_semicolon.csv"
UTF16 = FIXTURES / "excel_unicode_text_utf16.csv"
PIPE = FIXTURES / "utf8_bom_pipe.csv"
MULTILINE = FIXTURES / "multiline_cells.csv"
UNDECODABLE = FIXTURES / "neither_utf8_nor_windows1252.csv"


# -- encodings -----------------------------------------------------------------------------


def test_the_fixtures_are_the_bytes_they_claim() -> None:
    # Guards the fixtures against an editor re-saving them as UTF-8.
    raw = WINDOWS_1252.read_bytes()
    assert b"\x80" in raw and b";" in raw and b"\r\n" in raw  # the euro sign, as 1252 spells it
    assert UTF16.read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert PIPE.read_bytes().startswith(codecs.BOM_UTF8)


def test_windows_1252_with_semicolons_reads_as_excel_wrote_it() -> None:
    rows = read_csv(WINDOWS_1252)
    assert (rows.encoding, rows.delimiter) == ("cp1252", ";")
    assert rows.columns == ("First Name", "Last Name", "Email", "Company", "Title", "City")
    first, second, third = list(rows)
    assert first["First Name"] == "Jürgen" and first["Last Name"] == "Weiß"
    assert first["Company"] == "Müller & Söhne, GmbH"  # the comma is no delimiter here
    assert second["City"] == "Besançon"
    assert third["Title"] == "Jefa de ventas (€ 2M)"  # 0x80 is the euro sign: not Latin-1
    assert [row.line for row in (first, second, third)] == [2, 3, 4]


def test_utf16_with_a_byte_order_mark_and_tabs() -> None:
    rows = read_csv(UTF16)
    assert (rows.encoding, rows.delimiter) == ("utf-16", "\t")
    assert rows.columns[0] == "First Name"  # no byte-order mark left in the first header
    names = [(row["First Name"], row["Company"]) for row in rows]
    assert names == [("Søren", "Ålesund AS"), ("李", "龙 Ltd"), ("Zoë", "Globex, Inc.")]


def test_utf8_with_a_byte_order_mark_and_pipes() -> None:
    rows = read_csv(PIPE)
    assert (rows.encoding, rows.delimiter) == ("utf-8-sig", "|")
    assert [row["Title"] for row in rows] == ["VP, Sales", "CTO"]


def test_utf8_without_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_bytes("First Name,Email\nRené,rene@example.com\n".encode())
    rows = read_csv(path)
    assert rows.encoding == "utf-8"
    assert [row["First Name"] for row in rows] == ["René"]


def test_an_undecodable_file_names_the_file_the_byte_and_the_fix() -> None:
    with pytest.raises(InputEncodingError) as refused:
        read_csv(UNDECODABLE)
    error = refused.value
    assert isinstance(error, ReplyError) and isinstance(error, ValueError)
    assert (error.position, error.line, error.encoding) == (20, 2, None)
    assert UNDECODABLE.read_bytes()[error.position] == 0xE9
    message = str(error)
    assert str(UNDECODABLE) in message
    assert "byte 0xe9 at byte 20 (line 2)" in message
    assert "--encoding" in message and "encoding=" in message


def test_the_encoding_can_be_given() -> None:
    rows = read_csv(UNDECODABLE, encoding="latin-1")
    assert [row["First Name"] for row in rows] == ["René", "X\x81"]


def test_a_given_encoding_that_does_not_fit_is_refused_at_the_first_bad_byte() -> None:
    with pytest.raises(InputEncodingError) as refused:
        read_csv(WINDOWS_1252, encoding="utf-8")
    error = refused.value
    assert error.encoding == "utf-8" and error.line == 2
    assert WINDOWS_1252.read_bytes()[error.position] == ord("ü".encode("cp1252"))
    assert "not UTF-8" in str(error)
    with pytest.raises(LookupError):
        read_csv(WINDOWS_1252, encoding="no-such-codec")


def test_a_bad_byte_far_into_a_big_file_fails_before_any_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    good = b"".join(b"Person%d,p%d@example.com\n" % (i, i) for i in range(60_000))
    path.write_bytes(b"First Name,Email\n" + good + b"Bad\x81\xff,bad@example.com\n")
    assert len(good) > 1 << 20  # the bad byte lies past the first chunk the check reads
    with pytest.raises(InputEncodingError) as refused:
        read_csv(path)
    assert refused.value.line == 60_002
    assert refused.value.position == len(b"First Name,Email\n") + len(good) + 3


def test_utf16_without_a_byte_order_mark_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "utf16le.csv"
    path.write_bytes("First Name,Email\nAnn,ann@example.com\n".encode("utf-16-le"))
    with pytest.raises(InputEncodingError, match="UTF-16 without a byte-order mark"):
        read_csv(path)
    assert [row["First Name"] for row in read_csv(path, encoding="utf-16-le")] == ["Ann"]


def test_jsonl_files_are_checked_and_numbered_too(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"firstName": "Ann"}\n\n{"firstName": "Bob"}\n', encoding="utf-8")
    assert [row.line for row in read_jsonl(path)] == [1, 3]
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"firstName": "Ann"}\n{nope\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="line 2: not JSON"):
        list(read_rows(broken))


# -- delimiters, line ends, multi-line cells -----------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_each_delimiter_is_detected_with_either_line_end(
    tmp_path: Path, delimiter: str, newline: str
) -> None:
    cells = [
        ["First Name", "Company", "Notes"],
        ["Ann", "Globex, Inc.; EMEA", 'said "hi" | left'],
        ["Bob", "Initech", "two" + newline + "lines"],
    ]
    text = newline.join(
        delimiter.join('"' + cell.replace('"', '""') + '"' for cell in row) for row in cells
    )
    path = tmp_path / "rows.csv"
    path.write_bytes((text + newline).encode())
    rows = read_csv(path)
    assert rows.delimiter == delimiter
    assert [[row[c] for c in rows.columns] for row in rows] == cells[1:]
    assert [row.line for row in rows] == [2, 3]


def test_unquoted_cells_holding_other_delimiters_do_not_fool_the_detection() -> None:
    # Semicolon files where cells hold commas, comma files where cells hold semicolons.
    assert sniff_delimiter("Name;Company\nAnn;Globex, Inc.\nBob;A, B, C\n") == ";"
    assert sniff_delimiter("Name,Notes\nAnn,a;b;c\nBob,x;y\n") == ","
    assert sniff_delimiter("Email\nann@example.com\n") == ","  # one column: nothing to find


def test_the_delimiter_can_be_given() -> None:
    rows = read_csv(WINDOWS_1252, delimiter=",")
    assert rows.delimiter == ","
    assert rows.columns[0] == "First Name;Last Name;Email;Company;Title;City"
    assert read_csv(UTF16, delimiter="tab").delimiter == "\t"
    with pytest.raises(ValueError, match="one character"):
        read_csv(PIPE, delimiter=";;")


def test_a_record_is_numbered_by_the_line_it_starts_on() -> None:
    rows = list(read_csv(MULTILINE))
    assert [row.line for row in rows] == [2, 3, 7, 8, 10]
    assert rows[1]["Notes"] == 'Call back:\r\nTuesday, 10:00\r\nask for "the deck"'


def test_an_unclosed_quote_is_an_error_naming_its_line_not_a_cell_that_eats_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "unclosed.csv"
    path.write_text('First Name,Notes\nAnn,fine\nBob,"never closed\nCy,lost\n', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"line 3: not valid CSV"):
        list(read_csv(path))


def test_cells_past_the_header_are_kept_as_stray_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("First Name,Email,\nAnn,ann@example.com,,\nBob,b@example.com,x,y\n")
    ann, bob = read_csv(path)
    assert ann.stray == () and bob.stray == ("x", "y")


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("First Name,Email,Email\nAnn,a@example.com,b@example.com\n")
    with pytest.raises(InputFileError, match=r"'Email' twice \(columns 2 and 3\)"):
        read_csv(path)


# -- empty files ---------------------------------------------------------------------------


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError, match="the file is empty"):
        read_csv(FIXTURES / "empty.csv")
    blank = tmp_path / "blank.csv"
    blank.write_text("\r\n  \n")
    with pytest.raises(EmptyInputError):
        read_csv(blank)


def test_a_header_only_file_has_no_rows_and_require_rows_says_so() -> None:
    rows = read_csv(FIXTURES / "header_only.csv")
    assert rows.columns == ("First Name", "Last Name", "Email") and list(rows) == []
    with pytest.raises(EmptyInputError, match="a header and no rows"):
        require_rows(rows)
    require_rows(read_csv(PIPE))  # a file with rows passes


# -- imported over HTTP --------------------------------------------------------------------


async def test_excel_files_import_with_their_names_intact(importer: Any, sb: Sandbox) -> None:
    for path in (WINDOWS_1252, UTF16):
        report = await run(
            importer.import_to_list(read_csv(path), list_name="Europe", create_list=True)
        )
        assert report.ok and report.created == 3, report.failures
    stored = {str(r["email"]): r for r in sb.query("SELECT * FROM contacts")}
    assert stored["juergen@example.de"]["first_name"] == "Jürgen"
    assert stored["juergen@example.de"]["company"] == "Müller & Söhne, GmbH"
    assert stored["ana@example.es"]["title"] == "Jefa de ventas (€ 2M)"
    assert stored["li@example.cn"]["last_name"] == "小龙"
    assert stored["soren@example.no"]["company"] == "Ålesund AS"


async def test_report_rows_carry_their_file_lines(importer: Any) -> None:
    report = await run(
        importer.import_to_list(read_csv(MULTILINE), list_name="Lines", create_list=True)
    )
    assert [o.line for o in report] == [2, 3, 7, 8, 10]
    assert [o.status for o in report.failures] == [RowStatus.INVALID, RowStatus.INVALID]
    assert [f.location for f in report.failures] == ["line 7", "line 8"]
    assert "firstName is required" in (report.failures[0].reason or "")
    assert "invalid email" in (report.failures[1].reason or "")
    rows = json.loads(json.dumps(report.to_dict()))["rows"]
    assert [(r["row"], r["line"]) for r in rows] == [(0, 2), (1, 3), (2, 7), (3, 8), (4, 10)]


async def test_progress_names_the_line_of_the_last_row_settled(importer: Any) -> None:
    seen: list[tuple[int, int | None]] = []
    await run(
        importer.import_to_list(
            read_csv(MULTILINE),
            list_name="Lines",
            create_list=True,
            batch_size=2,
            on_progress=lambda p: seen.append((p.rows_done, p.line)),
        )
    )
    assert seen == [(2, 3), (5, 10)]  # a batch closes at 2 good rows; invalid rows ride along


async def test_an_undecodable_file_sends_nothing(importer: Any, sb: Sandbox) -> None:
    with pytest.raises(InputEncodingError):
        await run(importer.import_to_list(read_csv(UNDECODABLE), list_name="X", create_list=True))
    assert sb.stats()["requests"] == 0
