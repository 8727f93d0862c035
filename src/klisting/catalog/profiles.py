"""Source profiles: the real header sets of the templates Korean sellers export.

Profiles are data in configs/sources/*.yaml, each citing where its headers come from.
``generic.yaml`` is the shared vocabulary (the names sellers use for each canonical field);
the other profiles list only their template's own headers. A profile is chosen by how many
of a file's headers are its own (its ``signature`` headers count triple); with no clear
winner the vocabulary alone maps the file. ``--profile`` overrides the choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from klisting.catalog.evidence import ContentEvidence
from klisting.catalog.headers import header_keys, normalize_header, squash
from klisting.catalog.mapping import ColumnDecision, Vocabulary, decide_columns
from klisting.configfiles import load_model, load_yaml, per_config_dir
from klisting.errors import UsageError
from klisting.model import CANONICAL_FIELDS
from klisting.paths import config_dir

#: Reader fields that are not canonical fields but feed one: the canonical field they report as.
READER_FIELDS: dict[str, str] = {
    "image_main": "images",
    "image_extra": "images",
    "image_detail": "images",
    "option_names": "options",
    "option_values": "options",
    "option_prices": "options",
    "option_stocks": "options",
    "variant_option": "options",
    "variant_option_name": "options",
    "variant_axis_name": "options",
    "variant_axis_value": "options",
    "option_axis": "options",
    "sku_fallback": "sku",
    "origin_code": "origin",
}
#: Fields a column map may name: canonical fields (but the derived ones), reader fields, and
#: ``attribute`` (keep the column as an attribute, never as a field).
MAPPABLE_FIELDS = frozenset(
    (set(CANONICAL_FIELDS) - {"images", "options", "variants", "attributes"})
    | set(READER_FIELDS)
    | {"attribute"}
)
GENERIC = "generic"
#: Own-header score a profile needs before it is preferred over the plain vocabulary.
MIN_PROFILE_SCORE = 3.0


@dataclass
class SourceProfile:
    """One source layout (configs/sources/NAME.yaml), as ``profile_schema()`` validates it."""

    name: str
    columns: dict[str, list[str]]
    description: str = ""
    #: where the header set was verified (a public repository path or a published spec)
    source: str = ""
    priority: int = 0
    signature: list[str] = field(default_factory=list)
    #: headers that name one option axis each (색상, 사이즈 ...): the cell lists that axis's values
    option_axes: list[str] = field(default_factory=list)
    #: headers known to be kept as attributes (codes, shop settings): reported as info only
    keep: list[str] = field(default_factory=list)
    #: rows sharing this field's value are variants of one product (Wing: 등록상품명)
    group_by: str | None = None
    #: a data table (configs/sources/codes/NAME.yaml) decoding the origin_code column
    origin_codes: str | None = None


@lru_cache(maxsize=1)
def profile_schema() -> type:
    """The pydantic model of a profile file (built on first use: see ``_load_profile``)."""
    from pydantic import BaseModel, Field

    class SourceProfileFile(BaseModel):
        name: str
        columns: dict[str, list[str]]
        description: str = ""
        source: str = ""
        priority: int = 0
        signature: list[str] = Field(default_factory=list)
        option_axes: list[str] = Field(default_factory=list)
        keep: list[str] = Field(default_factory=list)
        group_by: str | None = None
        origin_codes: str | None = None

    return SourceProfileFile


#: field -> the exact Python type a plain file holds there (None: "str or null")
_PLAIN_TYPES = {
    "name": str,
    "columns": dict,
    "description": str,
    "source": str,
    "priority": int,
    "signature": list,
    "option_axes": list,
    "keep": list,
    "group_by": None,
    "origin_codes": None,
}


def _load_profile(path: Path) -> SourceProfile:
    """One profile file. Data already of exactly the schema's types (what the shipped files
    hold) is taken as it is; anything else goes through the pydantic schema, which coerces it
    or names the file and key that is wrong. Importing pydantic and building the model cost
    a fifth of a second, more than validating a 100,000-row catalog's cells takes."""
    data = load_yaml(path)
    plain = _plain_profile(data)
    if plain is not None:
        return plain
    checked = load_model(path, profile_schema())
    return SourceProfile(**{f.name: getattr(checked, f.name) for f in fields(SourceProfile)})


def _plain_profile(data: Any) -> SourceProfile | None:
    """``data`` as a SourceProfile when every known key holds exactly its type, else None."""
    if type(data) is not dict or "name" not in data or "columns" not in data:
        return None
    for key, kind in _PLAIN_TYPES.items():
        if key in data and not _is_plain(data[key], kind):
            return None
    known = {k: data[k] for k in _PLAIN_TYPES if k in data}  # other keys: ignored, as pydantic does
    copied = {
        k: (dict(v) if type(v) is dict else list(v) if type(v) is list else v)
        for k, v in known.items()
    }
    copied["columns"] = {k: list(v) for k, v in copied["columns"].items()}
    return SourceProfile(**copied)


def _is_plain(value: Any, kind: type | None) -> bool:
    if kind is None:
        return value is None or type(value) is str
    if type(value) is not kind:
        return False
    if kind is list:
        return all(type(item) is str for item in value)
    if kind is dict:  # columns: field -> header names
        return all(
            type(k) is str and type(v) is list and all(type(i) is str for i in v)
            for k, v in value.items()
        )
    return True


@dataclass(frozen=True)
class ProfileMatch:
    """A profile applied to a header row: which column index feeds which field, and why."""

    profile: SourceProfile
    score: float
    #: column index -> field (canonical or reader field)
    fields: dict[int, str]
    decisions: tuple[ColumnDecision, ...] = ()
    #: how the profile was chosen ("requested", or the own-header count)
    reason: str = ""

    def number(self, index: int) -> int | None:
        return self.decisions[index].number if index < len(self.decisions) else None


