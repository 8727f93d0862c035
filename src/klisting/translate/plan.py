"""Decompose a text into kept pieces and translatable sentences, and put it back together.

A text of any kind becomes a list of pieces: ``Raw`` (markup, copied as is), ``Keep`` (text
that needs no translation: whitespace, separators, codes) and ``Slot`` (one sentence for the
engine). Reassembly escapes kept text and translations inside HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from klisting.translate.htmltext import looks_like_html, split_html
from klisting.translate.segment import split_segments

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LETTER = re.compile(r"[^\W\d_]")
# Option structures: "색상:블랙", "사이즈 = 95", values separated by commas or slashes.
_OPTION_NAME_SEP = re.compile(r"\s*[:=]\s*")
_VALUE_SEP = re.compile(r"\s*[,/|]\s*")


@dataclass(slots=True)
class Raw:
    text: str


@dataclass(slots=True)
class Keep:
    text: str


@dataclass(slots=True)
class Slot:
    text: str


Piece = Raw | Keep | Slot


def needs_translation(text: str, source: str) -> bool:
    """True when ``text`` has words in the source language (Hangul for Korean)."""
    if source.split("-")[0].lower() == "ko":
        return bool(_HANGUL.search(text))
    return bool(_LETTER.search(text))


def plan(text: str, kind: str, source: str, splitter: str = "regex") -> tuple[list[Piece], bool]:
    """Split ``text`` of ``kind`` ("plain", "html", "title", "option") into pieces.

    Returns:
        The pieces and whether reassembly must escape text (HTML).
    """
    if kind == "html" or (kind == "plain" and looks_like_html(text)):
        return _plan_html(text, source, splitter), True
    if kind == "option":
        return _plan_option(text, source), False
    return _plan_sentences(text, source, splitter), False


def _plan_sentences(text: str, source: str, splitter: str) -> list[Piece]:
    pieces: list[Piece] = []
    for sentence, sep in split_segments(text, splitter):
        stripped = sentence.strip()
        if stripped and needs_translation(stripped, source):
            lead = sentence[: len(sentence) - len(sentence.lstrip())]
            trail = sentence[len(sentence.rstrip()) :]
            pieces += [Keep(lead), Slot(stripped), Keep(trail + sep)]
        else:
            pieces.append(Keep(sentence + sep))
    return [p for p in pieces if p.text]


def _plan_html(text: str, source: str, splitter: str) -> list[Piece]:
    pieces: list[Piece] = []
    for part in split_html(text):
        if part.translatable:
            pieces += _plan_sentences(part.text, source, splitter)
        else:
            pieces.append(Raw(part.text))
    return pieces


def _plan_option(text: str, source: str) -> list[Piece]:
    pieces: list[Piece] = []
    head = _OPTION_NAME_SEP.search(text)
    rest = text
    if head and head.start() > 0:
        pieces += _plan_values(text[: head.start()], source)
        pieces.append(Keep(head.group(0)))
        rest = text[head.end() :]
    return pieces + _plan_values(rest, source)


def _plan_values(text: str, source: str) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = 0
    for m in _VALUE_SEP.finditer(text):
        pieces += _plan_sentences(text[cursor : m.start()], source, "regex")
        pieces.append(Keep(m.group(0)))
        cursor = m.end()
    return pieces + _plan_sentences(text[cursor:], source, "regex")


#: Target languages written without spaces between sentences.
_UNSPACED = ("zh", "ja", "th", "ko", "lo", "my", "km")


def sentence_glue(target: str) -> str:
    """What goes between two sentences the source glued together ("입니다.세탁은")."""
    return "" if target.split("-")[0].lower() in _UNSPACED else " "


def assemble(pieces: list[Piece], translations: list[str], escape: bool, glue: str = "") -> str:
    """Join pieces back; ``translations`` holds one text per Slot, in order.

    Args:
        pieces: the plan of the text.
        translations: one text per Slot, in order.
        escape: escape kept text and translations (HTML).
        glue: put between two sentences with nothing between them in the source: Korean
            copy often glues them ("가능합니다.교환은"), and "possible.Exchange" is wrong in
            English (see :func:`sentence_glue`).
    """
    out: list[str] = []
    slots = iter(translations)
    previous: Piece | None = None
    for piece in pieces:
        if isinstance(piece, Raw):
            out.append(piece.text)
            previous = piece
            continue
        text = next(slots) if isinstance(piece, Slot) else piece.text
        if (
            glue
            and isinstance(piece, Slot)
            and isinstance(previous, Slot)
            and out
            and out[-1][-1:].strip()
            and text[:1].strip()
        ):
            out.append(glue)
        out.append(html.escape(text, quote=False) if escape else text)
        previous = piece
    return "".join(out)
