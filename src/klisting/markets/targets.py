"""Targets: ``platform:market`` pairs such as ``shopee:tw``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from klisting.errors import UsageError

if TYPE_CHECKING:  # the platform models are built when a target is parsed, not at import
    from klisting.markets.platforms import PlatformSpec


@dataclass(frozen=True)
class Target:
    """A platform spec specialised to one market."""

    platform: PlatformSpec
    market: str

    @property
    def id(self) -> str:
        return f"{self.platform.name}:{self.market}"

    def __str__(self) -> str:
        return self.id


def parse_target(text: str) -> Target:
    """``'shopee:tw'`` -> Target. A platform with one market may omit it (``qoo10`` = ``qoo10:jp``)."""
    from klisting.markets.platforms import load_platforms

    platforms = load_platforms()
    name, _, market = text.strip().lower().partition(":")
    spec = platforms.get(name)
    if spec is None:
        raise UsageError(
            f"unknown platform '{name}' in target '{text}'",
            hint=f"Targets are platform:market; platforms: {', '.join(sorted(platforms))}.",
        )
    if not market:
        if len(spec.markets) != 1:
            raise UsageError(
                f"target '{text}' needs a market",
                hint=f"Write {name}:MARKET with MARKET one of {', '.join(spec.markets)}.",
            )
        market = spec.markets[0]
    if market not in spec.markets:
        raise UsageError(
            f"{spec.display_name} does not sell in market '{market}'",
            hint=f"{name} markets: {', '.join(spec.markets)}.",
        )
    return Target(platform=spec.spec_for(market), market=market)


def parse_targets(texts: list[str] | None) -> list[Target]:
    """Parse several targets, keeping order and dropping repeats."""
    seen: dict[str, Target] = {}
    for text in texts or []:
        target = parse_target(text)
        seen.setdefault(target.id, target)
    return list(seen.values())
