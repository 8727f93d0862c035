"""Revised Romanization of Korean (the 2000 Ministry of Culture standard), self-contained.

The glossary engine uses it for Hangul it cannot translate but that is clearly a name (brands,
places, people). The algorithm works on jamo: every syllable is split into initial, vowel and
final; the sound changes between a final and the next initial that RR writes down (liaison,
nasalization, lateralization, palatalization, ㅎ aspiration) are applied pair by pair. Tensing is
not written in RR and aspiration after ㄱ/ㄷ/ㅂ in nouns keeps the ``h`` (묵호 Mukho), as the
standard says for proper nouns.
"""

from __future__ import annotations

import re

_BASE = 0xAC00
_LAST = 0xD7A3

# Indices follow the Unicode composition order: 19 initials, 21 vowels, 28 finals (0 = none).
_INITIAL_ROMAN = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
    "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
)  # fmt: skip
_VOWEL_ROMAN = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip

# Initial indices used by the rules below.
_G, _N, _D, _R, _M, _B, _S, _SILENT, _J, _CH, _K, _T, _P, _H = (
    0,
    2,
    3,
    5,
    6,
    7,
    9,
    11,
    12,
    14,
    15,
    16,
    17,
    18,
)
_VOWEL_I = 20

# Final index -> (final kept before a vowel, consonant moved to the next syllable as an initial).
# Double finals keep their first part; ㅎ disappears before a vowel (좋아 joa).
_LIAISON: dict[int, tuple[int, int]] = {
    1: (0, _G), 2: (0, 1), 3: (1, _S), 4: (0, _N), 5: (4, _J), 6: (0, _N), 7: (0, _D),
    8: (0, _R), 9: (8, _G), 10: (8, _M), 11: (8, _B), 12: (8, _S), 13: (8, _T), 14: (8, _P),
    15: (0, _R), 16: (0, _M), 17: (0, _B), 18: (17, _S), 19: (0, _S), 20: (0, 10), 22: (0, _J),
    23: (0, _CH), 24: (0, _K), 25: (0, _T), 26: (0, _P), 27: (0, _SILENT),
}  # fmt: skip

# Final index -> the sound class it is pronounced as at the end of a syllable.
_FINAL_CLASS = (
    "", "K", "K", "K", "N", "N", "N", "T", "L", "K", "M", "L", "L", "L",
    "P", "L", "M", "P", "P", "T", "T", "NG", "T", "T", "K", "T", "P", "T",
)  # fmt: skip
_CLASS_ROMAN = {"": "", "K": "k", "N": "n", "T": "t", "L": "l", "M": "m", "P": "p", "NG": "ng"}
_NASAL_OF = {"K": "ng", "T": "n", "P": "m"}
_H_FINALS = {27: "", 6: "n", 15: "l"}  # ㅎ, ㄶ, ㅀ: the ㅎ aspirates a following ㄱ/ㄷ/ㅈ
_ASPIRATED = {_G: "k", _D: "t", _J: "ch"}

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def is_hangul(char: str) -> bool:
    """True for a precomposed Hangul syllable (가..힣)."""
    return _BASE <= ord(char) <= _LAST


def _decompose(word: str) -> list[list[int]]:
    parts = []
    for char in word:
        code = ord(char) - _BASE
        parts.append([code // 588, (code % 588) // 28, code % 28])
    return parts


def _join(final: int, initial: int, vowel: int) -> tuple[str, str]:
    """Romanized (final of this syllable, initial of the next) after the RR sound changes."""
    if final == 0:
        return "", _INITIAL_ROMAN[initial]
    if initial == _SILENT and final in _LIAISON:
        kept, moved = _LIAISON[final]
        if vowel == _VOWEL_I and moved in (_D, _T):  # palatalization: 굳이 guji, 같이 gachi
            moved = _J if moved == _D else _CH
        return _CLASS_ROMAN[_FINAL_CLASS[kept]], _INITIAL_ROMAN[moved]
    if final in _H_FINALS and initial in _ASPIRATED:
        return _H_FINALS[final], _ASPIRATED[initial]
    if final in _H_FINALS and initial == _N:
        return (_H_FINALS[final] or "n"), ("l" if final == 15 else "n")
    return _assimilate(_FINAL_CLASS[final], initial)


def _assimilate(sound: str, initial: int) -> tuple[str, str]:
    if initial in (_N, _M) and sound in _NASAL_OF:  # 백마 Baengma, 합니다 hamnida
        return _NASAL_OF[sound], _INITIAL_ROMAN[initial]
    if initial == _R:
        if sound in ("L", "N"):  # 신라 Silla, 설랑 seollang
            return "l", "l"
        if sound in _NASAL_OF:  # 독립 dongnip, 협력 hyeomnyeok
            return _NASAL_OF[sound], "n"
        if sound in ("M", "NG"):  # 종로 Jongno, 심리 simni
            return _CLASS_ROMAN[sound], "n"
    if sound == "L" and initial == _N:  # 설날 Seollal
        return "l", "l"
    return _CLASS_ROMAN[sound], _INITIAL_ROMAN[initial]


def romanize_word(word: str) -> str:
    """Romanize one run of Hangul syllables (no spaces), lower case.

    Args:
        word: precomposed Hangul syllables only.

    Returns:
        The Revised Romanization, e.g. ``"jongno"`` for 종로.
    """
    parts = _decompose(word)
    out: list[str] = []
    next_initial = _INITIAL_ROMAN[parts[0][0]] if parts else ""
    for index, (_, vowel, final) in enumerate(parts):
        out.append(next_initial + _VOWEL_ROMAN[vowel])
        if index + 1 < len(parts):
            following = parts[index + 1]
            coda, next_initial = _join(final, following[0], following[1])
            out.append(coda)
        else:
            out.append(_CLASS_ROMAN[_FINAL_CLASS[final]])
    return "".join(out)


def romanize(text: str, capitalize: bool = True) -> str:
    """Romanize every Hangul run in ``text``; anything else is kept as it is.

    Args:
        text: any text; only precomposed Hangul syllables are changed.
        capitalize: upper-case the first letter of each romanized run (proper nouns).

    Returns:
        The text with each Hangul run replaced, e.g. ``"부산 2호점"`` -> ``"Busan 2Hojeom"``.
    """

    def _one(match: re.Match[str]) -> str:
        roman = romanize_word(match.group(0))
        return roman[:1].upper() + roman[1:] if capitalize else roman

    return _HANGUL_RUN.sub(_one, text)
