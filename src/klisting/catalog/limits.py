"""Resource limits of the catalog readers: workbook zip bombs and overlong cells.

An XLSX file is a zip of XML. A 9 MB file can declare (or, with a lying header, hold) sheets
that expand to gigabytes, and the spreadsheet reader then tries to allocate all of it and the
process dies. :func:`check_workbook_zip` looks at every member before any reader opens the file:
declared sizes and compression ratios first, then the large members are decompressed as a
stream with a cap, so a member whose header lies is caught too. It costs one decompression of
the big members (zlib, far faster than parsing the XML).

A cell longer than :data:`MAX_CELL_CHARS` (a 5 MB title pasted by accident) is cut to that
length with a note naming the row and column, and a short field (title, SKU, brand ...) longer
than :data:`MAX_FIELD_CHARS` is cut to that: every platform caps descriptions below the first
(Qoo10 40,000, Lazada 25,000 characters) and titles far below the second, and translating
megabytes of text no listing can hold would take hours.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from klisting.errors import InputError
from klisting.model.codes import Code, declare
from klisting.model.finding import Severity

#: total uncompressed bytes a workbook may hold
MAX_UNPACKED_BYTES = 1024 * 2**20
#: uncompressed / compressed above this, for members larger than RATIO_FLOOR, is a bomb
#: (sheet XML compresses 5-30x; deflate's ceiling is about 1030x)
MAX_RATIO = 200
RATIO_FLOOR = 4 * 2**20
#: members whose compressed data is this large are decompressed to check their real size
#: (smaller ones cannot expand past 1030 x this, about 256 MB)
STREAM_CHECK_FROM = 256 * 1024
MAX_CELL_CHARS = 50_000
#: every text field but the description (titles are 100-255 characters on every platform)
MAX_FIELD_CHARS = 1_000

declare(
    Code(
        "catalog.cell-too-long",
        Severity.WARNING,
        None,
        f"A cell holds more than {MAX_CELL_CHARS:,} characters; only the first ones are read.",
        "Check the cell: no listing field takes text this long (a paste gone wrong?).",
    ),
    Code(
        "catalog.field-too-long",
        Severity.WARNING,
        None,
        f"A title, SKU, brand or other short field holds more than {MAX_FIELD_CHARS:,} "
        "characters; only the first ones are kept.",
        "Shorten the field in the catalog; the rest of the text belongs in the description.",
    ),
)

_HINT = (
    "This workbook expands far beyond any catalog (a zip bomb or a damaged file). "
    "Open it in a spreadsheet and save it again, or export the catalog as CSV."
)


def check_workbook_zip(path: Path) -> None:
    """Refuse a workbook whose members are too large or too compressed (exit 3).

    Raises:
        InputError: a member or the total exceeds the limits, or the zip is damaged.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_declared(path, members)
            for info in members:
                if info.compress_size >= STREAM_CHECK_FROM:
                    _check_streamed(path, archive, info)
    except zipfile.BadZipFile as error:
        raise InputError(
            f"{path}: not a readable XLSX workbook ({error})",
            hint="The file may be truncated or damaged; export it again or save it as CSV.",
        ) from None


def _check_declared(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{path}: the workbook unpacks to {total:,} bytes, more than the "
            f"{MAX_UNPACKED_BYTES:,} klisting reads",
            hint=_HINT,
        )
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(
                f"{path}: member {info.filename} expands {ratio:,.0f}x "
                f"({info.compress_size:,} to {info.file_size:,} bytes)",
                hint=_HINT,
            )


def _check_streamed(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Decompress ``info`` in chunks, stopping at the cap (a lying header is a bad zip)."""
    cap = min(MAX_UNPACKED_BYTES, max(info.compress_size, 1) * MAX_RATIO)
    seen = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            seen += len(chunk)
            if seen > cap:
                raise InputError(
                    f"{path}: member {info.filename} expands past {cap:,} bytes "
                    f"from {info.compress_size:,}",
                    hint=_HINT,
                )


def cap_cells(
    cells: list[Any], headers: list[str], notes: list[tuple[int | None, str, str]], row: int
) -> list[Any]:
    """``cells`` with every text longer than MAX_CELL_CHARS cut, one note per cut cell."""
    try:
        if sum(map(len, cells)) <= MAX_CELL_CHARS:  # all text (CSV): one C-level pass
            return cells
    except TypeError:
        pass  # numbers or None among the cells (workbooks, JSON)
    for index, value in enumerate(cells):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            column = headers[index] if index < len(headers) else f"column {index + 1}"
            notes.append(
                (
                    row,
                    "catalog.cell-too-long",
                    f"column '{column}' has {len(value):,} characters; only the first "
                    f"{MAX_CELL_CHARS:,} are read",
                )
            )
            cells[index] = value[:MAX_CELL_CHARS]
    return cells


def cap_fields(product: Any, names: list[str], notes: list[tuple[int | None, str, str]]) -> None:
    """Cut every short text field of ``product`` (not the description) to MAX_FIELD_CHARS."""
    for name in names:
        value = getattr(product, name)
        if name != "description" and len(value) > MAX_FIELD_CHARS:
            notes.append(
                (
                    product.row,
                    "catalog.field-too-long",
                    f"{name} has {len(value):,} characters; only the first "
                    f"{MAX_FIELD_CHARS:,} are kept",
                )
            )
            setattr(product, name, value[:MAX_FIELD_CHARS])
