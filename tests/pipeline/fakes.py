"""A deterministic translation engine for tests: Hangul becomes a script of the target language.

It is a test double for the Engine protocol (klisting.translate.base), not a translator: it
lets pipeline tests run offline and fast while exercising the real TranslationService.
"""

from __future__ import annotations

import re
import time

from klisting.translate.romanize import romanize

_HANGUL = re.compile(r"[\uac00-\ud7af]+")
_CJK = ("zh-Hant", "ja")


def _han(word: str) -> str:
    """One CJK ideograph per Hangul syllable, derived from its code point (varied, deterministic)."""
    return "".join(chr(0x4E00 + (ord(ch) - 0xAC00) % 8000) for ch in word)


class ScriptEngine:
    """Replace each Hangul word by its romanization (Latin targets) or by CJK ideographs."""

    id = "test-script"
    version = "1"
    quality = "machine"

    def __init__(self, delay: float = 0.0) -> None:
        self.calls = 0
        self.segments = 0
        self.delay = delay

    def supports(self, source: str, target: str) -> bool:
        return source == "ko"

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls += 1
        self.segments += len(segments)
        if self.delay:
            time.sleep(self.delay)  # a slow engine, so a test can kill a run in the middle
        if target in _CJK:
            return [_HANGUL.sub(lambda m: _han(m.group()), s) for s in segments]
        return [_HANGUL.sub(lambda m: romanize(m.group()), s) for s in segments]
