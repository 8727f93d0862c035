"""Lazada (and Daraz) ``CreateProduct`` payloads: the JSON form of the documented request body.

Shape from Lazada's "Create Product" guide (lazykern/ecommerce-api-docs mirror): ``Request.
Product`` with ``PrimaryCategory``, ``Images``, ``Attributes`` (``brand_id``: "brand" is
deprecated) and ``Skus.Sku[]`` carrying package fields and ``package_content``.
"""

from __future__ import annotations

import html
from typing import Any

from klisting.export.context import ListingContext
from klisting.export.hazmat import detect
from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, format_decimal, variant_rows
from klisting.markets.platforms import PlatformSpec

#: Hazmat values by detected kind ("None" is documented; the others are Lazada's option names)
_HAZMAT = {"battery": "Battery", "flammable": "Flammable", "aerosol": "Flammable"}


def short_description(product: LocalizedProduct) -> str:
    """Highlights: only <ul><li> is allowed, so bullets become a plain list."""
    if not product.bullets:
        return ""
    return (
        "<ul>" + "".join(f"<li>{html.escape(bullet)}</li>" for bullet in product.bullets) + "</ul>"
    )


def _images(product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext) -> list[str]:
    limit = spec.images.max_count or 8
    return [ctx.image_url(product.sku, i.name, "Images.Image") for i in product.images[:limit]]


def create_product(
    product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """The CreateProduct ``Request`` for one product."""
    axes = product.options[:2]
    skus = []
    for variant in variant_rows(product):
        sku: dict[str, Any] = {
            "SellerSku": variant.sku,
            "quantity": variant.stock or 0,
            "price": format_amount(variant.price or product.price, spec.price_decimals),
        }
        if product.weight_kg is not None:
            sku["package_weight"] = format_decimal(product.weight_kg, 2)
        else:
            ctx.need(product.sku, "package_weight", "the catalog's weight column (kg or g)")
        if product.dimensions_cm:
            sku.update(
                zip(
                    ("package_length", "package_width", "package_height"),
                    (format_decimal(v, 2) for v in product.dimensions_cm),
                    strict=True,
                )
            )
        else:
            for name in ("package_length", "package_width", "package_height"):
                ctx.need(product.sku, name, "the catalog's dimensions column (LxWxH cm)")
        sku["package_content"] = f"1 x {product.title}"
        if variant.options:
            sku["saleProp"] = {name: variant.options.get(name, "") for name, _ in axes}
        skus.append(sku)
    hazard = detect(product)
    attributes: dict[str, Any] = {
        "name": product.title,
        "description": product.description,
        "short_description": short_description(product),
        "Hazmat": _HAZMAT[hazard.kind] if hazard else "None",
        "warranty_type": ctx.account.warranty_type,
    }
    brand_id = _brand_id(product, ctx)
    if brand_id is not None:
        attributes["brand_id"] = str(brand_id)
    request: dict[str, Any] = {}
    category = ctx.category(product.sku, product.category, "PrimaryCategory")
    if category:
        request["PrimaryCategory"] = category
    request.update(
        Images={"Image": _images(product, spec, ctx)},
        Attributes=attributes,
        Skus={"Sku": skus},
    )
    if axes:
        request["variation"] = {
            f"variation{index}": {
                "name": name,
                "hasImage": index == 1 and any(v.image for v in product.variants),
                "customize": True,
                "options": {"option": values},
            }
            for index, (name, values) in enumerate(axes, start=1)
        }
    return {"Request": {"Product": request}}


def _brand_id(product: LocalizedProduct, ctx: ListingContext) -> int | None:
    """brand_id (mandatory) from the account's brand ids; "No Brand" has its own id per venture."""
    name = product.brand or "No Brand"
    found = ctx.brand_value(ctx.account.brand_ids, name)
    if found is None:
        ctx.need(
            product.sku,
            "brand_id",
            f"accounts.{ctx.platform}.brand_ids.{name} in klisting.yaml (GetBrandByPages; the "
            "ids differ per venture, set them under accounts.<platform>:<market> if so)",
        )
    return found


def payload(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """create_product.json: one request per product, in order."""
    ctx.step(
        f"{spec.display_name}: image URLs must be on Lazada's servers: run MigrateImages on "
        "each URL (or upload with UploadImage) before CreateProduct"
    )
    return {"products": [create_product(product, spec, ctx) for product in products]}
