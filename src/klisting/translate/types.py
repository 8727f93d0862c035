"""Results of the translation service: one per text, and one per product and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from klisting.model import Finding


@dataclass(slots=True)
class TranslatedText:
    """One translated text (a title, a description, an option name or value).

    Attributes:
        text: the translation (the source text itself when translation failed).
        source_text: the text that was translated.
        engine: id of the engine that produced it ("memory" entries keep the original engine id).
        quality: "machine", "draft" (glossary), "reviewed" (locked by a person), "source" (kept
            as written after a failure) or "unchanged" (nothing to translate, e.g. a size "250").
        from_memory: True when no engine was called for this text.
        findings: problems met on the way (shortened title, damaged placeholder, ...).
        flags: short machine-readable markers, e.g. "draft", "shortened", "kept-source".
        coverage: share of tokens the glossary engine matched (None for other engines).
    """

    text: str
    source_text: str
    engine: str
    quality: str
    from_memory: bool = False
    findings: list[Finding] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    coverage: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source_text": self.source_text,
            "engine": self.engine,
            "quality": self.quality,
            "from_memory": self.from_memory,
            "flags": list(self.flags),
            "coverage": self.coverage,
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(slots=True)
class LocalizedText:
    """The translated text fields of one product in one language."""

    sku: str
    lang: str
    title: str
    description: str
    options: list[dict[str, Any]]
    source: dict[str, Any]
    engine: str
    quality: str
    flags: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Korean words still in the translated fields (what to add to a seller glossary)
    untranslated: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record written by ``klisting translate``."""
        return {
            "sku": self.sku,
            "lang": self.lang,
            "title": self.title,
            "description": self.description,
            "options": self.options,
            "source": self.source,
            "engine": self.engine,
            "quality": self.quality,
            "flags": list(self.flags),
            "untranslated": list(self.untranslated),
            "findings": [f.to_json() for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LocalizedText:
        """The LocalizedText that ``to_json`` wrote (the run's text cache holds these records)."""
        return cls(
            sku=data.get("sku", ""),
            lang=data.get("lang", ""),
            title=data.get("title", ""),
            description=data.get("description", ""),
            options=list(data.get("options", [])),
            source=dict(data.get("source", {})),
            engine=data.get("engine", ""),
            quality=data.get("quality", ""),
            flags=list(data.get("flags", [])),
            findings=[Finding.from_json(f) for f in data.get("findings", [])],
            untranslated=list(data.get("untranslated", [])),
        )


@dataclass(slots=True)
class ServiceStats:
    """Counters over the life of one TranslationService."""

    translated: int = 0
    from_memory: int = 0
    #: texts answered by a reviewed (locked) translation
    reviewed: int = 0
    failed: int = 0
    engine_calls: int = 0
    #: sentences refused by the meaning guard (kept in the source language, sent to review)
    meaning_checks: int = 0
    #: paid engines: requests, prompt/completion tokens and cost (USD, when priced)
    usage: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "translated": self.translated,
            "from_memory": self.from_memory,
            "reviewed": self.reviewed,
            "failed": self.failed,
            "engine_calls": self.engine_calls,
            "meaning_checks": self.meaning_checks,
        }
        if self.usage:
            out["usage"] = dict(self.usage)
        return out
