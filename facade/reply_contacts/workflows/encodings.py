"""Which text encoding a file of rows is in: detected by a fixed rule, or given and checked.

What people import was written by a spreadsheet: UTF-8 (with or without a byte-order mark),
UTF-16 with a byte-order mark (Excel's "Unicode text"), or Windows-1252 (Excel's "CSV" on a
Western-European Windows, a superset of Latin-1's printable characters). The rule:

1. a byte-order mark names its encoding;
2. otherwise UTF-8 if the whole file decodes as UTF-8 (a Windows-1252 file with any accented
   letter does not: its single bytes above 0x7F are not valid UTF-8 sequences);
3. otherwise Windows-1252 if it decodes (all but five byte values do);
4. otherwise the file is refused, naming the first byte that is not UTF-8 and the fix.

Why no statistical detector (charset-normalizer, chardet): the rule above decides the encodings
people have with certainty, and among the single-byte ones a detector can only guess (a short
name list reads as well in Windows-1252 as in Windows-1250); a wrong guess would import
mis-spelled names silently, while a refusal names the file, the byte and `--encoding`.

The whole file is checked before the first row is read, so an undecodable byte near the end
fails the import before anything is sent, not half-way through. The check streams the file in
1 MiB pieces through the codec's incremental decoder: memory stays flat, and the cost is a
fraction of reading the rows themselves.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputEncodingError

__all__ = ["FALLBACK_ENCODING", "describe_encoding", "detect_encoding"]

FALLBACK_ENCODING = "cp1252"
_CHUNK = 1 << 20
# Byte-order marks, longest first: UTF-32 LE's mark begins with UTF-16 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf_8": "UTF-8", "cp1252": "Windows-1252"}
_FIX = (
    "pass the file's encoding: --encoding NAME on the command line, read_csv(path,"
    " encoding=NAME) in Python (e.g. latin-1, cp1250, utf-16-le)"
)


def describe_encoding(encoding: str) -> str:
    """A codec's name as people know it ("Windows-1252", "UTF-8")."""
    name = codecs.lookup(encoding).name
    return _NAMES.get(name, name.upper() if name.startswith("utf") else name)


def detect_encoding(path: str | Path, encoding: str | None = None) -> str:
    """The encoding to read `path` with: `encoding` when given (checked), else detected.

    Raises `InputEncodingError` when the file does not decode (naming the byte offset and line
    of the first byte that does not), `LookupError` for an encoding Python does not know, and
    `OSError` when the file cannot be read.
    """
    path = Path(path)
    if encoding is not None:
        codecs.lookup(encoding)  # an unknown name is a LookupError, before reading anything
        _require(path, encoding)
        return encoding
    with path.open("rb") as handle:
        head = handle.read(4096)
    for bom, name in _BOMS:
        if head.startswith(bom):
            _require(path, name)
            return name
    if head.count(b"\x00") * 4 >= len(head) > 0:
        # UTF-8 decodes NUL bytes, but text with a NUL every few bytes is UTF-16 or UTF-32
        # without a byte-order mark, or not text at all: guessing which would be a coin toss.
        # (A stray NUL in a cell is left to the row validation, which refuses that row only.)
        at = head.index(b"\x00")
        line = head[:at].count(b"\n") + 1
        raise InputEncodingError(
            path,
            f"NUL bytes (the first at byte {at:,}, line {line}): UTF-16 without a"
            f" byte-order mark, or not a text file; {_FIX}",
            encoding=None,
            position=at,
            line=line,
        )
    utf8 = _first_undecodable(path, "utf-8")
    if utf8 is None:
        return "utf-8"
    if _first_undecodable(path, FALLBACK_ENCODING) is None:
        return FALLBACK_ENCODING
    position, line, byte = utf8
    raise InputEncodingError(
        path,
        f"neither UTF-8 nor Windows-1252: byte 0x{byte:02x} at byte {position:,}"
        f" (line {line}) is not UTF-8, and the file holds bytes Windows-1252 does not define;"
        f" {_FIX}",
        encoding=None,
        position=position,
        line=line,
    )


def _require(path: Path, encoding: str) -> None:
    found = _first_undecodable(path, encoding)
    if found is None:
        return
    position, line, byte = found
    raise InputEncodingError(
        path,
        f"not {describe_encoding(encoding)}: byte 0x{byte:02x} at byte {position:,}"
        f" (line {line}) does not decode; {_FIX}",
        encoding=encoding,
        position=position,
        line=line,
    )


def _first_undecodable(path: Path, encoding: str) -> tuple[int, int, int] | None:
    """(byte offset, line, byte value) of the first byte of `path` that `encoding` cannot
    decode, or None when the whole file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0  # bytes of the file handed to the decoder so far
    newlines = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            # The decoder holds back the bytes of a sequence cut by the chunk boundary; an
            # error's offsets count from those held bytes.
            held = len(decoder.getstate()[0])
            try:
                newlines += decoder.decode(chunk, final=not chunk).count("\n")
            except UnicodeDecodeError as exc:
                data = bytes(exc.object)
                decoded = data[: exc.start].decode(encoding, errors="ignore")
                line = newlines + decoded.count("\n") + 1
                return offset - held + exc.start, line, data[exc.start]
            offset += len(chunk)
            if not chunk:
                return None
