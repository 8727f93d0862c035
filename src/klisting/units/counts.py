"""Count words ("100개입", "6병") written in the listing language: counted, never converted."""

from __future__ import annotations

from functools import lru_cache

from klisting.configfiles import load_yaml, per_config_dir
from klisting.markets.markets import get_market
from klisting.paths import config_dir
from klisting.units.formatting import format_number


@per_config_dir
def _config() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    data = load_yaml(config_dir() / "units" / "counts.yaml") or {}
    groups = {word: group for group, words in data.get("groups", {}).items() for word in words}
    return groups, data.get("labels", {})


def _labels(language: str) -> dict[str, str]:
    labels = _config()[1]
    for tag in (language, language.split("-")[0]):
        if tag in labels:
            return labels[tag]
    return labels.get("en", {})


@lru_cache(maxsize=4096)
def localize_count(count: float, spelling: str, market: str) -> str:
    """``count`` items of the Korean count word ``spelling`` written for ``market``'s language.

    Example: ``localize_count(100, "개입", "us") == "100 pcs"``; ``(6, "병", "jp") == "6本"``.
    """
    spec = get_market(market)
    group = _config()[0].get(spelling.lower(), "pieces")
    label = _labels(spec.language).get(group, " pcs")
    return f"{format_number(count, spec.locale, exact=True)}{label}"
