"""HTML descriptions: find the text nodes to translate, keep everything else byte for byte.

Uses the standard library's ``html.parser`` (a real tokenizer, tolerant of seller HTML). Tags,
attributes, comments and the content of ``script``/``style``/``code``/``pre`` elements, or of
elements marked ``translate="no"`` / ``class="notranslate"``, are copied verbatim; only text
nodes go to the engine, and they are escaped again on the way out, so the output has the same
element structure as the input.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIP_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "var", "svg", "math", "textarea"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_HAS_HANGUL_OR_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(slots=True)
class Part:
    """A piece of the document: raw markup (kept) or a text node (translatable)."""

    text: str
    translatable: bool


class _Splitter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[Part] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, opens a no-translate zone)

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(Part(self.get_starttag_text() or f"<{tag}>", False))
        if tag in _VOID:
            return
        values = dict(attrs)
        no = (
            tag in _SKIP_TAGS
            or (values.get("translate") or "").lower() == "no"
            or "notranslate" in (values.get("class") or "").split()
        )
        self._stack.append((tag, no))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(Part(self.get_starttag_text() or f"<{tag}/>", False))

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(Part(f"</{tag}>", False))
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        translatable = not self._skipping() and bool(_HAS_HANGUL_OR_WORD.search(data))
        if translatable:
            self.parts.append(Part(data, True))
        else:
            self.parts.append(Part(_escape(data) if not self._in_raw_text() else data, False))

    def _in_raw_text(self) -> bool:
        return bool(self._stack) and self._stack[-1][0] in {"script", "style"}

    def handle_comment(self, data: str) -> None:
        self.parts.append(Part(f"<!--{data}-->", False))

    def handle_decl(self, decl: str) -> None:
        self.parts.append(Part(f"<!{decl}>", False))

    def handle_pi(self, data: str) -> None:
        self.parts.append(Part(f"<?{data}>", False))

    def unknown_decl(self, data: str) -> None:
        self.parts.append(Part(f"<![{data}]>", False))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains markup (a tag or an entity), so it must be parsed as HTML."""
    return bool(re.search(r"<[A-Za-z!/][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", text))


def split_html(document: str) -> list[Part]:
    """Split an HTML document into raw markup parts and translatable text nodes."""
    parser = _Splitter()
    parser.feed(document)
    # feed() holds back what it cannot finish yet; close() would flush an unterminated tag at
    # the end ("<p>니트</p") as text, to be escaped into "&lt;/p": keep it as markup instead.
    leftover = parser.rawdata
    if leftover.startswith("<"):
        parser.rawdata = ""
    parser.close()
    if leftover.startswith("<"):
        parser.parts.append(Part(leftover, False))
    return parser.parts


def join_html(parts: list[Part], translations: dict[int, str]) -> str:
    """Reassemble the document; ``translations`` maps part index -> translated (unescaped) text."""
    out: list[str] = []
    for i, part in enumerate(parts):
        if part.translatable:
            out.append(_escape(translations.get(i, part.text)))
        else:
            out.append(part.text)
    return "".join(out)
