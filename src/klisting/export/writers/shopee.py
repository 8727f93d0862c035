"""Shopee Open Platform v2 bodies: ``v2.product.add_item`` plus ``v2.product.init_tier_variation``.

Only documented request parameters go into the bodies (lazykern/ecommerce-api-docs copies of
open.shopee.com, see schemas/shopee-add-item.schema.json). Category id, logistics channels and
brand ids come from klisting.yaml (category map, ``accounts.shopee``); an unset one is left
out and named as a need. Image ids and ``item_id`` exist only after upload: those are steps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from klisting.export.context import ListingContext
from klisting.export.hazmat import detect
from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, html_to_text, variant_barcode
from klisting.markets.platforms import PlatformSpec

#: markets where add_item documents item_dangerous ("only applicable for local sellers in
#: Indonesia and Malaysia")
_DANGEROUS_FLAG_MARKETS = ("id", "my")
#: gtin_code for "Item without GTIN" (add_item doc)
NO_GTIN = "00"


def _number(text: str) -> float | int:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def _price(money: Any, spec: PlatformSpec) -> float | int:
    return _number(format_amount(money, spec.price_decimals)) if money else 0


def add_item(product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext) -> dict[str, Any]:
    """The add_item body for one product (documented parameters only)."""
    sku = product.sku
    body: dict[str, Any] = {
        "item_sku": sku,
        "item_name": product.title,
        "description": html_to_text(product.description),
        "original_price": _price(product.price, spec),
        "seller_stock": [{"stock": product.stock or 0}],
    }
    category = ctx.category(sku, product.category, "category_id")
    if category:
        body["category_id"] = int(category)
    # image ids come from v2.media_space.upload_image; the file names stand in until then
    body["image"] = {
        "image_id_list": [i.name for i in product.images[: spec.images.max_count or 9]]
    }
    body["brand"] = _brand(product, ctx)
    body.update(condition="NEW", item_status="UNLIST")
    logistics = ctx.setting(sku, "logistic_info", "logistic_ids")
    if logistics:
        body["logistic_info"] = [{"logistic_id": int(i), "enabled": True} for i in logistics]
    if product.weight_kg is not None:
        body["weight"] = float(round(product.weight_kg, 3))
    else:
        ctx.need(sku, "weight", "the catalog's weight column (kg or g)")
    if product.dimensions_cm:
        length, width, height = (
            int(max(Decimal(1), v).to_integral_value()) for v in product.dimensions_cm
        )
        body["dimension"] = {
            "package_length": length,
            "package_width": width,
            "package_height": height,
        }
    if not product.variants:
        body["gtin_code"] = product.barcode or NO_GTIN
    if ctx.account.days_to_ship:
        body["pre_order"] = {"is_pre_order": True, "days_to_ship": ctx.account.days_to_ship}
    if ctx.target_id.split(":")[1] in _DANGEROUS_FLAG_MARKETS:
        body["item_dangerous"] = 1 if detect(product) else 0
    return body


def _brand(product: LocalizedProduct, ctx: ListingContext) -> dict[str, Any]:
    """brand_id from accounts.shopee.brand_ids; 0 is Shopee's "No Brand" for unbranded goods."""
    if not product.brand:
        return {"brand_id": 0, "original_brand_name": "NoBrand"}
    brand_id = ctx.brand_value(ctx.account.brand_ids, product.brand)
    if brand_id is None:
        ctx.need(
            product.sku,
            "brand.brand_id",
            f"accounts.{ctx.platform}.brand_ids.{product.brand} in klisting.yaml "
            "(v2.product.get_brand_list; register_brand for a new brand)",
        )
        brand_id = 0
    return {"brand_id": int(brand_id), "original_brand_name": product.brand}


def tier_variation(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any] | None:
    """init_tier_variation body (custom variations: ids 0 with names), or None without options.

    ``item_id`` is add_item's response; the upload script adds it.
    """
    if not product.variants:
        return None
    axes = product.options[:2]
    tiers = [
        {
            "variation_id": 0,
            "variation_name": name,
            "variation_option_list": [
                {"variation_option_id": 0, "variation_option_name": value} for value in values
            ],
        }
        for name, values in axes
    ]
    models = []
    for variant in product.variants:
        index = [
            values.index(variant.options[name]) if variant.options.get(name) in values else 0
            for name, values in axes
        ]
        models.append(
            {
                "tier_index": index,
                "model_sku": variant.sku,
                "original_price": _price(variant.price or product.price, spec),
                "seller_stock": [{"stock": variant.stock or 0}],
                "gtin_code": variant_barcode(product, variant) or NO_GTIN,
            }
        )
    return {"standardise_tier_variation": tiers, "model": models}


def payload(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """add_item.json: every product's add_item and init_tier_variation bodies."""
    ctx.step(
        "Shopee: upload images/ with v2.media_space.upload_image and replace each file name in "
        "image.image_id_list by the returned image_id (klisting_sidecar.json lists the files)"
    )
    if any(p.variants for p in products):
        ctx.step("Shopee: call v2.product.init_tier_variation with the item_id add_item returns")
    return {
        "items": [
            {"add_item": add_item(p, spec, ctx), "init_tier_variation": tier_variation(p, spec)}
            for p in products
        ]
    }
