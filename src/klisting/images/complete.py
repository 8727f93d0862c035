"""Is a block's translation complete enough to draw into the image? All or nothing per block.

A block is replaced only by a whole translation: no Hangul left ("after opening keep frozen
권장합니다"), no Korean word romanised into gibberish ("Muhyangnyo"), no truncation, and the
same facts as the source: every number the source states appears in the translation, and the
translation states no number that is neither in the source nor the units layer's conversion of
a source quantity ("리튬이온" must never come out as "2]60/2"). Anything else goes to review and
the block keeps its original pixels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from klisting.images.facts import UNITS, numbers
from klisting.images.spelling import PARTICLES, dictionary_words
from klisting.translate.quantities import find_quantities
from klisting.translate.romanize import romanize_word

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")
#: Latin tokens of the source (marks, grades, model names) the translation must carry
_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z+]*")
_UNIT = re.compile(rf"(?:{UNITS})", re.IGNORECASE)
#: a converted quantity written twice in a row ("1.32 lb (600 g) 1.32 lb (600 g)")
_REPEATED = re.compile(r"(?P<q>\d[^()]{0,24}?\([^()]*\d[^()]*\))(?:[\s,/]+(?P=q))+")


def dedupe_quantities(text: str) -> str:
    """``text`` with a quantity repeated back to back written once.

    The source often states one fact twice ("한 근 600g": a traditional unit and its metric
    value); both convert to the same market unit, which the buyer should read once.
    """
    return _REPEATED.sub(r"\g<q>", text)


def _plain(number: str) -> str:
    return number.replace(",", "")


def allowed_numbers(source: str, market: str | None) -> set[str]:
    """Numbers a translation of ``source`` may state: the source's own and their conversions."""
    allowed = {_plain(n) for n in numbers(source)}
    for span in find_quantities(source, market):
        allowed.update(_plain(n) for n in numbers(span.replacement))
    return allowed


def common_word(word: str) -> bool:
    """True when ``word`` is a common word, which a romanisation would turn into gibberish.

    Names (제주, 서울, a brand such as 하루담) are romanised on purpose by the glossary engine.
    A word that is not itself in the dictionary but ends in one of at least two syllables is a
    compound of common words (무향료 = 무 + 향료, "fragrance-free"): romanised, it reads as
    "Muhyangnyo". Without the dictionary every romanised word counts as common.
    """
    words = dictionary_words()
    if not words:
        return True
    if word in words:
        return False
    stem = word
    for particle in PARTICLES:
        if stem.endswith(particle) and len(stem) > len(particle) + 1:
            stem = stem[: -len(particle)]
            break
    return any(stem[i:] in words for i in range(1, len(stem) - 1))


@lru_cache(maxsize=1)
def curated_spellings() -> frozenset[str]:
    """Latin words the bundled termbase writes in its translations (lower case): "jeju"
    (제주산 "from Jeju") is a curated spelling of a name, "gamgeul" is not."""
    try:
        from klisting.translate.termbase import load_termbase

        terms = load_termbase().terms
    except Exception:  # no termbase: no romanisation counts as curated
        return frozenset()
    return frozenset(
        word.lower()
        for term in terms
        for text in term.translations.values()
        for word in re.findall(r"[A-Za-z]{3,}", text or "")
    )


def romanised(source: str, text: str) -> str | None:
    """The first Korean word of ``source`` that ``text`` only romanises, as "'word' (roman)".

    A romanisation reads as gibberish to a buyer ("Jeju Gamgeul" for 제주 감귤, where an OCR
    slip made 감귤 unknown), unless the termbase itself spells the name that way (Jeju).
    """
    lowered = text.lower()
    for word in _HANGUL_WORD.findall(source):
        roman = romanize_word(word).lower()
        if len(roman) < 4 or not re.search(rf"\b{re.escape(roman)}", lowered):
            continue
        if roman not in curated_spellings() or common_word(word):
            return f"{word!r} was romanised ({roman!r}), not translated"
    return None


def incomplete_reason(
    source: str, text: str, market: str | None = None, *, human: bool = False
) -> str | None:
    """Why ``text`` may not replace ``source`` in the image, or None when it is complete.

    ``human`` marks a translation a person wrote (the review sheet, a sidecar edit): they read
    the image themselves, so only Korean left and truncation are refused.
    """
    if not text.strip():
        return "the translation is empty"
    if _HANGUL.search(text):
        return "Korean left in the translation"
    if text.rstrip().endswith(("…", "...")):
        return "the translation is truncated"
    if human:
        return None
    lowered = text.lower()
    roman = romanised(source, text)
    if roman:
        return roman
    allowed = allowed_numbers(source, market)
    for span in find_quantities(text, market):
        if {_plain(n) for n in numbers(span.text)} <= allowed:
            allowed.update(_plain(n) for n in numbers(span.replacement))
    lost = [
        token
        for token in _LATIN.findall(source)
        if not _UNIT.fullmatch(token)
        and not re.search(rf"(?<![a-z]){re.escape(token.lower())}(?![a-z])", lowered)
    ]
    if lost:
        return f"the translation drops {', '.join(lost)}"  # 비타민C must not become "vitamin"
    stated = {_plain(n) for n in numbers(text)}
    extra = sorted(stated - allowed)
    if extra:
        return f"the translation states {', '.join(extra)}, which the source does not"
    missing = sorted({_plain(n) for n in numbers(source)} - stated)
    if missing:
        return f"the translation drops {', '.join(missing)}"
    return None
