"""The description screen: markup it lets pass is markup the sanitiser leaves whole."""

from __future__ import annotations

import random

import polars as pl

from klisting.infra.htmlsafe import TAGS, sanitize
from klisting.validate.checks_text import BARE_TAGS, _description_screen
from klisting.validate.registry import CheckContext

TEXT = ["좋은 상품", "a & b", "1 > 0", "&lt;script&gt;", "&amp;", " ", "\n", "100%", "x"]
UNSAFE = [
    "<script>x</script>",
    "<td>",
    "<tr>",
    "<caption>",
    '<p style="color:red">',
    "<!-- note -->",
    "<ſpan>",  # the long s: a regex engine's case folding reads it as "s"
    "<bloc\u212aquote>",  # the Kelvin sign, folded onto "k" the same way
    "<img src=x onerror=y>",
    "a < b",
    "<p",
    "<unknown>",
]


def _tag(rng: random.Random) -> str:
    name = rng.choice(BARE_TAGS)
    name = "".join(c.upper() if rng.random() < 0.3 else c for c in name)
    return rng.choice([f"<{name}>", f"</{name}>", f"<{name}/>", f"<{name} />", f"<{name}  >"])


def _flagged(texts: list[str]) -> list[bool]:
    ctx = CheckContext(catalog=None)  # type: ignore[arg-type]  (the screen reads no catalog)
    frame = pl.DataFrame({"d": texts}, schema={"d": pl.String})
    return frame.select(_description_screen(ctx, lambda _: pl.col("d")))["d"].to_list()


def test_bare_tags_are_allow_listed():
    assert set(BARE_TAGS) <= TAGS


def test_markup_the_screen_passes_loses_nothing_to_the_sanitiser():
    """Nested, misnested, unclosed and orphan end tags: none may hide a removal from the screen."""
    rng = random.Random(14)
    texts = [
        "".join(
            _tag(rng) if rng.random() < 0.5 else rng.choice(TEXT) for _ in range(rng.randint(1, 30))
        )
        for _ in range(3000)
    ]
    passed = [t for t, flag in zip(texts, _flagged(texts), strict=True) if not flag]
    assert len(passed) == len(texts)  # bare tags and text only: the screen lets every one pass
    for text in passed:
        assert sanitize(text).removed == [], text


def test_anything_else_is_flagged():
    rng = random.Random(15)
    texts = [_tag(rng) + "상품" + bad + _tag(rng) for bad in UNSAFE]
    assert all(_flagged(texts)), [t for t, f in zip(texts, _flagged(texts), strict=True) if not f]
    assert _flagged([None, "설명"]) == [True, False]  # empty: description.missing is decided later
