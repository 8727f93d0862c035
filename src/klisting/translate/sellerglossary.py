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
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from klisting.errors import InputError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SOURCE_HEADERS = {
    "source", "src", "ko", "ko-kr", "korean", "term", "source term", "한국어", "원문", "한글",
    "국문", "원어",
}  # fmt: skip
_TARGET_HEADERS = {"target", "tgt", "translation", "target term", "번역", "번역어", "대역어"}
# Column names sellers use for languages (Korean and English names), by lower-case name.
_LANGUAGE_NAMES = {
    "english": "en", "영어": "en", "영문": "en",
    "japanese": "ja", "일본어": "ja", "일어": "ja", "日本語": "ja",
    "chinese": "zh-Hant", "traditional chinese": "zh-Hant", "중국어": "zh-Hant",
    "번체": "zh-Hant", "중국어(번체)": "zh-Hant", "대만어": "zh-Hant", "繁體中文": "zh-Hant",
    "simplified chinese": "zh-Hans", "간체": "zh-Hans", "중국어(간체)": "zh-Hans",
    "spanish": "es", "스페인어": "es", "thai": "th", "태국어": "th",
    "vietnamese": "vi", "베트남어": "vi", "indonesian": "id", "인도네시아어": "id",
    "malay": "ms", "말레이어": "ms", "말레이시아어": "ms",
}  # fmt: skip
_CHINESE = {
    "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant",
    "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans",
}  # fmt: skip
_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
_HINT = (
    "Use two columns (Korean term, translation) as UTF-8 or CP949 TSV/CSV or an .xlsx sheet, "
    "a header such as ko,en,ja, or a TBX file."
)


@dataclass(slots=True)
class SellerGlossary:
    """Terms per target language: {lang: {source: target}}; lang "*" applies to every language."""

    terms: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_lang(self, lang: str) -> dict[str, str]:
        """Terms that apply to ``lang`` (language-specific entries win over "*")."""
        merged = dict(self.terms.get("*", {}))
        for key, table in self.terms.items():
            if key != "*" and _same_language(key, lang):
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


def _same_language(a: str, b: str) -> bool:
    """en-US matches en; zh-Hans terms never reach a zh-Hant (Taiwan) listing."""
    a, b = _CHINESE.get(a.lower(), a).lower(), _CHINESE.get(b.lower(), b).lower()
    if a == b:
        return True
    if a.split("-")[0] != b.split("-")[0]:
        return False
    scripts = {"zh-hant", "zh-hans"}
    return not (a in scripts and b in scripts)


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
        raise InputError(f"{path}: cannot read glossary ({exc.strerror})", _HINT) from None
    if path.suffix.lower() in {".tbx", ".xml"}:
        glossary = _read_tbx(path, raw)
    else:
        glossary = _read_table(path, raw, default_lang)
    if not len(glossary):
        raise InputError(f"{path}: no glossary entries found", _HINT)
    return glossary


def _read_table(path: Path, raw: bytes, default_lang: str) -> SellerGlossary:
    rows = _xlsx_rows(path, raw) if raw.startswith(b"PK\x03\x04") else _text_rows(path, raw)
    rows = [r for r in rows if any(c.strip() for c in r)]
    glossary = SellerGlossary()
    if not rows:
        return glossary
    roles = [_role(cell) for cell in rows[0]]
    if roles and roles[0] == "source":
        return _read_headed(rows, roles, glossary)
    for row in rows:
        if len(row) >= 2 and not row[0].lstrip().startswith("#"):
            # a third column is the language when it names one; otherwise it is a note
            lang = _language(row[2]) if len(row) > 2 and row[2].strip() else None
            glossary.add(lang or default_lang, row[0], row[1])
    return glossary


def _text_rows(path: Path, raw: bytes) -> list[list[str]]:
    text = _decode(path, raw)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".txt"} or "\t" in first else ","
    if delimiter == "," and ";" in first and "," not in first:
        delimiter = ";"  # European Excel's CSV
    try:
        return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable glossary table ({exc})", _HINT) from None


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or CP949 (Korean Excel's CSV)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: glossary is neither UTF-8 nor CP949 text", _HINT)


def _xlsx_rows(path: Path, raw: bytes) -> list[list[str]]:
    """The first sheet of an Excel glossary, as text cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for bad files
        raise InputError(f"{path}: cannot read the glossary workbook ({exc})", _HINT) from None
    rows = [
        ["" if c is None else str(c).strip() for c in row]
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    book.close()
    return rows


def _read_headed(
    rows: list[list[str]], roles: list[str], glossary: SellerGlossary
) -> SellerGlossary:
    if "target" in roles:  # source, target[, lang]
        t, lang_col = roles.index("target"), roles.index("lang") if "lang" in roles else None
        for row in rows[1:]:
            lang = row[lang_col].strip() if lang_col is not None and lang_col < len(row) else "*"
            if len(row) > t:
                glossary.add(_language(lang) or lang or "*", row[0], row[t])
        return glossary
    columns = [(col, role) for col, role in enumerate(roles) if col and role.startswith("lang:")]
    for row in rows[1:]:  # ko, en, zh-Hant, ... one column per language
        for col, role in columns:
            if col < len(row):
                glossary.add(role.removeprefix("lang:"), row[0], row[col])
    return glossary


def _role(header: str) -> str:
    """What a header cell names: "source", "target", "lang", "lang:<code>" or "" (ignored)."""
    key = header.strip().lower()
    if key in _SOURCE_HEADERS:
        return "source"
    if key in _TARGET_HEADERS:
        return "target"
    if key in {"lang", "language", "언어", "target language", "target_lang"}:
        return "lang"
    language = _language(header)
    return f"lang:{language}" if language else ""


def _language(name: str) -> str | None:
    """A language column name as a BCP 47 tag (영어 -> en, zh-TW -> zh-Hant), or None."""
    key = name.strip().lower().replace("_", "-")
    if key in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[key]
    if _TAG.fullmatch(key):
        return _CHINESE.get(key, name.strip())
    return None


def _read_tbx(path: Path, raw: bytes) -> SellerGlossary:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"{path}: not valid TBX/XML ({exc})", _HINT) from None
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
