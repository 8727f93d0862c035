"""Glossary engine output: order the matched terms the way the target language reads and join them.

``render`` turns the pieces the matcher found (terms, kept text, numbers) into a sentence in
one termbase column: English keeps Korean modifier-first order, head-initial languages (es, th,
vi, id, ms) put the noun first, ``A의 B`` becomes ``B of A``, negations follow the verb or not
per language, and CJK and Thai are joined without spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klisting.translate.base import BatchStats
from klisting.translate.romanize import romanize
from klisting.translate.termbase import Term

_SPACES = re.compile(r"[ \t]{2,}")

_SPACE_BEFORE_STOP = re.compile(r"[ \t]+([.,!?;:]+)(?=\s|$)")

_HEAD_INITIAL = {"es", "th", "vi", "id", "ms"}

_UNSPACED = {"zh-Hant", "ja", "th"}

_AFTER_HEAD_TAGS = {"color", "size", "fit", "pattern"}  # usually follow the noun in titles

_STANDALONE_TAGS = {"marketing", "count", "unit", "shipping", "promotion", "quantity"}

_AND_WORD = {
    "en": "and",
    "zh-Hant": "和",
    "ja": "と",
    "es": "y",
    "th": "และ",
    "vi": "và",
    "id": "dan",
    "ms": "dan",
}

_NOT_WORDS = {
    "prohibit": {
        "en": "do not", "zh-Hant": "請勿", "ja": "禁止", "es": "no", "th": "ห้าม",
        "vi": "không", "id": "jangan", "ms": "jangan",
    },
    "not": {
        "en": "not", "zh-Hant": "不", "ja": "ない", "es": "no", "th": "ไม่",
        "vi": "không", "id": "tidak", "ms": "tidak",
    },
    "none": {  # 없다 after a noun: 자극 없는 "no irritation", 필요 없어요 "no ... required"
        "en": "no", "zh-Hant": "無", "ja": "なし", "es": "sin", "th": "ไม่มี",
        "vi": "không có", "id": "tanpa", "ms": "tanpa",
    },
}  # fmt: skip

_NEGATION_AFTER = {"ja"}

_OF_WORD = {"en": " of ", "es": " de ", "zh-Hant": "的", "ja": "の"}


@dataclass(frozen=True)
class Piece:
    """A source span and what the engine decided for it."""

    start: int
    end: int
    kind: str  # term | name | unknown | drop | of
    term: Term | None = None
    surface: str = ""


@dataclass
class _Item:
    start: int
    end: int
    text: str
    phrase: bool  # may be reordered inside a noun phrase
    after_head: bool = False
    #: a negation or absence term written around what it negates ("no {}", "{}禁止"):
    #: the template and the form used when nothing precedes it ("prohibited")
    template: tuple[str, str] | None = None


# --- rendering (per target language) ---------------------------------------------------------


def render(text: str, pieces: list[Piece], column: str) -> tuple[str, BatchStats]:
    items, matched, total, flags = _items(pieces, column)
    items = _reorder(text, items, column)
    _wrap_templates(text, items, column)
    output = _join_script(_assemble(text, items, column not in _UNSPACED), column)
    coverage = matched / total if total else None
    return output, BatchStats(coverage=coverage, flags=flags)


def _items(pieces: list[Piece], column: str) -> tuple[list[_Item], int, int, list[str]]:
    items: list[_Item] = []
    matched = total = 0
    flags: list[str] = []
    for piece in pieces:
        if piece.kind == "term" and piece.term is not None:
            total += 1
            translated = piece.term.cell(column)
            if translated:
                matched += 1
            else:
                translated = piece.term.cell("en") or piece.term.ko
                flags.append(f"glossary.fallback-en:{piece.term.ko}")
            tags = piece.term.tags
            if "{}" in translated:
                template, _, alone = translated.partition("|")
                alone = alone or template.replace("{}", "").strip()
                items.append(
                    _Item(piece.start, piece.end, alone, False, template=(template, alone))
                )
                continue
            phrase = not tags & _STANDALONE_TAGS
            items.append(
                _Item(piece.start, piece.end, translated, phrase, bool(tags & _AFTER_HEAD_TAGS))
            )
        elif piece.kind == "name":
            total += 1
            flags.append(f"glossary.romanized:{piece.surface}")
            items.append(_Item(piece.start, piece.end, romanize(piece.surface), True))
        elif piece.kind == "unknown":
            total += 1
            flags.append(f"glossary.untranslated:{piece.surface}")
            items.append(_Item(piece.start, piece.end, piece.surface, False))
        elif piece.kind in ("prohibit", "not", "none"):
            word = _NOT_WORDS[piece.kind].get(column) or _NOT_WORDS[piece.kind]["en"]
            _negate(items, _Item(piece.start, piece.end, word, False), column)
        elif piece.kind == "not-before":  # 안 번져요: already in front of its verb
            word = _NOT_WORDS["not"].get(column) or _NOT_WORDS["not"]["en"]
            items.append(_Item(piece.start, piece.end, word, False))
        else:
            text = {"of": "\0of", "and": _AND_WORD.get(column, "")}.get(piece.kind, "")
            items.append(_Item(piece.start, piece.end, text, False))
    return items, matched, total, flags


def _negate(items: list[_Item], negation: _Item, column: str) -> None:
    """Attach a negation to the word it negates (the last one before it): "do not use"."""
    if negation.text:
        target = next((item for item in reversed(items) if item.text), None)
        if target is not None and target.start < negation.start:
            sep = "" if column in _UNSPACED else " "
            if column in _NEGATION_AFTER:
                target.text = target.text + sep + negation.text
            else:
                target.text = negation.text + sep + target.text
            target.phrase = False  # never reordered away from its negation
            negation.text = ""
    items.append(negation)


def _phrases(text: str, items: list[_Item]) -> list[list[int]]:
    """Runs of item indices that form one noun phrase (only spaces between them)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, item in enumerate(items):
        joined = current and not text[items[current[-1]].end : item.start].strip()
        if item.phrase and (joined or not current):
            current.append(index)
            continue
        if current:
            runs.append(current)
        current = [index] if item.phrase else []
    if current:
        runs.append(current)
    return runs


