"""Put products into groups (food, cosmetics, battery ...) from category, title and attributes.

Korean keywords match as substrings (Korean compounds words: 스킨케어크림); Latin keywords
match whole words so ``tea`` does not match ``steak``. An explicit ``group`` attribute in the
catalog (comma-separated) is always honoured, so a seller can correct the heuristic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from klisting.model import Product
from klisting.onboarding.rules import group_exclusions, readiness_dir
from klisting.onboarding.rules import groups as load_groups


@dataclass(frozen=True)
class GroupMatch:
    """A product in a group and the keyword that put it there."""

    sku: str
    row: int
    group: str
    keyword: str


_Patterns = tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]


@lru_cache(maxsize=4)
def _compiled(directory: Path) -> dict[str, _Patterns]:
    """Per group: one Korean alternation, one whole-word Latin alternation, one exclusion.

    Keeping the word-boundary lookarounds outside the alternation keeps each scan fast. The
    exclusion pattern finds the group's false friends (커피잔, 스네일, ice cream), which are
    blanked out before the keywords are searched.
    """
    exclusions = group_exclusions()
    compiled: dict[str, _Patterns] = {}
    for group, words in load_groups().items():
        ordered = sorted({word.lower() for word in words}, key=len, reverse=True)
        korean = [re.escape(word) for word in ordered if not word.isascii()]
        latin = [re.escape(word) for word in ordered if word.isascii()]
        excluded = sorted({w.lower() for w in exclusions.get(group, [])}, key=len, reverse=True)
        compiled[group] = (
            re.compile("|".join(korean)) if korean else None,
            re.compile(rf"(?<![a-z0-9])(?:{'|'.join(latin)})(?![a-z0-9])") if latin else None,
            re.compile("|".join(map(re.escape, excluded))) if excluded else None,
        )
    return compiled


def _haystack(product: Product) -> str:
    attributes = " ".join(f"{key} {value}" for key, value in product.attributes.items())
    return " ".join((product.category, product.title, product.title_en, attributes)).lower()


def product_groups(product: Product) -> dict[str, str]:
    """Every group of ``product`` -> the keyword (or ``group attribute``) that put it there."""
    return _groups_of(product, _compiled(readiness_dir()))


def _groups_of(product: Product, patterns: dict[str, _Patterns]) -> dict[str, str]:
    explicit = {
        part.strip().lower()
        for part in product.attributes.get("group", "").split(",")
        if part.strip()
    }
    text = _haystack(product)
    found: dict[str, str] = {}
    for group, alternatives in patterns.items():
        if group in explicit:
            found[group] = "group attribute"
            continue
        korean, latin, excluded = alternatives
        searched = excluded.sub(" ", text) if excluded is not None else text
        for pattern in (korean, latin):
            match = pattern.search(searched) if pattern is not None else None
            if match:
                found[group] = match.group(0)
                break
    return found


class GroupIndex:
    """Groups of every product in a catalog, computed once and shared by all rules."""

    def __init__(self, products: list[Product]) -> None:
        self.products = products
        patterns = _compiled(readiness_dir())
        self._groups = [_groups_of(product, patterns) for product in products]

    def matching(self, wanted: list[str]) -> list[GroupMatch]:
        """Products in any of the ``wanted`` groups (first wanted group that matched)."""
        matches: list[GroupMatch] = []
        for product, found in zip(self.products, self._groups, strict=True):
            if not found:
                continue
            for group in wanted:
                if group in found:
                    matches.append(GroupMatch(product.sku, product.row, group, found[group]))
                    break
        return matches


def matching_products(products: list[Product], wanted: list[str]) -> list[GroupMatch]:
    """Every product in any of the ``wanted`` groups (builds a one-off index)."""
    return GroupIndex(products).matching(wanted)
