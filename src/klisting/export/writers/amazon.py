"""Amazon SP-API Listings Items bodies (PUT /listings/2021-08-01/items/{sellerId}/{sku}).

One JSON per SKU: a parent (``LISTING_PRODUCT_ONLY``: product facts, no offer) for products
with variants, then each child or single product (``LISTING``: facts and offer). The product
type comes from the category map or the account, never the ``PRODUCT`` type, which Amazon's
use-case guide reserves for offer-only and partial updates. Text attributes carry
``language_tag`` and ``marketplace_id``, measurements ``unit`` + ``value``.
"""

from __future__ import annotations

from typing import Any

from klisting.export.context import ListingContext
from klisting.export.hazmat import batteries_excluded, detect
from klisting.export.model import LocalizedProduct, LocalizedVariant
from klisting.export.rows import (
    format_amount,
    format_decimal,
    html_to_text,
    variant_barcode,
    variant_rows,
)
from klisting.markets.platforms import PlatformSpec

_COLOR = ("color", "colour", "색상", "컬러", "カラー", "色", "顏色", "颜色")
_SIZE = ("size", "사이즈", "サイズ", "尺寸", "尺碼")


def _text(value: str, spec: PlatformSpec) -> list[dict[str, str]]:
    return [
        {
            "value": value,
            "language_tag": spec.language.replace("-", "_"),
            "marketplace_id": _market_id(spec),
        }
    ]


def _plain(value: Any, spec: PlatformSpec) -> list[dict[str, Any]]:
    return [{"value": value, "marketplace_id": _market_id(spec)}]


def _market_id(spec: PlatformSpec) -> str:
    return spec.defaults.get("marketplace_id", "")


def payloads(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, dict[str, Any]]:
    """File name (``<sku>.json``) -> listings item body, in product order."""
    out: dict[str, dict[str, Any]] = {}
    for product in products:
        product_type = _product_type(product, ctx)
        common = _common(product, spec, ctx)
        if product.variants:
            theme = "/".join(_axis_attribute(name).upper() for name, _ in product.options)
            parent = dict(
                common, parentage_level=_plain("parent", spec), variation_theme=[{"name": theme}]
            )
            out[f"{product.sku}.json"] = _body(product_type, "LISTING_PRODUCT_ONLY", parent)
        for variant in variant_rows(product):
            attrs = dict(common, **_offer(product, variant, spec, ctx))
            if product.variants:
                attrs["parentage_level"] = _plain("child", spec)
                attrs["child_parent_sku_relationship"] = [
                    {
                        "child_relationship_type": "variation",
                        "parent_sku": product.sku,
                        "marketplace_id": _market_id(spec),
                    }
                ]
                for name, value in variant.options.items():
                    attrs.setdefault(_axis_attribute(name), _text(value, spec))
            out[f"{variant.sku}.json"] = _body(product_type, "LISTING", attrs)
    return out


def _body(product_type: str, requirements: str, attributes: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"productType": product_type} if product_type else {}
    body.update(requirements=requirements, attributes=attributes)
    return body


def _product_type(product: LocalizedProduct, ctx: ListingContext) -> str:
    mapped = ctx.settings.categories.get(product.category, {})
    found = mapped.get(ctx.target_id) or mapped.get("amazon") or ctx.account.product_type
    if not found:
        ctx.category(product.sku, product.category, "productType")
    return found or ""


def _axis_attribute(name: str) -> str:
    lowered = name.lower()
    return "color" if lowered in _COLOR else "size" if lowered in _SIZE else "style"


