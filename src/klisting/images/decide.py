"""Which blocks of an image are drawn: all or nothing per block, facts read twice.

A block is screened first (low OCR confidence, a number no two readings agreed on and the
product's own facts do not confirm, no Korean: ``screen_blocks``), then translated (one batch
per image, or one for every image of a run) and drawn only when its translation is complete
(``decide_blocks``, ``complete.incomplete_reason``). Every block left as it was gets a finding
naming the image and the block, and goes to the review sheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from klisting.images.complete import dedupe_quantities, incomplete_reason
from klisting.images.facts import UNITS, normalise
from klisting.images.group import MIN_CONFIDENCE, has_korean
from klisting.images.sidecar import Block, Doubt
from klisting.images.spelling import termbase_speller
from klisting.model.codes import Code, declare, finding
from klisting.model.finding import Finding, Severity

Translate = Callable[[list[str]], list[str]]
UNIT_WORD = re.compile(rf"(?:{UNITS})", re.IGNORECASE)


class Reviewed(str):
    """A translation a person wrote (a locked review-sheet entry): a ``Translate`` callable
    returns one to say so. A person read the image, so it settles doubtful numbers and is
    accepted for blocks the OCR could not read with confidence."""


class Draft(str):
    """A composed offline draft (the glossary engine stringing terms together): a ``Translate``
    callable returns one to say so. It is never drawn into the pixels, where a buyer would read
    "skin deeply hydrating fills" as the seller's own words: the block keeps its original text
    and goes to the review sheet with the draft as the proposal."""


DRAFT_REASON = (
    "an offline draft (glossary engine), not a translation a seller can stand behind: "
    "a person (the review sheet) or a translation engine must translate it"
)

declare(
    Code(
        "image.translation-draft",
        Severity.WARNING,
        "images",
        "a block has only an offline draft translation: it is left as it was and sent to review",
        "Write the block's translation in the review sheet (or install a translation model) "
        "and run again.",
    ),
    Code(
        "image.low-confidence",
        Severity.WARNING,
        "images",
        "a text block the OCR could barely read is left as it was",
        "Check the image; type the text into the sidecar's translation and re-render.",
    ),
    Code(
        "image.text-uncertain",
        Severity.WARNING,
        "images",
        "a number, unit or certification mark was not read the same way twice: the block is left as it was",
        "Check the number in the image; write the block's translation in the review sheet "
        "(or the sidecar) and re-render with --apply-review.",
    ),
    Code(
        "image.translation-incomplete",
        Severity.WARNING,
        "images",
        "a block's translation is incomplete (Korean left, romanised, truncated or other numbers): "
        "the block is left as it was",
        "Complete the block's translation in the review sheet (or the sidecar) and re-render.",
    ),
)


def _block_finding(code: str, image: str, block: Block, message: str) -> Finding:
    return finding(code, f"block {block.id}: {message}", location=f"{image}#block-{block.id}")


def resolve_doubts(block: Block, facts: frozenset[str]) -> list[Doubt]:
    """Settle the block's doubtful facts with the product's own facts; returns those left.

    A reading that equals a fact the catalog states for this product (``500ml`` in its title or
    volume) is taken, and written into the block's source text in place of the first reading.
    """
    left = []
    for doubt in block.doubts:
        match = next(
            (c for c in [doubt.token, *doubt.readings] if c and normalise(c) in facts), None
        )
        if match is None:
            left.append(doubt)
        elif match != doubt.token:
            block.source = block.source.replace(doubt.token, match, 1)
    return left


def _screen(block: Block, image: str, facts: frozenset[str]) -> Finding | None:
    """Mark a block that must not be translated (low confidence, doubtful fact, not Korean)."""
    if block.confidence < MIN_CONFIDENCE:
        # Korean that tesseract could not read often comes out as Latin noise ("Ie?OWSTAS"),
        # which must be reported, not quietly counted as kept English.
        block.status, block.translation = "low-confidence", None
        return _block_finding(
            "image.low-confidence",
            image,
            block,
            f"left as is: OCR confidence {block.confidence:.0f} ({block.source!r})",
        )
    doubts = resolve_doubts(block, facts)
    if doubts:
        block.status, block.translation, block.doubts = "uncertain", None, doubts
        read = "; ".join(f"{d.token!r} (also read {d.readings or 'nothing'})" for d in doubts)
        block.reason = f"not read the same way twice: {read}"
        return _block_finding(
            "image.text-uncertain",
            image,
            block,
            f"left as is: read {block.source!r}, {block.reason}",
        )
    if not has_korean(block.source) and looks_misread(block.source):
        # "Ss 2.5kg" is 중량 2.5kg with its Hangul read as Latin: keeping it would export
        # the Korean word as if the block had nothing to translate
        block.status, block.translation = "low-confidence", None
        return _block_finding(
            "image.low-confidence", image, block, f"left as is: reads as noise ({block.source!r})"
        )
    if not has_korean(block.source):
        block.status, block.translation = "kept", None
    return None


#: a word of one or two letters that is no unit and not an upper-case mark (KC, UV, PA)
_NOISE_WORD = re.compile(r"[A-Za-z]{1,2}")
#: short English words an English line in a Korean image may hold
_SHORT_WORDS = frozenset(
    [
        "a",
        "an",
        "am",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "ok",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def looks_misread(text: str) -> bool:
    """True when a reading without Hangul holds a short mixed-case word that is no unit:
    tesseract's reading of Hangul it did not recognise ("Ss", "Bs" for 중량)."""
    for word in re.findall(r"[^\s\d.,:;()/+%x×*-]+", text):
        short = _NOISE_WORD.fullmatch(word) and word.lower() not in _SHORT_WORDS
        if short and not word.isupper() and not UNIT_WORD.fullmatch(word):
            return True
    return False


