"""Readiness rules as data: configs/readiness/*.yaml loaded and validated with pydantic.

``_common.yaml`` holds rules for every platform, ``<platform>.yaml`` the platform's own;
``_markets.yaml`` maps a market to its language, fonts and models, ``_groups.yaml`` the
keywords that put a product into a group (food, cosmetics, battery ...), and
``_certifications.yaml`` the certification codes a seller can hold.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from klisting.configfiles import load_model
from klisting.paths import config_dir

CheckKind = Literal["profile", "certification", "label", "barcode", "declaration", "trademark"]


class Rule(BaseModel):
    """One readiness requirement and the next step when it is not met."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    check: CheckKind
    #: markets the rule applies to; empty = every market
    markets: list[str] = Field(default_factory=list)
    #: product groups that make the rule apply; empty = always applies
    groups: list[str] = Field(default_factory=list)
    #: profile: dotted project keys that must all be set
    fields: list[str] = Field(default_factory=list)
    #: certification / label / barcode: codes of which holding any one satisfies the rule
    any_of: list[str] = Field(default_factory=list)
    #: declaration: product attribute names that count as a declaration
    attribute_keys: list[str] = Field(default_factory=list)
    severity: Literal["fail", "warn"] = "fail"
    next_step: str
    source: str = ""

    @model_validator(mode="after")
    def _needs(self) -> Rule:
        needed = {
            "profile": self.fields,
            "certification": self.any_of,
            "label": self.any_of,
            "declaration": self.attribute_keys,
        }
        if self.check in needed and not needed[self.check]:
            key = {"profile": "fields", "declaration": "attribute_keys"}.get(self.check, "any_of")
            raise ValueError(f"rule '{self.id}' (check {self.check}) needs '{key}'")
        return self

    def applies_to(self, market: str) -> bool:
        """True when the rule covers ``market``."""
        return not self.markets or market in self.markets


class RuleFile(BaseModel):
    """One rules file."""

    model_config = ConfigDict(extra="forbid")

    platform: str | None = None
    rules: list[Rule] = Field(default_factory=list)


class MarketInfo(BaseModel):
    """What a market's listings are written in."""

    model_config = ConfigDict(extra="forbid")

    language: str
    argos: str
    fc_lang: str
    script: str


class MarketsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    markets: dict[str, MarketInfo]
    source: MarketInfo
    eu_markets: list[str] = Field(default_factory=list)


class GroupsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    groups: dict[str, list[str]]
    #: per group, words that contain one of its keywords but name something outside it
    #: ("커피잔" holds 커피 but is a cup, not food)
    exclude: dict[str, list[str]] = Field(default_factory=dict)


class CertificationsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    certifications: dict[str, str]


def readiness_dir() -> Path:
    """The configs/readiness directory."""
    return config_dir() / "readiness"


@lru_cache(maxsize=8)
def _rules(directory: Path) -> dict[str, list[Rule]]:
    loaded: dict[str, list[Rule]] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.stem.startswith("_") and path.stem != "_common":
            continue
        loaded[path.stem] = load_model(path, RuleFile).rules
    return loaded


def rules_for(platform: str) -> list[Rule]:
    """Common rules followed by ``platform``'s own rules."""
    by_file = _rules(readiness_dir())
    return [*by_file.get("_common", []), *by_file.get(platform, [])]


def markets() -> MarketsFile:
    """The market -> language/fonts/models table."""
    return load_model(readiness_dir() / "_markets.yaml", MarketsFile)


def market_info(market: str) -> MarketInfo | None:
    """Language info for ``market``, or None when the table does not know it."""
    return markets().markets.get(market)


def groups() -> dict[str, list[str]]:
    """Product group -> keywords."""
    return load_model(readiness_dir() / "_groups.yaml", GroupsFile).groups


def group_exclusions() -> dict[str, list[str]]:
    """Product group -> words that must not put a product into it (see ``GroupsFile``)."""
    return load_model(readiness_dir() / "_groups.yaml", GroupsFile).exclude


def certifications() -> dict[str, str]:
    """Certification code -> description, in file order."""
    return load_model(readiness_dir() / "_certifications.yaml", CertificationsFile).certifications
