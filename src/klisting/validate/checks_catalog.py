"""Catalog-wide checks: columns that are missing, empty catalogs, duplicate SKUs, reader notes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from klisting.model import Catalog, Finding, Severity
from klisting.validate.registry import CheckContext, Code, catalog_check, declare, first_row

E, W = Severity.ERROR, Severity.WARNING


def _shared_skus(sku: Any) -> Any:
    """Every row whose SKU another row has too (one hash pass over the SKU column)."""
    return sku.is_not_null() & sku.is_duplicated()


declare(
    Code(
        "catalog.duplicate-header",
        W,
        None,
        "Two columns have the same header; only the first is read.",
        "Rename or delete the repeated column.",
    ),
    Code(
        "catalog.ragged-row",
        W,
        None,
        "A row has more cells than the header.",
        "Check for an unquoted delimiter in that row, or add the missing header.",
    ),
    Code(
        "catalog.not-an-object",
        W,
        None,
        "A JSON item is not an object.",
        "Each item must be a JSON object.",
    ),
)


@catalog_check(
    Code(
        "catalog.no-products",
        E,
        None,
        "The catalog has a header but no product rows.",
        "Add product rows below the header, or check that --sheet names the right sheet.",
    ),
    rows=first_row,
)
def check_not_empty(catalog: Catalog, ctx: CheckContext) -> Iterator[Finding]:
    if not catalog.products:
        yield ctx.finding(
            "catalog.no-products",
            None,
            f"{catalog.path}: no product rows after header row {catalog.header_row}",
        )


@catalog_check(
    Code(
        "catalog.column-missing",
        E,
        None,
        "No column maps to a field the catalog (or target) requires.",
        "Add the column, rename a header to a known name (see `klisting inspect`), or pick --profile.",
    ),
    rows=first_row,
)
def check_required_columns(catalog: Catalog, ctx: CheckContext) -> Iterator[Finding]:
    if not catalog.products:
        return
    for field_name in sorted(ctx.absent_columns & ctx.required):
        suffix = f" (required by {ctx.target.id})" if ctx.target else ""
        yield ctx.finding(
            "catalog.column-missing",
            None,
            f"no column for '{field_name}'{suffix}; headers found: {', '.join(list(catalog.mapping)[:12]) or 'none recognised'}",
            field=field_name,
        )


@catalog_check(
    Code(
        "sku.duplicate",
        E,
        "sku",
        "Two products share a SKU.",
        "Give every product its own seller code (SKU).",
    ),
    rows=_shared_skus,
)
def check_duplicate_skus(catalog: Catalog, ctx: CheckContext) -> Iterator[Finding]:
    first_seen: dict[str, int] = {}
    for product in catalog.products:
        if not product.sku:
            continue
        earlier = first_seen.setdefault(product.sku, product.row)
        if earlier != product.row:
            yield ctx.finding(
                "sku.duplicate",
                product,
                f"SKU '{product.sku}' on row {product.row} was already used on row {earlier}",
            )


def reader_findings(catalog: Catalog, ctx: CheckContext) -> list[Finding]:
    """The reader's notes as findings, with the target attached."""
    for finding in catalog.read_findings:
        finding.hint = finding.hint or _hint(finding.code)
        finding.target = ctx.target.id if ctx.target else None
    return list(catalog.read_findings)


def _hint(code: str) -> str:
    from klisting.validate.registry import CODES

    return CODES[code].hint if code in CODES else ""
