"""Drafts into listings the honest way: texts a listing cannot use yet, and their review sheets.

A product whose translated text still holds Korean, or a sentence the meaning guard refused,
is not ready for a market; the export gates refuse it and the bundle carries the complete
products. ``write_pending_reviews`` writes, next to the bundle, one review sheet per language
with every field of those products (titles, descriptions, option names and values) and what
keeps each one out; the seller fills the "final" column and the next ``klisting run
--apply-review`` locks those texts (``apply_pending_reviews``) and finishes the products.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klisting.translate.memory import TranslationMemory
from klisting.translate.review import apply_review, write_review
from klisting.translate.types import LocalizedText

SHEET_PATTERN = "review-*.xlsx"


@dataclass(frozen=True, slots=True)
class PendingSheet:
    """One review sheet for the products of one language that wait for review.

    ``kept`` is True when the sheet already there holds filled "final" cells that were not
    applied yet: it is left as it is (the seller's work is never overwritten) and ``rows``
    counts those filled cells.
    """

    lang: str
    path: Path
    skus: tuple[str, ...]
    rows: int
    kept: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "path": str(self.path),
            "products": len(self.skus),
            "rows": self.rows,
            "kept": self.kept,
        }


def sheet_name(lang: str) -> str:
    """The file name of the review sheet for ``lang`` (review-zh-Hant.xlsx)."""
    return SHEET_PATTERN.replace("*", lang)


def incomplete_reasons(record: Mapping[str, Any]) -> list[str]:
    """Why a translated product (a LocalizedText record) is not complete; [] when it is."""
    reasons: list[str] = []
    words = list(record.get("untranslated", []))
    if words:
        reasons.append("still in Korean: " + ", ".join(words[:5]))
    flags = set(record.get("flags", []))
    if "meaning-check" in flags:
        reasons.append("a translation lost a negation, number or unit")
    elif "kept-source" in flags and not words:
        reasons.append("a sentence was kept in the source language")
    return reasons


def write_pending_reviews(
    folder: Path | str,
    records: Iterable[Mapping[str, Any] | LocalizedText],
    image_rows: Iterable[tuple[str, ...]] = (),
) -> list[PendingSheet]:
    """Write ``review-<lang>.xlsx`` into ``folder`` for each language with incomplete products.

    Args:
        folder: where the sheets go (the output folder, next to the bundles).
        records: translated products (LocalizedText or its JSON), any languages.
        image_rows: image text blocks to review (``klisting.images.review.review_rows``, with
            the language first and the SKU second); those of the products in a sheet go in it.

    A product is waiting for review when its text is incomplete or one of its images still
    has a block in the source language (``image_rows`` names it).

    Returns:
        The sheets written, one per language that has products waiting for review.
    """
    image_rows = _distinct(image_rows)
    with_blocks = {(row[0], row[1]) for row in image_rows if not row[0].lower().startswith("ko")}
    by_lang: dict[str, dict[str, LocalizedText]] = {}
    for record in records:
        data = record.to_json() if isinstance(record, LocalizedText) else dict(record)
        lang, sku = str(data.get("lang", "")), str(data.get("sku", ""))
        if incomplete_reasons(data) or (lang, sku) in with_blocks:
            # one record per product and language (en@us and en@sg translate alike)
            by_lang.setdefault(lang, {}).setdefault(sku, LocalizedText.from_json(data))
    sheets: list[PendingSheet] = []
    for lang, by_sku in sorted(by_lang.items()):
        texts = list(by_sku.values())
        path = Path(folder) / sheet_name(lang)
        skus = tuple(by_sku)
        filled = filled_finals(path)
        if filled:  # the seller's translations, not applied yet: never overwritten
            sheets.append(PendingSheet(lang, path, skus, filled, kept=True))
            continue
        blocks = [row for row in image_rows if row[0] == lang and row[1] in by_sku]
        rows = write_review(path, texts, blocks, with_problems=True)  # type: ignore[arg-type]
        sheets.append(PendingSheet(lang, path, skus, rows))
    return sheets


def _distinct(rows: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Image rows once per (language, text read): a block shared by several images or text
    groups is reviewed once (the memory answers it everywhere)."""
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in rows:
        seen.setdefault((row[0], row[3]), row)
    return list(seen.values())


def filled_finals(path: Path) -> int:
    """How many "final" cells of an existing review sheet are filled (0 when there is none)."""
    if not path.is_file():
        return 0
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook openpyxl reads: treat it as the seller's file, keep it
        return 1
    try:
        rows = book.active.iter_rows(values_only=True)
        header = [str(c or "").strip().lower() for c in next(rows, ())]
        if "final" not in header:
            return 0
        column = header.index("final")
        return sum(1 for row in rows if column < len(row) and str(row[column] or "").strip())
    finally:
        book.close()


def find_pending_reviews(folder: Path | str) -> list[Path]:
    """The review sheets under ``folder`` (bundle folders one level down included)."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted({*root.glob(SHEET_PATTERN), *root.glob(f"*/{SHEET_PATTERN}")})


def apply_pending_reviews(
    paths: Iterable[Path], memory: TranslationMemory, source_lang: str = "ko"
) -> int:
    """Lock every filled "final" cell of the sheets; returns how many texts were locked."""
    return sum(apply_review(path, memory, source_lang) for path in paths)
