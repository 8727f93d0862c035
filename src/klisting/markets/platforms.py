"""Platform specs (configs/platforms/*.yaml): the limits validation and export enforce.

A spec is data. ``market_overrides`` holds per-market changes (a shorter title in one market,
whole-number prices in another); ``spec_for(market)`` returns the merged view.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from klisting.configfiles import load_dir
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
    title: TextLimits = Field(default_factory=TextLimits)
    description: TextLimits = Field(default_factory=TextLimits)
    images: ImageSpec = Field(default_factory=ImageSpec)
    options: OptionLimits = Field(default_factory=OptionLimits)
    market_overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)

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


@lru_cache(maxsize=1)
def load_platforms() -> dict[str, PlatformSpec]:
    """Every platform spec keyed by name."""
    return {spec.name: spec for spec in load_dir(config_dir() / "platforms", PlatformSpec).values()}
