"""Detect a catalog's format and text encoding from its bytes, not its extension."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from klisting.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls

#: Encodings tried, in order, when the file has no BOM. CP949 is a superset of EUC-KR.
FALLBACK_ENCODINGS = ("utf-8", "cp949")


@dataclass(frozen=True)
class Sniffed:
    format: str  # xlsx | xls | json | jsonl | csv
    encoding: str | None  # text formats only


def sniff_format(head: bytes, path: str) -> str:
    """``xlsx``, ``xls`` or ``text`` from the first bytes of the file."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"
    if not head.strip():
        raise InputError(
            f"{path}: the file is empty", hint="Export the catalog again; the file has no data."
        )
    return "text"


def sniff_text_format(text: str) -> str:
    """``json``, ``jsonl`` or ``csv`` from the decoded text."""
    start = text.lstrip()[:1]
    if start == "[":
        return "json"
    if start == "{":
        # One object per line is JSON Lines; a single object (on one line or many) is JSON.
        lines = [line for line in text.strip().splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].rstrip().endswith("}") and lines[1].lstrip().startswith("{"):
            return "jsonl"
        return "json"
    return "csv"


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``: the given encoding, a BOM, UTF-16 by its NUL pattern, UTF-8, then CP949.

    Returns (text, encoding). A file that mixes encodings, or is binary, is an InputError that
    names the first offending line and suggests what to do.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(
                f"unknown encoding '{encoding}'", hint="Use e.g. utf-8, cp949, euc-kr or utf-16."
            ) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"{path}: line {line} is not valid {encoding}",
                hint=f"Drop --encoding to detect it automatically, or try {_suggest(data)}.",
            ) from None
    detected = _bom_encoding(data) or _looks_utf16_without_bom(data)
    if detected:
        try:
            return data.decode(detected), detected
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"{path}: line {line} is not valid {detected} despite its byte-order mark"
            ) from None
    if b"\x00" in data[:65536]:
        raise InputError(
            f"{path}: this is a binary file, not a catalog",
            hint="Give a CSV, TSV, XLSX, JSON or JSON Lines export of the catalog.",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        _raise_if_mixed(data, path, utf8_error)
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}: line {line} is neither UTF-8 nor CP949 (EUC-KR) text",
            hint="If this is a catalog, re-save it as CSV UTF-8 and pass --encoding if you know it.",
        ) from None


def _raise_if_mixed(data: bytes, path: str, utf8_error: UnicodeDecodeError) -> None:
    """Raise when some non-ASCII lines are valid UTF-8 and others are not: a mixed file."""
    utf8_lines = 0
    first_bad = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            first_bad = first_bad or number
        if utf8_lines and first_bad:
            raise InputError(
                f"{path}: the file mixes encodings: line {first_bad} is not UTF-8 but other lines are",
                hint="Open the file in a spreadsheet and save it again as CSV UTF-8, "
                "or fix the lines that look garbled.",
            )


def _suggest(data: bytes) -> str:
    for candidate in FALLBACK_ENCODINGS:
        try:
            data.decode(candidate)
            return f"--encoding {candidate}"
        except UnicodeDecodeError:
            continue
    return "--encoding cp949"
