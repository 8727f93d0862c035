"""Decide which field each column feeds, by evidence from its header and its cells.

Every column gets candidates, each with a score and the reason for it:

- its header matches a name of the chosen profile (the template's own header),
- its header matches the shared vocabulary (configs/sources/generic.yaml), after decorations
  are removed (``상세설명 HTML`` -> 상세설명, ``옵션값1`` -> 옵션값 number 1),
- its cells look like a kind of value: image URLs, HTML, GTINs, shop-internal codes.

Columns then take fields best score first; a field such as ``title`` goes to one column only,
while extra images, option axes and numbered option pairs may take several. What a column got,
why, and what came second is kept for ``klisting inspect``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from klisting.catalog.evidence import ContentEvidence
from klisting.catalog.headers import header_keys, squash

#: Fields several columns may feed (추가이미지1, 추가이미지2 ...; 옵션유형1/옵션값1 ...).
MULTI_FIELDS = frozenset(
    {"image_extra", "image_detail", "option_axis", "variant_axis_name", "variant_axis_value"}
)
IMAGE_FIELDS = frozenset({"image_main", "image_extra", "image_detail"})
#: Fields that hold a name: a column of codes (B0000000, 1798) must never feed them.
NAME_FIELDS = frozenset({"brand", "manufacturer", "origin"})
#: A deliberate "keep this column as an attribute" (a profile's ``keep`` list, or a map).
ATTRIBUTE = "attribute"
MIN_SCORE = 40

_PROFILE_SCORE = {"exact": 100, "decorations removed": 95, "bracketed words removed": 60}
_VOCAB_SCORE = {"exact": 80, "decorations removed": 75, "bracketed words removed": 50}
_NUMBERED_PROFILE, _NUMBERED_VOCAB = 90, 70
_MAP_SCORE = 1000
_AXIS_SCORE = 60
_CONTENT_ONLY = 45


@dataclass(frozen=True, slots=True)
class Candidate:
    field: str
    score: int
    evidence: str


@dataclass(frozen=True, slots=True)
class ColumnDecision:
    """What one column feeds (None: kept as an attribute), why, and what came second."""

    index: int
    header: str
    field: str | None
    evidence: str
    runner_up: Candidate | None
    content: ContentEvidence
    number: int | None = None
    #: the profile or the column map says: keep this column as an attribute
    kept: bool = False

    @property
    def looks_known(self) -> bool:
        """An unmapped column whose header or cells point at a field: worth a warning."""
        if self.field or self.kept:
            return False
        strong = self.runner_up is not None and self.runner_up.field != ATTRIBUTE
        telling = self.content.share >= 0.6 and self.content.kind in ("image", "html", "gtin")
        return strong or telling

    def to_json(self) -> dict:
        return {
            "column": self.index + 1,
            "header": self.header,
            "field": self.field,
            "evidence": self.evidence,
            "content": self.content.describe(),
            "kept_as_attribute": self.field is None,
            "runner_up": (
                {"field": self.runner_up.field, "score": self.runner_up.score,
                 "evidence": self.runner_up.evidence}
                if self.runner_up else None
            ),
        }  # fmt: skip


@dataclass(frozen=True)
class Vocabulary:
    """Header key -> field for one source of names (a profile, or the shared vocabulary)."""

    name: str
    keys: Mapping[str, str]
    axes: frozenset[str] = field(default_factory=frozenset)
    keep: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        name: str,
        columns: Mapping[str, Sequence[str]],
        axes: Sequence[str] = (),
        keep: Sequence[str] = (),
    ) -> Vocabulary:
        keys: dict[str, str] = {}
        for field_name, aliases in columns.items():
            for alias in aliases:
                keys.setdefault(squash(alias), field_name)
        return cls(
            name,
            keys,
            frozenset(squash(a) for a in axes),
            frozenset(squash(k) for k in keep),
        )


def _header_candidates(header: str, names: Vocabulary, own: bool) -> list[Candidate]:
    keys = header_keys(header)
    table = _PROFILE_SCORE if own else _VOCAB_SCORE
    source = f"{names.name} header" if own else "vocabulary"
    for key, how in keys.tried():
        if own and key in names.keep:
            return [Candidate(ATTRIBUTE, 100, f"{names.name} keeps '{header}' as an attribute")]
        found = names.keys.get(key)
        if found:
            if how.startswith("number"):
                score = _NUMBERED_PROFILE if own else _NUMBERED_VOCAB
            else:
                score = table[how]
            return [Candidate(found, score, f"{source} '{key}' ({how})")]
        if key in names.axes:
            return [Candidate("option_axis", _AXIS_SCORE, f"'{key}' names an option axis")]
    return []


def _axis_by_content(header: str, names: Vocabulary, content: ContentEvidence) -> list[Candidate]:
    """A header holding an axis word (색상선택, 사이즈 옵션) over lists of short values: an axis."""
    if content.kind != "list" or content.share < 0.6:
        return []
    key = header_keys(header).plain
    word = next((axis for axis in names.axes if len(axis) >= 2 and axis in key), None)
    if word is None:
        return []
    return [Candidate("option_axis", 50, f"'{word}' in the header; {content.describe()}")]


def _weigh_content(candidates: list[Candidate], content: ContentEvidence) -> list[Candidate]:
    """Raise, lower or redirect candidates by what the cells hold."""
    if content.kind == "empty":
        return [Candidate(c.field, c.score - 25, c.evidence + "; column empty") for c in candidates]
    if content.share < 0.6:
        return candidates
    kind, seen = content.kind, content.describe()
    weighed = []
    for c in candidates:
        if (
            c.field == ATTRIBUTE or c.score >= _MAP_SCORE
        ):  # the seller's own map is never redirected
            weighed.append(c)
        elif kind == "image" and c.field == "description":
            weighed.append(Candidate("image_detail", c.score - 5, f"{c.evidence}; but {seen}"))
        elif kind == "image":
            delta = 20 if c.field in IMAGE_FIELDS else -60
            weighed.append(Candidate(c.field, c.score + delta, f"{c.evidence}; {seen}"))
        elif kind in ("code", "number") and c.field in NAME_FIELDS:
            weighed.append(
                Candidate(c.field, c.score - 100, f"{c.evidence}; but {seen}: codes, not names")
            )
        elif (kind == "html" and c.field == "description") or (
            kind == "gtin" and c.field == "barcode"
        ):
            weighed.append(Candidate(c.field, c.score + 15, f"{c.evidence}; {seen}"))
        else:
            weighed.append(c)
    if not candidates:
        guess = {"image": "image_extra", "html": "description", "gtin": "barcode"}.get(kind)
        if guess:
            weighed.append(Candidate(guess, _CONTENT_ONLY, seen))
    return weighed


def decide_columns(
    headers: Sequence[str],
    content: Sequence[ContentEvidence],
    profile: Vocabulary,
    vocabulary: Vocabulary,
    column_map: Mapping[str, str] | None = None,
) -> list[ColumnDecision]:
    """One decision per header (empty headers feed nothing)."""
    wanted = {squash(h): f for h, f in (column_map or {}).items()}
    options: list[list[Candidate]] = []
    for index, header in enumerate(headers):
        if not header:
            options.append([])
            continue
        mapped = wanted.get(squash(header))
        found = [Candidate(mapped, _MAP_SCORE, "column map")] if mapped else []
        found += _header_candidates(header, profile, own=True) if profile is not vocabulary else []
        found += _header_candidates(header, vocabulary, own=False)
        if not found:
            found = _axis_by_content(header, vocabulary, content[index])
        found = _weigh_content(found, content[index])
        options.append(sorted(found, key=lambda c: -c.score))
    chosen = _assign(options)
    decisions = []
    for index, header in enumerate(headers):
        pick = chosen.get(index)
        others = [c for c in options[index] if pick is None or c.field != pick.field]
        decisions.append(
            ColumnDecision(
                index=index,
                header=header,
                field=None if pick is None or pick.field == ATTRIBUTE else pick.field,
                evidence=pick.evidence if pick else _why_unmapped(options[index], chosen),
                runner_up=others[0] if others else None,
                content=content[index],
                number=header_keys(header).number if header else None,
                kept=pick is not None and pick.field == ATTRIBUTE,
            )
        )
    return decisions


def _assign(options: list[list[Candidate]]) -> dict[int, Candidate]:
    ranked = sorted(
        ((c.score, index, c) for index, cands in enumerate(options) for c in cands),
        key=lambda item: (-item[0], item[1]),
    )
    chosen: dict[int, Candidate] = {}
    taken: set[str] = set()
    for score, index, candidate in ranked:
        if score < MIN_SCORE or index in chosen:
            continue
        if candidate.field in taken and candidate.field not in MULTI_FIELDS | {ATTRIBUTE}:
            continue
        chosen[index] = candidate
        taken.add(candidate.field)
    return chosen


def _why_unmapped(candidates: list[Candidate], chosen: dict[int, Candidate]) -> str:
    if not candidates:
        return "no known header name and no telling content"
    best = candidates[0]
    if best.score < MIN_SCORE:
        return f"weak evidence for {best.field} ({best.evidence})"
    return f"{best.field} went to another column with stronger evidence"