@dataclass
class Screening:
    """One image's blocks after screening, waiting for their translations.

    Attributes:
        image: the image's name, for findings.
        todo: the blocks whose Korean goes to the translator, in order.
        texts: what is sent for them (spelling corrected), one per ``todo`` block.
        screened: block id -> why that block is left as it was (a person may still answer).
    """

    image: str
    todo: list[Block]
    texts: list[str]
    screened: dict[int, Finding] = field(default_factory=dict)


def screen_blocks(
    blocks: list[Block], *, image: str = "", facts: frozenset[str] = frozenset()
) -> Screening:
    """Screen ``blocks`` (changed in place) and list the texts to translate.

    The translations may come from one call per image (:func:`translate_blocks`) or from one
    call for every image of a run (``klisting run``): :func:`decide_blocks` takes them either way.
    """
    screened: dict[int, Finding] = {}
    todo = []
    for block in blocks:
        block.proposed = block.reason = None
        found = _screen(block, image, facts)
        if found:
            screened[block.id] = found
        if block.status != "kept" and (has_korean(block.source) or block.id in screened):
            todo.append(block)  # a person's final may still answer a block read as noise
    if todo:
        speller = termbase_speller()
        for block in todo:
            # the corrected reading is what is translated, so the review sheet and the memory
            # name the block by it (a person's final then finds the block again)
            block.source = speller.correct(block.source)
    return Screening(image, todo, [block.source for block in todo], screened)


def decide_blocks(
    screening: Screening,
    translated: list[str],
    convert: Callable[[str], str] | None = None,
    *,
    market: str | None = None,
) -> list[Finding]:
    """Give each screened block its translation where the whole block can be replaced.

    Args:
        screening: what :func:`screen_blocks` left to translate (its blocks change in place).
        translated: one translation per ``screening.texts``; a :class:`Reviewed` one is a
            person's and also settles blocks left as they were; a :class:`Draft` is never
            drawn (the block goes to review with it as the proposal).
        convert: optional unit conversion of a machine translation.
        market: market id, for checking the translation's converted numbers.
    """
    image, screened = screening.image, dict(screening.screened)
    findings: list[Finding] = []
    for block, text in zip(screening.todo, translated, strict=True):
        if block.id in screened:
            if isinstance(text, Reviewed):
                del screened[block.id]  # a person answered the doubt
                block.status, block.reason = "review", None
                found = check_translation(block, str(text), image, market, human=True)
            else:
                block.proposed = str(text).strip() or None  # for the reviewer, never drawn
                found = screened.pop(block.id)
        else:
            draft = isinstance(text, Draft)
            text = (
                text
                if isinstance(text, Reviewed)
                else dedupe_quantities(convert(text) if convert else text)
            )
            found = check_translation(
                block, str(text).strip(), image, market, human=isinstance(text, Reviewed)
            )
            if found is None and draft:
                found = _refuse_draft(block, image)
        if found:
            findings.append(found)
    return findings + [f for f in screened.values() if f not in findings]


