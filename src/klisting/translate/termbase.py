"""The e-commerce termbase: every configs/glossary/*.tsv loaded, validated and indexed.

Format (agreed, see configs/glossary/README.md): UTF-8 TSV with the header
``ko en zh-Hant ja es th vi id ms tags``; one Korean term per row; an empty cell means "no
translation in that language"; ``tags`` is a comma-separated list from :data:`KNOWN_TAGS`.
Files are loaded together, so a Korean term may appear in only one row of one file. Korean
spacing variants (무료배송 / 무료 배송) are separate rows; the lookup index ignores spaces.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from klisting.errors import ConfigError
from klisting.paths import config_dir

LANGUAGES = ("en", "zh-Hant", "ja", "es", "th", "vi", "id", "ms")
HEADER = ("ko", *LANGUAGES, "tags")
KNOWN_TAGS = frozenset(
    """
    general marketing color material fabric pattern size fit unit count shape style season
    cosmetics skincare makeup hair body fragrance nail suncare
    food snack beverage fresh fruit vegetable meat seafood grain dairy sauce condiment
    processed health supplement traditional
    fashion clothing top bottom outer dress underwear shoes bag accessory jewelry kids
    living kitchen bath bedding furniture storage cleaning decor appliance pet baby
    stationery digital sports outdoor camping travel gift
    origin quantity shipping promotion quality feature target part function texture taste
    ingredient material-care allergen
    alone everyday label negation care bound adverb
    """.split()  # noqa: SIM905 - a block of words is easier to edit than a long literal
)

# Aliases so callers may pass market-style tags (zh-TW, en-US, in) and still hit a column.
_LANG_ALIASES = {
    "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant",
    "zh_hant": "zh-Hant", "zh_tw": "zh-Hant", "in": "id",
}  # fmt: skip


def normalize_language(tag: str) -> str | None:
    """The termbase column for a BCP 47 tag (``"en-US"`` -> ``"en"``), or None if there is none."""
    low = tag.strip().lower().replace("_", "-")
    if low in _LANG_ALIASES:
        return _LANG_ALIASES[low]
    if low.startswith("zh-hant"):
        return "zh-Hant"
    if low.startswith("zh"):
        return None  # Simplified Chinese is a different column nobody ships yet
    base = _LANG_ALIASES.get(low.split("-")[0], low.split("-")[0])
    return base if base in LANGUAGES else None


def surface_key(text: str) -> str:
    """Lookup key of a Korean term or span: NFC, lower case, whitespace removed."""
    return "".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True)
class Term:
    """One termbase row."""

    ko: str
    translations: dict[str, str]
    tags: frozenset[str]
    origin: str  # "file.tsv:12", for error messages and review

    def get(self, language: str) -> str | None:
        """The translation in a termbase column (``"en"``, ``"zh-Hant"``...), or None.

        A negation written as a template around what it negates (``no {}|prohibited``)
        gives its standalone form here ("prohibited"); :meth:`cell` gives the template.
        """
        cell = self.cell(language)
        if cell is None or "{}" not in cell:
            return cell
        template, _, alone = cell.partition("|")
        return alone.strip() or template.replace("{}", "").strip() or None

    def cell(self, language: str) -> str | None:
        """The cell as written in the TSV (a negation template stays a template)."""
        return self.translations.get(language) or None


@dataclass(frozen=True)
class Termbase:
    """Validated terms with a longest-match index on space-free surface keys."""

    terms: tuple[Term, ...]
    version: str
    files: tuple[Path, ...]

    def __post_init__(self) -> None:
        index: dict[str, Term] = {}
        for term in self.terms:
            index.setdefault(surface_key(term.ko), term)  # first spacing variant wins
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "max_key_length", max((len(k) for k in index), default=0))

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, text: str) -> Term | None:
        """The term whose Korean equals ``text`` (spacing and case ignored), or None."""
        return self._index.get(surface_key(text))  # type: ignore[attr-defined]

    def exact(self, key: str) -> Term | None:
        """The term for an already normalized key (see :func:`surface_key`); fast path."""
        return self._index.get(key)  # type: ignore[attr-defined]

    def longest_match(self, text: str, start: int = 0) -> tuple[Term, int] | None:
        """Longest term matching ``text`` at ``start`` (no spaces allowed inside ``text``).

        Returns:
            ``(term, end)`` with ``text[start:end]`` the matched span, or None.
        """
        index: dict[str, Term] = self._index  # type: ignore[attr-defined]
        stop = min(len(text), start + self.max_key_length)
        for end in range(stop, start, -1):
            term = index.get(text[start:end].lower())
            if term is not None:
                return term, end
        return None

    def count(self, language: str) -> int:
        """How many terms have a translation in ``language``."""
        return sum(1 for term in self.terms if term.get(language))


def _parse_header(cells: list[str], where: str) -> list[str]:
    unknown = [cell for cell in cells if cell not in HEADER]
    if unknown or "ko" not in cells or "en" not in cells or "tags" not in cells:
        raise ConfigError(
            f"{where}: header must be {' / '.join(HEADER)} (tab-separated), got {' / '.join(cells)}",
            hint="Copy the header line from configs/glossary/README.md.",
        )
    if len(set(cells)) != len(cells):
        raise ConfigError(f"{where}: a column name appears twice in the header")
    return cells


def _parse_row(cells: list[str], header: list[str], where: str) -> Term:
    if len(cells) > len(header):
        raise ConfigError(
            f"{where}: {len(cells)} cells but the header has {len(header)} columns",
            hint="Remove the extra tab or quote; cells must not contain tabs.",
        )
    row = dict(zip(header, [cell.strip() for cell in cells], strict=False))
    ko = unicodedata.normalize("NFC", row.get("ko", ""))
    if not ko:
        raise ConfigError(f"{where}: the ko cell is empty")
    if not row.get("en"):
        raise ConfigError(f"{where}: '{ko}' has no English (en) translation")
    tags = frozenset(tag.strip() for tag in row.get("tags", "").split(",") if tag.strip())
    if not tags:
        raise ConfigError(f"{where}: '{ko}' has no tags", hint="Add at least one category tag.")
    unknown = sorted(tags - KNOWN_TAGS)
    if unknown:
        raise ConfigError(
            f"{where}: '{ko}' has unknown tag(s) {', '.join(unknown)}",
            hint=f"Use tags from: {', '.join(sorted(KNOWN_TAGS))}.",
        )
    translations = {lang: row[lang] for lang in LANGUAGES if row.get(lang)}
    return Term(ko=ko, translations=translations, tags=tags, origin=where)


def read_tsv(path: Path) -> list[Term]:
    """Parse and validate one termbase file (duplicates inside the file are not checked here).

    Raises:
        ConfigError: naming the file and line of the first problem.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read termbase file: {exc}") from None
    lines = text.splitlines()
    if not lines:
        raise ConfigError(f"{path}: empty termbase file (the header line is missing)")
    header = _parse_header(lines[0].split("\t"), f"{path}:1")
    terms = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        terms.append(_parse_row(line.split("\t"), header, f"{path}:{number}"))
    return terms


