"""Korean-aware sentence segmentation.

The engine sees one sentence at a time (small NMT models degrade on long inputs), and the
separators between sentences are kept so the translated text keeps its line breaks.

Two splitters: a regex one (default: zero start-up cost) that knows Korean sentence endings
such as ``...입니다.교환`` without a space, and kiwipiepy's (``splitter="kiwi"``), which also
finds boundaries without punctuation but costs ~2 s to load.
"""

from __future__ import annotations

import re

# A boundary: sentence punctuation followed by space, or a Korean final ending + period
# glued to the next Hangul word (common in seller copy: "가능합니다.교환은").
_BOUNDARY = re.compile(r"(?<=[.!?。！？…])\s+|(?<=[다요죠][.!?])(?=[가-힣])")
_LINE = re.compile(r"(\r?\n+)")


def split_segments(text: str, splitter: str = "regex") -> list[tuple[str, str]]:
    """Split ``text`` into (sentence, separator-after) pairs; joining them gives ``text`` back.

    Args:
        text: a paragraph or several lines.
        splitter: "regex" or "kiwi".

    Returns:
        Pairs whose concatenation equals ``text``; leading whitespace is its own pair with an
        empty sentence.
    """
    pairs: list[tuple[str, str]] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        pairs.append(("", text[:lead]))
    for piece in _LINE.split(text[lead:]):
        if not piece:
            continue
        if _LINE.fullmatch(piece):
            _append_sep(pairs, piece)
            continue
        for sentence, sep in _sentences(piece, splitter):
            pairs.append((sentence, sep))
    return pairs


def _append_sep(pairs: list[tuple[str, str]], sep: str) -> None:
    if pairs:
        pairs[-1] = (pairs[-1][0], pairs[-1][1] + sep)
    else:
        pairs.append(("", sep))


def _sentences(line: str, splitter: str) -> list[tuple[str, str]]:
    if splitter == "kiwi":
        return _kiwi_sentences(line)
    out: list[tuple[str, str]] = []
    cursor = 0
    for m in _BOUNDARY.finditer(line):
        out.append((line[cursor : m.start()], m.group(0)))
        cursor = m.end()
    tail = line[cursor:]
    stripped = tail.rstrip()
    out.append((stripped, tail[len(stripped) :]))
    return [(s, sep) for s, sep in out if s or sep]


def _kiwi_sentences(line: str) -> list[tuple[str, str]]:
    from klisting.translate.analyzer import kiwi as analyzer

    kiwi = analyzer()
    out: list[tuple[str, str]] = []
    cursor = 0
    for sentence in kiwi.split_into_sents(line):
        start, end = sentence.start, sentence.end
        if out and start > cursor:
            out[-1] = (out[-1][0], out[-1][1] + line[cursor:start])
        out.append((line[start:end], ""))
        cursor = end
    if cursor < len(line):
        _append_sep(out, line[cursor:])
    return out or [(line, "")]
