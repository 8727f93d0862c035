"""TMX 1.4 import and export, for agencies that keep their memory in a CAT tool.

Export writes the field-level entries of the memory (locked first). Import stores every
translation unit with the source language and a target language as a locked entry: a TMX
from an agency is human work and must win over machine output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from klisting import __version__
from klisting.errors import InputError
from klisting.infra.atomic import write_bytes_atomic as write_output
from klisting.translate.memory import TranslationMemory

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry even as references (\x0b and \x08 turn up in seller HTML);
# ElementTree would write them raw and no TMX reader, ours included, could parse the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HINT = "Pass a TMX 1.4 file (as written by --export-tmx or exported from a CAT tool)."


def export_tmx(memory: TranslationMemory, path: Path | str, source_lang: str = "ko") -> int:
    """Write the memory's entries from ``source_lang`` as TMX 1.4; returns the unit count."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "klisting",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "klisting-sqlite",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for entry in memory.entries(src_lang=source_lang):
        if (entry.tgt_lang, entry.source) in seen:
            continue
        seen.add((entry.tgt_lang, entry.source))
        unit = ET.SubElement(body, "tu", {"tuid": str(len(seen))})
        ET.SubElement(unit, "prop", type="x-klisting-engine").text = entry.engine
        ET.SubElement(unit, "prop", type="x-klisting-quality").text = entry.quality
        for lang, text in ((entry.src_lang, entry.source), (entry.tgt_lang, entry.target)):
            variant = ET.SubElement(unit, "tuv", {_LANG: lang})
            ET.SubElement(variant, "seg").text = _XML_ILLEGAL.sub("", text)
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    write_output(path, data)
    return len(seen)


def import_tmx(path: Path | str, memory: TranslationMemory, source_lang: str = "ko") -> int:
    """Store every unit from ``source_lang`` to another language as locked; returns the count.

    Raises:
        InputError: not a readable TMX file.
    """
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"{path}: not a readable TMX file ({exc})", _HINT) from None
    if root.tag != "tmx":
        raise InputError(f"{path}: not a TMX file (root element is <{root.tag}>)", _HINT)
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else None) or source_lang
    base = source_lang.split("-")[0].lower()
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for unit in root.iter("tu"):
        texts = {_lang_of(v, srclang): _seg_text(v) for v in unit.findall("tuv")}
        source = next((t for lang, t in texts.items() if lang.split("-")[0].lower() == base), None)
        if not source:
            continue
        for lang, text in texts.items():
            if lang.split("-")[0].lower() != base and text:
                by_lang.setdefault(lang, []).append((source, text))
    return sum(
        memory.lock_many(pairs, source_lang, lang, origin="tmx") for lang, pairs in by_lang.items()
    )


def _lang_of(variant: ET.Element, default: str) -> str:
    return _normalize_lang(variant.get(_LANG) or variant.get("lang") or default)


_CHINESE = {
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-hant": "zh-Hant",
    "zh-cn": "zh-Hans",
    "zh-hans": "zh-Hans",
}


def _normalize_lang(tag: str) -> str:
    """TMX tools write en-US, ZH-TW ...; klisting keys the memory by en, zh-Hant, ja."""
    lower = tag.strip().replace("_", "-").lower()
    return _CHINESE.get(lower, lower.split("-")[0])


def _seg_text(variant: ET.Element) -> str:
    seg = variant.find("seg")
    # itertext keeps the text inside inline markup (<ph>, <bpt>, <hi>) of level-2 TMX
    return "".join(seg.itertext()).strip() if seg is not None else ""
