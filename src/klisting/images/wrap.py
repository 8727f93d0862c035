"""Line breaking per script: spaces for Latin scripts, characters for CJK (with kinsoku), and
grapheme clusters for Thai, which writes no spaces between words."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

#: small kana (ッ, ャ ...) never start a line either (JIS X 4051 kinsoku)
NO_LINE_START = set(
    "。，、．：；！？」』）》〉】’”・ー々…,.:;!?)]}%ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = set("「『（《〈【‘“([{")
THAI_LEADING = set("เแโใไ")  # vowels written before their consonant: never end a line with one


def _clusters(text: str) -> list[str]:
    out: list[str] = []
    for char in text:
        if out and (unicodedata.category(char) in ("Mn", "Mc", "Me") or char in "\u0e33\u0e45"):
            out[-1] += char
        else:
            out.append(char)
    return out


def tokens(text: str, lang: str) -> list[str]:
    """Units that may not be split across lines (spaces are their own tokens)."""
    base = lang.split("-")[0]
    result: list[str] = []
    for word in _split_spaces(text):
        if word.isspace() or base not in ("zh", "ja", "th"):
            result.append(word)
            continue
        for cluster in _clusters(word):
            previous = result[-1] if result else ""
            glue_latin = (
                cluster.isascii()
                and cluster.isalnum()
                and previous.isascii()
                and previous[-1:].isalnum()
            )
            glue_thai = previous[-1:] in THAI_LEADING
            if (
                result
                and not previous.isspace()
                and (
                    glue_latin
                    or glue_thai
                    or cluster in NO_LINE_START
                    or previous[-1:] in NO_LINE_END
                )
            ):
                result[-1] += cluster
            else:
                result.append(cluster)
    return result


def _split_spaces(text: str) -> list[str]:
    out: list[str] = []
    for char in text:
        if out and out[-1][-1].isspace() == char.isspace():
            out[-1] += char
        else:
            out.append(char)
    return out


def wrap(text: str, lang: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy wrap of ``text`` into lines no wider than ``max_width`` where possible."""
    lines: list[str] = []
    current = ""
    for token in tokens(" ".join(text.split()), lang):
        candidate = current + token
        if not current or measure(candidate.rstrip()) <= max_width:
            current = candidate
            continue
        lines.append(current.rstrip())
        current = "" if token.isspace() else token
    if current.strip():
        lines.append(current.rstrip())
    return _no_widow(lines, lang)


def _no_widow(lines: list[str], lang: str) -> list[str]:
    """A CJK paragraph never ends with one character alone ("オール / シーズ / ン"): the
    previous line gives its last unit to it (the last line only gets wider by one unit, and
    stays narrower than the line it took it from)."""
    if lang.split("-")[0] not in ("zh", "ja") or len(lines) < 2:
        return lines
    last, previous = tokens(lines[-1], lang), tokens(lines[-2], lang)
    if len(last) != 1 or len(previous) < 2 or previous[-1].isspace():
        return lines
    return [*lines[:-2], "".join(previous[:-1]).rstrip(), previous[-1] + lines[-1]]
