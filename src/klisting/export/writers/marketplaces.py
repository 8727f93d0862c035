"""Payloads for Coupang (Wing shape), Alibaba.com (ICBU) and Qoo10 (QAPI SetNewGoods)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, format_decimal, variant_barcode, variant_rows
from klisting.markets.platforms import PlatformSpec
from klisting.model import Money

#: B2B defaults when the project file gives no trade terms (stated as assumed in alibaba.yaml).
DEFAULT_TRADE: dict[str, Any] = {
    "moq": 10,
    "unit": "Piece/Pieces",
    "tiers": [
        {"min_quantity": 10, "discount_percent": 0},
        {"min_quantity": 100, "discount_percent": 5},
        {"min_quantity": 500, "discount_percent": 10},
    ],
    "supply_quantity": 10000,
    "supply_period": "Month",
}


def coupang_product(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    """A Wing-shaped seller product: product fields plus ``items[]`` per option combination."""
    images = [
        {
            "imageOrder": index,
            "imageType": "REPRESENTATION" if index == 0 else "DETAIL",
            "vendorPath": image.name,
        }
        for index, image in enumerate(product.images[:10])
    ]
    items = []
    for variant in variant_rows(product):
        price = variant.price or product.price
        sale = int(Decimal(format_amount(price, 0) or 0))
        items.append(
            {
                "itemName": " ".join(variant.options.values()) or product.title,
                "externalVendorSku": variant.sku,
                # never below the sale price: a variant dearer than the product's list price
                # would otherwise be sent with originalPrice < salePrice, which Coupang rejects
                "originalPrice": max(
                    int(Decimal(format_amount(product.list_price or price, 0) or 0)), sale
                ),
                "salePrice": sale,
                "maximumBuyCount": variant.stock or 0,
                "barcode": variant_barcode(product, variant),
                "emptyBarcode": not variant_barcode(product, variant),
                "emptyBarcodeReason": ""
                if variant_barcode(product, variant)
                else "no GTIN assigned by the seller",
                "modelNo": product.model,
                "attributes": [
                    {"attributeTypeName": name, "attributeValueName": value, "exposed": "EXPOSED"}
                    for name, value in variant.options.items()
                ],
                "images": images,
            }
        )
    return {
        "sellerProductName": product.title,
        "displayProductName": product.title,
        "brand": product.brand,
        "generalProductName": product.title,
        "manufacture": product.manufacturer,
        "contents": [
            {
                "contentsType": "HTML",
                "contentDetails": [{"content": product.description, "detailType": "TEXT"}],
            }
        ],
        "items": items,
        "x_klisting": {
            "source_category": product.category,
            "currency": spec.currency,
            "language": spec.language,
        },
    }


def alibaba_product(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    """An ICBU product: FOB price range, ladder prices by MOQ and supply ability."""
    trade = {**DEFAULT_TRADE, **product.trade}
    prices = [
        v.price or product.price
        for v in variant_rows(product)
        if (v.price or product.price) is not None
    ]
    low = min((p.amount for p in prices), default=Decimal(0))
    high = max((p.amount for p in prices), default=Decimal(0))
    ladder = [
        {
            "min_quantity": tier["min_quantity"],
            "price": format_amount(
                Money(_discount(low, tier["discount_percent"]), spec.currency), 2
            ),
        }
        for tier in trade["tiers"]
    ]
    body: dict[str, Any] = {
        "subject": product.title,
        "language": "ENGLISH",
        "product_sku": product.sku,
        "keywords": product.bullets[:3],
        "category_id": 0,
        "description": product.description,
        "main_image": product.images[0].name if product.images else "",
        "images": [image.name for image in product.images],
        "price_type": "ladder_price",
        "fob_currency": spec.currency,
        "fob_min_price": format_amount(Money(_discount(low, ladder_max(trade)), spec.currency), 2),
        "fob_max_price": format_amount(Money(high, spec.currency), 2),
        "fob_unit_type": trade["unit"],
        "ladder_price": ladder,
        "min_order_quantity": trade["moq"],
        "min_order_unit_type": trade["unit"],
        "supply_quantity": trade["supply_quantity"],
        "supply_unit_type": trade["unit"],
        "supply_period_type": trade["supply_period"],
        "attributes": [
            {"attribute_name": name, "value_name": ", ".join(values)}
            for name, values in product.options
        ],
        "x_klisting": {"source_category": product.category},
    }
    if product.weight_kg is not None:
        body["weight"] = format_decimal(product.weight_kg, 3)
    if product.dimensions_cm:
        body["package_size"] = {
            k: format_decimal(v, 0) or "1"
            for k, v in zip(("length", "width", "height"), product.dimensions_cm, strict=True)
        }
    if product.origin:
        body["attributes"].append(
            {"attribute_name": "Place of Origin", "value_name": product.origin}
        )
    return body


def ladder_max(trade: dict[str, Any]) -> int:
    return max((tier["discount_percent"] for tier in trade["tiers"]), default=0)


def _discount(amount: Decimal, percent: int) -> Decimal:
    return (amount * (Decimal(100) - Decimal(percent)) / Decimal(100)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def qoo10_goods(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    """SetNewGoods parameters; options become ``AdditionalOption`` text (name:value*surcharge)."""
    base = product.price
    options = []
    for variant in product.variants:
        surcharge = (variant.price.amount - base.amount) if (variant.price and base) else Decimal(0)
        label = "/".join(variant.options.values())
        options.append(f"{label}||*{int(surcharge)}||*{variant.stock or 0}||*{variant.sku}")
    images = "".join(f'<p><img src="{image.name}"></p>' for image in product.images[1:])
    return {
        "SellerCode": product.sku,
        "SecondSubCat": "",
        "ItemTitle": product.title,
        "ItemPrice": format_amount(base, 0),
        "RetailPrice": format_amount(product.list_price, 0) if product.list_price else "0",
        "ItemQty": str(product.stock or 0),
        "TaxRate": "S",
        "StandardImage": product.images[0].name if product.images else "",
        "ItemDescription": product.description + images,
        "Weight": format_decimal(product.weight_kg, 2),
        "ProductionPlaceType": "2",
        "ProductionPlace": product.origin,
        "AdultYN": "N",
        "IndustrialCodeType": "J" if product.barcode else "",
        "IndustrialCode": product.barcode,
        "OptionType": "" if not options else "\n".join(options),
        "x_klisting": {"source_category": product.category, "brand": product.brand},
    }


def payload(builder: str, products: list[LocalizedProduct], spec: PlatformSpec) -> dict[str, Any]:
    """The JSON document for ``builder`` (coupang, alibaba or qoo10) over all products."""
    make = {"coupang": coupang_product, "alibaba": alibaba_product, "qoo10": qoo10_goods}[builder]
    return {"products": [make(product, spec) for product in products]}
