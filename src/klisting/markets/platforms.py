"""Platform specs (configs/platforms/*.yaml): the limits validation and export enforce.

A spec is data. ``market_overrides`` holds per-market changes (a shorter title in one market,
whole-number prices in another); ``spec_for(market)`` returns the merged view.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from klisting.configfiles import load_dir, per_config_dir
from klisting.paths import config_dir


class TextLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_chars: int | None = None
    min_chars: int | None = None
    banned_chars: str = ""
    banned_words: list[str] = Field(default_factory=list)
    emoji_allowed: bool = True
    html_allowed: bool = True


class ImageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_count: int = 1
    max_count: int | None = None
    min_px: int | None = None
    max_px: int | None = None
    max_bytes: int | None = None
    max_height_px: int | None = None
    formats: list[str] = Field(default_factory=lambda: ["jpeg", "png"])
    square: bool = False
    main_white_background: bool = False


class OptionLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_axes: int | None = None
    max_values_per_axis: int | None = None
    max_variants: int | None = None
    max_name_chars: int | None = None
    max_value_chars: int | None = None


class Column(BaseModel):
    """One column of a flat listing file: its header and the export field it holds."""

    model_config = ConfigDict(extra="forbid")

    name: str
    #: export row field (see ``klisting.export.rows``) or ``=literal`` for a constant value
    field: str


#: the writer families klisting.export.writers implements
Family = Literal["shopify", "amazon", "shopee", "lazada", "miravia", "alibaba", "qoo10", "coupang"]
#: the kinds of listing file a writer produces
ListingKind = Literal["json-per-sku", "json", "csv", "tsv", "xlsx"]


class ListingFile(BaseModel):
    """A listing file a platform's writer produces (name and, for flat files, columns)."""

    model_config = ConfigDict(extra="forbid")

    #: file name inside the bundle; ``{market}`` is replaced
    name: str
    kind: ListingKind
    #: JSON Schema (under schemas/) a JSON payload must satisfy
    schema_name: str | None = None
    columns: list[Column] = Field(default_factory=list)
    #: flat files: one row per "variant" (default) or per "product" (options carried elsewhere)
    one_row_per: str = "variant"
    #: flat files: a parent row before the variant rows (Amazon flat-file parentage)
    parent_rows: bool = False


class PlatformSpec(BaseModel):
    """One platform (configs/platforms/NAME.yaml), optionally specialised to one market."""

    model_config = ConfigDict(extra="allow")

    name: str
    display_name: str
    markets: list[str]
    source: str = ""
    verified: list[str] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)
    #: canonical fields a listing must have
    required: list[str] = Field(default_factory=lambda: ["sku", "title", "price", "images"])
    #: seller-profile facts a listing must carry (eu_responsible_person ...); checked on export
    required_profile: list[str] = Field(default_factory=list)
    title: TextLimits = Field(default_factory=TextLimits)
    description: TextLimits = Field(default_factory=TextLimits)
    images: ImageSpec = Field(default_factory=ImageSpec)
    options: OptionLimits = Field(default_factory=OptionLimits)
    market_overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: writer family in klisting.export.writers (a typo fails when the YAML loads)
    family: Family
    #: decimals of a weight in kg in flat listing files
    weight_kg_decimals: int = 2
    #: BCP 47 language listings must be written in (after market overrides)
    language: str = "en"
    currency: str = "USD"
    #: decimals the platform accepts in prices for this market (0 = whole units)
    price_decimals: int = 2
    tax_inclusive: bool = False
    #: unit of the weight column: g or kg
    weight_unit: str = "kg"
    #: how many bullet points (key features) the listing takes; 0 = none
    bullets: int = 0
    bullet_max_chars: int | None = None
    #: image file name inside the bundle; fields: sku, index (1-based), ext
    image_name: str = "{sku}-{index:02d}.{ext}"
    files: list[ListingFile] = Field(default_factory=list)
    #: words the title may not contain besides ``title.banned_words`` (e.g. the brand on Qoo10)
    title_excludes_brand: bool = False
    #: text fields the platform rejects when not in the listing language (others only warn)
    language_enforced: list[str] = Field(default_factory=lambda: ["title"])
    #: product fields written as constants when the catalog has no value (platform defaults)
    defaults: dict[str, str] = Field(default_factory=dict)

    def spec_for(self, market: str) -> PlatformSpec:
        """This spec with ``market_overrides[market]`` merged in (nested keys merge)."""
        override = self.market_overrides.get(market)
        if not override:
            return self
        merged = _deep_merge(self.model_dump(), override)
        merged["market_overrides"] = {}
        return PlatformSpec.model_validate(merged)


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _deep_merge(result[key], value)
        else:
            result[key] = value
    return result


@per_config_dir
def load_platforms() -> dict[str, PlatformSpec]:
    """Every platform spec keyed by name."""
    return {spec.name: spec for spec in load_dir(config_dir() / "platforms", PlatformSpec).values()}