def _reorder(text: str, items: list[_Item], column: str) -> list[_Item]:
    runs = _phrases(text, items)
    if column in _HEAD_INITIAL:
        for run in runs:
            _head_first(items, run, column)
    _apply_of(text, items, runs, column)
    return items


def _head_first(items: list[_Item], run: list[int], column: str) -> None:
    """Move the head noun (last non-colour/size word) of a phrase to its front."""
    heads = [k for k, index in enumerate(run) if not items[index].after_head]
    if len(run) < 2 or not heads:
        return
    head = heads[-1]
    texts = [items[index].text for index in run]
    ordered = [texts[head], *reversed(texts[:head]), *texts[head + 1 :]]
    sep = "" if column in _UNSPACED else " "
    _collapse(items, run, sep.join(ordered))


def _collapse(items: list[_Item], run: list[int], text: str) -> None:
    """Put ``text`` on the first item of ``run`` spanning the whole run; empty the others."""
    first, last = items[run[0]], items[run[-1]]
    items[run[0]] = _Item(first.start, last.end, text, False)
    for index in run[1:]:
        items[index] = _Item(items[index].start, items[index].start, "", False)


def _apply_of(text: str, items: list[_Item], runs: list[list[int]], column: str) -> None:
    """``A의 B`` -> ``B of A`` (en, es); -> ``A的B`` / ``AのB``; elsewhere ``B A``."""
    by_end = {run[-1]: run for run in runs}
    by_start = {run[0]: run for run in runs}
    for index, item in enumerate(items):
        if item.text != "\0of":
            continue
        before, after = by_end.get(index - 1), by_start.get(index + 1)
        if (
            before is None
            or after is None
            or text[items[before[-1]].end : item.start].strip()  # 280g의: keep the 280g
            or text[item.end : items[after[0]].start].strip()
        ):
            item.text = ""
            continue
        a = " ".join(items[k].text for k in before if items[k].text)
        b = " ".join(items[k].text for k in after if items[k].text)
        word = _OF_WORD.get(column, " ")
        joined = a + word + b if column in ("zh-Hant", "ja") else b + word + a
        _collapse(items, [*before, index, *after], joined)


def _wrap_templates(text: str, items: list[_Item], column: str) -> None:
    """Fill each negation template with the words before it: 냉장 보관 금지 -> "no
    refrigerated storage" / "禁止冷藏保存" / "ห้ามแช่เย็น"; the words stop at punctuation."""
    sep = "" if column in _UNSPACED else " "
    for index, item in enumerate(items):
        if item.template is None:
            continue
        run: list[int] = []
        for k in range(index - 1, -1, -1):
            other = items[k]
            if other.template is not None:
                break
            if not other.text:
                continue
            end = items[run[0]].start if run else item.start
            if text[other.end : end].strip():
                break  # "보관: 직사광선 금지" negates 직사광선 only
            run.insert(0, k)
        template, alone = item.template
        item.template = None
        if not run:
            continue
        words = sep.join(items[k].text for k in run)
        _collapse(items, [*run, index], template.replace("{}", words))


_CJK = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60"
_THAI = r"\u0e00-\u0e7f"
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
_GAP_CJK = re.compile(rf"([{_CJK}])[ \t]+(?=([{_CJK}]))")
_GAP_THAI = re.compile(rf"(?<=[{_THAI}])[ \t]+(?=[{_THAI}])")
_THAI_LATIN = re.compile(rf"(?<=[{_THAI}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{_THAI}])")


def _join_script(text: str, column: str) -> str:
    """No spaces between Chinese or Japanese words, none between Thai words inside a phrase,
    and a space between Thai and a Latin word or number (ครีม SPF50, 2 ชิ้น)."""
    if column == "zh-Hant":
        return _GAP_CJK.sub(r"\1", text)
    if column == "ja":  # titles keep a space between two katakana words (レディース ニット)
        return _GAP_CJK.sub(_ja_gap, text)
    if column == "th":
        return _THAI_LATIN.sub(" ", _GAP_THAI.sub("", text))
    return text


def _ja_gap(match: re.Match[str]) -> str:
    katakana = _KATAKANA.match(match.group(1)) and _KATAKANA.match(match.group(2))
    return match.group(0) if katakana else match.group(1)


def _assemble(text: str, items: list[_Item], spaced: bool) -> str:
    out: list[str] = []
    pos = 0
    for item in sorted(items, key=lambda it: it.start):
        start = max(item.start, pos)
        if start > pos:
            _append(out, text[pos:start], spaced)
        if item.text:
            _append(out, item.text, spaced)
        pos = max(pos, item.end)
    _append(out, text[pos:], spaced)
    joined = _SPACES.sub(" ", "".join(out))
    return _SPACE_BEFORE_STOP.sub(r"\1", joined).strip()  # "2 pcs ." after a dropped verb


def _append(out: list[str], piece: str, spaced: bool) -> None:
    """Append, adding a space where two words would otherwise touch (3개 -> 3 pcs)."""
    if not piece:
        return
    if spaced and out and out[-1] and out[-1][-1].isalnum() and piece[0].isalnum():
        out.append(" ")
    out.append(piece)
