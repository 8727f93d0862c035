"""Turn any supported file into a Table: header cells plus numbered data rows.

CSV/TSV, XLSX/XLS, JSON (array, or an object holding one) and JSON Lines all become the same
shape, so mapping and value parsing are written once. Cells stay raw (str, number, list or
dict for JSON); ``klisting.catalog.values`` interprets them.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klisting.catalog.profiles import is_known_header
from klisting.catalog.sniff import decode_text, sniff_format, sniff_text_format
from klisting.errors import InputError

# A description cell can be megabytes of HTML; the csv module's default limit is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

HEADER_SCAN_ROWS = 30
DELIMITERS = (",", "\t", ";", "|")


@dataclass
class Table:
    """Header cells and data rows of one sheet or file."""

    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (1-based source row/line, cells)
    format: str
    encoding: str | None = None
    sheet: str | None = None
    header_row: int = 1
    #: (row, message) notes made while reading: ragged rows, duplicate headers
    notes: list[tuple[int | None, str, str]] = field(default_factory=list)


def read_table(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Table:
    """Read ``path`` into a Table, detecting format, encoding and header row."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such file", hint="Check the path; it is relative to the current directory."
        ) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a catalog file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror}") from None
    kind = sniff_format(data[:8], str(path))
    if kind in ("xlsx", "xls"):
        return _read_workbook(path, kind, sheet)
    text, used_encoding = decode_text(data, str(path), encoding)
    text_kind = sniff_text_format(text)
    if text_kind == "json":
        return _records_table(_json_records(text, path), "json", used_encoding)
    if text_kind == "jsonl":
        return _records_table(_jsonl_records(text, path), "jsonl", used_encoding)
    return _read_delimited(text, path, used_encoding)


# ---------------------------------------------------------------- delimited text


def sniff_delimiter(sample_lines: list[str]) -> str:
    """The delimiter that splits the sample into the most consistent number (>1) of columns."""
    best, best_score = ",", -1.0
    sample = "\n".join(sample_lines)
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = widths.count(common) / len(widths) * 100 + common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_delimited(text: str, path: Path, encoding: str) -> Table:
    lines = text.splitlines()
    delimiter = sniff_delimiter([line for line in lines[:HEADER_SCAN_ROWS] if line.strip()])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    head: list[tuple[int, list[str]]] = []
    line_before = 0
    for record in reader:
        head.append((line_before + 1, record))
        line_before = reader.line_num
        if len(head) >= HEADER_SCAN_ROWS:
            break
    header_at = find_header_row([cells for _, cells in head])
    if header_at is None:
        raise InputError(
            f"{path}: no header row found (the file has no rows with text)",
            hint="The first rows should hold column names such as 상품명, 판매가, 재고수량.",
        )
    header_line, headers = head[header_at]
    table = Table(
        headers=[], rows=iter(()), format="tsv" if delimiter == "\t" else "csv", encoding=encoding
    )
    table.headers = _dedupe_headers(headers, table, header_line)
    table.header_row = header_line
    buffered = head[header_at + 1 :]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        nonlocal line_before
        yield from buffered
        for record in reader:
            yield line_before + 1, record
            line_before = reader.line_num

    table.rows = _checked_width(rows(), table)
    return table


# ---------------------------------------------------------------- workbooks


def _read_workbook(path: Path, kind: str, sheet: str | None) -> Table:
    # calamine returns the cached value of formula cells and never evaluates them.
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for corrupt zips
        raise InputError(
            f"{path}: not a readable {kind.upper()} workbook ({_short(exc)})",
            hint="The file may be truncated or damaged; export it again or save it as CSV.",
        ) from None
    names = workbook.sheet_names
    if sheet is None:
        if not names:
            raise InputError(f"{path}: the workbook has no sheets")
        sheet = _catalog_sheet(workbook, names)
    elif sheet not in names:
        raise InputError(
            f"{path}: no sheet named '{sheet}'",
            hint=f"Sheets in this workbook: {', '.join(names)}.",
        )
    try:
        cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(
            f"{path}: sheet '{sheet}' cannot be read ({_short(exc)})",
            hint="Export the workbook again.",
        ) from None
    header_at = find_header_row([[_cell_text(c) for c in row] for row in cells[:HEADER_SCAN_ROWS]])
    if header_at is None:
        raise InputError(
            f"{path}: sheet '{sheet}' has no header row",
            hint="Put column names such as 상품명, 판매가 in the first rows.",
        )
    table = Table(headers=[], rows=iter(()), format=kind, sheet=sheet, header_row=header_at + 1)
    table.headers = _dedupe_headers([_cell_text(c) for c in cells[header_at]], table, header_at + 1)
    data = ((number, row) for number, row in enumerate(cells[header_at + 1 :], start=header_at + 2))
    table.rows = _checked_width(data, table)
    return table


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


