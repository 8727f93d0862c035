"""The seller's own glossary: TSV/CSV (source, target[, lang]) or a TBX termbase.

Seller terms override machine output: the service masks each term before the engine sees it
and restores the seller's translation, and a segment that is exactly a term is not sent to
the engine at all. A target equal to the source marks a do-not-translate term.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from klisting.errors import InputError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SOURCE_HEADERS = {"source", "src", "ko", "korean", "term", "한국어", "원문"}


@dataclass(slots=True)
class SellerGlossary:
    """Terms per target language: {lang: {source: target}}; lang "*" applies to every language."""

    terms: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_lang(self, lang: str) -> dict[str, str]:
        """Terms that apply to ``lang`` (language-specific entries win over "*")."""
        merged = dict(self.terms.get("*", {}))
        base = lang.split("-")[0].lower()
        for key, table in self.terms.items():
            if key != "*" and (key.lower() == lang.lower() or key.split("-")[0].lower() == base):
                merged.update(table)
        return merged

    def add(self, lang: str, source: str, target: str) -> None:
        source, target = source.strip(), target.strip()
        if source and target:
            self.terms.setdefault(lang or "*", {})[source] = target

    def digest(self) -> str:
        """Stable hash of the content; part of every memory key."""
        blob = json.dumps(self.terms, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def __len__(self) -> int:
        return sum(len(t) for t in self.terms.values())


def load_seller_glossary(path: Path | str, default_lang: str = "*") -> SellerGlossary:
    """Read a seller glossary file (.tsv, .csv, .txt or .tbx).

    Args:
        path: the file; CSV/TSV have columns source, target and optionally lang (a header row
            is detected), or ko plus one column per language (en, zh-Hant, ...).
        default_lang: language for two-column files without a lang column.

    Raises:
        InputError: unreadable file or no usable row.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read glossary ({exc.strerror})") from None
    if path.suffix.lower() in {".tbx", ".xml"}:
        glossary = _read_tbx(path, raw)
    else:
        glossary = _read_table(path, raw.decode("utf-8-sig", errors="replace"), default_lang)
    if not len(glossary):
        raise InputError(
            f"{path}: no glossary entries found",
            "Use two columns: Korean term, translation (TSV or CSV), or a TBX file.",
        )
    return glossary


def _read_table(path: Path, text: str, default_lang: str) -> SellerGlossary:
    delimiter = (
        "\t" if path.suffix.lower() in {".tsv", ".txt"} or "\t" in text.split("\n", 1)[0] else ","
    )
    rows = [
        r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)
    ]
    glossary = SellerGlossary()
    if not rows:
        return glossary
    header = [c.strip().lower() for c in rows[0]]
    if header and header[0] in _SOURCE_HEADERS:
        return _read_headed(rows, glossary)
    for row in rows:
        if len(row) >= 2 and not row[0].lstrip().startswith("#"):
            glossary.add(
                row[2].strip() if len(row) > 2 and row[2].strip() else default_lang, row[0], row[1]
            )
    return glossary


def _read_headed(rows: list[list[str]], glossary: SellerGlossary) -> SellerGlossary:
    header = [c.strip() for c in rows[0]]
    lower = [h.lower() for h in header]
    if "target" in lower:  # source, target[, lang]
        t, lang_col = lower.index("target"), lower.index("lang") if "lang" in lower else None
        for row in rows[1:]:
            lang = row[lang_col].strip() if lang_col is not None and lang_col < len(row) else "*"
            if len(row) > t:
                glossary.add(lang or "*", row[0], row[t])
        return glossary
    for row in rows[1:]:  # ko, en, zh-Hant, ... one column per language
        for col, lang in enumerate(header[1:], start=1):
            if (
                col < len(row)
                and lang
                and not lang.startswith("#")
                and lang.lower() not in {"category", "tags", "note"}
            ):
                glossary.add(lang, row[0], row[col])
    return glossary


def _read_tbx(path: Path, raw: bytes) -> SellerGlossary:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"{path}: not valid TBX/XML ({exc})") from None
    glossary = SellerGlossary()
    for entry in root.iter():
        if _local(entry.tag) not in {"conceptEntry", "termEntry"}:
            continue
        by_lang: dict[str, str] = {}
        for section in entry:
            if _local(section.tag) in {"langSec", "langSet"}:
                lang = section.get(_XML_LANG) or section.get("lang") or ""
                term = next(
                    (t.text for t in section.iter() if _local(t.tag) == "term" and t.text), None
                )
                if lang and term:
                    by_lang.setdefault(lang, term)
        source = next((t for lang, t in by_lang.items() if lang.lower().startswith("ko")), None)
        if source:
            for lang, term in by_lang.items():
                if not lang.lower().startswith("ko"):
                    glossary.add(lang, source, term)
    return glossary


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]
