"""Fill the demo's reviewed sheets with the image text blocks a demo run left for review.

A seller gets these rows from the run itself: ``klisting run`` writes ``review-<lang>.xlsx``
next to the bundles with every image block it left as it was (named by image and block). This
script plays the seller's translator for the demo: it takes those rows from a finished demo
run (``make demo``), looks up what each block really says (``sample_catalogs/images/
ground_truth.json``, by the block's place in the image, since the OCR's reading may be garbled)
and writes the human translation of that text from ``sample_catalogs/reviewed/image_text.tsv``
into the row's "final" cell. The rows join the image rows of
``sample_catalogs/reviewed/catalog_<lang>.xlsx`` (a row for the same text read is replaced);
titles, descriptions and options stay.

Run after ``make demo`` whenever the OCR or the grouping of blocks changed:

    .venv/bin/python scripts/demo_image_reviews.py [--out bundles/demo/out] [--work .klisting/demo]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "sample_catalogs" / "images"
REVIEWED = ROOT / "sample_catalogs" / "reviewed"
LANGS = ("en", "zh-Hant", "ja", "es")


def translations() -> dict[str, dict[str, str]]:
    """Korean line -> {language: the translator's text}."""
    with (REVIEWED / "image_text.tsv").open(encoding="utf-8") as handle:
        return {row["ko"]: row for row in csv.DictReader(handle, delimiter="\t")}


def blocks_by_image(work: Path) -> dict[tuple[str, str], list[dict]]:
    """(catalog image name, language) -> the blocks of its localized sidecars."""
    names = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in IMAGES.glob("*.jpg")}
    found: dict[tuple[str, str], list[dict]] = {}
    for path in (work / "cache" / "image-localized-v1").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = names.get(data.get("source_sha256", ""))
        if name and "blocks" in data:
            found.setdefault((name, data["target_lang"]), []).extend(data["blocks"])
    return found


def covered_lines(image: str, box: list[int], truth: dict) -> list[str]:
    """The ground-truth lines of ``image`` that lie (mostly) inside ``box``, top to bottom."""
    out = []
    for line in sorted(truth[image], key=lambda item: (item["bbox"][1], item["bbox"][0])):
        x0, y0, x1, y1 = line["bbox"]
        w = min(x1, box[2]) - max(x0, box[0])
        h = min(y1, box[3]) - max(y0, box[1])
        if w > 0 and h > 0 and w * h >= 0.5 * (x1 - x0) * (y1 - y0):
            out.append(line["text"])
    return out


class Finals:
    """What each demo image block really says, in each language (the translator's table)."""

    def __init__(self, work: Path) -> None:
        self.truth = json.loads((IMAGES / "ground_truth.json").read_text(encoding="utf-8"))
        self.texts, self.blocks = translations(), blocks_by_image(work)

    def final(self, lang: str, field: str, source: str) -> str:
        """The final for the block ``field`` ("image NAME#block-N") read as ``source``."""
        image, number = field.removeprefix("image ").split("#block-")
        block = next(
            b
            for b in self.blocks[(image, lang)]
            if b["id"] == int(number) and b["source"] == source
        )
        lines = covered_lines(image, block["bbox"], self.truth)
        if not lines or any(line not in self.texts for line in lines):
            sys.exit(f"{field} ({source!r}): no translation for {lines} in image_text.tsv")
        return " ".join(self.texts[line][lang] for line in lines)


def image_rows(out_dir: Path, lang: str) -> list[tuple[str, ...]]:
    """The image rows of the run's review sheet for ``lang``: lang, sku, field, source, machine."""
    sheet = load_workbook(out_dir / f"review-{lang}.xlsx", read_only=True)["review"]
    rows = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        cells = tuple(str(v or "") for v in row[:5])
        if cells[2].startswith("image "):
            rows.append(cells)
    return rows


def merge_image_rows(lang: str, rows: list[tuple[str, ...]], finals: Finals) -> int:
    """Add ``rows`` to the image rows of the demo's reviewed sheet for ``lang`` and (re)write
    every image row's final from the translator's table. A demo run that applied the sheet
    only lists what is new, so rows already there stay. Returns how many image rows it holds."""
    path = REVIEWED / f"catalog_{lang}.xlsx"
    book = load_workbook(path)
    sheet = book["review"] if "review" in book.sheetnames else book.active
    kept: dict[str, tuple[str, ...]] = {}
    for index in range(sheet.max_row, 1, -1):
        cells = tuple(str(c.value or "") for c in sheet[index][:5])
        if cells[2].startswith("image "):
            kept.setdefault(cells[3], cells)
            sheet.delete_rows(index)
    kept.update({row[3]: row for row in rows})
    for row in sorted(kept.values(), key=lambda r: (r[1], r[2])):
        sheet.append([*row, finals.final(lang, row[2], row[3]), "image"])
    book.save(path)
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bundles" / "demo" / "out")
    parser.add_argument("--work", type=Path, default=ROOT / ".klisting" / "demo")
    args = parser.parse_args()
    finals = Finals(args.work)
    for lang in LANGS:
        rows = image_rows(args.out, lang)
        total = merge_image_rows(lang, rows, finals)
        print(f"{lang}: {len(rows)} new image rows, {total} in catalog_{lang}.xlsx")


if __name__ == "__main__":
    main()
