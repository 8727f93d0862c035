"""Images a description's HTML refers to (``<img src=...>``, the usual 상세페이지), and rewriting them.

Korean catalogs put the detail page inside the description as ``<img>`` tags rather than in
the image columns, so those images carry most of the product's facts. The pipeline fetches and
localizes them like any other image (same fetch safety rules) and the exported description
points at the exported file instead of the seller's local path or CDN URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


def rewrite_sources(
    description: str, new_src: Callable[[str], str | None], base: Path | None = None
) -> str:
    """``description`` with each ``<img>`` src replaced by ``new_src(resolved src)``.

    A source ``new_src`` returns None for (not exported) keeps its original value.
    """

    def replace(match: re.Match[str]) -> str:
        found = new_src(resolve(match.group("src"), base))
        if found is None:
            return match.group(0)
        quote = match.group("q") or '"'
        return f"{match.group(1)}{quote}{found}{quote}"

    return _IMG_SRC.sub(replace, description or "")
