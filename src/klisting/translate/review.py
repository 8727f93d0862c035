"""Review workflow: a spreadsheet of source / machine / final, and importing it back as locked.

``write_review`` lists every distinct translated text (titles, descriptions, option names and
values) per language with an empty "final" column. ``apply_review`` reads the sheet back and
stores every non-empty final as a locked memory entry: from then on that text is served from
the memory and never retranslated or overwritten by an engine.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils.escape import unescape

from klisting.errors import InputError
from klisting.infra.atomic import write_bytes_atomic as write_output
from klisting.infra.cells import set_xlsx_cell
from klisting.translate.guard import MEANING_CHECK
from klisting.translate.memory import TranslationMemory
from klisting.translate.types import LocalizedText

HEADER = ("lang", "sku", "field", "source", "machine", "final", "quality")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SHEET = "review"


def review_rows(results: Iterable[LocalizedText]) -> list[tuple[str, str, str, str, str, str, str]]:
    """One row per distinct (language, source text), first SKU that uses it."""
    rows: dict[tuple[str, str], tuple[str, str, str, str, str, str, str]] = {}

    def add(result: LocalizedText, field: str, source: str, machine: str) -> None:
        if source.strip() and (result.lang, source) not in rows:
            rows[(result.lang, source)] = (
                result.lang,
                result.sku,
                field,
                source,
                machine,
                "",
                result.quality,
            )

    for result in results:
        add(result, "title", result.source.get("title", ""), result.title)
        add(result, "description", result.source.get("description", ""), result.description)
        for axis, translated in zip(result.source.get("options", []), result.options, strict=False):
            add(result, "option_name", axis["name"], translated["name"])
            for value, out in zip(axis["values"], translated["values"], strict=False):
                add(result, "option_value", value, out)
    return list(rows.values())


def problem_of(result: LocalizedText, field: str, machine: str) -> str:
    """Why a field of ``result`` is not ready for a listing ("" when it is): Korean left in
    the text, or a translation the meaning guard refused (with what it lost)."""
    from klisting.translate.service import korean_words

    finding_field = "options" if field.startswith("option") else field
    notes = [
        f.message
        for f in result.findings
        if f.code == MEANING_CHECK and (f.field or "description") == finding_field
    ]
    if _HANGUL.search(machine) and not notes:
        notes.append("still in Korean: " + ", ".join(korean_words([machine], limit=8)))
    return "; ".join(notes)


def write_review(
    path: Path | str,
    results: Iterable[LocalizedText],
    extra_rows: Iterable[tuple[str, str, str, str, str, str, str]] = (),
    *,
    with_problems: bool = False,
) -> int:
    """Write the review workbook atomically; returns the number of rows.

    Args:
        path: the .xlsx to write.
        results: translated products; every distinct source text becomes one row.
        extra_rows: rows with the columns of ``HEADER`` appended after them: image text
            blocks from ``klisting.images.review``, so text and images are reviewed in one sheet.
        with_problems: add a "problem" column saying what keeps each field out of a listing
            (the sheets ``klisting run`` writes next to the bundles).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET
    results = list(results)
    rows: list[tuple[str, ...]] = list(review_rows(results))
    if with_problems:
        by_key = {(r.lang, r.sku): r for r in results}
        rows = [(*row, problem_of(by_key[(row[0], row[1])], row[2], row[4])) for row in rows]
    # image rows may carry an eighth cell: why the block was left as it was
    extra = [
        (*row[:7], row[7] if len(row) > 7 else "") if with_problems else tuple(row[:7])
        for row in extra_rows
    ]
    rows += extra
    sheet.append(HEADER + (("problem",) if with_problems else ()))
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            # control characters go in XLSX's _xHHHH_ escape (undone on import, so the source
            # still matches); "=특가= 가디건" stays text, never a formula (infra/cells.py)
            set_xlsx_cell(sheet.cell(number, column), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    editable = PatternFill("solid", fgColor="FFF2CC")
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.fill = editable
    for column, width in zip("ABCDEFGH", (8, 16, 14, 50, 50, 50, 10, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    _instructions(book.create_sheet(INSTRUCTIONS))
    buffer = io.BytesIO()
    book.save(buffer)
    write_output(path, buffer.getvalue())
    return len(rows)


INSTRUCTIONS = "how to review"
_HOW_TO = (
    "Write the translation a buyer should read in the yellow 'final' column; leave it empty to "
    "keep the row for later. Finals are locked: no engine overwrites them.",
    "'machine' is the engine's draft: copy it into 'final' only when it is right.",
    "Rows whose field starts with 'image' are text inside a product image (the image file and "
    "block number are named; report.html shows a crop of each block). The final is drawn into "
    "the image as written: keep numbers, units and negations exactly as the source states them.",
    "To keep an image block as it is (a Korean brand logo, a name the listing may carry), copy "
    "the source text unchanged into 'final': the block is accepted and its pixels stay.",
    "Then run again with --apply-review (klisting run), or lock the sheet with "
    "`klisting translate --apply-review`.",
)


def _instructions(sheet: object) -> None:
    """The sheet that says how to fill the review sheet (one instruction per row)."""
    sheet.append(["how to fill the 'review' sheet"])  # type: ignore[attr-defined]
    for line in _HOW_TO:
        sheet.append([line])  # type: ignore[attr-defined]
    sheet.column_dimensions["A"].width = 140  # type: ignore[attr-defined]


def apply_review(path: Path | str, memory: TranslationMemory, source_lang: str = "ko") -> int:
    """Import every non-empty "final" cell as a locked entry; returns how many were locked.

    Raises:
        InputError: the file is not a review workbook.
    """
    by_lang = read_finals(path)
    return sum(memory.lock_many(pairs, source_lang, lang) for lang, pairs in by_lang.items())


def read_finals(path: Path | str) -> dict[str, list[tuple[str, str]]]:
    """Every (source, final) pair with a non-empty final, per language.

    Raises:
        InputError: the file is not a review workbook.
    """
    from openpyxl import load_workbook

    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for bad files
        raise InputError(
            f"{path}: cannot read the review sheet ({exc})",
            "Pass the .xlsx written by klisting translate --review.",
        ) from None
    sheet = book[_SHEET] if _SHEET in book.sheetnames else book.active
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip().lower() for c in next(rows, ())]
    missing = [h for h in ("lang", "source", "final") if h not in header]
    if missing:
        raise InputError(
            f"{path}: review sheet has no {', '.join(missing)} column",
            "Keep the header row written by klisting translate --review.",
        )
    lang_col, source_col, final_col = (header.index(h) for h in ("lang", "source", "final"))
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        final = _cell(row, final_col)
        source = _cell(row, source_col)
        lang = _cell(row, lang_col).strip()
        if not final.strip() or not source.strip() or not lang:
            continue
        by_lang.setdefault(lang, []).append((source, final))
    book.close()
    return by_lang


def _cell(row: tuple[object, ...], column: int) -> str:
    """A cell's text with ``_xHHHH_`` escapes undone ("" for an empty or missing cell)."""
    value = row[column] if column < len(row) else None
    return "" if value is None else unescape(str(value))
