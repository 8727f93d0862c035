"""Category mapping: which catalog categories have no platform category yet, and candidates.

A catalog says ``화장품/미용>스킨케어>스킨/토너``; every marketplace wants its own leaf id. The
project keeps the mapping (``categories:`` in klisting.yaml, per platform or platform:market);
this module counts what is unmapped and suggests candidates from Shopify's open product
taxonomy (a small MIT-licensed subset in configs/taxonomy/), found by translating the Korean
path words with the bundled glossary and ranking taxonomy paths by shared words. A suggestion
is a hint for the seller to confirm, never written into a listing by itself.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from klisting.model import Product
from klisting.paths import config_dir

_WORD = re.compile(r"[a-z]+")
#: words every path shares, which would make every candidate look alike
_STOP = {
    "and", "care", "personal", "health", "beauty", "cosmetic", "product", "other",
    "accessory", "accessorie", "supply", "supplie", "kit", "set", "item", "good", "living",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    path: str
    score: int


@dataclass
class CategoryRow:
    """One catalog category: how many products, which targets lack an id, candidates."""

    category: str
    products: int
    mapped: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "products": self.products,
            "mapped": self.mapped,
            "unmapped": self.unmapped,
            "candidates": [
                {"taxonomy": "shopify-2024-07", "id": c.id, "path": c.path} for c in self.candidates
            ],
        }


def category_rows(
    products: list[Product], categories: dict[str, dict[str, str]], target_ids: list[str]
) -> list[CategoryRow]:
    """One row per distinct catalog category, most products first, with mapping and candidates."""
    counts: dict[str, int] = {}
    for product in products:
        counts[product.category] = counts.get(product.category, 0) + 1
    rows = []
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mapped = categories.get(name, {})
        row = CategoryRow(name or "(no category)", count)
        for target_id in target_ids:
            value = mapped.get(target_id) or mapped.get(target_id.split(":")[0])
            if value:
                row.mapped[target_id] = value
            else:
                row.unmapped.append(target_id)
        if row.unmapped and name:
            row.candidates = suggest(name)
        rows.append(row)
    return rows


def suggest(category: str, limit: int = 3) -> list[Candidate]:
    """Taxonomy paths sharing the most (translated) words with ``category``, best first."""
    words = _english_words(category)
    if not words:
        return []
    scored = []
    for cid, path in _taxonomy():
        leaf = _words(path.split(">")[-1])
        every = _words(path)
        # words of the leaf count double: "Toners" beats a path that only passes through it
        score = 2 * len(words & leaf) + len(words & every)
        # a candidate must name the product itself, not only share a department with it
        if words & leaf:
            scored.append(Candidate(cid, path, score))
    scored.sort(key=lambda c: (-c.score, len(c.path), c.id))
    return scored[:limit]


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORD.findall(text.lower())} - _STOP


def _english_words(category: str) -> set[str]:
    """English words of a Korean category path: glossary terms found in it, plus Latin words."""
    words = _words(category)
    compact = re.sub(r"\s+", "", category)
    # longest terms first, each match consumed: 스킨케어 (skincare) is not also 스킨 (toner)
    for korean, english in _glossary().items():
        if korean in compact:
            words |= _words(english)
            compact = compact.replace(korean, "|")
    return words


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1)
def _glossary() -> dict[str, str]:
    """Korean -> English from the bundled glossary files (longest terms first)."""
    terms: dict[str, str] = {}
    for path in sorted((config_dir() / "glossary").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                korean, english = (row.get("ko") or "").strip(), (row.get("en") or "").strip()
                if korean and english and len(korean) >= 2:
                    terms.setdefault(korean, english)
    return dict(sorted(terms.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _taxonomy() -> list[tuple[str, str]]:
    rows = []
    for path in sorted((config_dir() / "taxonomy").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and "\t" in line:
                cid, full = line.split("\t", 1)
                rows.append((cid.strip(), full.strip()))
    return rows