def build_termbase(files: Iterable[Path]) -> Termbase:
    """Load several TSV files into one Termbase; a Korean term defined twice is an error.

    Raises:
        ConfigError: for a bad file, or a duplicate naming both places.
    """
    paths = tuple(Path(p) for p in files)
    seen: dict[str, Term] = {}
    digest = hashlib.sha256()
    for path in paths:
        for term in read_tsv(path):
            if term.ko in seen:
                raise ConfigError(
                    f"{term.origin}: '{term.ko}' is already defined at {seen[term.ko].origin}",
                    hint="Keep one row per Korean term; merge the translations into it.",
                )
            seen[term.ko] = term
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return Termbase(terms=tuple(seen.values()), version=digest.hexdigest()[:16], files=paths)


def default_files(directory: Path | None = None) -> list[Path]:
    """Every ``*.tsv`` of the bundled glossary directory, in name order."""
    folder = Path(directory) if directory else config_dir() / "glossary"
    return sorted(folder.glob("*.tsv"))


@lru_cache(maxsize=8)
def _cached(files: tuple[Path, ...], stamps: tuple[float, ...]) -> Termbase:
    return build_termbase(files)


def load_termbase(extra: Sequence[Path] = (), directory: Path | None = None) -> Termbase:
    """The bundled termbase plus ``extra`` files, loaded once per process (reloaded if edited).

    Args:
        extra: more TSV files in the same format (a seller's or agency's own terms).
        directory: glossary directory instead of ``configs/glossary``.
    """
    files = tuple(default_files(directory)) + tuple(Path(p).resolve() for p in extra)
    if not files:
        raise ConfigError(f"no termbase files (*.tsv) in {directory or config_dir() / 'glossary'}")
    for path in files:
        if not path.is_file():
            raise ConfigError(f"{path}: termbase file not found")
    return _cached(files, tuple(path.stat().st_mtime for path in files))