def translate_blocks(
    blocks: list[Block],
    translate: Translate,
    convert: Callable[[str], str] | None = None,
    *,
    image: str = "",
    facts: frozenset[str] = frozenset(),
    market: str | None = None,
) -> list[Finding]:
    """Fill ``block.translation`` where the whole block can be replaced; returns findings.

    Args:
        blocks: the image's blocks (changed in place: status, translation, proposed, reason).
        translate: Korean texts -> translations, one call per image; a :class:`Reviewed`
            result is a person's and also settles blocks left as they were; a :class:`Draft`
            is never drawn (the block goes to review with it as the proposal).
        convert: optional unit conversion of the translation (not needed when ``translate``
            converts already: the units layer is applied once).
        image: the image's name, for findings.
        facts: the product's own facts (``facts.catalog_facts``) that settle doubtful readings.
        market: market id, for checking the translation's converted numbers.
    """
    screening = screen_blocks(blocks, image=image, facts=facts)
    translated = translate(screening.texts) if screening.texts else []
    return decide_blocks(screening, translated, convert, market=market)


def keeps_source(block: Block, text: str) -> bool:
    """True when a person's translation is the block's own text: they accept it as it is
    (a Korean brand logo, a name), so the block keeps its pixels and needs no more review."""
    return " ".join(text.split()) == " ".join(block.source.split())


def check_translation(
    block: Block, text: str, image: str, market: str | None, *, human: bool = False
) -> Finding | None:
    """Accept ``text`` as the block's translation when complete; else send the block to review."""
    if human and keeps_source(block, text):
        block.status, block.translation, block.proposed, block.reason = "accepted", None, None, None
        return None
    reason = incomplete_reason(block.source, text, market, human=human)
    if reason is None:
        block.status, block.translation, block.proposed = "translated", text, None
        return None
    block.status, block.translation, block.proposed, block.reason = "review", None, text, reason
    return _block_finding(
        "image.translation-incomplete", image, block, f"left as is: {reason} ({text!r})"
    )


def _refuse_draft(block: Block, image: str) -> Finding:
    """Keep a block whose only translation is a composed draft; propose the draft for review."""
    block.status, block.proposed, block.translation = "review", block.translation, None
    block.reason = DRAFT_REASON
    return _block_finding(
        "image.translation-draft", image, block, f"left as is: draft {block.proposed!r}"
    )


def accept_edit(block: Block, image: str) -> Finding | None:
    """Take a block's (possibly hand-edited) translation for re-rendering.

    A translation equal to the block's own text accepts the block as it is (see
    :func:`keeps_source`).
    A person who typed the translation is the second reading of the image, so the number
    checks do not apply; Korean left or a truncation still keeps the block as it was.
    """
    if block.translation and keeps_source(block, block.translation):
        block.status, block.translation, block.reason = "accepted", None, None
        return None
    if not block.translation:
        if block.status == "translated":
            block.status = "review"  # a person cleared it: leave the original text
        return None
    reason = incomplete_reason(block.source, block.translation, human=True)
    if reason is None:
        block.status, block.reason = "translated", None
        return None
    block.status, block.proposed, block.translation = "review", block.translation, None
    block.reason = reason
    return _block_finding(
        "image.translation-incomplete", image, block, f"left as is: {reason} ({block.proposed!r})"
    )
