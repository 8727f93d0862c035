"""Payloads for Coupang (Wing seller-products shape), Alibaba.com (ICBU) and Qoo10 (SetNewGoods).

Field lists: Coupang's create-seller-product document (optionalg/coupang-developers mirror),
``alibaba.icbu.product.add`` with SourcingTrade / WholesaleTrade / MainImage models
(bububa/opentaobao), Qoo10 ItemsBasic.SetNewGoods parameters (Yosida001/Qoo10Sdk). The
account parts (vendor, return centre, trade terms, shipping template) come from
``accounts.<platform>`` in klisting.yaml; an unset one is left out and named as a need.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from klisting.export.context import ListingContext
from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, format_decimal, variant_barcode, variant_rows
from klisting.markets.platforms import PlatformSpec
from klisting.model import Money

#: Coupang product-level fields an account fixes: Wing field -> accounts.coupang-tw key
COUPANG_ACCOUNT_FIELDS = {
    "vendorId": "vendor_id",
    "vendorUserId": "vendor_user_id",
    "deliveryMethod": "delivery_method",
    "deliveryCompanyCode": "delivery_company_code",
    "deliveryChargeType": "delivery_charge_type",
    "deliveryCharge": "delivery_charge",
    "freeShipOverAmount": "free_ship_over_amount",
    "deliveryChargeOnReturn": "delivery_charge_on_return",
    "remoteAreaDeliverable": "remote_area_deliverable",
    "unionDeliveryType": "union_delivery_type",
    "returnCenterCode": "return_center_code",
    "returnChargeName": "return_charge_name",
    "companyContactNumber": "company_contact_number",
    "returnZipCode": "return_zip_code",
    "returnAddress": "return_address",
    "returnAddressDetail": "return_address_detail",
    "returnCharge": "return_charge",
    "outboundShippingPlaceCode": "outbound_shipping_place_code",
    "afterServiceInformation": "after_service_information",
    "afterServiceContactNumber": "after_service_contact_number",
}
#: 상품고시정보 columns: catalog attributes named "상품정보제공고시 <항목>"
_NOTICE_PREFIX = "상품정보제공고시"
#: the latest saleEndedAt the Wing document allows (sale open until withdrawn)
_SALE_END = "2099-01-01T23:59:59"


def _int(money: Money | None) -> int:
    return int(Decimal(format_amount(money, 0) or 0))


def coupang_product(
    product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """A Wing seller product: product fields plus ``items[]`` per option combination."""
    sku = product.sku
    body: dict[str, Any] = {}
    category = ctx.category(sku, product.category, "displayCategoryCode")
    if category:
        body["displayCategoryCode"] = int(category) if category.isdigit() else category
    body.update(
        sellerProductName=product.title,
        displayProductName=product.title,
        brand=product.brand,
        generalProductName=product.title,
        manufacture=product.manufacturer,
    )
    started = ctx.setting(sku, "saleStartedAt", "sale_started_at")
    if started:
        body["saleStartedAt"] = started
    body["saleEndedAt"] = _SALE_END
    body.update(_from_account(sku, "", COUPANG_ACCOUNT_FIELDS, ctx))
    body["requested"] = False
    body["items"] = _coupang_items(product, ctx)
    return body


def _coupang_items(product: LocalizedProduct, ctx: ListingContext) -> list[dict[str, Any]]:
    images = [
        {
            "imageOrder": index,
            "imageType": "REPRESENTATION" if index == 0 else "DETAIL",
            "vendorPath": ctx.image_url(product.sku, image.name, "images.vendorPath"),
        }
        for index, image in enumerate(product.images[:10])
    ]
    notices = _notices(product, ctx)
    days = ctx.setting(product.sku, "outboundShippingTimeDay", "outbound_shipping_time_day")
    items = []
    for variant in variant_rows(product):
        price = variant.price or product.price
        sale = _int(price)
        code = variant_barcode(product, variant)
        item: dict[str, Any] = {
            "itemName": " ".join(variant.options.values()) or product.title,
            # never below the sale price: Coupang rejects originalPrice < salePrice
            "originalPrice": max(_int(product.list_price or price), sale),
            "salePrice": sale,
            "maximumBuyCount": variant.stock or 0,
            "maximumBuyForPerson": 0,
            "maximumBuyForPersonPeriod": 1,
            "unitCount": 1,
            "adultOnly": "EVERYONE",
            "taxType": "TAX",
            "parallelImported": "NOT_PARALLEL_IMPORTED",
            "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
            "pccNeeded": False,
            "externalVendorSku": variant.sku,
            "barcode": code,
            "emptyBarcode": not code,
            "emptyBarcodeReason": "" if code else "no GTIN assigned by the seller",
            "modelNo": product.model,
            "attributes": [
                {"attributeTypeName": name, "attributeValueName": value, "exposed": "EXPOSED"}
                for name, value in variant.options.items()
            ],
            "contents": [
                {
                    "contentsType": "HTML",
                    "contentDetails": [{"content": product.description, "detailType": "TEXT"}],
                }
            ],
            "images": images,
        }
        if days is not None:
            item["outboundShippingTimeDay"] = days
        if notices:
            item["notices"] = notices
        items.append(item)
    return items


def _notices(product: LocalizedProduct, ctx: ListingContext) -> list[dict[str, str]]:
    """상품고시정보 from the catalog's 상품정보제공고시 columns under the account's notice category."""
    details = {
        key[len(_NOTICE_PREFIX) :].strip(): value
        for key, value in product.attributes.items()
        if key.startswith(_NOTICE_PREFIX) and key[len(_NOTICE_PREFIX) :].strip() and value
    }
    category = ctx.account.notice_category
    if not category or not details:
        ctx.need(
            product.sku,
            "notices",
            f"accounts.{ctx.platform}.notice_category in klisting.yaml and the catalog's "
            "상품정보제공고시 columns (품명, 제조자 ...)",
        )
        return []
    return [
        {"noticeCategoryName": category, "noticeCategoryDetailName": name, "content": value}
        for name, value in details.items()
    ]


def alibaba_product(
    product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """An ``alibaba.icbu.product.add`` request: trade terms nested as the API nests them."""
    account = ctx.account
    sku = product.sku
    body: dict[str, Any] = {
        "subject": product.title,
        "language": "ENGLISH",
        "product_type": account.product_type,
    }
    category = ctx.category(sku, product.category, "category_id")
    if category:
        body["category_id"] = int(category)
    body.update(
        description=product.description,
        keywords=product.bullets[:3],
        main_image={"images": [ctx.image_url(sku, i.name, "main_image.images") for i in product.images[:6]]},
        attributes=[
            {"attribute_name": name, "value_name": ", ".join(values)}
            for name, values in product.options
        ],
    )  # fmt: skip
    if product.origin:
        body["attributes"].append(
            {"attribute_name": "Place of Origin", "value_name": product.origin}
        )
    prices = [p.amount for v in variant_rows(product) if (p := v.price or product.price)]
    low, high = min(prices, default=Decimal(0)), max(prices, default=Decimal(0))
    if account.product_type == "wholesale":
        body["wholesale_trade"] = _wholesale(product, low, spec, ctx)
    else:
        body["sourcing_trade"] = _sourcing(product, low, high, spec, ctx)
    if account.tiers:
        body["bulk_discount_prices"] = [
            {"start_quantity": t["min_quantity"], "price": _money(_discount(low, t["discount_percent"]))}
            for t in account.tiers
        ]  # fmt: skip
    return body


def _sourcing(
    product: LocalizedProduct, low: Decimal, high: Decimal, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    trade: dict[str, Any] = {
        "fob_currency": spec.currency,
        "fob_min_price": _money(low),
        "fob_max_price": _money(high),
    }
    trade.update(_from_account(product.sku, "sourcing_trade", _SOURCING_FIELDS, ctx))
    if ctx.account.payment_methods:
        trade["payment_methods"] = list(ctx.account.payment_methods)
    return trade


def _wholesale(
    product: LocalizedProduct, low: Decimal, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    trade: dict[str, Any] = {"price": _money(low)}
    trade.update(_from_account(product.sku, "wholesale_trade", _WHOLESALE_FIELDS, ctx))
    if product.weight_kg is not None:
        trade["weight"] = format_decimal(product.weight_kg, 3)
    else:
        ctx.need(product.sku, "wholesale_trade.weight", "the catalog's weight column")
    if product.dimensions_cm:
        trade["package_size"] = "*".join(format_decimal(v, 0) or "1" for v in product.dimensions_cm)
    else:
        ctx.need(product.sku, "wholesale_trade.package_size", "the catalog's dimensions column")
    return trade


#: ICBU trade field -> accounts.alibaba key
_SOURCING_FIELDS = {
    "fob_unit_type": "unit",
    "min_order_quantity": "moq",
    "min_order_unit_type": "unit",
    "supply_quantity": "supply_quantity",
    "supply_unit_type": "unit",
    "supply_period_type": "supply_period",
}
_WHOLESALE_FIELDS = {
    "min_order_quantity": "moq",
    "unit_type": "unit",
    "handling_time": "handling_time",
    "shipping_line_template_id": "shipping_line_template_id",
}


def _from_account(
    sku: str, prefix: str, fields: dict[str, str], ctx: ListingContext
) -> dict[str, Any]:
    """The account's values for ``fields`` (payload name -> account key); unset ones are needs."""
    found = {}
    for field_name, key in fields.items():
        value = ctx.setting(sku, f"{prefix}.{field_name}" if prefix else field_name, key)
        if value is not None:
            found[field_name] = value
    return found


