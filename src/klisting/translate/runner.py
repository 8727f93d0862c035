"""One translation job: plan every text, look up the memory, call the engine once, reassemble.

Order per job: locked (reviewed) field entries, machine field entries, then per sentence:
seller term, memory, engine. Sentences whose placeholders the engine damaged are retried
split around the placeholders in one more engine call; what still fails keeps its source
text and gets a finding.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from klisting.model import Severity
from klisting.model.codes import Code, declare, finding
from klisting.translate import guard
from klisting.translate.base import Engine
from klisting.translate.fit import fit_title
from klisting.translate.guard import MEANING_CHECK, meaning_problems
from klisting.translate.hints import segment_hints, wants_hints
from klisting.translate.memory import MemoryKey, TranslationMemory
from klisting.translate.plan import (
    Piece,
    Slot,
    assemble,
    needs_translation,
    plan,
    sentence_glue,
)
from klisting.translate.protect import Masked, Protector, restore, split_around
from klisting.translate.shortterms import ShortTerms
from klisting.translate.types import ServiceStats, TranslatedText


@dataclass(slots=True)
class JobItem:
    """One text to translate, with its kind and optional length limit."""

    text: str
    kind: str = "plain"
    max_chars: int | None = None
    pieces: list[Piece] = field(default_factory=list)
    escape: bool = False
    slots: list[str] = field(default_factory=list)  # resolved sentence translations
    failed: int = 0
    #: (title, category) of the product the text belongs to, for engines that take context
    context: tuple[str, str] | None = None


@dataclass(slots=True)
class _Sentence:
    masked: Masked
    result: str | None = None
    failed: bool = False
    #: why the engine output was refused: "placeholder", "output" (empty, runaway, looping)
    #: or "meaning" (a negation, number or unit lost; see klisting.translate.guard)
    reason: str = ""
    from_termbase: bool = False
    #: the refused output and what it lost, for the meaning-check finding
    rejected: str = ""
    problem: str = ""
    context: tuple[str, str] | None = None


class Job:
    """Translate a list of JobItems with one engine for one language pair."""

    def __init__(
        self,
        items: list[JobItem],
        engine: Engine,
        memory: TranslationMemory,
        key: MemoryKey,
        protector: Protector,
        market: str | None,
        splitter: str,
        stats: ServiceStats,
    ) -> None:
        self.items, self.engine, self.memory, self.key = items, engine, memory, key
        self.protector, self.market, self.splitter, self.stats = protector, market, splitter, stats
        self.seg_key = dataclasses.replace(key, context="seg")
        self.coverage: float | None = None
        #: exact termbase answers for one- or two-word segments (None: ask the engine)
        self.short_terms: ShortTerms | None = None
        self.allows_empty = bool(getattr(engine, "allows_empty", False))
        #: (termbase, column, seller terms) for engines that take hints (see translate.hints)
        self.hint_source: tuple[Any, str | None, dict[str, str]] | None = None
        self.check_meaning = True

    def _field_key(self, item: JobItem) -> MemoryKey:
        # whole fields are served from memory without the guard: its revision is in the key
        context = f"field:{item.kind}:{self.market or ''}:{item.max_chars or ''}"
        return dataclasses.replace(self.key, context=f"{context}:{guard.revision()}")

    def run(self) -> list[TranslatedText]:
        """Translate every item; returns one TranslatedText per item, in order."""
        results: list[TranslatedText | None] = [None] * len(self.items)
        locked = self.memory.get_locked(
            {i.text for i in self.items if i.text.strip()}, self.key.src_lang, self.key.tgt_lang
        )
        todo: list[int] = []
        for n, item in enumerate(self.items):
            if item.text in locked:
                # a person's answer first, even for text with nothing to translate (an image
                # block whose Hangul the OCR read as Latin noise)
                results[n] = TranslatedText(
                    locked[item.text], item.text, "review", "reviewed", True, flags=["reviewed"]
                )
                self.stats.reviewed += 1
            elif not item.text.strip() or not needs_translation(item.text, self.key.src_lang):
                # Sizes such as 250 or 55 need no translation: not a draft, whatever the engine.
                results[n] = TranslatedText(item.text, item.text, self.engine.id, "unchanged")
            else:
                todo.append(n)
        self._from_field_memory(todo, results)
        pending = [n for n in todo if results[n] is None]
        self._translate(pending, results)
        return [r for r in results if r is not None]

    def _from_field_memory(self, todo: list[int], results: list[TranslatedText | None]) -> None:
        by_context: dict[MemoryKey, list[int]] = {}
        for n in todo:
            by_context.setdefault(self._field_key(self.items[n]), []).append(n)
        for key, numbers in by_context.items():
            hits = self.memory.get_many({self.items[n].text for n in numbers}, key)
            for n in numbers:
                source = self.items[n].text
                if source in hits:
                    results[n] = self._result(self.items[n], hits[source], from_memory=True)
                    self.stats.from_memory += 1

    def _translate(self, pending: list[int], results: list[TranslatedText | None]) -> None:
        sentences: dict[str, _Sentence] = {}
        for n in pending:
            item = self.items[n]
            item.pieces, item.escape = plan(item.text, item.kind, self.key.src_lang, self.splitter)
            for piece in item.pieces:
                if isinstance(piece, Slot) and piece.text not in sentences:
                    sentence = _Sentence(self.protector.mask(piece.text), context=item.context)
                    sentences[piece.text] = sentence
        self._resolve(sentences)
        stored: dict[MemoryKey, list[tuple[str, str]]] = {}
        for n in pending:
            item = self.items[n]
            slots = [s for s in item.pieces if isinstance(s, Slot)]
            texts = [_or_source(sentences[s.text].result, s.text) for s in slots]
            failed = [sentences[s.text] for s in slots if sentences[s.text].failed]
            joined = assemble(item.pieces, texts, item.escape, sentence_glue(self.key.tgt_lang))
            if item.kind in ("option", "title") and not joined.strip() and not failed:
                # an option value or a title is never emptied: "중" with nothing left is no
                # size at all, and a listing without a title is refused by every platform
                empty = _Sentence(Masked(item.text), failed=True, reason="output")
                failed, joined = [empty], item.text
            results[n] = self._finish(item, joined, failed)
            from_termbase = any(sentences[s.text].from_termbase for s in slots)
            # stored before fitting, so a memory hit is fitted (and reported) again; texts with
            # termbase answers are not stored whole, so a termbase edit shows on the next run
            if not failed and not from_termbase:
                stored.setdefault(self._field_key(item), []).append((item.text, joined))
        for key, pairs in stored.items():
            self.memory.put_many(pairs, key, self.engine.quality)

    def _resolve(self, sentences: dict[str, _Sentence]) -> None:
        """Fill every sentence's result: direct, from memory, or from the engine."""
        open_: dict[str, _Sentence] = {}
        for text, sentence in sentences.items():
            # a seller term, brand or kept word in the segment wins over the bundled termbase
            term = (
                self.short_terms.get(text)
                if self.short_terms is not None and not sentence.masked.has_placeholders
                else None
            )
            if term:
                sentence.result, sentence.from_termbase = term, True
            elif not needs_translation(sentence.masked.text, self.key.src_lang):
                sentence.result = restore(sentence.masked.text, sentence.masked) or text
            else:
                open_[text] = sentence
        hits = self.memory.get_many({s.masked.text for s in open_.values()}, self.seg_key)
        ask: dict[str, list[_Sentence]] = {}
        for sentence in open_.values():
            hit = hits.get(sentence.masked.text)
            if hit is not None and not self._problems(sentence.masked.text, hit):
                # a memory entry from before a guard change must pass the guard as well
                sentence.result = restore(hit, sentence.masked)
                self.stats.from_memory += 1
            if sentence.result is None:
                ask.setdefault(sentence.masked.text, []).append(sentence)
        if not ask:
            return
        outputs = self._call(list(ask), [group[0] for group in ask.values()])
        retry: list[_Sentence] = []
        good: list[tuple[str, str]] = []
        for masked_text, output in zip(ask, outputs, strict=True):
            sane = _sane(masked_text, output, self.allows_empty)
            # the guard reads intact placeholders only; a damaged one is retried split first
            intact = sane and restore(output, ask[masked_text][0].masked) is not None
            problems = self._problems(masked_text, output) if intact else []
            for sentence in ask[masked_text]:
                if problems:
                    self._refuse(sentence, output, problems)
                    continue
                sentence.result = restore(output, sentence.masked) if sane else None
                if sentence.result is not None:
                    continue
                if sane and sentence.masked.has_placeholders:
                    retry.append(sentence)
                else:  # nothing to split around: asking again would give the same output
                    sentence.failed = True
                    sentence.reason = "placeholder" if sane else "output"
                    self.stats.failed += 1
            if ask[masked_text][0].result is not None:
                good.append((masked_text, output))
        self.stats.translated += len(good)
        self.memory.put_many(good, self.seg_key, self.engine.quality)
        if retry:
            self._retry_split(retry)

    def _retry_split(self, sentences: list[_Sentence]) -> None:
        """Translate the text between placeholders separately; keep the source if that fails too."""
        pieces = {
            p
            for s in sentences
            for p in split_around(s.masked)
            if isinstance(p, str) and needs_translation(p, self.key.src_lang)
        }
        order = sorted(pieces)
        outputs = (
            dict(zip(order, self._call([p.strip() for p in order]), strict=True)) if order else {}
        )
        for sentence in sentences:
            parts: list[str] = []
            for piece in split_around(sentence.masked):
                if isinstance(piece, int):
                    parts.append(sentence.masked.restore[piece])
                elif (
                    piece in outputs
                    and restore(outputs[piece], Masked(piece)) is not None
                    and self._problems(piece, outputs[piece])
                ):
                    self._refuse(sentence, outputs[piece], self._problems(piece, outputs[piece]))
                    break
                elif (
                    piece in outputs
                    and _sane(piece, outputs[piece], self.allows_empty)
                    and restore(outputs[piece], Masked(piece)) is not None
                ):
                    lead, trail = (
                        piece[: len(piece) - len(piece.lstrip())],
                        piece[len(piece.rstrip()) :],
                    )
                    parts.append(lead + outputs[piece].strip() + trail)
                elif piece in outputs:
                    sentence.failed, sentence.reason = True, "placeholder"
                    break
                else:
                    parts.append(piece)
            if sentence.failed:
                sentence.result = None
                self.stats.failed += sentence.reason != "meaning"  # _refuse counted it
            else:
                sentence.result = "".join(parts)
                self.stats.translated += 1

    def _problems(self, masked_text: str, output: str) -> list[str]:
        if not self.check_meaning:
            return []
        return meaning_problems(masked_text, output, self.key.tgt_lang)

    def _refuse(self, sentence: _Sentence, output: str, problems: list[str]) -> None:
        """Keep the source of a sentence whose translation lost part of its meaning."""
        sentence.result, sentence.failed, sentence.reason = None, True, "meaning"
        sentence.rejected = restore(output, sentence.masked) or output
        sentence.problem = ", ".join(problems)
        self.stats.failed += 1
        self.stats.meaning_checks += 1

    def _call(self, segments: list[str], sentences: list[_Sentence] | None = None) -> list[str]:
        self.stats.engine_calls += 1
        if self.hint_source is not None and wants_hints(self.engine):
            termbase, column, seller = self.hint_source
            self.engine.set_hints(  # type: ignore[attr-defined]
                [
                    segment_hints(
                        s.masked if s else Masked(text),
                        s.context if s else None,
                        termbase,
                        column,
                        seller,
                    )
                    for text, s in zip(segments, sentences or [None] * len(segments), strict=True)
                ]
            )
        outputs = self.engine.translate_batch(segments, self.key.src_lang, self.key.tgt_lang)
        if len(outputs) != len(segments):
            raise RuntimeError(
                f"engine {self.engine.id} returned {len(outputs)} results for {len(segments)} segments"
            )
        stats = getattr(self.engine, "last_stats", None)
        if stats is not None and getattr(stats, "coverage", None) is not None:
            self.coverage = stats.coverage
        return [str(o) for o in outputs]

    def _finish(self, item: JobItem, text: str, failed: list[_Sentence]) -> TranslatedText:
        result = self._result(item, text, from_memory=False)
        if failed:
            result.flags.append("kept-source")
        field_name = _field(item.kind)
        for sentence in failed:
            if sentence.reason == "meaning":
                result.flags.append("meaning-check")
                result.findings.append(
                    finding(
                        MEANING_CHECK,
                        f"translation refused ({sentence.problem}): "
                        f"{_quote(sentence.masked, sentence.rejected)}; the source was kept",
                        field=field_name,
                    )
                )
        reasons = [s.reason for s in failed if s.reason != "meaning"]
        for reason in sorted(set(reasons)):
            code, why, hint = _FAILURES[reason]
            count = reasons.count(reason)
            message = f"{count} sentence(s) kept in the source language: {why}"
            result.findings.append(finding(code, message, field=field_name))
        if self.coverage is not None:
            result.coverage = round(self.coverage, 3)
        return result

    def _result(self, item: JobItem, text: str, from_memory: bool) -> TranslatedText:
        result = TranslatedText(text, item.text, self.engine.id, self.engine.quality, from_memory)
        if self.engine.quality == "draft":
            result.flags.append("draft")
        if item.kind == "title" and item.max_chars:
            fitted, steps = fit_title(text, item.max_chars)
            if steps:
                result.text = fitted
                result.flags.append("shortened")
                limit = f"limit {item.max_chars}; {', '.join(steps)}"
                message = f"title shortened from {len(text)} to {len(fitted)} characters ({limit})"
                result.findings.append(finding("translate.title-shortened", message))
        return result


