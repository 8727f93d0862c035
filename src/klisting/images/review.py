"""Image blocks in the same review sheet and translation memory as titles and descriptions.

Every block left as it was (a doubtful number, an incomplete translation, text that did not fit,
low OCR confidence) becomes a row of ``klisting.translate.review``'s sheet: the language, the
image and block, the text read, the engine's draft. A person writes the "final"; then

* ``klisting images render SIDECAR --apply-review review.xlsx`` re-renders from the sidecar
  without OCR, taking each final whose language and source match a block;
* ``klisting translate --apply-review review.xlsx`` locks the same rows in the translation memory,
  so later runs translate those blocks from the memory as reviewed (``pipeline.Reviewed``).

A final equal to the source text accepts the block as it is (a Korean logo or name the listing
may carry): the block keeps its pixels, its status becomes "accepted" and the export gates let
the image through.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from klisting.images.sidecar import Block, Sidecar

#: block statuses a person should look at
REVIEW_STATUSES = ("review", "uncertain", "low-confidence")
#: block statuses a listing may carry: drawn in the target language, not Korean to begin with,
#: or accepted as it is by a person (a final equal to the text read: a logo, a name)
SETTLED_STATUSES = ("translated", "kept", "accepted")

#: ``translate.review.HEADER`` order, then why the block was left as it was
Row = tuple[str, str, str, str, str, str, str, str]


def block_field(image: str, block: Block) -> str:
    """How the sheet names a block: the image's file name and the block number."""
    return f"image {Path(image.split('?')[0]).name}#block-{block.id}"


def review_rows(sidecars: Iterable[Sidecar], sku: str = "") -> list[Row]:
    """Rows (``translate.review.HEADER`` order) for the blocks of ``sidecars`` left as they were."""
    rows: dict[tuple[str, str], Row] = {}
    for sidecar in sidecars:
        for block in sidecar.blocks:
            key = (sidecar.target_lang, block.source)
            if block.status in REVIEW_STATUSES and key not in rows:
                rows[key] = (
                    sidecar.target_lang,
                    sku,
                    block_field(sidecar.source, block),
                    block.source,
                    block.proposed or "",
                    "",
                    block.status,
                    block.reason or block.status,
                )
    return list(rows.values())


def apply_finals(sidecar: Sidecar, finals: dict[str, list[tuple[str, str]]]) -> int:
    """Write the sheet's finals into the matching blocks' translations; returns how many."""
    wanted = dict(finals.get(sidecar.target_lang, []))
    applied = 0
    for block in sidecar.blocks:
        final = wanted.get(block.source)
        if final and final.strip() and final != block.translation:
            block.translation = final.strip()
            applied += 1
    return applied


def report_row(block: dict) -> dict[str, str]:
    """What report.html shows of one sidecar block (JSON): the text read, drawn, status, why."""
    return {
        "id": str(block.get("id", "")),
        "read": str(block.get("source") or ""),
        "rendered": str(block.get("translation") or ""),
        "status": str(block.get("status") or ""),
        "reason": str(block.get("reason") or ""),
        "bbox": ",".join(str(int(v)) for v in block.get("bbox") or []),
    }
