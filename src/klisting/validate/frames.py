"""A catalog's rows as Arrow batches (polars DataFrames) for the columnar validator.

Two ways in, one shape out: every batch has a ``row`` column (the 1-based line or row the
reader would report) and one String column ``c<i>`` per header, stripped the way the product
builder strips (Python's whitespace set) and null when empty; blank rows are dropped.

- Plain UTF-8 CSV/TSV (the large exports) is parsed by polars straight from the file, in
  batches, so memory stays flat in the number of rows. Format, encoding, delimiter and header
  row are still decided by ``klisting.catalog`` on the first MiB, so detection is the reader's.
  Polars' numbering is trusted only when every physical line is one record: the file is
  scanned for line breaks first and a quoted newline, a lone CR, a ragged or malformed row
  (polars refuses those) sends the file down the second way instead (``NotPlainCsv``).
- Everything else (workbooks, JSON, CP949, the odd CSV) goes through the reader's own rows,
  chunked into batches that also keep the original cells, so a flagged row is built exactly
  as ``read_catalog`` builds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import polars as pl

from klisting.catalog import OpenedCatalog, open_catalog, open_table
from klisting.catalog import values as v
from klisting.catalog.sniff import decode_text, sniff_format, sniff_text_format
from klisting.catalog.tables import HEADER_SCAN_ROWS, _read_delimited, sniff_delimiter

#: Rows per batch of the reader's rows: large enough for polars to vectorise, small enough to
#: keep memory flat; CSV blocks of BLOCK_BYTES hold about as many rows of a typical export.
BATCH_ROWS = 50_000
BLOCK_BYTES = 16 << 20
HEAD_BYTES = 1 << 20


class NotPlainCsv(Exception):
    """Raised mid-stream when the fast CSV path cannot number rows as the reader would."""


@dataclass
class Batch:
    #: "row", then c0..c<width-1>, then any columns the caller asked for
    frame: pl.DataFrame
    width: int
    #: original cells per frame row (reader path); None when the frame holds them (CSV path)
    cells: list[list[Any]] | None = None

    def row_cells(self, index: int) -> list[Any]:
        if self.cells is not None:
            return self.cells[index]
        return list(self.frame.row(index)[1 : 1 + self.width])


@dataclass
class CatalogFrames:
    """The catalog's header and profile, and its rows on demand."""

    opened: OpenedCatalog
    fast: bool
    source: Callable[[list[pl.Expr]], Iterator[Batch]]

    def batches(self, columns: Sequence[pl.Expr] = ()) -> Iterator[Batch]:
        """The batches, each with ``columns`` (expressions over the cells) added."""
        return self.source(list(columns))


def column(index: int) -> str:
    return f"c{index}"


def open_frames(
    path: str | Path,
    *,
    profile: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    currency: str = "KRW",
    column_map: Mapping[str, str] | None = None,
    image_base: str | None = None,
    batch_rows: int = BATCH_ROWS,
    block_bytes: int = BLOCK_BYTES,
    fast: bool = True,
) -> CatalogFrames:
    """The catalog at ``path`` as batches; ``fast=False`` forces the reader's own rows.

    Raises:
        InputError: as ``read_catalog`` does (missing, unreadable or not a catalog).
    """
    path = Path(path)
    mapping = {
        "profile": profile,
        "currency": currency,
        "column_map": column_map,
        "image_base": image_base,
    }
    if fast and sheet is None:
        plain = _plain_csv(path, encoding, mapping)
        if plain is not None:
            opened, separator = plain
            return CatalogFrames(
                opened, True, partial(_csv_batches, path, opened, separator, block_bytes)
            )
    opened = open_catalog(path, sheet=sheet, encoding=encoding, **mapping)
    return CatalogFrames(opened, False, partial(_reader_batches, opened, batch_rows))


# ---------------------------------------------------------------- fast path: polars on the file


