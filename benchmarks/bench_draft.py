"""Benchmark: the offline draft (glossary engine + meaning guard) per language, scored for meaning.

A phrase set is generated from templates of the text on Korean detail pages (negated care
instructions, counts, units, labels, everyday sentences) crossed with product and ingredient
words, a few of them unknown to the termbase on purpose. Every phrase carries what it means:
whether it is negated, its numbers, its product word. Each output is sorted into:

- **fully translated**: no Korean left and not kept in the source;
- **flagged**: Korean left or the sentence kept in Korean with a finding (goes to review);
- **silently wrong**: looks finished (no Korean, no flag) but loses the meaning: a negated
  phrase without a negation word, a negation added to a phrase that had none, a number
  missing or added, or the product word's termbase translation missing. Must be 0.

The oracle is written here, apart from the guard (it also checks added negations and lost
product words, which the guard does not). Baseline in the same run: word-by-word termbase
lookup with particles stripped and no guard, the approach the engine replaces.

The first language's time includes loading Kiwi (about 5 s on a shared 2-core machine).

Usage: python benchmarks/bench_draft.py [--languages en,zh-Hant,ja,es,th,vi,id,ms]
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

NEGATED_NOUNS = ["세탁기 사용", "표백제 사용", "전자레인지 사용", "건조기 사용", "다림질", "화기",
                 "직사광선", "조립", "배터리", "향료", "설탕", "방부제", "교환", "반품", "뽀송이"]  # fmt: skip
NEGATIONS = ["{n} 금지", "{n} 불가", "{n} 불필요", "{n} 미포함", "{n} 없음"]
VERBS = ["사용하", "세탁하", "보관하", "건조하", "번지"]
PRODUCTS = ["가디건", "토너", "세럼", "운동화", "텀블러", "이불", "가방", "양말", "크림",
            "티셔츠", "깜찍템", "몽글이"]  # fmt: skip
COUNTED = ["{m} {k}개", "{m} {k}개 세트", "{k}개입 {m}", "{m} {k}ml", "{m} {k}g", "{k}cm {m}",
           "{m} {k}kg 대용량", "구성: {m} {k}개", "유통기한: 제조일로부터 {k}개월"]  # fmt: skip
PLAIN = ["보관 방법: 서늘한 곳에 보관", "원산지: 국내산", "세탁 방법: 손세탁 권장", "주의사항",
         "부드러운 {m}", "정성을 담아 만든 {m}", "여성 블랙 {m}", "{m} 추천합니다", "가벼운 {m}입니다"]  # fmt: skip

# What a negation looks like in each language (the oracle's own list, narrower than the guard's)
NEGATION_WORDS = {
    "en": r"\b(?:not|no|without|avoid|prohibited|free)\b|-free\b",
    "zh-Hant": r"不|無|禁|請勿|勿|免|避免",
    "ja": r"不可|禁止|厳禁|不要|なし|無|別売|ない|避け",
    "es": r"\b(?:no|sin|prohibido|evitar)\b",
    "th": r"ไม่|ห้าม|หลีกเลี่ยง",
    "vi": r"không|cấm|tránh",
    "id": r"\b(?:tidak|tanpa|dilarang|jangan|hindari)\b",
    "ms": r"\b(?:tidak|tanpa|dilarang|jangan|elakkan)\b",
}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Phrase:
    text: str
    negated: bool
    numbers: tuple[str, ...]
    product: str = ""


def phrases() -> list[Phrase]:
    out: list[Phrase] = []
    for noun in NEGATED_NOUNS:
        out += [Phrase(t.format(n=noun), True, ()) for t in NEGATIONS]
    out += [Phrase(f"{v}지 마세요", True, ()) for v in VERBS]
    out += [Phrase(f"{v}지 않아요", True, ()) for v in VERBS]
    for i, product in enumerate(PRODUCTS):
        for j, template in enumerate(COUNTED):
            k = str(2 + (i * 7 + j * 3) % 11)
            word = product if "{m}" in template else ""
            out.append(Phrase(template.format(m=product, k=k), False, (k,), word))
        for template in PLAIN:
            out.append(
                Phrase(template.format(m=product), False, (), product if "{m}" in template else "")
            )
    return list({p.text: p for p in out}.values())


def classify(phrase: Phrase, output: str, flagged: bool, lang: str, termbase) -> str:  # type: ignore[no-untyped-def]
    if flagged or _HANGUL.search(output):
        return "flagged"
    negation = re.search(NEGATION_WORDS[lang], output, re.IGNORECASE) is not None
    if phrase.negated != negation:
        return "wrong"
    if sorted(_NUMBER.findall(output)) != sorted(phrase.numbers):
        return "wrong"
    if phrase.product:
        term = termbase.lookup(phrase.product)
        translated = term.get(lang) if term else None
        if translated and translated.lower() not in output.lower():
            return "wrong"
    return "translated"


def naive(texts: list[str], lang: str, termbase) -> list[str]:  # type: ignore[no-untyped-def]
    """Word-by-word lookup: each space-separated word, particles stripped, else kept as is."""
    out = []
    for text in texts:
        words = []
        for word in text.split():
            bare = re.sub(r"(을|를|이|가|은|는|에|의|입니다|합니다)$", "", word)
            term = termbase.lookup(bare) or termbase.lookup(word)
            words.append((term.get(lang) or term.get("en")) if term else word)
        out.append(" ".join(w for w in words if w))
    return out


def score(labels: list[str]) -> dict[str, float]:
    n = len(labels)
    return {k: labels.count(k) / n for k in ("translated", "flagged", "wrong")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", default="en,zh-Hant,ja,es,th,vi,id,ms")
    args = parser.parse_args()
    from klisting.translate.service import TranslationService
    from klisting.translate.termbase import load_termbase

    termbase = load_termbase()
    items = phrases()
    texts = [p.text for p in items]
    print(f"{len(items)} generated phrases ({sum(p.negated for p in items)} negated)")
    print(
        f"{'lang':8} {'klisting: translated / flagged / WRONG':40} {'naive: translated / flagged / WRONG':38} time"
    )
    work = Path(tempfile.mkdtemp(prefix="bench-draft-"))
    total_wrong = 0
    try:
        for lang in args.languages.split(","):
            service = TranslationService("glossary", work / lang)
            start = time.perf_counter()
            results = service.translate_texts(texts, lang)
            ours_s = time.perf_counter() - start
            start = time.perf_counter()
            baseline = naive(texts, lang, termbase)
            naive_s = time.perf_counter() - start
            ours = score(
                [
                    classify(p, r.text, "kept-source" in r.flags, lang, termbase)
                    for p, r in zip(items, results, strict=True)
                ]
            )
            theirs = score(
                [
                    classify(p, o, False, lang, termbase)
                    for p, o in zip(items, baseline, strict=True)
                ]
            )
            wrong = [p.text for p, r in zip(items, results, strict=True)
                     if classify(p, r.text, "kept-source" in r.flags, lang, termbase) == "wrong"]  # fmt: skip
            total_wrong += len(wrong)
            print(
                f"{lang:8} {ours['translated']:6.1%} / {ours['flagged']:6.1%} / {ours['wrong']:5.1%}"
                f"{'':18} {theirs['translated']:6.1%} / {theirs['flagged']:6.1%} / {theirs['wrong']:5.1%}"
                f"{'':14} {ours_s:.2f} s vs {naive_s:.3f} s"
            )
            print(
                f"{'':8} fully translated: {ours['translated'] / max(theirs['translated'], 1e-9):.2f}x "
                "the naive lookup's share"
            )
            for text in wrong[:5]:
                print(f"   silently wrong: {text!r}")
            service.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"silently wrong segments over all languages: {total_wrong} (goal 0)")
    if total_wrong:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
