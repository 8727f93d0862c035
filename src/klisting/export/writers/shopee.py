"""Shopee Open Platform v2 payloads: ``v2.product.add_item`` body plus ``init_tier_variation``.

Image ids and category ids are Shopee-side values the seller gets by uploading (media_space)
and choosing a leaf category; the bundle carries the file names and the source category so a
script can substitute them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, html_to_text
from klisting.markets.platforms import PlatformSpec


def _number(text: str) -> float | int:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def add_item(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    """The add_item body for one product."""
    body: dict[str, Any] = {
        "item_sku": product.sku,
        "item_name": product.title,
        "description": html_to_text(product.description),
        "original_price": _number(format_amount(product.price, spec.price_decimals))
        if product.price
        else 0,
        "seller_stock": [{"stock": product.stock or 0}],
        "category_id": 0,
        "image": {
            "image_id_list": [image.name for image in product.images[: spec.images.max_count or 9]]
        },
        "brand": {"brand_id": 0, "original_brand_name": product.brand or "NoBrand"},
        "condition": "NEW",
        "item_status": "UNLIST",
        "item_dangerous": 0,
        "attribute_list": [],
        "logistic_info": [],
        "x_klisting": {
            "source_category": product.category,
            "currency": spec.currency,
            "language": spec.language,
        },
    }
    if product.weight_kg is not None:
        body["weight"] = float(round(product.weight_kg, 3))
    if product.dimensions_cm:
        length, width, height = (
            int(max(Decimal(1), v).to_integral_value()) for v in product.dimensions_cm
        )
        body["dimension"] = {
            "package_length": length,
            "package_width": width,
            "package_height": height,
        }
    return body


def tier_variation(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any] | None:
    """init_tier_variation body, or None for a product without options."""
    if not product.variants:
        return None
    axes = product.options[:2]
    tiers = [
        {"name": name, "option_list": [{"option": value} for value in values]}
        for name, values in axes
    ]
    models = []
    for variant in product.variants:
        index = [
            values.index(variant.options[name]) if variant.options.get(name) in values else 0
            for name, values in axes
        ]
        price = variant.price or product.price
        models.append(
            {
                "tier_index": index,
                "model_sku": variant.sku,
                "original_price": _number(format_amount(price, spec.price_decimals))
                if price
                else 0,
                "seller_stock": [{"stock": variant.stock or 0}],
            }
        )
    return {"tier_variation": tiers, "model": models}


def payload(products: list[LocalizedProduct], spec: PlatformSpec) -> dict[str, Any]:
    """add_item.json: every product's add_item and init_tier_variation bodies."""
    return {
        "items": [
            {"add_item": add_item(p, spec), "init_tier_variation": tier_variation(p, spec)}
            for p in products
        ]
    }
