"""The registry of checks (the code catalog itself lives in ``klisting.model.codes``).

A check is a small function ``check(product, ctx) -> Iterable[Finding]`` (or, for
catalog-wide checks, ``check(catalog, ctx)``). It declares the codes it can emit with
``@product_check(Code(...), ...)`` so the code catalog in README is generated from the checks
themselves and cannot drift.

The same declaration serves the columnar engine (``klisting.validate.columnar``), which never
builds a Product for a row that passes. A check may say how to find its candidate rows:

- ``screen=f(ctx, cell) -> polars.Expr``: a row mask over the catalog's cells (stripped text,
  null when empty) that is True on every row the function could flag. It decides the common
  clean forms exactly; whatever it cannot decide it leaves True, so it may over-select but never
  miss. ``cell(field)`` is the column of a reader field (a null literal when absent).
- ``inputs=("weight", ...)``: the function reads only these reader fields, so the engine runs
  it once per distinct combination of their cells and flags the rows of failing combinations.

Either way the findings come from the function itself, run on the real Product of a flagged
row, so the two engines report the same findings. A check with neither runs on every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Product, Severity
from klisting.model.codes import CODES, Code, declare

PRODUCT_CHECKS: list[Callable[..., Iterable[Finding]]] = []
CATALOG_CHECKS: list[Callable[..., Iterable[Finding]]] = []


@dataclass(frozen=True)
class ColumnarForm:
    """How the columnar engine finds a check's candidate rows (see the module docstring)."""

    #: product checks: (ctx, cell) -> row mask, True where the check may emit a finding
    screen: Callable[..., Any] | None = None
    #: product checks: the reader fields the check reads
    inputs: tuple[str, ...] | None = None
    #: catalog checks: (sku column) -> mask of the rows whose stubs the check needs
    rows: Callable[..., Any] | None = None


#: check function -> its columnar form; a check missing here runs on every row
COLUMNAR: dict[Callable[..., Any], ColumnarForm] = {}


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


def _register(registry: list, codes: tuple[Code, ...], form: ColumnarForm | None) -> Callable:
    def decorate(function: Callable) -> Callable:
        declare(*codes)
        registry.append(function)
        if form is not None:
            COLUMNAR[function] = form
        return function

    return decorate


def product_check(
    *codes: Code,
    screen: Callable[..., Any] | None = None,
    inputs: tuple[str, ...] | None = None,
) -> Callable:
    """Register a per-product check that can emit ``codes`` (``screen``/``inputs``: see above)."""
    if screen is not None and inputs is not None:
        raise ValueError("a check takes a screen or inputs, not both")
    form = ColumnarForm(screen=screen, inputs=inputs) if screen or inputs is not None else None
    return _register(PRODUCT_CHECKS, codes, form)


def first_row(sku: Any) -> Any:
    """``rows`` for a catalog check that asks only whether the catalog has products at all."""
    import polars as pl

    return pl.int_range(pl.len()) == 0


def catalog_check(*codes: Code, rows: Callable[..., Any] | None = None) -> Callable:
    """Register a catalog-wide check (duplicates, missing columns) that can emit ``codes``.

    Catalog checks see light products (row, SKU and location only), as in a parallel run;
    ``rows(sku)`` narrows them to the rows the check needs (default: every row).
    """
    return _register(CATALOG_CHECKS, codes, ColumnarForm(rows=rows) if rows else None)


__all__ = [
    "CODES",
    "CATALOG_CHECKS",
    "COLUMNAR",
    "PRODUCT_CHECKS",
    "CheckContext",
    "Code",
    "ColumnarForm",
    "declare",
    "first_row",
]
