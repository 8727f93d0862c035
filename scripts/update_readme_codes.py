"""Regenerate README's finding-code table from the program's code catalog (klisting.model.codes)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from klisting.validate.render import codes_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"
BLOCK = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.DOTALL)


def updated(text: str) -> str:
    """README with the table between the markers regenerated (raises when a marker is missing)."""
    if len(BLOCK.findall(text)) != 1:
        raise SystemExit(f"README must hold {START} and {END} once each, on their own lines")
    return BLOCK.sub(lambda _: f"{START}\n{codes_markdown()}\n{END}", text)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
    print("README finding codes updated")
