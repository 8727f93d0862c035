"""Flat listing files (CSV, TSV, XLSX) whose columns come from the platform config."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from klisting.export.context import ListingContext
from klisting.export.model import LocalizedProduct
from klisting.export.rows import column_value, parent_row, rows
from klisting.infra.atomic import write_bytes_atomic
from klisting.markets.platforms import ListingFile, PlatformSpec


def table(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    ctx: ListingContext | None = None,
) -> list[list[str]]:
    """Header row plus one row per variant, in product order.

    With ``ctx``, the ``category_id`` field holds the mapped platform category and image
    fields hold URLs (each unfilled one a need, under the column's header).
    """
    header = [column.name for column in listing.columns]
    per_product = listing.one_row_per == "product"
    body = []
    for product in products:
        found = list(rows(product, spec))
        if ctx is not None:
            _resolve(product, listing, found, ctx)
        if per_product:
            found = found[:1]
        elif listing.parent_rows and product.variants:
            found = [parent_row(product, spec), *found]
        body.extend(
            [column_value(row, column.field) for column in listing.columns] for row in found
        )
    return [header, *body]


def _resolve(
    product: LocalizedProduct,
    listing: ListingFile,
    found: list[dict[str, str]],
    ctx: ListingContext,
) -> None:
    """Fill category ids and image URLs into the rows of one product (needs for what is unset)."""
    header_of = {column.field: column.name for column in listing.columns}
    resolved: dict[str, str] = {}
    if "category_id" in header_of:
        resolved["category_id"] = ctx.category(
            product.sku, product.category, header_of["category_id"]
        )
    for index, image in enumerate(product.images[:9], start=1):
        key = f"image{index}"
        if key in header_of:
            resolved[key] = ctx.image_url(product.sku, image.name, header_of[key])
    for row in found:
        row.update(resolved)


def write_flat(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    path: Path,
    ctx: ListingContext | None = None,
) -> Path:
    """Write ``listing`` (csv, tsv or xlsx) for ``products`` to ``path``."""
    data = table(products, spec, listing, ctx)
    if listing.kind == "xlsx":
        write_bytes_atomic(path, xlsx_bytes(data, sheet="Template"))
    else:
        if listing.kind == "tsv":
            # tab-separated templates (Amazon flat files, Qoo10) do not take line breaks inside a cell
            data = [[" ".join(cell.split("\n")).replace("\t", " ") for cell in row] for row in data]
        write_bytes_atomic(path, delimited_bytes(data, "\t" if listing.kind == "tsv" else ","))
    return path


def delimited_bytes(data: list[list[str]], delimiter: str) -> bytes:
    """UTF-8 CSV/TSV with CRLF line ends (what spreadsheet importers expect)."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writerows(data)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(data: list[list[str]], sheet: str) -> bytes:
    """An XLSX workbook with one sheet; fixed document times so the bytes are reproducible."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = "klisting"
    fixed = datetime(2000, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    ws = book.active
    ws.title = sheet
    for row in data:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalize_zip(buffer.getvalue())


_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member times (openpyxl stamps the current time)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(b"\\g<1>2000-01-01T00:00:00Z\\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()
