"""What the reader tells the seller about the file itself, as findings (codes declared here)."""

from __future__ import annotations

from collections.abc import Callable

from klisting.model import Finding, Severity
from klisting.model.codes import CODES, Code, declare, finding

INFO, W = Severity.INFO, Severity.WARNING

declare(
    Code(
        "catalog.column-unmapped",
        INFO,
        None,
        "A filled column feeds no field; its cells are kept as attributes.",
        "If the column is a known field, map it: --map 'HEADER=FIELD' or column_map in klisting.yaml "
        "(see `klisting inspect`).",
    ),
    Code(
        "catalog.guide-row",
        INFO,
        None,
        "A template guide row (필수/선택/입력예시) below the header was skipped.",
        "Nothing to do; delete the row from the sheet if it holds a real product.",
    ),
    Code(
        "catalog.code-undecoded",
        W,
        "origin",
        "A code column (원산지코드) holds a code klisting cannot decode; kept as an attribute.",
        "Fill in the origin as text (원산지 직접입력, e.g. 국산 or 중국), or check the code.",
    ),
    Code(
        "catalog.mass-in-volume-column",
        INFO,
        "volume",
        "A net-content column (용량/내용량) holds masses; kept as attributes, not as the shipping weight.",
        "Give the shipping weight in a weight column (무게, e.g. 250g).",
    ),
    Code(
        "catalog.volume-in-weight-column",
        INFO,
        "weight",
        "A weight column (중량) holds volumes; they are read as the product's volume.",
        "Nothing to do unless the column meant a weight; then write it in g or kg.",
    ),
)


def to_findings(
    notes: list[tuple], file: str, locate: Callable[[int | None, int | None], str]
) -> list[Finding]:
    """Reader notes ``(row, code, message[, severity, column])`` as findings at ``locate(row, column)``."""
    found = []
    for note in notes:
        row, code, message = note[:3]
        severity = Severity(note[3]) if len(note) > 3 and note[3] else None
        location = locate(row, note[4] if len(note) > 4 else None)
        if code in CODES:
            item = finding(code, message, severity=severity, row=row, location=location, file=file)
        else:  # codes declared by validate (duplicate headers, ragged rows) may not be loaded yet
            item = Finding(code=code, severity=severity or W, message=message, row=row,
                           file=file, location=location, field=None)  # fmt: skip
        found.append(item)
    return found
