"""Checks on identifiers and text: SKU, title, description."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from klisting.infra.htmlsafe import sanitize
from klisting.model import Finding, Product, Severity
from klisting.validate.registry import CheckContext, Code, product_check

if TYPE_CHECKING:
    import polars as pl

    from klisting.validate.exprs import Cell

E, W = Severity.ERROR, Severity.WARNING

# Emoji and pictographs, which most marketplaces strip or reject in titles.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff\U00002b00-\U00002bff\ufe0f\u200d]"
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HTML_TAG = re.compile(r"<[a-zA-Z][^>]*>")
#: Allow-listed tags the HTML parser keeps wherever they stand in a body, written bare
#: (``<p>``, ``</b>``, ``<br />``, no attributes). Table parts are not among them: outside a
#: table the parser drops them, which the sanitiser reports. A description made of these tags
#: and of text without any other "<" loses nothing to the sanitiser (tests/validate check it
#: on generated markup), so the description screen need not flag it.
BARE_TAGS = (
    "p", "br", "hr", "div", "span", "b", "strong", "i", "em", "u", "s", "small", "sub", "sup",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
)  # fmt: skip


def _bare_tag_pattern() -> str:
    """A regex for one bare tag of BARE_TAGS in either case, spelled letter by letter: the
    engine's case folding would also accept "ſ" for "s" and the Kelvin sign for "k", which
    the HTML parser does not."""
    names = "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in name)
        for name in sorted(BARE_TAGS, key=len, reverse=True)
    )
    return f"</?(?:{names})[ ]*/?>"


def _missing(name: str, ctx: CheckContext, cell: Cell) -> pl.Expr:
    """An empty cell in a column the file has (rows of an absent column are not reported)."""
    import polars as pl

    return cell(name).is_null() & pl.lit(name not in ctx.absent_columns)


def _sku_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    from klisting.validate.exprs import CONTROL, SPACE, has

    return _missing("sku", ctx, cell) | has(cell("sku"), f"[{SPACE}]") | has(cell("sku"), CONTROL)


@product_check(
    Code(
        "sku.missing",
        E,
        "sku",
        "A product has no SKU.",
        "Fill in the seller product code (상품코드) for this row.",
    ),
    Code(
        "sku.bad-characters",
        W,
        "sku",
        "A SKU contains spaces or control characters.",
        "Use letters, digits, - and _ only; platforms reject or alter other characters.",
    ),
    screen=_sku_screen,
)
def check_sku(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if not product.sku:
        if "sku" not in ctx.absent_columns:
            yield ctx.finding("sku.missing", product, f"row {product.row} has no SKU")
    elif re.search(r"\s", product.sku) or CONTROL.search(product.sku):
        yield ctx.finding(
            "sku.bad-characters",
            product,
            f"SKU '{product.sku}' contains spaces or control characters",
        )


def _title_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    from klisting.validate.exprs import CONTROL, char_class, has

    title = cell("title")
    mask = _missing("title", ctx, cell) | has(title, CONTROL)
    if ctx.target is None:
        return mask
    limits = ctx.target.platform.title
    length = title.str.len_chars()
    if limits.max_chars:
        mask |= (length > limits.max_chars).fill_null(False)
    if limits.min_chars:
        mask |= (length < limits.min_chars).fill_null(False)
    if limits.banned_chars:
        mask |= has(title, char_class(limits.banned_chars))
    if not limits.emoji_allowed:
        mask |= has(title, EMOJI.pattern)  # a class of literal characters: the same in Rust
    if limits.banned_words:
        words = [w.lower() for w in limits.banned_words]
        mask |= title.str.to_lowercase().str.contains_any(words).fill_null(False)
    return mask


@product_check(
    Code(
        "title.missing", E, "title", "A product has no title.", "Fill in the product name (상품명)."
    ),
    Code(
        "title.control-chars",
        W,
        "title",
        "The title contains control characters.",
        "Remove invisible characters from the title.",
    ),
    Code(
        "title.too-long",
        E,
        "title",
        "The title is longer than the target allows.",
        "Shorten the title; translation may grow it, so leave room.",
        needs_target=True,
    ),
    Code(
        "title.too-short",
        W,
        "title",
        "The title is shorter than the target's minimum.",
        "Add the product type and key attributes to the title.",
        needs_target=True,
    ),
    Code(
        "title.banned-chars",
        E,
        "title",
        "The title contains characters the target bans.",
        "Remove the named characters from the title.",
        needs_target=True,
    ),
    Code(
        "title.emoji",
        E,
        "title",
        "The title contains emoji, which the target rejects.",
        "Remove emoji from the title.",
        needs_target=True,
    ),
    Code(
        "title.banned-words",
        W,
        "title",
        "The title contains words the target does not allow in titles.",
        "Move shipping, price and promotion words from the title to the description.",
        needs_target=True,
    ),
    screen=_title_screen,
)
def check_title(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    title = product.title
    if not title:
        if "title" not in ctx.absent_columns:
            yield ctx.finding("title.missing", product, f"row {product.row} has no title")
        return
    if CONTROL.search(title):
        yield ctx.finding("title.control-chars", product, "title contains control characters")
    if ctx.target is None:
        return
    limits = ctx.target.platform.title
    if limits.max_chars and len(title) > limits.max_chars:
        yield ctx.finding(
            "title.too-long",
            product,
            f"title has {len(title)} characters; {ctx.target.id} allows {limits.max_chars}",
        )
    if limits.min_chars and len(title) < limits.min_chars:
        yield ctx.finding(
            "title.too-short",
            product,
            f"title has {len(title)} characters; {ctx.target.id} needs {limits.min_chars}",
        )
    banned = sorted({c for c in title if c in limits.banned_chars})
    if banned:
        yield ctx.finding(
            "title.banned-chars",
            product,
            f"title contains {' '.join(banned)}, banned on {ctx.target.id}",
        )
    if not limits.emoji_allowed and EMOJI.search(title):
        yield ctx.finding(
            "title.emoji", product, f"title contains emoji, rejected on {ctx.target.id}"
        )
    words = [w for w in limits.banned_words if w.lower() in title.lower()]
    if words:
        yield ctx.finding(
            "title.banned-words",
            product,
            f"title contains {', '.join(words)}, not allowed in {ctx.target.id} titles",
        )


def _description_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    from klisting.validate.exprs import has

    text = cell("description")
    # the sanitiser can only remove markup, so a text whose every "<" opens a bare allow-listed
    # tag (the common ``<p>...</p>``) has nothing it would remove; each tag holds one "<"
    bare = text.str.count_matches(_bare_tag_pattern())
    other_markup = (text.str.count_matches("<", literal=True) != bare).fill_null(False)
    mask = _missing("description", ctx, cell) | other_markup
    if ctx.target is None:
        return mask
    limits = ctx.target.platform.description
    if limits.max_chars:
        mask |= (text.str.len_chars() > limits.max_chars).fill_null(False)
    if not limits.html_allowed:
        mask |= has(text, HTML_TAG.pattern)
    return mask


@product_check(
    Code(
        "description.missing",
        W,
        "description",
        "A product has no description.",
        "Add a description (상세설명); most platforms require one.",
    ),
    Code(
        "description.unsafe-html",
        W,
        "description",
        "The description has markup outside the allow-list (scripts, frames, forms, event "
        "handlers, javascript:/data: links); it is removed on export.",
        "Check the exported description; remove the named markup from the catalog to silence this.",
    ),
    Code(
        "description.too-long",
        E,
        "description",
        "The description is longer than the target allows.",
        "Shorten the description or move detail into images.",
        needs_target=True,
    ),
    Code(
        "description.html-not-allowed",
        W,
        "description",
        "The target takes plain text but the description is HTML.",
        "klisting converts it to text on export; check line breaks in the result.",
        needs_target=True,
    ),
    screen=_description_screen,
)
def check_description(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    text = product.description
    if not text:
        if "description" not in ctx.absent_columns:
            yield ctx.finding(
                "description.missing",
                product,
                f"row {product.row} has no description",
                severity=E if "description" in ctx.required else None,
            )
        return
    removed = sanitize(text).removed  # the same allow-list the export applies
    if removed:
        shown = ", ".join(removed[:8]) + (
            f" and {len(removed) - 8} more" if len(removed) > 8 else ""
        )
        yield ctx.finding(
            "description.unsafe-html", product, f"removed from the description on export: {shown}"
        )
    if ctx.target is None:
        return
    limits = ctx.target.platform.description
    if limits.max_chars and len(text) > limits.max_chars:
        yield ctx.finding(
            "description.too-long",
            product,
            f"description has {len(text)} characters; {ctx.target.id} allows {limits.max_chars}",
        )
    if not limits.html_allowed and HTML_TAG.search(text):
        yield ctx.finding(
            "description.html-not-allowed",
            product,
            f"{ctx.target.id} takes a plain-text description",
        )