@per_config_dir
def load_profiles(directory: str | None = None) -> dict[str, SourceProfile]:
    """All profiles, keyed by name."""
    root = config_dir() / "sources" if directory is None else Path(directory)
    loaded = [_load_profile(path) for path in sorted(root.glob("*.yaml"))]
    return {p.name: p for p in loaded}


@per_config_dir
def vocabulary_of(profile_name: str) -> Vocabulary:
    profile = load_profiles()[profile_name]
    return Vocabulary.of(profile.name, profile.columns, profile.option_axes, profile.keep)


@per_config_dir
def known_header_keys() -> frozenset[str]:
    """Every header key any profile knows: used to find the header row."""
    keys: set[str] = set()
    for name in load_profiles():
        names = vocabulary_of(name)
        keys.update(names.keys, names.axes, names.keep)
    return frozenset(keys)


def is_known_header(cell: str) -> bool:
    """True when the cell, with or without its decorations, is a header some profile knows."""
    known = known_header_keys()
    keys = header_keys(cell)
    return keys.exact in known or keys.plain in known or keys.base in known


@per_config_dir
def _owners() -> dict[str, frozenset[str]]:
    """Header key -> the (non-generic) profiles whose template has that header."""
    owners: dict[str, set[str]] = {}
    for profile in load_profiles().values():
        if profile.name == GENERIC:
            continue
        names = vocabulary_of(profile.name)
        for key in {*names.keys, *names.keep, *(squash(s) for s in profile.signature)}:
            owners.setdefault(key, set()).add(profile.name)
    return {key: frozenset(names) for key, names in owners.items()}


def own_score(profile: SourceProfile, headers: Sequence[str]) -> float:
    """Evidence that the file is this profile's template.

    Each header of the template counts 1 (a signature header 3), shared among the templates
    that have it: 원산지코드 is Smartstore's alone, 상품명 is in every template and proves little.
    A template is recognised by its signature: without a signature header the score is 0.
    """
    owners = _owners()
    signature = {squash(s) for s in profile.signature}
    score, signed = 0.0, False
    for header in headers:
        if not header:
            continue
        keys = header_keys(header)
        key = next(
            (k for k in (keys.exact, keys.plain, keys.base) if profile.name in owners.get(k, ())),
            None,
        )
        if key is not None:
            signed = signed or key in signature
            score += (3 if key in signature else 1) / len(owners[key])
    return score if signed else 0.0


def match_profile(
    profile: SourceProfile,
    headers: list[str],
    content: Sequence[ContentEvidence] | None = None,
    column_map: Mapping[str, str] | None = None,
    *,
    score: float | None = None,
    reason: str = "",
) -> ProfileMatch:
    """Map ``headers`` through ``profile`` and the shared vocabulary, weighing ``content``."""
    content = content or [ContentEvidence("empty")] * len(headers)
    decisions = decide_columns(
        headers, content, vocabulary_of(profile.name), vocabulary_of(GENERIC), column_map
    )
    fields = {d.index: d.field for d in decisions if d.field}
    return ProfileMatch(
        profile=profile,
        score=own_score(profile, headers) if score is None else score,
        fields=fields,
        decisions=tuple(decisions),
        reason=reason,
    )


def choose_profile(
    headers: list[str],
    requested: str | None = None,
    content: Sequence[ContentEvidence] | None = None,
    column_map: Mapping[str, str] | None = None,
) -> ProfileMatch:
    """The profile whose own headers the file has most of (``requested`` when given)."""
    profiles = load_profiles()
    if requested:
        if requested not in profiles:
            raise UsageError(
                f"unknown source profile '{requested}'",
                hint=f"Use one of: {', '.join(sorted(profiles))}.",
            )
        return match_profile(profiles[requested], headers, content, column_map, reason="requested")
    scored = sorted(
        (
            (own_score(p, headers), p.priority, p.name)
            for p in profiles.values()
            if p.name != GENERIC
        ),
        reverse=True,
    )
    best = scored[0] if scored else (0, 0, GENERIC)
    runner = scored[1] if len(scored) > 1 else (0, 0, "")
    if best[0] >= MIN_PROFILE_SCORE and best[0] >= runner[0] + 1:
        reason = f"its own headers score {best[0]:.1f} (next: {runner[2]} with {runner[0]:.1f})"
        return match_profile(
            profiles[best[2]], headers, content, column_map, score=best[0], reason=reason
        )
    reason = f"no template's own headers stand out (best: {best[2]} with {best[0]:.1f}); shared vocabulary"
    return match_profile(profiles[GENERIC], headers, content, column_map, score=0, reason=reason)


def check_column_map(column_map: Mapping[str, str], where: str) -> dict[str, str]:
    """A validated copy of ``column_map``; UsageError naming ``where`` for an unknown field."""
    checked: dict[str, str] = {}
    for header, field_name in column_map.items():
        name = str(field_name).strip()
        if name not in MAPPABLE_FIELDS:
            raise UsageError(
                f"{where}: '{header}={name}': '{name}' is not a field klisting knows",
                hint=f"Use one of: {', '.join(sorted(MAPPABLE_FIELDS))}.",
            )
        checked[str(header)] = name
    return checked


__all__ = [
    "MAPPABLE_FIELDS",
    "READER_FIELDS",
    "ProfileMatch",
    "SourceProfile",
    "check_column_map",
    "choose_profile",
    "is_known_header",
    "load_profiles",
    "match_profile",
    "normalize_header",
]
