"""The first data rows: sampled for content evidence, and template guide rows taken out.

Templates put guide rows between the header and the data: Coupang Wing's sellertool sheet has a
row of 필수/선택 marks and a row of 입력예시 (example values) before row 5. They are not products.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

from klisting.catalog.evidence import SAMPLE_ROWS, ContentEvidence, column_evidence

#: What a guide row's cells say: required/optional marks.
_MARKS = frozenset(
    {"필수", "선택", "권장", "조건부필수", "조건부 필수", "필수입력", "선택입력", "필수항목", "선택항목",
     "required", "optional"}
)  # fmt: skip
#: How an example row starts.
_EXAMPLE_STARTS = ("입력예시", "입력 예시", "작성예시", "작성 예시", "예시", "예)", "※", "example")
#: Guide rows sit right below the header.
GUIDE_ROWS_MAX = 4


def _cell(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def is_guide_row(cells: list[Any]) -> bool:
    """A row of 필수/선택 marks, or one that starts with 입력예시 / 예시 / ※."""
    filled = [_cell(c) for c in cells if _cell(c)]
    if not filled:
        return False
    if filled[0].lower().startswith(_EXAMPLE_STARTS):
        return True
    marks = sum(1 for text in filled if text.lower() in _MARKS)
    return marks >= 2 and marks * 2 >= len(filled)


def sample_rows(
    rows: Iterator[tuple[int, list[Any]]], width: int
) -> tuple[list[ContentEvidence], list[int], Iterator[tuple[int, list[Any]]]]:
    """(evidence per column, guide row numbers, the rows again without the guide rows)."""
    head = list(islice(rows, SAMPLE_ROWS))
    guide = [number for number, cells in head[:GUIDE_ROWS_MAX] if is_guide_row(cells)]
    kept = [(number, cells) for number, cells in head if number not in guide]
    evidence = [column_evidence(cells[i] for _, cells in kept) for i in range(width)]
    return evidence, guide, chain(kept, rows)
