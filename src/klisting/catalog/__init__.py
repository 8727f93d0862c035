"""Read catalogs (CSV/TSV, XLSX/XLS, JSON, JSON Lines) into the canonical model."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klisting.catalog.build import ProductBuilder, group_variants
from klisting.catalog.profiles import ProfileMatch, choose_profile
from klisting.catalog.tables import Table, read_table
from klisting.model import Catalog, Finding, Severity


@dataclass
class OpenedCatalog:
    """A catalog file whose format, header and profile are known and whose rows are not built yet."""

    path: Path
    table: Table
    match: ProfileMatch
    currency: str = "KRW"

    @property
    def groups_variants(self) -> bool:
        """True when rows sharing a parent code merge into one product (rows depend on each other)."""
        return "parent_sku" in self.match.fields.values()


def open_catalog(
    path: str | Path,
    *,
    profile: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    currency: str = "KRW",
) -> OpenedCatalog:
    """Detect format, encoding, header row and profile of ``path`` without building products."""
    path = Path(path)
    table = read_table(path, sheet=sheet, encoding=encoding)
    return OpenedCatalog(path, table, choose_profile(table.headers, profile), currency)


def build_catalog(
    opened: OpenedCatalog,
    rows: Iterable[tuple[int, list[Any]]] | None = None,
    *,
    limit: int | None = None,
) -> Catalog:
    """Build the Catalog of ``opened`` from ``rows`` (default: all the table's rows)."""
    table, match, path = opened.table, opened.match, opened.path
    builder = ProductBuilder(table, match, path, opened.currency)
    products = (
        builder.build(number, cells) for number, cells in (table.rows if rows is None else rows)
    )
    if opened.groups_variants:
        products = group_variants(products)
    taken = []
    with _gc_paused():
        for product in products:
            taken.append(product)
            if limit is not None and len(taken) >= limit:
                break
    catalog = Catalog(
        path=str(path),
        products=taken,
        format=table.format,
        encoding=table.encoding,
        sheet=table.sheet,
        header_row=table.header_row,
        profile=match.profile.name,
        mapping={table.headers[i]: f for i, f in sorted(match.fields.items())},
        unmapped=[h for i, h in enumerate(table.headers) if i not in match.fields and h],
    )
    catalog.read_findings = [
        Finding(
            code=code,
            severity=Severity.WARNING,
            message=message,
            row=row,
            file=str(path),
            location=builder.stub(row).location.cell() if row else path.name,
            field=None,
        )
        for row, code, message in table.notes
    ]
    return catalog


def read_catalog(
    path: str | Path,
    *,
    profile: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    currency: str = "KRW",
    limit: int | None = None,
) -> Catalog:
    """Read ``path`` into a Catalog.

    Args:
        path: the catalog file.
        profile: source profile name (configs/sources); detected from the header when None.
        sheet: workbook sheet; the first sheet when None.
        encoding: text encoding; detected when None.
        currency: currency of the prices in the file.
        limit: stop after this many products (for previews).

    Raises:
        InputError: the file is missing, unreadable or not a catalog.
    """
    opened = open_catalog(path, profile=profile, sheet=sheet, encoding=encoding, currency=currency)
    return build_catalog(opened, limit=limit)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building products.

    Every product allocates a handful of containers; without the pause the collector walks the
    growing list again and again (reading 100k rows took 1.7x as long). Products hold no cycles,
    so nothing is leaked by waiting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["OpenedCatalog", "build_catalog", "open_catalog", "read_catalog"]