def _money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _discount(amount: Decimal, percent: int) -> Decimal:
    return amount * (Decimal(100) - Decimal(percent)) / Decimal(100)


def qoo10_goods(
    product: LocalizedProduct, spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """SetNewGoods parameters (variants are registered after it: see the bundle's steps)."""
    sku = product.sku
    images = "".join(
        f'<p><img src="{ctx.image_url(sku, i.name, "ItemDescription")}"></p>'
        for i in product.images[1:]
    )
    body: dict[str, Any] = {"SellerCode": sku}
    category = ctx.category(sku, product.category, "SecondSubCat")
    if category:
        body["SecondSubCat"] = category
    brand_no = ctx.brand_value(ctx.account.brand_nos, product.brand) if product.brand else None
    if brand_no:
        body["BrandNo"] = brand_no
    body.update(
        ItemTitle=product.title,
        ItemPrice=format_amount(product.price, 0),
        RetailPrice=format_amount(product.list_price, 0) if product.list_price else "0",
        ItemQty=str(product.stock if not product.variants else sum(v.stock or 0 for v in product.variants)),
        TaxRate="S",
        StandardImage=ctx.image_url(sku, product.images[0].name, "StandardImage") if product.images else "",
        ItemDescription=product.description + images,
        Weight=format_decimal(product.weight_kg, 2),
        ProductionPlaceType="2",
        ProductionPlace=product.origin,
        AdultYN="N",
    )  # fmt: skip
    if product.barcode and not product.variants:
        body.update(IndustrialCodeType="J", IndustrialCode=product.barcode)
    if product.model:
        body["ModelNM"] = product.model
    shipping = ctx.setting(sku, "ShippingNo", "shipping_no")
    if shipping:
        body["ShippingNo"] = str(shipping)
    return body


def payload(
    builder: str, products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """The JSON document for ``builder`` (coupang, alibaba or qoo10) over all products."""
    make = {"coupang": coupang_product, "alibaba": alibaba_product, "qoo10": qoo10_goods}[builder]
    if builder == "qoo10" and any(p.variants for p in products):
        ctx.step(
            "Qoo10: SetNewGoods takes no inventory options; register each product's variants "
            "(klisting_sidecar.json 'variants') in QSM or the options API after the item exists"
        )
    return {"products": [make(product, spec, ctx) for product in products]}
