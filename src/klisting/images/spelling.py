"""Correct OCR slips in Korean words against the termbase vocabulary.

Tesseract often gets one jamo of a syllable wrong (고춧가루 -> 고촛가루, 보습 -> 보숩); such a word
then misses the termbase and stays Korean in the localized image. A word that is not in the
vocabulary but is one jamo away from exactly one vocabulary word of the same length is taken to
be that word. Only words of three syllables or more are corrected: shorter ones have too many
neighbours for a single-jamo guess to be safe, and never a word that is itself a valid Korean
word (테스트 is one jamo from 베스트, and "tested" must not become "best seller"): validity comes
from the Korean hunspell dictionary (Debian ``hunspell-ko``) and the termbase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
#: particles a noun may carry (longest first where one ends another)
PARTICLES = (
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

    def __init__(self, words: Iterable[str], valid: Iterable[str] = ()) -> None:
        self.words = {w for w in words if len(w) >= MIN_SYLLABLES and _WORD.fullmatch(w)}
        #: words that are right as they are, though not correction targets (a dictionary)
        self.valid = frozenset(valid) | self.words
        self._neighbours: dict[tuple[int, ...], set[str]] = {}
        for word in self.words:
            for key in _neighbour_keys(jamo(word)):
                self._neighbours.setdefault(key, set()).add(word)

    def correct_word(self, word: str) -> str:
        """``word`` or the single vocabulary word one jamo away from it (particles kept)."""
        if len(word) < MIN_SYLLABLES or word in self.valid:
            return word
        if any(stem in self.valid for stem, _ in self._splits(word)):
            return word
        for stem, particle in self._splits(word):
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
        for particle in PARTICLES:
            stem = word[: -len(particle)]
            if word.endswith(particle) and len(stem) >= MIN_SYLLABLES:
                splits.append((stem, particle))
        return splits


#: where Debian's hunspell-ko puts its word list (stems before "/", affix flags after)
HUNSPELL_DIC = Path("/usr/share/hunspell/ko.dic")


@lru_cache(maxsize=1)
def dictionary_words(path: Path = HUNSPELL_DIC) -> frozenset[str]:
    """Valid Korean words from the hunspell dictionary; empty when it is not installed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # first line: the count
    except OSError:
        return frozenset()
    words = (unicodedata.normalize("NFC", line.split("/", 1)[0]) for line in lines)
    return frozenset(w for w in words if len(w) >= 2 and _WORD.fullmatch(w))


@lru_cache(maxsize=1)
def termbase_speller() -> Speller:
    """A Speller over the bundled termbase's Korean terms (built once per process)."""
    from klisting.translate.termbase import load_termbase, surface_key

    return Speller((surface_key(term.ko) for term in load_termbase().terms), dictionary_words())
