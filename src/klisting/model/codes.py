"""The program's one catalog of finding codes, and the constructor that uses it.

Every code klisting can emit is declared once, next to the code that emits it, with
``declare(Code(...))`` (validate checks declare theirs through ``@product_check``). The
catalog gives each finding its default severity and hint, feeds ``klisting validate
--list-codes`` and README's code table, and a test checks that every code the source emits is
declared here.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from klisting.model.finding import Finding, Severity


@dataclass(frozen=True)
class Code:
    """One finding code: a stable slug, its default severity, field, summary and hint."""

    code: str
    severity: Severity
    field: str | None
    summary: str
    hint: str
    #: True when the check needs a --target (platform limits)
    needs_target: bool = False


CODES: dict[str, Code] = {}


def declare(*codes: Code) -> tuple[Code, ...]:
    """Add ``codes`` to the catalog (idempotent for an identical declaration)."""
    for code in codes:
        known = CODES.get(code.code)
        if known is not None and known != code:
            raise ValueError(f"finding code {code.code!r} declared twice with different details")
        CODES[code.code] = code
    return codes


def finding(
    code: str,
    message: str,
    *,
    severity: Severity | None = None,
    hint: str | None = None,
    sku: str | None = None,
    row: int | None = None,
    field: str | None = None,
    location: str | None = None,
    target: str | None = None,
    file: str | None = None,
) -> Finding:
    """A Finding for a declared ``code``: severity, field and hint come from the catalog.

    An undeclared code raises KeyError, so a new code cannot reach a user undocumented. A code
    declared by a module nobody has imported yet (commands import their modules lazily) is
    looked up again after importing them all.
    """
    info = CODES.get(code)
    if info is None:
        _import_every_module()
        info = CODES[code]
    return Finding(
        code=code,
        severity=severity or info.severity,
        message=message,
        hint=info.hint if hint is None else hint,
        sku=sku or None,
        row=row,
        field=field or info.field,
        location=location,
        target=target,
        file=file,
    )


def catalog() -> list[Code]:
    """Every code the program can emit, sorted by slug.

    Codes are declared where they are emitted, so a module that was never imported has not
    declared its codes yet: every klisting module is imported first (once per process). The
    imports are dynamic on purpose: the catalog sits at the bottom layer and must not import
    the layers above it statically.
    """
    _import_every_module()
    return [CODES[c] for c in sorted(CODES)]


@cache
def _import_every_module() -> None:
    import klisting

    for module in pkgutil.walk_packages(klisting.__path__, "klisting."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
