"""Which 근 a product means: 600 g (meat) or 375 g (fruit and vegetables), from configs/units/geun.yaml."""

from __future__ import annotations

from klisting.configfiles import load_yaml, per_config_dir
from klisting.errors import UsageError
from klisting.paths import config_dir

_CHOICES = {
    "meat": "meat",
    "600": "meat",
    "600g": "meat",
    "produce": "produce",
    "375": "produce",
    "375g": "produce",
}


@per_config_dir
def _keywords() -> dict[str, tuple[str, ...]]:
    data = load_yaml(config_dir() / "units" / "geun.yaml") or {}
    kinds = ("meat", "produce", "ambiguous")
    return {key: tuple(str(w).lower() for w in data.get(key, [])) for key in kinds}


def _classify(text: str) -> str | None:
    """``meat``, ``produce``, ``ambiguous`` (a good whose 근 varies), or None (no word)."""
    lowered = text.lower()
    hits = {kind for kind, words in _keywords().items() if any(w in lowered for w in words)}
    if "ambiguous" in hits or len(hits) > 1:
        return "ambiguous"
    return hits.pop() if hits else None


def resolve_geun(category: str | None, geun: str | None, text: str = "") -> str | None:
    """``"meat"``, ``"produce"`` or None (ambiguous).

    Args:
        category: product category; its words decide first after an explicit choice.
        geun: explicit choice: meat, produce, 600g or 375g.
        text: the text around the 근 ("한우 1근"), consulted last.

    Raises:
        UsageError: when ``geun`` is not one of the accepted choices.
    """
    if geun:
        choice = _CHOICES.get(geun.strip().lower().replace(" ", ""))
        if choice is None:
            raise UsageError(
                f"unknown 근 choice '{geun}'", hint="Use meat (600 g) or produce (375 g)."
            )
        return choice
    for source in (category, text):
        if source:
            found = _classify(source)
            if found == "ambiguous":
                return None
            if found:
                return found
    return None
