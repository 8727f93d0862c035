"""Shopify product CSV: the current import header, one row per variant and per extra image.

Also reads Shopify CSVs back (current and legacy header) and checks them against the import
rules, so the bundle is verified the way Shopify would read it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from klisting.export.context import ListingContext
from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, format_decimal, variant_barcode, variant_rows
from klisting.infra.atomic import write_bytes_atomic
from klisting.markets.platforms import PlatformSpec

#: The current ("new") import header (help.shopify.com, using-csv), in Shopify's order.
HEADER: tuple[str, ...] = (
    "Title",
    "URL handle",
    "Description",
    "Vendor",
    "Product category",
    "Type",
    "Tags",
    "Published on online store",
    "Status",
    "SKU",
    "Barcode",
    "Option1 name",
    "Option1 value",
    "Option1 Linked To",
    "Option2 name",
    "Option2 value",
    "Option2 Linked To",
    "Option3 name",
    "Option3 value",
    "Option3 Linked To",
    "Price",
    "Compare-at price",
    "Cost per item",
    "Charge tax",
    "Tax code",
    "Unit price total measure",
    "Unit price total measure unit",
    "Unit price base measure",
    "Unit price base measure unit",
    "Inventory tracker",
    "Inventory quantity",
    "Continue selling when out of stock",
    "Weight value (grams)",
    "Weight unit for display",
    "Requires shipping",
    "Fulfillment service",
    "Product image URL",
    "Image position",
    "Image alt text",
    "Variant image URL",
    "Gift card",
    "SEO title",
    "SEO description",
)

#: Legacy header name -> current header name (older exports still use these).
LEGACY_TO_CURRENT: dict[str, str] = {
    "Handle": "URL handle",
    "Body (HTML)": "Description",
    "Product Category": "Product category",
    "Published": "Published on online store",
    "Option1 Name": "Option1 name",
    "Option1 Value": "Option1 value",
    "Option2 Name": "Option2 name",
    "Option2 Value": "Option2 value",
    "Option3 Name": "Option3 name",
    "Option3 Value": "Option3 value",
    "Variant SKU": "SKU",
    "Variant Grams": "Weight value (grams)",
    "Variant Inventory Tracker": "Inventory tracker",
    "Variant Inventory Qty": "Inventory quantity",
    "Variant Inventory Policy": "Continue selling when out of stock",
    "Variant Fulfillment Service": "Fulfillment service",
    "Variant Price": "Price",
    "Variant Compare At Price": "Compare-at price",
    "Variant Requires Shipping": "Requires shipping",
    "Variant Taxable": "Charge tax",
    "Variant Barcode": "Barcode",
    "Image Src": "Product image URL",
    "Image Position": "Image position",
    "Image Alt Text": "Image alt text",
    "Variant Image": "Variant image URL",
    "Variant Weight Unit": "Weight unit for display",
    "Variant Tax Code": "Tax code",
}

_HANDLE_BAD = re.compile(r"[^a-z0-9]+")


def handle(product: LocalizedProduct) -> str:
    """URL handle: letters, digits and dashes only (Shopify's rule); built from the SKU, which is stable."""
    return _HANDLE_BAD.sub("-", product.sku.lower()).strip("-") or "product"


def product_rows(
    product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext | None = None
) -> list[dict[str, str]]:
    """Rows for one product: the first carries product fields, later ones variants or images only."""
    ctx = ctx or ListingContext("shopify:us")
    axes = product.options or [("Title", ["Default Title"])]
    variants = variant_rows(product)
    out: list[dict[str, str]] = []
    for index, variant in enumerate(variants):
        row = dict.fromkeys(HEADER, "")
        row.update(
            {
                "URL handle": handle(product),
                "SKU": variant.sku,
                "Barcode": variant_barcode(product, variant),
            }
        )
        for axis_index, (name, _) in enumerate(axes[:3], start=1):
            if index == 0:
                row[f"Option{axis_index} name"] = name
            row[f"Option{axis_index} value"] = variant.options.get(
                name, "Default Title" if not product.options else ""
            )
        row.update(
            {
                "Price": format_amount(variant.price or product.price, spec.price_decimals),
                "Compare-at price": format_amount(product.list_price, spec.price_decimals)
                if product.list_price
                else "",
                "Charge tax": "TRUE",
                "Inventory tracker": "shopify",
                "Inventory quantity": str(
                    variant.stock if variant.stock is not None else product.stock or 0
                ),
                "Continue selling when out of stock": "DENY",
                "Weight value (grams)": format_decimal(product.weight_g, 0),
                "Weight unit for display": "g",
                "Requires shipping": "TRUE",
                "Fulfillment service": "manual",
                "Variant image URL": variant.image,
            }
        )
        if index == 0:
            row.update(
                {
                    "Title": product.title,
                    "Description": product.description,
                    "Vendor": product.brand,
                    # Shopify's taxonomy id when the category map has one (optional column)
                    "Product category": _category(product, ctx),
                    "Published on online store": "TRUE",
                    "Status": "draft",
                    "Gift card": "FALSE",
                    "SEO title": product.title[:70],
                }
            )
        out.append(row)
    for position, image in enumerate(product.images, start=1):
        target = out[position - 1] if position <= len(out) else _image_row(product)
        target.update(
            {
                "Product image URL": ctx.image_url(product.sku, image.name, "Product image URL"),
                "Image position": str(position),
                "Image alt text": product.title[:512],
            }
        )
        if position > len(out):
            out.append(target)
    return out


def _category(product: LocalizedProduct, ctx: ListingContext) -> str:
    mapped = ctx.settings.categories.get(product.category, {})
    return mapped.get(ctx.target_id) or mapped.get("shopify") or ""


def _image_row(product: LocalizedProduct) -> dict[str, str]:
    row = dict.fromkeys(HEADER, "")
    row["URL handle"] = handle(product)
    return row


def csv_bytes(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext | None = None
) -> bytes:
    """The whole CSV (UTF-8, CRLF) for ``products`` in order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(HEADER), lineterminator="\r\n")
    writer.writeheader()
    for product in products:
        writer.writerows(product_rows(product, spec, ctx))
    return buffer.getvalue().encode("utf-8")


def write_shopify(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    path: Path,
    ctx: ListingContext | None = None,
) -> Path:
    """Write products.csv."""
    write_bytes_atomic(path, csv_bytes(products, spec, ctx))
    return path


def read_shopify_csv(text: str) -> list[dict[str, str]]:
    """Rows of a Shopify CSV with legacy header names mapped to the current ones."""
    reader = csv.DictReader(io.StringIO(text))
    return [
        {LEGACY_TO_CURRENT.get(key, key): value or "" for key, value in row.items()}
        for row in reader
    ]


def import_problems(rows: list[dict[str, str]]) -> list[str]:
    """What Shopify's importer would reject or misread, one message per problem."""
    problems: list[str] = []
    seen: set[str] = set()
    previous = None
    for number, row in enumerate(rows, start=2):
        key = row.get("URL handle", "")
        if not key or _HANDLE_BAD.sub("", key.replace("-", "")) != key.replace("-", ""):
            problems.append(f"line {number}: URL handle '{key}' must be letters, digits and dashes")
        starts = key != previous
        if starts:
            if key in seen:
                problems.append(f"line {number}: handle '{key}' reappears after other products")
            seen.add(key)
            if not row.get("Title"):
                problems.append(f"line {number}: a new product needs a Title")
        if row.get("SKU") and not row.get("Option1 value"):
            problems.append(f"line {number}: variant columns need Option1 value")
        weight = row.get("Weight value (grams)", "")
        if weight and not weight.isdigit():
            problems.append(f"line {number}: weight '{weight}' must be whole grams")
        previous = key
    return problems
