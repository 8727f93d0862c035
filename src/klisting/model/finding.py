"""Findings (one problem each) and the Report that collects them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# messages quote URLs (image ?token=), server replies (an echoed Authorization header)
from klisting.infra.redact import redact_text


class Severity(StrEnum):
    """How bad a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(slots=True)
class Finding:
    """One problem: what (code), how bad, which product, where, and what to do."""

    code: str
    severity: Severity
    message: str
    hint: str = ""
    sku: str | None = None
    row: int | None = None
    field: str | None = None
    location: str | None = None
    target: str | None = None
    file: str | None = None

    def __post_init__(self) -> None:
        self.message = redact_text(self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sku": self.sku,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "location": self.location,
            "target": self.target,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        """The Finding that ``to_json`` wrote (cached stage results, manifests)."""
        return cls(
            code=data["code"],
            severity=Severity(data.get("severity", "error")),
            message=data.get("message", ""),
            hint=data.get("hint") or "",
            sku=data.get("sku"),
            row=data.get("row"),
            field=data.get("field"),
            location=data.get("location"),
            target=data.get("target"),
            file=data.get("file"),
        )


@dataclass(slots=True)
class Report:
    """All findings of one run over one catalog, plus counts for the summary."""

    source: str
    products: int = 0
    findings: list[Finding] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    def extend(self, findings: Any) -> None:
        self.findings.extend(findings)

    def counts(self) -> dict[str, int]:
        by_severity = Counter(f.severity.value for f in self.findings)
        return {s.value: by_severity.get(s.value, 0) for s in Severity}

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def fails(self, fail_on: Severity) -> bool:
        """True when any finding is at or above ``fail_on``."""
        return any(f.severity.rank >= fail_on.rank for f in self.findings)

    def summary(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "products": self.products,
            "targets": self.targets,
            "findings": len(self.findings),
            **self.counts(),
        }

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "findings": [f.to_json() for f in self.findings]}
