"""The registry of checks (the code catalog itself lives in ``klisting.model.codes``).

A check is a small function ``check(product, ctx) -> Iterable[Finding]`` (or, for
catalog-wide checks, ``check(catalog, ctx)``). It declares the codes it can emit with
``@product_check(Code(...), ...)`` so the code catalog in README is generated from the checks
themselves and cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Product, Severity
from klisting.model.codes import CODES, Code, declare

PRODUCT_CHECKS: list[Callable[..., Iterable[Finding]]] = []
CATALOG_CHECKS: list[Callable[..., Iterable[Finding]]] = []


@dataclass
class CheckContext:
    """What a check may look at besides the product: the target, the catalog, the file."""

    catalog: Catalog
    target: Target | None = None
    required: frozenset[str] = field(default_factory=frozenset)
    #: fields whose column is absent from the file: per-row "missing" findings are skipped
    absent_columns: frozenset[str] = field(default_factory=frozenset)

    def finding(
        self,
        code: str,
        product: Product | None,
        message: str,
        *,
        field: str | None = None,
        severity: Severity | None = None,
        row: int | None = None,
    ) -> Finding:
        """A Finding for ``code`` with the catalog's severity, field, hint and location filled in."""
        info = CODES[code]
        field_name = field or info.field
        location = None
        if product is not None:
            location = product.location.cell(field_name)
            if row is not None and row != product.row:
                location = location.replace(str(product.row), str(row), 1)
        return Finding(
            code=code,
            severity=severity or info.severity,
            message=message,
            hint=info.hint,
            sku=(product.sku or None) if product else None,
            row=row if row is not None else (product.row if product else None),
            field=field_name,
            location=location,
            target=self.target.id if self.target else None,
            file=self.catalog.path,
        )


def _register(registry: list, codes: tuple[Code, ...]) -> Callable:
    def decorate(function: Callable) -> Callable:
        declare(*codes)
        registry.append(function)
        return function

    return decorate


def product_check(*codes: Code) -> Callable:
    """Register a per-product check that can emit ``codes``."""
    return _register(PRODUCT_CHECKS, codes)


def catalog_check(*codes: Code) -> Callable:
    """Register a catalog-wide check (duplicates, missing columns) that can emit ``codes``."""
    return _register(CATALOG_CHECKS, codes)


__all__ = ["CODES", "CATALOG_CHECKS", "PRODUCT_CHECKS", "CheckContext", "Code", "declare"]
