"""The engine interface every translation engine implements.

Engines translate plain segments only: segmentation, HTML handling, placeholder protection,
glossaries and the translation memory live around them (``klisting.translate.service``), so an
engine never sees a tag, a URL or a number with a unit it could damage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass
class BatchStats:
    """What an engine reports about its last batch (optional for engines)."""

    #: share of source tokens the engine actually translated (glossary engine), 0..1
    coverage: float | None = None
    flags: list[str] = field(default_factory=list)


@runtime_checkable
class Engine(Protocol):
    """A translation engine.

    Attributes:
        id: stable engine name used in the memory key and outputs ("argos", "glossary", ...).
        version: model or termbase version; part of the memory key so a new model retranslates.
        quality: "machine" for real MT, "draft" for glossary-quality output.
    """

    id: str
    version: str
    quality: str

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate ``source`` -> ``target`` (BCP 47 tags)."""
        ...

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate every segment; the result has the same length and order."""
        ...