def _offer(
    product: LocalizedProduct, variant: LocalizedVariant, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """Sales terms and identity of one sellable SKU: condition, price, list price, stock, GTIN."""
    market = _market_id(spec)
    attrs: dict[str, Any] = {"condition_type": _plain(ctx.account.condition_type, spec)}
    price = variant.price or product.price
    if price is not None:
        attrs["purchasable_offer"] = [
            {
                "marketplace_id": market,
                "currency": spec.currency,
                "our_price": [{"schedule": [{"value_with_tax": _amount(price, spec)}]}],
            }
        ]
    if (
        product.list_price is not None
        and price is not None
        and product.list_price.amount > price.amount
    ):
        attrs["list_price"] = [
            {"marketplace_id": market, "currency": spec.currency,
             "value_with_tax": _amount(product.list_price, spec)}
        ]  # fmt: skip
    attrs["fulfillment_availability"] = [
        {"fulfillment_channel_code": "DEFAULT", "quantity": variant.stock or 0}
    ]
    code = variant_barcode(product, variant)
    if code:
        attrs["externally_assigned_product_identifier"] = [
            {"type": "ean" if len(code) == 13 else "upc", "value": code, "marketplace_id": market}
        ]
    elif ctx.account.gtin_exemption:
        attrs["supplier_declared_has_product_identifier_exemption"] = _plain(True, spec)
    else:
        ctx.need(
            variant.sku,
            "externally_assigned_product_identifier",
            "the catalog's barcode column (one GTIN per variant), or "
            "accounts.amazon.gtin_exemption: true once Amazon approved an exemption",
        )
    return attrs


def _amount(price: Any, spec: PlatformSpec) -> float:
    return float(format_amount(price, spec.price_decimals))


def _common(product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "item_name": _text(product.title, spec),
        "brand": _text(product.brand, spec),
        "product_description": _text(html_to_text(product.description), spec),
        "bullet_point": [
            entry for bullet in product.bullets[: spec.bullets] for entry in _text(bullet, spec)
        ],
    }
    keyword = _item_type_keyword(product, ctx)
    if keyword:
        attrs["item_type_keyword"] = _plain(keyword, spec)
    hazard = detect(product)
    attrs["supplier_declared_dg_hz_regulation"] = _plain(
        "transportation" if hazard else "not_applicable", spec
    )
    if hazard and hazard.kind == "battery":
        attrs["batteries_included"] = _plain(True, spec)
    elif batteries_excluded(product):  # the seller wrote 배터리 미포함: say so, never "included"
        attrs["batteries_included"] = _plain(False, spec)
    if product.manufacturer:
        attrs["manufacturer"] = _text(product.manufacturer, spec)
    if product.origin:
        attrs["country_of_origin"] = _plain(product.origin, spec)
    else:
        ctx.need(product.sku, "country_of_origin", "the catalog's origin (원산지) column")
    if product.model:
        attrs["model_number"] = _plain(product.model, spec)
    if product.weight_g is not None:
        attrs["item_weight"] = [
            {
                "unit": "kilograms",
                "value": float(format_decimal(product.weight_kg, 3)),
                "marketplace_id": _market_id(spec),
            }
        ]
    if product.dimensions_cm:
        length, width, height = (float(format_decimal(v, 2)) for v in product.dimensions_cm)
        attrs["item_package_dimensions"] = [
            {
                "length": {"unit": "centimeters", "value": length},
                "width": {"unit": "centimeters", "value": width},
                "height": {"unit": "centimeters", "value": height},
                "marketplace_id": _market_id(spec),
            }
        ]
    for index, image in enumerate(product.images[:9]):
        key = "main_product_image_locator" if index == 0 else f"other_product_image_locator_{index}"
        url = ctx.image_url(product.sku, image.name, key)
        attrs[key] = [{"media_location": url, "marketplace_id": _market_id(spec)}]
    return attrs


def _item_type_keyword(product: LocalizedProduct, ctx: ListingContext) -> str:
    mapped = ctx.settings.categories.get(product.category, {})
    found = mapped.get("amazon.item_type_keyword") or ctx.account.item_type_keyword
    if not found:
        ctx.need(
            product.sku,
            "item_type_keyword",
            f"categories.'{product.category or '(category)'}'.amazon.item_type_keyword "
            "or accounts.amazon.item_type_keyword in klisting.yaml",
        )
    return found
