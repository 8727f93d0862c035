"""Description HTML cut down to what marketplaces accept, by an allow-list sanitiser (nh3).

A hand-written pattern check misses ``<svg/onload=...>``, ``<img src=x/onerror=...>``,
entity-encoded ``&#106;avascript:`` links, ``data:`` URLs, ``<base>`` and ``<form action>``.
nh3 (the Python binding of the Rust ``ammonia`` crate, https://nh3.readthedocs.io) parses the
HTML with html5ever the way a browser does and keeps only the tags, attributes and URL schemes
listed here, so anything not named is gone however it is spelled.

The allow-list is the formatting that product-description editors of Shopify ("Body (HTML)"),
Lazada/Miravia (``description``, HTML with images), Qoo10 (``ItemDescription``) and Coupang
accept: text structure, lists, tables, images and links; no scripts, frames, forms, embedded
objects, styles sheets or event handlers. Inline ``style`` keeps only layout and typography
properties (no ``url()``, no ``position``). Plain-text platforms (Shopee, Amazon) get text
from this HTML on export.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        "p", "br", "hr", "div", "span", "b", "strong", "i", "em", "u", "s", "small", "sub", "sup",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol", "li", "dl",
        "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup",
        "col", "img", "a", "figure", "figcaption", "center", "font",
    }
)  # fmt: skip
_COMMON = {"style", "align", "title"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "target"} | _COMMON,
    "img": {"src", "alt", "width", "height"} | _COMMON,
    "td": {"colspan", "rowspan", "width", "valign"} | _COMMON,
    "th": {"colspan", "rowspan", "width", "valign"} | _COMMON,
    "table": {"width", "border", "cellpadding", "cellspacing"} | _COMMON,
    "col": {"span", "width"},
    "font": {"color", "size"} | _COMMON,
    "ol": {"start", "type"} | _COMMON,
}
STYLE_PROPERTIES = frozenset(
    {
        "color", "background-color", "font-size", "font-weight", "font-style", "font-family",
        "text-align", "text-decoration", "line-height", "letter-spacing", "vertical-align",
        "width", "max-width", "height", "margin", "margin-top", "margin-bottom", "margin-left",
        "margin-right", "padding", "padding-top", "padding-bottom", "padding-left",
        "padding-right", "border", "border-collapse", "display",
    }
)  # fmt: skip
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: removed together with everything inside them (their text is code, not description)
DROP_WITH_CONTENT = frozenset({"script", "style", "noscript", "template", "iframe", "object"})
_URL_ATTRS = {"href", "src"}
_MARKUP = re.compile(r"<[a-zA-Z!/?]")


@dataclass
class Sanitized:
    """The safe HTML and what was taken out of the original (``["<script>", "onerror= on <img>"]``)."""

    html: str
    removed: list[str] = field(default_factory=list)


def clean_html(text: str) -> str:
    """``text`` with everything outside the allow-list removed (text content kept)."""
    if not _MARKUP.search(text):
        return text  # plain text ("a < b & c" included): no tag a browser would read
    return nh3.clean(
        text,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


def sanitize(text: str) -> Sanitized:
    """Clean ``text`` and list what the cleaning removed (empty when nothing was unsafe)."""
    cleaned = clean_html(text)
    if cleaned == text:
        return Sanitized(text)
    return Sanitized(cleaned, _removed(text, cleaned))


def _removed(before: str, after: str) -> list[str]:
    """Tags and attributes of ``before`` missing from ``after``, in order of first appearance."""
    kept = _Inventory.of(after).items
    gone = [item for item, n in _Inventory.of(before).items.items() if n > kept.get(item, 0)]
    tags = {item for item in gone if item.startswith("<")}
    # an attribute of a tag that went away entirely is not worth naming twice
    return [item for item in gone if item in tags or item.rsplit(" on ", 1)[-1] not in tags]


class _Inventory(HTMLParser):
    """Counts ``<tag>`` and ``attr= on <tag>`` (with a URL's scheme) as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[str] = Counter()

    @classmethod
    def of(cls, text: str) -> _Inventory:
        inventory = cls()
        inventory.feed(text)
        inventory.close()
        return inventory

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[f"<{tag}>"] += 1
        for name, value in attrs:
            if name == "rel" and tag == "a":
                continue
            label = f"{name}= on <{tag}>"
            if name in _URL_ATTRS and value and ":" in value.split("/")[0]:
                label = f"{value.split(':')[0].strip().lower()}: {name} on <{tag}>"
            self.items[label] += 1

    handle_startendtag = handle_starttag