_FAILURES = {
    "placeholder": (
        "translate.placeholder-damaged",
        "the engine damaged a protected span (brand, SKU, URL or quantity)",
        "Check the text, or add the span to the seller glossary / do-not-translate list.",
    ),
    "output": (
        "translate.bad-output",
        "the engine's output was empty, far too long or looping",
        "Try another engine, or lock a translation through the review sheet.",
    ),
}


def _quote(masked: Masked, rejected: str) -> str:
    """``'source' -> 'refused output'`` for a finding (placeholders put back in the source)."""
    source = restore(masked.text, masked) or masked.text
    return f"{source!r} -> {rejected!r}"


def _or_source(result: str | None, source: str) -> str:
    """The sentence's translation; its source when it has none ("" is an answer)."""
    return source if result is None else result


def _field(kind: str) -> str:
    return {"title": "title", "option": "options"}.get(kind, "description")


_RUN = re.compile(r"(\b\w+\b)(?:\W+\1\b){3,}", re.UNICODE)


def _sane(source: str, output: str, allows_empty: bool = False) -> bool:
    """Reject empty or degenerate engine output (runaway length or a word repeated 4+ times).

    ``allows_empty``: the engine may answer "" for a segment with nothing to translate.
    """
    if not output.strip():
        return allows_empty
    if len(output) > 5 * len(source) + 60:
        return False
    run = _RUN.search(output)
    return not (run and not _RUN.search(source))


declare(
    *(
        Code(
            code, Severity.WARNING, None, f"A sentence was kept in the source language: {why}", hint
        )
        for code, why, hint in _FAILURES.values()
    ),
)
