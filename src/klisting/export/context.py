"""What a writer knows besides the products: the seller's account, category map and image URLs.

Writers fill a platform's required fields from the product, then from this context; a field
neither can fill is recorded as a *need* (``sku``, ``field``, and the klisting.yaml key or
catalog column that would fill it) instead of a placeholder such as ``category_id: 0``.
The manifest lists the needs, report.html shows them first and ``klisting run`` exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from klisting.export.accounts import resolve_account


@dataclass
class ListingSettings:
    """The project file's listing part: accounts, category map and image base URL.

    Built from ``klisting.yaml`` (``from_project``) or directly in tests; one object serves
    every target of a run (``context`` resolves the target's view).
    """

    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    image_base_url: str = ""

    @classmethod
    def from_project(cls, config: Any) -> ListingSettings:
        return cls(
            accounts=dict(config.accounts),
            categories=dict(config.categories),
            image_base_url=config.image_base_url,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "accounts": self.accounts,
            "categories": self.categories,
            "image_base_url": self.image_base_url,
        }

    def context(self, target_id: str) -> ListingContext:
        return ListingContext(target_id, self)


@dataclass
class ListingContext:
    """One target's account settings plus the needs its writers record."""

    target_id: str
    settings: ListingSettings = field(default_factory=ListingSettings)
    needs: list[dict[str, str]] = field(default_factory=list)
    #: what klisting cannot do offline and the seller (or a script) does at upload time
    steps: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.platform = self.target_id.split(":")[0]
        self.account: Any = resolve_account(self.settings.accounts, self.target_id)
        # the needs already recorded: a list scan per need made a large bundle quadratic
        self._recorded = {(n["sku"], n["field"], n["set"]) for n in self.needs}

    # -- needs ---------------------------------------------------------------------------------

    def need(self, sku: str, field_name: str, fill_with: str) -> None:
        """Record that ``field_name`` of ``sku`` is required and unfilled (once per pair)."""
        key = (sku, field_name, fill_with)
        if key not in self._recorded:
            self._recorded.add(key)
            self.needs.append({"sku": sku, "field": field_name, "set": fill_with})

    def step(self, text: str) -> None:
        if text not in self.steps:
            self.steps.append(text)

    def setting(self, sku: str, field_name: str, key: str) -> Any:
        """The account setting ``key`` (a need naming ``accounts.<platform>.<key>`` when unset)."""
        value = getattr(self.account, key)
        if value in (None, "", [], {}):
            self.need(sku, field_name, f"accounts.{self.platform}.{key} in klisting.yaml")
            return None
        return value

    def brand_value(self, mapping: dict[str, Any], brand: str) -> Any:
        """``mapping[brand]``, where the seller may have keyed it by the Korean brand name.

        Listings carry the brand romanized (하루담 -> Harudam) unless the profile spells it;
        a key in Hangul that romanizes to the listed brand is the same brand.
        """
        if brand in mapping:
            return mapping[brand]
        from klisting.translate.romanize import romanize

        for key, value in mapping.items():
            if key.casefold() == brand.casefold() or romanize(key) == brand:
                return value
        return None

    # -- categories ----------------------------------------------------------------------------

    def category(self, sku: str, source_category: str, field_name: str) -> str:
        """The platform's category id (or product type) for a catalog category; '' is a need."""
        mapped = self.settings.categories.get(source_category) or {}
        value = mapped.get(self.target_id) or mapped.get(self.platform) or ""
        if not value:
            where = f"'{source_category}'" if source_category else "(no category)"
            fix = (
                f"categories.{where}.{self.platform} in klisting.yaml (see `klisting categories`)"
                if source_category
                else "the catalog's category column, then categories in klisting.yaml"
            )
            self.need(sku, field_name, fix)
        return value

    # -- images --------------------------------------------------------------------------------

    @property
    def image_base(self) -> str:
        return (self.account.image_base_url or self.settings.image_base_url).rstrip("/")

    def image_url(self, sku: str, name: str, field_name: str) -> str:
        """The image's public URL (base + file name); the bare file name and a need without a base."""
        if not self.image_base:
            self.need(
                sku,
                field_name,
                f"image_base_url (or accounts.{self.platform}.image_base_url) in klisting.yaml: "
                "where you upload the bundle's images/",
            )
            return name
        return f"{self.image_base}/{quote(name)}"
