"""Regenerate README's finding-code table from the checks themselves (see tests/foundation)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from klisting.validate.render import codes_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- codes:start -->\n).*?(\n<!-- codes:end -->)", re.DOTALL)


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + codes_markdown() + m.group(2), text)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
    print("README finding codes updated")
