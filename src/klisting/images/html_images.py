"""Images a description's HTML refers to (``<img src=...>``, the usual 상세페이지), and rewriting them.

Korean catalogs put the detail page inside the description as ``<img>`` tags rather than in
the image columns, so those images carry most of the product's facts. The pipeline fetches and
localizes them like any other image (same fetch safety rules) and the exported description
points at the exported file instead of the seller's local path or CDN URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path

#: an ``<img>`` tag's src attribute, quoted or not (group "q" is the quote, "src" the value)
_IMG_SRC = re.compile(
    r"(<img\b[^>]*?\bsrc\s*=\s*)(?P<q>[\"']?)(?P<src>[^\"'\s>]+)(?P=q)", re.IGNORECASE
)


class _ImgParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() == "img":
            src = dict(attrs).get("src")
            if src and src.strip() and not src.strip().lower().startswith("data:"):
                self.sources.append(src.strip())


def description_sources(description: str, base: Path | None = None) -> list[str]:
    """Distinct image sources of ``description``, in order; local paths resolved from ``base``.

    ``data:`` URIs are skipped (they carry no file to localize). Relative local paths are
    taken relative to ``base`` (the catalog file's folder), as the catalog's image columns are.
    """
    parser = _ImgParser()
    parser.feed(description or "")
    parser.close()
    return list(dict.fromkeys(resolve(src, base) for src in parser.sources))


def resolve(src: str, base: Path | None) -> str:
    """``src`` as the fetcher reads it: URLs as they are, local paths made absolute."""
    if re.match(r"(?i)^(https?:)?//", src):
        return "https:" + src if src.startswith("//") else src
    path = Path(src.removeprefix("file://"))
    return str(path if path.is_absolute() or base is None else (base / path).resolve())


#: a whole ``<img>`` tag (attribute values holding ">" are not expected in catalog HTML)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def rewrite_sources(
    description: str,
    new_src: Callable[[str], str | Sequence[str] | None],
    base: Path | None = None,
) -> str:
    """``description`` with each ``<img>`` src replaced by ``new_src(resolved src)``.

    ``new_src`` gives one name, or several for a tall detail page the platform's image spec
    split into parts: the tag is then repeated once per part, in order, with its other
    attributes, so the buyer still sees the whole page. A source ``new_src`` returns None (or
    no names) for, because it was not exported, keeps its original value.
    """

    def replace(tag: re.Match[str]) -> str:
        found = _IMG_SRC.search(tag.group(0))
        if found is None:
            return tag.group(0)
        names = new_src(resolve(found.group("src"), base))
        if isinstance(names, str):
            names = [names]
        if not names:
            return tag.group(0)
        quote = found.group("q") or '"'
        start, end = found.span()
        text = tag.group(0)
        return "".join(
            f"{text[:start]}{found.group(1)}{quote}{name}{quote}{text[end:]}" for name in names
        )

    return _IMG_TAG.sub(replace, description or "")
