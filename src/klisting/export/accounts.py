"""Seller account settings per platform: what an account gives and a catalog cannot.

Shopee logistics channel ids, Lazada brand ids, Coupang vendor and return-centre codes, Qoo10
shipping template, Amazon product types, Alibaba trade terms. The project file keeps them under
``accounts`` keyed by platform name (``lazada``) or target id (``lazada:sg``, which wins for
that market: brand ids differ per venture); the export writers read them through
``resolve_account``. Every key here is named by a bundle manifest's ``needs`` when unset, so
the seller knows what to set.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Account(_Strict):
    #: keys a listing cannot do without (readiness fails and the manifest names them when unset)
    REQUIRED: ClassVar[tuple[str, ...]] = ()
    #: the brand name -> platform brand id map, when the platform needs one per brand
    BRAND_MAP: ClassVar[str] = ""
    #: optional keys ``klisting init`` asks as well (they have a default or a fallback)
    ASK: ClassVar[tuple[str, ...]] = ()

    #: where the seller uploads the bundle's images/ (CDN, bucket, shop file area); overrides
    #: the project-wide image_base_url for this platform
    image_base_url: str = ""


class AmazonAccount(_Account):
    ASK = ("product_type", "condition_type")
    #: product type when the category map gives none (searchDefinitionsProductTypes); never PRODUCT
    product_type: str = ""
    #: condition_type of every offer (Listings Items: new_new, used_like_new ...)
    condition_type: str = "new_new"
    #: item_type_keyword when the category map gives none (the browse keyword of the category)
    item_type_keyword: str = ""
    #: declare a GTIN exemption for products without a barcode (an approved exemption only)
    gtin_exemption: bool = False


class ShopeeAccount(_Account):
    REQUIRED = ("logistic_ids",)
    BRAND_MAP = "brand_ids"
    #: logistics channel ids from v2.logistics.get_channel_list, enabled on every item
    logistic_ids: list[int] = Field(default_factory=list)
    #: brand name -> brand_id from v2.product.get_brand_list (0 = No Brand)
    brand_ids: dict[str, int] = Field(default_factory=dict)
    #: days to ship (pre-order when above the market's default)
    days_to_ship: int | None = None

    @field_validator("logistic_ids", mode="before")
    @classmethod
    def _ids_text(cls, value: Any) -> Any:
        # "logistic_ids: 30001" or "30001, 30005" as people write it by hand
        if isinstance(value, int | str):
            return [part for part in re.split(r"[,;\s]+", str(value)) if part]
        return value


class LazadaAccount(_Account):
    BRAND_MAP = "brand_ids"
    #: brand name -> brand_id (GetBrandByPages); the ids differ per venture
    brand_ids: dict[str, int] = Field(default_factory=dict)
    warranty_type: str = "No Warranty"


class CoupangAccount(_Account):
    """Wing seller-product fields an account fixes (Coupang Wing create-seller-product)."""

    REQUIRED = (
        "vendor_id", "vendor_user_id", "sale_started_at", "outbound_shipping_place_code",
        "return_center_code", "return_charge_name", "company_contact_number", "return_zip_code",
        "return_address", "return_address_detail", "return_charge", "delivery_charge_on_return",
        "delivery_company_code", "delivery_charge_type", "delivery_charge", "free_ship_over_amount",
        "outbound_shipping_time_day", "after_service_information", "after_service_contact_number",
        "notice_category",
    )  # fmt: skip

    vendor_id: str = ""
    vendor_user_id: str = ""
    #: saleStartedAt, yyyy-MM-ddTHH:mm:ss (the sale ends 2099-01-01, the document's maximum)
    sale_started_at: str = ""
    outbound_shipping_place_code: str = ""
    return_center_code: str = ""
    return_charge_name: str = ""
    company_contact_number: str = ""
    return_zip_code: str = ""
    return_address: str = ""
    return_address_detail: str = ""
    return_charge: int | None = None
    delivery_charge_on_return: int | None = None
    delivery_method: str = "SEQUENCIAL"
    delivery_company_code: str = ""
    delivery_charge_type: str = ""
    delivery_charge: int | None = None
    free_ship_over_amount: int | None = None
    remote_area_deliverable: str = "N"
    union_delivery_type: str = "UNION_DELIVERY"
    outbound_shipping_time_day: int | None = None
    after_service_information: str = ""
    after_service_contact_number: str = ""
    #: 상품고시정보 category (noticeCategoryName), e.g. 화장품; its details come from the catalog
    notice_category: str = ""


class Qoo10Account(_Account):
    REQUIRED = ("shipping_no",)
    #: shipping template number (ShippingNo) from ItemsLookup.GetSellerDeliveryGroupInfo
    shipping_no: str = ""
    #: brand name -> BrandNo
    brand_nos: dict[str, str] = Field(default_factory=dict)


class AlibabaAccount(_Account):
    """ICBU trade terms (SourcingTrade): alibaba.icbu.product.add."""

    REQUIRED = ("moq", "unit", "supply_quantity", "supply_period")

    #: sourcing (RFQ/FOB) or wholesale (ready to ship, needs wholesale_trade)
    product_type: Literal["sourcing", "wholesale"] = "sourcing"
    moq: int | None = None
    unit: str = ""
    supply_quantity: int | None = None
    supply_period: Literal["day", "week", "month", "year", ""] = ""
    payment_methods: list[str] = Field(default_factory=list)
    #: bulk price tiers: {min_quantity, discount_percent}
    tiers: list[dict[str, int]] = Field(default_factory=list)
    #: wholesale only: handling days (1-60) and the shipping template id
    handling_time: int | None = None
    shipping_line_template_id: int | None = None


class MiraviaAccount(_Account):
    #: the seller's part of the feed file name: ProductListingUpdate_basic_<feed_name>.csv
    feed_name: str = "klisting"


class ShopifyAccount(_Account):
    pass


class DarazAccount(LazadaAccount):
    pass


#: platform name -> its account model
ACCOUNT_MODELS: dict[str, type[_Account]] = {
    "amazon": AmazonAccount,
    "shopee": ShopeeAccount,
    "lazada": LazadaAccount,
    "daraz": DarazAccount,
    "coupang-tw": CoupangAccount,
    "qoo10": Qoo10Account,
    "alibaba": AlibabaAccount,
    "miravia": MiraviaAccount,
    "shopify": ShopifyAccount,
}


def account_model(key: str) -> type[_Account]:
    """The account model for an ``accounts`` key (platform name or platform:market)."""
    platform = key.split(":")[0].strip().lower()
    if platform not in ACCOUNT_MODELS:
        raise ValueError(
            f"accounts.{key}: unknown platform '{platform}' (one of {', '.join(ACCOUNT_MODELS)})"
        )
    return ACCOUNT_MODELS[platform]


def validate_accounts(accounts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Check every ``accounts`` entry against its platform's model; keep the mapping as written."""
    for key, value in accounts.items():
        try:
            account_model(key).model_validate(value or {})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ValueError(f"accounts.{key}.{where}: {first['msg']}") from None
    return accounts


def resolve_account(accounts: dict[str, dict[str, Any]], target_id: str) -> _Account:
    """The account settings for ``target_id``: the platform entry with the target entry over it."""
    platform = target_id.split(":")[0]
    merged = {**(accounts.get(platform) or {}), **(accounts.get(target_id) or {})}
    return account_model(platform).model_validate(merged)