# ---------------------------------------------------------------- JSON


def _json_records(text: str, path: Path) -> list[Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        ) from None
    if isinstance(document, dict):
        lists = [value for value in document.values() if isinstance(value, list)]
        if len(lists) != 1:
            raise InputError(
                f"{path}: a JSON catalog must be an array of products, or an object with one array in it",
                hint='Use e.g. [{"sku": ..., "title": ...}, ...] or {"products": [...]}.',
            )
        document = lists[0]
    if not isinstance(document, list):
        raise InputError(f"{path}: a JSON catalog must be an array of product objects")
    return document


def _jsonl_records(text: str, path: Path) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}: line {number}: invalid JSON ({exc.msg})",
                hint="Each line must be one JSON object.",
            ) from None


def _records_table(records: Any, kind: str, encoding: str) -> Table:
    numbered = list(records) if kind == "jsonl" else list(enumerate(records, start=1))
    headers: list[str] = []
    seen: set[str] = set()
    for _, record in numbered:
        if isinstance(record, dict):
            for key in record:
                if key not in seen:
                    seen.add(key)
                    headers.append(str(key))
    table = Table(headers=headers, rows=iter(()), format=kind, encoding=encoding, header_row=0)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, record in numbered:
            if not isinstance(record, dict):
                table.notes.append(
                    (
                        number,
                        "catalog.not-an-object",
                        f"item {number} is {type(record).__name__}, not an object; skipped",
                    )
                )
                continue
            yield number, [record.get(h) for h in headers]

    table.rows = rows()
    return table


# ---------------------------------------------------------------- shared helpers


def _catalog_sheet(workbook: Any, names: list[str]) -> str:
    """The sheet whose header looks most like a catalog's; the first sheet on a tie.

    Templates often open with a guide or notice sheet (작성 가이드) before the product sheet.
    """
    if len(names) == 1:
        return names[0]
    scores = []
    for name in names:
        try:
            head = workbook.get_sheet_by_name(name).to_python(nrows=HEADER_SCAN_ROWS)
        except Exception:  # an unreadable extra sheet never hides a good one
            head = []
        scores.append(max((_known_hits([_cell_text(c) for c in row]) for row in head), default=0))
    return names[scores.index(max(scores))]


def _known_hits(row: list[str]) -> int:
    return sum(1 for cell in row if cell and is_known_header(cell))


def find_header_row(rows: list[list[str]]) -> int | None:
    """Index of the row that looks most like a header (most known column names).

    Korean exports often put notices or group labels above the header, so the first row is
    not assumed. With no known names at all, the first row with two or more filled cells wins.
    """
    best, best_hits = None, 0
    for index, row in enumerate(rows):
        hits = _known_hits(row)
        if hits > best_hits:
            best, best_hits = index, hits
    if best is not None and best_hits >= 2:
        return best
    for index, row in enumerate(rows):
        if sum(1 for cell in row if str(cell).strip()) >= 2:
            return index
    return best


def _dedupe_headers(headers: list[Any], table: Table, row: int) -> list[str]:
    result: list[str] = []
    counts: dict[str, int] = {}
    for raw in headers:
        name = _cell_text(raw)
        if name and name in counts:
            counts[name] += 1
            table.notes.append(
                (
                    row,
                    "catalog.duplicate-header",
                    f"column '{name}' appears {counts[name]} times; only the first is used",
                )
            )
            name = f"{name} ({counts[name]})"
        else:
            counts[name] = 1
        result.append(name)
    return result


def _checked_width(
    rows: Iterator[tuple[int, list[Any]]], table: Table
) -> Iterator[tuple[int, list[Any]]]:
    """Pad short rows, note rows with more cells than headers, skip blank rows."""
    width = len(table.headers)
    for number, cells in rows:
        if len(cells) != width:
            if len(cells) > width and any(str(c).strip() for c in cells[width:] if c is not None):
                table.notes.append(
                    (
                        number,
                        "catalog.ragged-row",
                        f"row has {len(cells)} cells but the header has {width}; extra cells ignored",
                    )
                )
            cells = (list(cells) + [None] * width)[:width]
        if _blank(cells):
            continue
        yield number, cells


def _blank(cells: list[Any]) -> bool:
    try:
        return not "".join(cells).strip()  # all-text rows (CSV): one C-level pass
    except TypeError:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
