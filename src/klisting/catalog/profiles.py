"""Source profiles: which header names map to which canonical (or reader) field.

Profiles are data in configs/sources/*.yaml. A profile is picked by how many of a file's
headers it recognises (its ``signature`` headers count double, so a Smartstore sheet is not
mistaken for a generic one); ``--profile`` overrides the choice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field

from klisting.configfiles import load_dir
from klisting.errors import UsageError
from klisting.paths import config_dir

#: Reader fields that are not canonical fields but feed one: the canonical field they report as.
READER_FIELDS: dict[str, str] = {
    "image_main": "images",
    "image_extra": "images",
    "image_detail": "images",
    "option_names": "options",
    "option_values": "options",
    "option_prices": "options",
    "option_stocks": "options",
    "variant_option": "options",
    "variant_option_name": "options",
    "option_axis": "options",
}

_IGNORED = re.compile(r"[\s_\-.*:·•]+")


def normalize_header(text: str) -> str:
    """Header key for matching: NFKC, lower case, without spaces, underscores, hyphens, dots, stars."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(text)).lower())


class SourceProfile(BaseModel):
    """One source layout (configs/sources/NAME.yaml)."""

    name: str
    description: str = ""
    priority: int = 0
    signature: list[str] = Field(default_factory=list)
    columns: dict[str, list[str]]
    #: headers that name one option axis each (색상, 사이즈 ...): the cell lists that axis's values
    option_axes: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class ProfileMatch:
    """A profile applied to a header row: which column index feeds which field."""

    profile: SourceProfile
    score: int
    #: column index -> field (canonical or reader field); first column wins for a field
    fields: dict[int, str]


@lru_cache(maxsize=4)
def load_profiles(directory: str | None = None) -> dict[str, SourceProfile]:
    """All profiles, keyed by name."""
    root = config_dir() / "sources" if directory is None else directory
    return {p.name: p for p in load_dir(root, SourceProfile).values()}


@lru_cache(maxsize=64)
def _alias_index(profile_name: str) -> dict[str, str]:
    profile = load_profiles()[profile_name]
    index: dict[str, str] = {}
    for field_name, aliases in profile.columns.items():
        for alias in aliases:
            index.setdefault(normalize_header(alias), field_name)
    return index


def known_header_keys() -> frozenset[str]:
    """Every header key any profile knows: used to find the header row."""
    keys: set[str] = set()
    for name in load_profiles():
        keys.update(_alias_index(name))
    return frozenset(keys)


def match_profile(profile: SourceProfile, headers: list[str]) -> ProfileMatch:
    """Map ``headers`` through ``profile``; aliases are tried in the order the profile lists them."""
    keys = [normalize_header(h) for h in headers]
    fields: dict[int, str] = {}
    taken: set[str] = set()
    # Walk each field's aliases in priority order so "판매자 상품코드" beats "옵션ID" for sku.
    for field_name, aliases in profile.columns.items():
        for alias in aliases:
            key = normalize_header(alias)
            if key in keys and field_name not in taken:
                column = keys.index(key)
                if column not in fields:
                    fields[column] = field_name
                    taken.add(field_name)
    axis_keys = {normalize_header(a) for a in profile.option_axes}
    for column, key in enumerate(keys):
        if column not in fields and key in axis_keys:
            fields[column] = "option_axis"  # several columns may carry this field
    signature = {normalize_header(s) for s in profile.signature}
    score = len(fields) + sum(1 for k in keys if k in signature)
    return ProfileMatch(profile=profile, score=score, fields=fields)


def choose_profile(headers: list[str], requested: str | None = None) -> ProfileMatch:
    """The best-matching profile for ``headers``, or ``requested`` when given."""
    profiles = load_profiles()
    if requested:
        if requested not in profiles:
            raise UsageError(
                f"unknown source profile '{requested}'",
                hint=f"Use one of: {', '.join(sorted(profiles))}.",
            )
        return match_profile(profiles[requested], headers)
    matches = [match_profile(p, headers) for p in profiles.values()]
    return max(matches, key=lambda m: (m.score, m.profile.priority))
