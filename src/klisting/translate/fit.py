"""Length fitting for titles: shorten to a platform limit without cutting words in half.

Order of sacrifice: marketing filler ("free shipping", "best", "hot deal" ...), then words
repeated earlier in the title, then parenthesised echoes such as the metric value after a
converted quantity ("22 lb (10 kg)"), then whole words from the end (never leaving half a
parenthesis). Brand, product type and the specifics at the start survive longest.
"""

from __future__ import annotations

import re

from klisting.model import Severity
from klisting.model.codes import Code, declare

#: emitted wherever a title is fitted (the translation service, each target's assembly)
declare(
    Code(
        "translate.title-shortened",
        Severity.INFO,
        "title",
        "The translated title was shortened to the platform's limit",
        "Check the shortened title, or write a shorter one in a reviewed translation.",
    )
)

#: Marketing words and phrases a buyer's search does not need (lower case, English output).
FILLER = (
    "free shipping",
    "free delivery",
    "fast shipping",
    "same day shipping",
    "special price",
    "special offer",
    "limited time",
    "hot deal",
    "best seller",
    "bestseller",
    "best",
    "hot",
    "sale",
    "new arrival",
    "new",
    "popular",
    "recommended",
    "top",
    "premium",
    "high quality",
    "cheap",
    "discount",
    "event",
    "1+1",
)
_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|【\s*】")
_PARENS = re.compile(r"\s*\([^()]*\)")


def fit_title(
    title: str, max_chars: int, filler: tuple[str, ...] = FILLER
) -> tuple[str, list[str]]:
    """Shorten ``title`` to at most ``max_chars`` characters.

    Returns:
        The fitted title and the steps taken ("filler", "repeats", "cut"); no steps when it fit.
    """
    if max_chars <= 0 or len(title) <= max_chars:
        return title, []
    steps: list[str] = []
    text = title
    for phrase in filler:
        if len(text) <= max_chars:
            break
        shorter = _tidy(
            re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.IGNORECASE)
        )
        if shorter != text and shorter:
            text = shorter
            if "filler" not in steps:
                steps.append("filler")
    if len(text) > max_chars:
        shorter = _drop_repeats(text)
        if shorter != text:
            text, steps = shorter, [*steps, "repeats"]
    if len(text) > max_chars:
        shorter = _tidy(_PARENS.sub(" ", text))
        if shorter != text and shorter:
            text, steps = shorter, [*steps, "parentheses"]
    if len(text) > max_chars:
        text, steps = _cut(text, max_chars), [*steps, "cut"]
    return text, steps


def _tidy(text: str) -> str:
    text = _BRACKETS.sub(" ", text)
    text = re.sub(r"\s+([,/|])", r"\1", text)
    text = re.sub(r"([,/|])\s*(?=[,/|]|$)", "", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,/|-")


def _drop_repeats(text: str) -> str:
    """Drop a word seen before; only real words (numbers, "x" in 30 x 20 and parentheses stay)."""
    seen: set[str] = set()
    kept: list[str] = []
    depth = 0
    for word in text.split():
        key = word.lower().strip(",./|()[]")
        if depth == 0 and len(key) >= 3 and key.isalpha() and key in seen:
            continue
        seen.add(key)
        kept.append(word)
        depth = max(0, depth + word.count("(") - word.count(")"))
    return " ".join(kept)


def _cut(text: str, max_chars: int) -> str:
    cut = text[: max_chars + 1]
    if len(cut) > max_chars:
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else text[:max_chars]
    if cut.count("(") > cut.count(")"):  # never leave "22 lb (10"
        cut = cut[: cut.rfind("(")]
    return cut.rstrip(" ,/|-([")
