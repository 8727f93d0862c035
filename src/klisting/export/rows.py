"""Flatten localized products into rows of named fields: the vocabulary of flat listing files.

Platform configs map their column headers to these field names (configs/platforms/*.yaml,
``files[].columns``), so a new flat template is a config change, not code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from klisting.export.model import LocalizedProduct, LocalizedVariant
from klisting.markets.platforms import PlatformSpec
from klisting.model import Money

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|tr)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(text: str) -> str:
    """Plain text from HTML: block ends become line breaks, tags dropped, entities decoded."""
    if "<" not in text:
        return text.strip()
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def format_amount(money: Money | None, decimals: int) -> str:
    """Amount as text with exactly ``decimals`` places (half-up), or '' when there is none."""
    if money is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    return str(money.amount.quantize(quantum, rounding=ROUND_HALF_UP))


def format_decimal(value: Decimal | None, places: int) -> str:
    """A measurement with at most ``places`` decimals, trailing zeros dropped."""
    if value is None:
        return ""
    text = str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def barcode_type(code: str) -> str:
    """GTIN type by length: UPC (12), EAN (13), GTIN (8 or 14); '' when there is none."""
    return {12: "UPC", 13: "EAN", 8: "EAN", 14: "GTIN"}.get(len(code), "") if code else ""


def variant_rows(product: LocalizedProduct) -> list[LocalizedVariant]:
    """The product's variants, or one implicit variant for a product without options."""
    if product.variants:
        return product.variants
    return [
        LocalizedVariant(
            sku=product.sku,
            options={},
            price=product.price,
            stock=product.stock,
            barcode=product.barcode,
        )
    ]


def variant_barcode(product: LocalizedProduct, variant: LocalizedVariant) -> str:
    """The variant's GTIN: its own, or the product's when the product sells only one variant.

    One GTIN identifies one sellable item, so the product's barcode is never copied onto
    several variants (Amazon and Coupang reject a GTIN shared by sibling variants).
    """
    if variant.barcode:
        return variant.barcode
    return product.barcode if len(product.variants) <= 1 else ""


def rows(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[dict[str, str]]:
    """One dict of export fields per variant row (main product fields repeated on each)."""
    base = product_fields(product, spec)
    has_variants = bool(product.variants)
    axes = [name for name, _ in product.options]
    for variant in variant_rows(product):
        row = dict(base)
        row.update(
            sku=variant.sku,
            parent_sku=product.sku if has_variants else "",
            parent_or_sku=product.sku,
            parent_child="child" if has_variants else "",
            relationship="variation" if has_variants else "",
            price=format_amount(variant.price or product.price, spec.price_decimals),
            stock="" if variant.stock is None else str(variant.stock),
            barcode=variant_barcode(product, variant),
            variant_image=variant.image,
        )
        row["barcode_type"] = barcode_type(row["barcode"])
        row["barcode_qoo10_type"] = "J" if row["barcode"] else ""
        for index in range(3):
            name = axes[index] if index < len(axes) else ""
            row[f"option{index + 1}_name"] = name
            row[f"option{index + 1}_value"] = variant.options.get(name, "") if name else ""
        yield row


def parent_row(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, str]:
    """The parent row of a product with variants: product fields, no price, stock or option values."""
    row = product_fields(product, spec)
    row.update(
        sku=product.sku,
        parent_sku="",
        parent_or_sku=product.sku,
        parent_child="parent",
        relationship="",
        price="",
        stock="",
        barcode="",
        barcode_type="",
        barcode_qoo10_type="",
        variant_image="",
    )
    return row


def product_fields(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, str]:
    """The fields every row of one product shares."""
    fields = {key: str(value) for key, value in spec.defaults.items()}
    dims = product.dimensions_cm or (None, None, None)
    fields.update(
        product_sku=product.sku,
        title=product.title,
        description=product.description,
        description_text=html_to_text(product.description),
        brand=product.brand,
        manufacturer=product.manufacturer,
        origin=product.origin,
        model=product.model,
        hs_code=product.hs_code,
        category=product.category,
        # the platform's category id: filled from the category map by the flat writer
        category_id="",
        list_price=format_amount(product.list_price, spec.price_decimals),
        currency=spec.currency,
        language=spec.language,
        weight_g=format_decimal(product.weight_g, 0),
        weight_kg=format_decimal(product.weight_kg, spec.weight_kg_decimals),
        length_cm=format_decimal(dims[0], 2),
        width_cm=format_decimal(dims[1], 2),
        height_cm=format_decimal(dims[2], 2),
        variation_theme="-".join(name for name, _ in product.options),
        stock_total=str(
            sum(v.stock or 0 for v in product.variants)
            if product.variants
            else (product.stock or 0)
        ),
    )
    for index in range(5):
        fields[f"bullet{index + 1}"] = (
            product.bullets[index] if index < len(product.bullets) else ""
        )
    for index in range(9):
        fields[f"image{index + 1}"] = (
            product.images[index].name if index < len(product.images) else ""
        )
    fields["images"] = "|".join(image.name for image in product.images)
    for key in (
        "manufacturer_address",
        "eu_responsible_name",
        "eu_responsible_address",
        "eu_responsible_email",
        "safety_warnings",
    ):
        fields[key] = product.profile.get(key, "")
    return fields


def column_value(row: dict[str, str], field: str) -> str:
    """A column's value: ``=literal`` constants, otherwise the named row field ('' if unknown)."""
    return field[1:] if field.startswith("=") else row.get(field, "")