def _plain_csv(
    path: Path, encoding: str | None, mapping: dict[str, Any]
) -> tuple[OpenedCatalog, str] | None:
    """The reader's view of the header and the delimiter when ``path`` looks like plain UTF-8
    CSV, else None.

    The header is mapped exactly as ``open_catalog`` maps it (the same sampled rows as
    evidence); a file with template guide rows goes to the reader, which skips them.
    """
    if encoding not in (None, "utf-8", "utf8", "utf-8-sig"):
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        if sniff_format(head[:8], str(path)) != "text" or b"\x00" in head:
            return None
        complete = head if len(head) < HEAD_BYTES else head[: head.rfind(b"\n") + 1]
        if len(head) == HEAD_BYTES and complete.count(b"\n") <= HEADER_SCAN_ROWS + 1:
            return None  # rows too long to see the header scan in the head: let the reader do it
        if complete.count(b"\r") != complete.count(b"\r\n"):
            return None  # a lone CR ends a line for csv.reader, not for polars
        text, used = decode_text(complete, str(path), encoding)
        if used not in ("utf-8", "utf-8-sig") or sniff_text_format(text) != "csv":
            return None
        table = _read_delimited(text, path, used)
    except Exception:  # any doubt: the reader's path reports it properly
        return None
    if any("\n" in h or "\r" in h for h in table.headers):
        return None
    opened = open_table(path, table, **mapping)
    if any(code == "catalog.guide-row" for _, code, _ in table.notes):
        return None
    table.rows = iter(())
    # the same sample _read_delimited sniffs: it does not keep the delimiter it found
    delimiter = sniff_delimiter(
        [line for line in text.splitlines()[:HEADER_SCAN_ROWS] if line.strip()]
    )
    return opened, delimiter


def _csv_batches(
    path: Path, opened: OpenedCatalog, separator: str, block_bytes: int, columns: list[pl.Expr]
) -> Iterator[Batch]:
    """Parse ``path`` block by block (whole lines), each block one batch.

    A block whose cells hold no line break (CR or LF) has one record per line, blank lines
    included (polars gives them a row of nulls): then the reader's line numbers are known. A
    quoted line break, which could also straddle two blocks, or a lone CR sends the file to
    the reader instead.
    """
    table = opened.table
    width = len(table.headers)
    names = [column(i) for i in range(width)]
    schema = {name: pl.String for name in names}
    # Rust's trim() is str.strip() without \x1c-\x1f: a file holding one goes to the reader.
    doubt = pl.any_horizontal(pl.col(names).str.contains("[\r\n\x1c-\x1f]")).any()
    first_line = table.header_row + 1
    with path.open("rb") as handle:
        for _ in range(table.header_row):
            handle.readline()
        for block in _line_blocks(handle, block_bytes):
            try:
                raw = pl.read_csv(
                    block,
                    has_header=False,
                    separator=separator,
                    schema=schema,
                    truncate_ragged_lines=False,
                    raise_if_empty=False,
                    quote_char='"',
                )
            except pl.exceptions.PolarsError as error:
                raise NotPlainCsv(str(error).splitlines()[0]) from None
            if width and raw.select(doubt).item():
                raise NotPlainCsv("a cell holds a line break or a character in \\x1c-\\x1f")
            raw = raw.with_row_index("row", offset=first_line)
            first_line += raw.height
            batch = _normalised(raw.lazy(), names).filter(~pl.col("_blank")).drop("_blank")
            batch = batch.with_columns(pl.col("row").cast(pl.Int64), *columns).collect(
                engine="in-memory"
            )
            if batch.height:
                yield Batch(batch, width)


def _line_blocks(handle: Any, block_bytes: int) -> Iterator[bytes]:
    """About ``block_bytes`` at a time, always ending at a line end (or the end of the file)."""
    while block := handle.read(block_bytes):
        if not block.endswith(b"\n"):
            block += handle.readline()
        yield block


def _normalised(frame: pl.LazyFrame, names: list[str]) -> pl.LazyFrame:
    """Strip every cell like str.strip(), empty -> null; ``_blank`` marks all-blank rows."""
    frame = frame.with_columns(pl.col(names).str.strip_chars().replace("", None))
    blank = pl.all_horizontal(pl.col(names).is_null()) if names else pl.lit(True)
    return frame.with_columns(blank.alias("_blank"))


# ---------------------------------------------------------------- the reader's rows


def _reader_batches(
    opened: OpenedCatalog, batch_rows: int, columns: list[pl.Expr]
) -> Iterator[Batch]:
    """The reader's rows (already without blank rows) in batches that keep the original cells."""
    width = len(opened.table.headers)
    rows = iter(opened.table.rows)
    while chunk := list(islice(rows, batch_rows)):
        data: dict[str, list[Any]] = {"row": [number for number, _ in chunk]}
        for i in range(width):
            data[column(i)] = [_text(cells[i]) for _, cells in chunk]
        schema = {"row": pl.Int64, **{column(i): pl.String for i in range(width)}}
        # Python's own strip: these cells may hold \x1c-\x1f. The reader dropped blank rows.
        frame = pl.DataFrame(data, schema=schema).with_columns(*columns)
        yield Batch(frame, width, [cells for _, cells in chunk])


def _text(cell: Any) -> str | None:
    """A cell as the (stripped, None when empty) text the screens see; the product builder
    reads the original cell."""
    if cell is None:
        return None
    return (cell.strip() if isinstance(cell, str) else v.text(cell)) or None
