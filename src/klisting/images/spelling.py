"""Correct OCR slips in Korean words against the termbase vocabulary.

Tesseract often gets one jamo of a syllable wrong (고춧가루 -> 고촛가루, 보습 -> 보숩); such a word
then misses the termbase and stays Korean in the localized image. A word that is not in the
vocabulary but is one jamo away from exactly one vocabulary word of the same length is taken to
be that word. Only words of three syllables or more are corrected: shorter ones have too many
neighbours for a single-jamo guess to be safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_PARTICLES = (
    "으로",
    "에서",
    "까지",
    "부터",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
)
_WORD = re.compile(r"[가-힣]+")
MIN_SYLLABLES = 3


def jamo(word: str) -> tuple[int, ...]:
    """Each syllable as (lead, vowel, tail) indices, flattened; non-Hangul characters as themselves."""
    out: list[int] = []
    for char in word:
        code = ord(char)
        if _HANGUL_BASE <= code <= _HANGUL_LAST:
            offset = code - _HANGUL_BASE
            out += [offset // 588, 100 + (offset % 588) // 28, 200 + offset % 28]
        else:
            out.append(1000 + code)
    return tuple(out)


def _neighbour_keys(sequence: tuple[int, ...]) -> Iterable[tuple[int, ...]]:
    # One position blanked out: two words one substitution apart share one of these keys.
    for index in range(len(sequence)):
        yield sequence[:index] + (-1,) + sequence[index + 1 :]


class Speller:
    """A vocabulary of Korean words and a one-jamo corrector over it."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = {w for w in words if len(w) >= MIN_SYLLABLES and _WORD.fullmatch(w)}
        self._neighbours: dict[tuple[int, ...], set[str]] = {}
        for word in self.words:
            for key in _neighbour_keys(jamo(word)):
                self._neighbours.setdefault(key, set()).add(word)

    def correct_word(self, word: str) -> str:
        """``word`` or the single vocabulary word one jamo away from it (particles kept)."""
        if len(word) < MIN_SYLLABLES or word in self.words:
            return word
        for stem, particle in self._splits(word):
            if stem in self.words:
                return word
            candidates = {
                c for key in _neighbour_keys(jamo(stem)) for c in self._neighbours.get(key, ())
            }
            if len(candidates) == 1:
                return candidates.pop() + particle
        return word

    def correct(self, text: str) -> str:
        """Every Hangul word of ``text`` corrected; everything else untouched."""
        return _WORD.sub(lambda match: self.correct_word(match.group(0)), text)

    @staticmethod
    def _splits(word: str) -> list[tuple[str, str]]:
        splits = [(word, "")]
        for particle in _PARTICLES:
            stem = word[: -len(particle)]
            if word.endswith(particle) and len(stem) >= MIN_SYLLABLES:
                splits.append((stem, particle))
        return splits


@lru_cache(maxsize=1)
def termbase_speller() -> Speller:
    """A Speller over the bundled termbase's Korean terms (built once per process)."""
    from klisting.translate.termbase import load_termbase, surface_key

    return Speller(surface_key(term.ko) for term in load_termbase().terms)
