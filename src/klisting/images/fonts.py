"""Fonts per script, found through fontconfig, with per-character fallback so nothing is tofu.

Pillow draws with one font at a time and has no fallback chain, so text is split into runs,
each run drawn with the first font (in the language's preference order, then a global chain)
whose cmap covers its characters. Coverage comes from the font's cmap via fontTools.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

from klisting.errors import DependencyError

#: Families tried first for each target language, before the global fallback chain.
PREFERRED = {
    "zh-Hant": ["Noto Sans CJK TC", "Noto Sans TC"],
    "zh-Hans": ["Noto Sans CJK SC", "Noto Sans SC"],
    "zh": ["Noto Sans CJK TC", "Noto Sans CJK SC"],
    "ja": ["Noto Sans CJK JP", "Noto Sans JP"],
    "ko": ["Noto Sans CJK KR", "Noto Sans KR"],
    "th": ["Noto Sans Thai", "Noto Sans Thai Looped"],
}
FALLBACK = [
    "Noto Sans",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans Thai",
    "DejaVu Sans",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
]


@dataclass(frozen=True)
class Face:
    """One font face in a file (index selects the face inside a .ttc collection)."""

    family: str
    path: str
    index: int
    style: str

    @property
    def bold(self) -> bool:
        """True for the Bold style."""
        return self.style == "bold"


@lru_cache(maxsize=1)
def installed_faces() -> tuple[Face, ...]:
    """Every font face fontconfig knows about (plus KLISTING_FONT_DIR files)."""
    faces: list[Face] = []
    if shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}\n"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        for row in out.splitlines():
            parts = row.split("|")
            if len(parts) == 4 and parts[0].lower().endswith((".ttf", ".otf", ".ttc")):
                faces.append(Face(parts[2], parts[0], int(parts[1] or 0), parts[3].lower()))
    extra = os.environ.get("KLISTING_FONT_DIR")
    if extra:
        for path in sorted(Path(extra).glob("*.[ot]t[fc]")):
            faces.append(
                Face(path.stem, str(path), 0, "bold" if "bold" in path.stem.lower() else "regular")
            )
    return tuple(faces)


def find_face(family: str, bold: bool = False) -> Face | None:
    """The face of ``family`` with the wanted weight (Regular or Bold), if installed."""
    matches = [f for f in installed_faces() if f.family == family]
    wanted = ("bold",) if bold else ("regular", "book", "normal")
    for face in matches:
        if face.style in wanted:
            return face
    return matches[0] if matches else None


def chain_for(lang: str, bold: bool = False) -> list[Face]:
    """Faces to try, in order, for text in ``lang``.

    Raises:
        DependencyError: when no usable font is installed at all.
    """
    base = lang.split("-")[0] if lang not in PREFERRED else lang
    families = PREFERRED.get(lang, PREFERRED.get(base, [])) + FALLBACK
    chain = [face for family in dict.fromkeys(families) if (face := find_face(family, bold))]
    if not chain:
        raise DependencyError(
            "no Noto fonts found for rendering",
            hint="Install them: apt-get install fonts-noto-core fonts-noto-cjk",
        )
    return chain


@lru_cache(maxsize=64)
def coverage(face: Face) -> frozenset[int]:
    """Code points the face has glyphs for."""
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@lru_cache(maxsize=256)
def pil_font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    """A Pillow font for ``face`` at ``size`` px, shaped by raqm when Pillow has it."""
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=layout)


def _ignorable(char: str) -> bool:
    # Spaces and combining marks stay with the run they are in (Thai vowels, tone marks).
    return char.isspace() or unicodedata.category(char) in ("Mn", "Me", "Cf")


def runs(text: str, chain: list[Face]) -> list[tuple[str, Face]]:
    """Split ``text`` into (run, face) so each run's characters are all in its face."""
    return _runs(text, tuple(chain))


@lru_cache(maxsize=8192)
def _runs(text: str, chain: tuple[Face, ...]) -> list[tuple[str, Face]]:
    # Cached: fitting a block measures the same words at many sizes and widths.
    sets = [coverage(face) for face in chain]  # looked up once, never copied
    pieces: list[list[str]] = []
    faces: list[int] = []
    for char in text:
        code = ord(char)
        if pieces and _ignorable(char) and (code == 0x20 or code in sets[faces[-1]]):
            pieces[-1].append(char)
            continue
        index = next((i for i, covered in enumerate(sets) if code in covered), 0)
        if pieces and faces[-1] == index:
            pieces[-1].append(char)
        else:
            pieces.append([char])
            faces.append(index)
    return [("".join(piece), chain[index]) for piece, index in zip(pieces, faces, strict=True)]


def missing_glyphs(text: str, chain: list[Face]) -> list[str]:
    """Characters of ``text`` that no face in the chain can draw (would be tofu)."""
    return sorted(
        {c for c in text if not c.isspace() and not any(ord(c) in coverage(f) for f in chain)}
    )
