"""Unit conversion for text rendered into images (500ml -> 16.9 fl oz (500 ml) for a US buyer).

The units layer decides, through the same adapter the translation service uses
(``klisting.translate.quantities.find_quantities``), so an image says what the listing says.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from klisting.translate.quantities import find_quantities

# The translation service converts the quantities it protects; converting again would
# nest them ("16.9 fl oz (16.9 fl oz (500 ml))").
_ALREADY = re.compile(r"\d\s?(?:fl oz|oz|lb|in|ft|gal)\b")


def market_converter(market: str | None) -> Callable[[str], str] | None:
    """A text -> text converter for ``market``, or None without a market."""
    if not market:
        return None

    def convert(text: str) -> str:
        if _ALREADY.search(text):
            return text
        for span in sorted(find_quantities(text, market), key=lambda s: s.start, reverse=True):
            text = text[: span.start] + span.replacement + text[span.end :]
        return text

    return convert
