"""One line of the readiness checklist (shared by readiness.py and installed.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["pass", "fail", "warn"]


@dataclass
class Item:
    """One line of the readiness checklist."""

    target: str
    id: str
    title: str
    kind: str  # profile | catalog | installed
    status: Status
    detail: str
    next_step: str = ""
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
