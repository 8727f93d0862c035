"""The offline default engine: Kiwi segmentation + longest-match termbase lookup + romanization.

It works without any model download: kiwipiepy ships its own model on PyPI, and the termbase is
the curated TSV set in configs/glossary. Output is draft quality and says so (``quality``,
``last_stats.coverage`` and flags for what it could not translate).

How a segment is translated:

1. Kiwi splits it into morphemes with character offsets (once per unique segment, cached).
2. From each morpheme the longest termbase entry is matched, either on the surface text
   (spaces ignored: 무료 배송 = 무료배송) or on the morpheme sequence (so 예쁜/예뻐요 match 예쁘다
   and 크림을 matches 크림); particles and endings are dropped.
3. A Hangul word Kiwi keeps whole is split into known terms when every part is known
   (여성니트가디건); a leading bracketed name and proper nouns are romanized (Revised
   Romanization); other unknown words are kept and reported.
4. Everything that is not Hangul (numbers, units, SKUs, Latin words, placeholders) is copied.
5. Word order: English, Chinese and Japanese keep the Korean modifier-first order; head-first
   languages (es, th, vi, id, ms) move the head noun of each noun phrase to the front.
   ``A의 B`` becomes ``B of A`` in English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from klisting.errors import DependencyError
from klisting.translate.analyzer import kiwi
from klisting.translate.base import BatchStats
from klisting.translate.engines.glossary_render import Piece, render
from klisting.translate.termbase import (
    LANGUAGES,
    Term,
    Termbase,
    load_termbase,
    normalize_language,
)

ENGINE_REVISION = "3"
_MAX_TERM_TOKENS = 12  # label phrases: 어린이 손에 닿지 않는 곳에 보관
_CACHE_LIMIT = 200_000
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LEADING_NAME = re.compile(r"^\s*[\[【〔<(]\s*([\uac00-\ud7a3][\uac00-\ud7a3 ]{0,19})\s*[\]】〕>)]")
_NOUN_SUFFIXES = {"용", "형", "식", "들"}  # dropped after a known noun; English uses the bare noun
# Negation: 사용하지 마세요 ("do not use") and 번지지 않아요 ("does not smudge") end in an
# auxiliary the engine would otherwise drop, turning care instructions into their opposite.
# The word goes before the verb it negates; Japanese puts it after (使用禁止, 強くない).
# Kiwi tags whose morphemes carry no content of their own in a product title.
_DROP_PREFIXES = ("J", "E", "XS", "VCP", "VCN", "VX")
_DROP_TAGS = {"NNB"}
# Verbs that only carry politeness or "do/become" in seller copy (드립니다, 사용하세요).
# Determiners 이/그/저/본 ("this/that") add nothing to a title either. Kiwi reads the copula
# as the verb 이 ("carry on the head") after a space or a code ("KL-2024X 입니다").
_DROP_VERBS = {"VV": {"드리", "하", "되", "주", "이"}, "VA": {"하"}, "MM": {"이", "그", "저", "본"}}
# (previous kind, next kind) pairs of touching pieces that form one unknown word
_MERGE_PAIRS = {
    ("unknown", "unknown"),
    ("unknown", "drop"),
    ("unknown", "name"),
    ("name", "unknown"),
}
_YEAR = re.compile(r"(?:19|20)\d\d\s*$")
# A particle right after a Latin word, a number or a placeholder; 과 and 도 after a digit
# are counters (9과 "nine fruits", 230도 "230 degrees") and stay for the termbase.
_PARTICLES = "을|를|이나|이랑|이|가|은|는|의|에서|에|으로|로|와|만|나|랑"
_GLUED_PARTICLE = re.compile(
    rf"(?:(?<=[A-Za-z%⟧)\]])(?:{_PARTICLES}|과|도)|(?<=\d)(?:{_PARTICLES}))(?![\uac00-\ud7a3])"
)
_NUMERIC_TAGS = frozenset({"count", "unit"})  # 개, 장, 미리... only mean that after a number


class _Tok(NamedTuple):
    """A Kiwi morpheme with its base tag (VV-R -> VV) and character span."""

    form: str
    tag: str
    start: int
    end: int


class _Compact:
    """The segment lower-cased without whitespace, as termbase keys are, with an offset map."""

    def __init__(self, text: str) -> None:
        chars, offsets = [], []
        for char in text.lower():
            offsets.append(len(chars))
            if not char.isspace():
                chars.append(char)
        offsets.append(len(chars))
        self.text = "".join(chars)
        self.offsets = offsets

    def char(self, start: int) -> str:
        index = self.offsets[start]
        return self.text[index : index + 1]

    def length(self, start: int, end: int) -> int:
        return self.offsets[end] - self.offsets[start]

    def span(self, start: int, end: int) -> str:
        return self.text[self.offsets[start] : self.offsets[end]]


def _tag(token: Any) -> str:
    return str(token.tag).split("-")[0]


def _is_function(tag: str) -> bool:
    return tag.startswith(_DROP_PREFIXES) or tag in _DROP_TAGS


class GlossaryEngine:
    """Termbase-driven Korean -> {en, zh-Hant, ja, es, th, vi, id, ms} draft translation."""

    id = "glossary"
    quality = "draft"
    #: An empty result is a real answer here (a segment of endings only, "해요"), not a
    #: truncated or failed translation as it would be from a model.
    allows_empty = True

    def __init__(
        self,
        termbase: Termbase | None = None,
        extra_files: Sequence[Path] = (),
        directory: Path | None = None,
        **_options: object,
    ) -> None:
        """Create the engine; Kiwi and the morpheme index load lazily on first use.

        Args:
            termbase: terms to use; default: every configs/glossary/*.tsv plus ``extra_files``.
            extra_files: more termbase TSV files (same columns) loaded with the bundled ones.
            directory: glossary directory instead of configs/glossary.
            **_options: settings meant for other engines (the registry passes one option set).
        """
        self.termbase = termbase if termbase is not None else load_termbase(extra_files, directory)
        self.version = f"{self.termbase.version}.{ENGINE_REVISION}"
        self.last_stats = BatchStats()
        self.last_segment_stats: list[BatchStats] = []
        self._morph_index: dict[tuple[str, ...], Term] | None = None
        self._morph_first: set[str] = set()
        self._first_chars = {key[0] for key in self.termbase._index}  # type: ignore[attr-defined]
        self._analysis: dict[str, list[Piece]] = {}
        self._rendered: dict[tuple[str, str], tuple[str, BatchStats]] = {}

    def supports(self, source: str, target: str) -> bool:
        """True for Korean source and a target with a termbase column that has terms."""
        column = normalize_language(target)
        return (
            source.lower().startswith("ko")
            and column is not None
            and self.termbase.count(column) > 0
        )

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate each segment; sets ``last_stats`` (coverage, flags) for the batch."""
        column = normalize_language(target)
        if column is None or not source.lower().startswith("ko"):
            raise DependencyError(
                f"the glossary engine cannot translate {source} -> {target} "
                f"(it translates Korean into {', '.join(LANGUAGES)})",
                "Use --engine auto with a model (klisting models install), or a remote engine "
                "(--engine deepl, openai or libretranslate).",
            )
        results, stats = [], []
        for segment in segments:
            text, stat = self._translate_one(segment, column)
            results.append(text)
            stats.append(stat)
        self.last_segment_stats = stats
        self.last_stats = merge_stats(stats)
        return results

    # --- analysis (language independent, cached per unique segment) -------------------------

    def _translate_one(self, segment: str, column: str) -> tuple[str, BatchStats]:
        key = (segment, column)
        cached = self._rendered.get(key)
        if cached is None:
            if len(self._rendered) > _CACHE_LIMIT:
                self._rendered.clear()
                self._analysis.clear()
            text = unicodedata.normalize("NFC", segment)
            cached = render(text, self._analyze(text), column)
            self._rendered[key] = cached
        return cached

    def _analyze(self, text: str) -> list[Piece]:
        pieces = self._analysis.get(text)
        if pieces is None:
            pieces = self._pieces(text) if _HANGUL.search(text) else []
            self._analysis[text] = pieces
        return pieces

    def _pieces(self, text: str) -> list[Piece]:
        # A particle glued to a number, code or placeholder (2개를, 280g의, ⟦1⟧를) is grammar,
        # not a word: Kiwi reads ⟦1⟧를 as 르 + ㄹ, and "2 pcs를" would reach the listing.
        glued = [m.span() for m in _GLUED_PARTICLE.finditer(text)]
        for start, end in glued:
            text = text[:start] + " " * (end - start) + text[end:]
        tokens = [_Tok(t.form, _tag(t), t.start, t.end) for t in kiwi().tokenize(text)]
        compact = _Compact(text)
        pieces: list[Piece] = [Piece(start, end, "drop") for start, end in glued]
        name = self._leading_name(text)
        if name is not None:
            pieces.append(name)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if name is not None and token.start < name.end:
                i += 1
                continue
            match = self._match(text, compact, tokens, i)
            if match is not None:
                term, j = match
                pieces.append(Piece(token.start, tokens[j - 1].end, "term", term))
                i = j
                continue
            if _copula_artifact(tokens, i):
                pieces.append(Piece(token.start, token.end, "drop"))
            else:
                pieces.extend(self._unmatched(text, token))
            i += 1
        return _merge_unknown(text, sorted(pieces, key=lambda piece: piece.start))

    def _leading_name(self, text: str) -> Piece | None:
        """A bracketed Hangul name at the start of a title ([하루담] ...) is a brand: romanize."""
        found = _LEADING_NAME.match(text)
        if found is None or self.termbase.lookup(found.group(1)) is not None:
            return None
        if any(self._split_known(word, 0) for word in found.group(1).split()):
            return None  # [당일발송 무료배송] is a tag line, not a brand
        return Piece(found.start(1), found.end(1), "name", surface=found.group(1).strip())

    def _match(
        self, text: str, compact: _Compact, tokens: list[_Tok], i: int
    ) -> tuple[Term, int] | None:
        """Longest term starting at token ``i``: ``(term, index after its last token)``."""
        first = tokens[i]
        if _is_function(first.tag) and first.tag != "NNB" and not _word_start(text, first.start):
            return None  # a particle or ending never starts a term (면 "if" is not 면 "cotton")
        morph = self.morph_index()
        can_surface = compact.char(first.start) in self._first_chars
        can_morph = first.form in self._morph_first
        if not can_surface and not can_morph:
            return None
        best: tuple[Term, int] | None = None
        forms: list[str] = []
        max_chars = self.termbase.max_key_length
        for j in range(i, min(len(tokens), i + _MAX_TERM_TOKENS)):
            token = tokens[j]
            forms.append(token.form)
            term = None
            if can_surface and compact.length(first.start, token.end) <= max_chars:
                term = self.termbase.exact(compact.span(first.start, token.end))
            if term is None and can_morph and not token.tag.startswith(("J", "E")):
                term = morph.get(tuple(forms))
            if term is not None and _fits_context(term, text, first.start, token.end):
                best = (term, j + 1)
        return best

    def _unmatched(self, text: str, token: _Tok) -> list[Piece]:
        surface = text[token.start : token.end]
        tag = token.tag
        if not _HANGUL.search(surface):
            return []  # copied verbatim by the renderer
        if token.form == "년" and _YEAR.search(text[: token.start]):
            return [Piece(token.start, token.end, "drop")]  # 2024년 is a year, not "2024 years"
        if tag.startswith("J") and _after_number(text, token.start):
            # right after a number, 과 and 도 are counters (9과 nine fruits, 230도), not particles
            counter_term = self.termbase.lookup(surface)
            if counter_term is not None and counter_term.tags & _NUMERIC_TAGS:
                return [Piece(token.start, token.end, "term", counter_term)]
        if tag == "JC" or token.form == "및":
            return [Piece(token.start, token.end, "and")]  # 크림과 로션, 크림 및 로션
        negation = _negation(text, token)
        if negation:
            return [Piece(token.start, token.end, negation)]
        counter = tag == "NNB" and _after_number(text, token.start)  # 24개월: keep the unit
        if (_is_function(tag) and not counter) or (token.form in _DROP_VERBS.get(tag, ())):
            kind = "of" if tag == "JKG" and token.form == "의" else "drop"
            return [Piece(token.start, token.end, kind)]
        stem = self._stem_term(token.form) if tag in ("VA", "VV", "XR") else None
        if stem is not None:
            return [Piece(token.start, token.end, "term", stem)]
        split = self._split_known(surface, token.start, text)
        if split:
            return split
        kind = "name" if tag == "NNP" and _looks_like_name(surface) else "unknown"
        return [Piece(token.start, token.end, kind, surface=surface)]

    def _stem_term(self, form: str) -> Term | None:
        """A term for the root of a 하다/스럽다/롭다 adjective (촉촉하 -> 촉촉, 고급스럽 -> 고급),
        or for a root Kiwi split from its 하다 (고소 + 하 -> 고소하다)."""
        whole = self.termbase.lookup(form + "하다") or self.morph_index().get((form + "하",))
        if whole is not None:
            return whole
        for suffix in ("스럽", "롭", "하"):
            if form.endswith(suffix) and len(form) > len(suffix):
                root = form[: -len(suffix)]
                term = self.termbase.lookup(root) or self.morph_index().get((root,))
                if term is not None:
                    return term
        return None

    def _split_known(self, surface: str, offset: int, text: str = "") -> list[Piece]:
        """Cover a whole word with known terms of two or more syllables, or return [].

        ``text`` is the segment ``surface`` starts at ``offset`` in, for the terms whose use
        depends on what follows (see :func:`_fits_context`)."""
        pieces, pos = [], 0
        while pos < len(surface):
            if pieces and surface[pos:] in _NOUN_SUFFIXES:  # 펌프형, 책상용: "-type", "for"
                pieces.append(Piece(offset + pos, offset + len(surface), "drop"))
                break
            found = self.termbase.longest_match(surface, pos)
            if found is None or found[1] - pos < 2:
                return []
            if found[0].tags & _NUMERIC_TAGS and not _after_number(surface, pos):
                return []  # 미리 "in advance" is not 미리 "ml"
            if "alone" in found[0].tags:
                return []  # 중 "M" is a whole option value, never part of a word
            if "bound" in found[0].tags and not _after_quantity(surface, pos):
                return []  # 이상이 "something wrong", not 이상 "and up"
            if "adverb" in found[0].tags and _before_number(text, offset + found[1]):
                return []  # 깊이 40cm is the depth, not "deeply"
            pieces.append(Piece(offset + pos, offset + found[1], "term", found[0]))
            pos = found[1]
        return pieces

    def morph_index(self) -> dict[tuple[str, ...], Term]:
        """Morpheme-sequence keys of every Hangul term (built once, with Kiwi)."""
        if self._morph_index is None:
            index: dict[tuple[str, ...], Term] = {}
            analyzer = kiwi()
            for term in self.termbase.terms:
                if _HANGUL.search(term.ko):
                    key = _morph_key(analyzer.tokenize(term.ko))
                    if key:
                        index.setdefault(key, term)
            self._morph_index = index
            self._morph_first = {key[0] for key in index}
        return self._morph_index


def _copula_artifact(tokens: list[_Tok], i: int) -> bool:
    """Kiwi's reading of a copula with no noun before it, e.g. after an inline tag
    ("<b>가디건</b> 입니다" -> 이/NP + 이/VCP, "예요" -> 예/IC + 요/JX): not a word."""
    token = tokens[i]
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is None:
        return False
    if token.tag == "NP" and following.tag == "VCP" and following.start < token.end:
        return True
    return token.tag == "IC" and token.form == "예" and following.form == "요"


def _negation(text: str, token: _Tok) -> str:
    """The negation ``token`` expresses: "prohibit" (-지 말다: 마세요), "not" (-지 않다),
    "none" (없다), "not-before" (the adverbs 안/못, already before their verb), or ""."""
    after_ji = text[: token.start].rstrip().endswith("지")
    if token.tag == "VX" and token.form == "말" and after_ji:
        return "prohibit"
    if token.tag == "VX" and token.form == "않" and after_ji:
        return "not"
    if token.tag == "VA" and token.form == "없":
        return "none"
    if token.tag == "MAG" and token.form in {"안", "못"}:
        return "not-before"
    return ""


def _fits_context(term: Term, text: str, start: int, end: int) -> bool:
    """Counters and units only after a number (3개, 500미리), and 년 not after a year;
    ``alone`` terms only as the whole segment (the option value 중 is size M, 사용 중 is not);
    ``bound`` terms (이상 "and up", 이하 "or less") only after a quantity: 이상이 있는 경우 is
    "if anything is wrong", not "and up"; ``adverb`` terms never right before a number, where
    the same word is a noun label: 깊이 스며드는 is "deeply", 깊이 40cm is the depth."""
    if "adverb" in term.tags and _before_number(text, end):
        return False  # left unmatched: the draft keeps the Korean word for review
    if "alone" in term.tags and (text[:start].strip() or text[end:].strip()):
        return False
    if "bound" in term.tags:
        return _after_quantity(text, start)
    if not term.tags & _NUMERIC_TAGS:
        return True
    return _after_number(text, start) and not (term.ko == "년" and _YEAR.search(text[:start]))


def _word_start(text: str, start: int) -> bool:
    """True when ``start`` begins a space-separated word (a particle never does)."""
    return start == 0 or not text[start - 1].isalnum()


def _looks_like_name(word: str) -> bool:
    """A Korean proper noun rather than a transcribed loanword (블루투스, 텀블러).

    Loanwords use open syllables with the filler vowel ㅡ (스, 트, 르, 브...) that native names
    almost never have; one-syllable "names" are usually Kiwi guesses.
    """
    if len(word) < 2 or not all(_HANGUL.match(char) for char in word):
        return False
    return not any((ord(char) - 0xAC00) % 588 == 18 * 28 for char in word[1:])


def _merge_unknown(text: str, pieces: list[Piece]) -> list[Piece]:
    """Keep an unknown word whole: 체+어 -> 체어, 져+키 -> 져키 (its endings stay with it)."""
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        touching = last is not None and piece.start <= last.end
        pair = (last.kind, piece.kind) if last is not None else ("", "")
        if touching and pair in _MERGE_PAIRS:
            end = max(last.end, piece.end)
            merged[-1] = Piece(last.start, end, "unknown", surface=text[last.start : end])
        else:
            merged.append(piece)
    return merged


def _after_quantity(text: str, start: int) -> bool:
    """True when the word before ``start`` holds a number or a protected quantity: 160cm 이상,
    3세 이상, 5만원 이하, ⟦0⟧ 이하."""
    words = text[:start].split()
    return bool(words) and (any(c.isdigit() for c in words[-1]) or "⟧" in words[-1])


def _before_number(text: str, end: int) -> bool:
    """True when a number or a protected quantity follows ``end`` (spaces or a colon allowed)."""
    after = text[end:].lstrip(" :")
    return bool(after) and (after[0].isdigit() or after.startswith("⟦"))


def _after_number(text: str, start: int) -> bool:
    """True when a digit comes right before ``start`` (spaces allowed): 3개, 500 미리."""
    before = text[:start].rstrip()
    return bool(before) and before[-1].isdigit()


def _morph_key(tokens: Any) -> tuple[str, ...]:
    """Morpheme forms of a term without its trailing endings (예쁜 -> (예쁘,)).

    Only a modifier ending (ETM: 예쁜, 빨간) or the dictionary ending 다 (예쁘다) may be cut:
    a term is never written with a particle, so a cut particle or another ending means Kiwi
    misread a noun (봄 -> 보+ㅁ "see", 햇 -> 하+었 "did", 판매가 -> 판매+가, 치마 -> 하지 말어),
    and that key would turn common words into the term (보세요 -> "spring", 하세요 ->
    "new-harvest", 사용하지 마세요 -> "skirt"). Such terms match on their surface only.
    Returns an empty tuple when the term has no usable morpheme key.
    """
    forms = [(token.form, _tag(token)) for token in tokens]
    while forms and forms[-1][1].startswith(("J", "E")):
        form, tag = forms.pop()
        if tag != "ETM" and form != "다":
            return ()
    return tuple(form for form, _ in forms)


def merge_stats(stats: list[BatchStats]) -> BatchStats:
    covered = [s.coverage for s in stats if s.coverage is not None]
    flags: list[str] = []
    for stat in stats:
        flags.extend(flag for flag in stat.flags if flag not in flags)
    coverage = sum(covered) / len(covered) if covered else None
    return BatchStats(coverage=coverage, flags=flags[:50])
