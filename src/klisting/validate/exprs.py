"""Building blocks for check screens: polars expressions that agree with Python's semantics.

Polars runs Rust's regex engine, whose ``\\s``, ``\\w``/``\\b`` and case folding differ from
Python's ``re`` at the edges (``\\x1c``-``\\x1f`` are whitespace to Python, not to Rust). A
screen may only over-select, so these helpers spell Python's classes out character by character
instead of relying on the engine's shorthands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

#: a screen's access to the catalog's cells: reader field -> its column (null when absent)
Cell = Callable[[str], pl.Expr]


def char_class(chars: Iterable[str]) -> str:
    """A regex character class matching exactly ``chars`` (each written as \\x{HEX})."""
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(set(chars))) + "]"


#: Python's str.isspace() set, which is also re's \\s (a test recomputes it over all of Unicode)
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: the same set inside a character class: f"[^{SPACE}...]"
SPACE = char_class(PY_WHITESPACE)[1:-1]
#: the control characters klisting flags in SKUs and titles (checks_text.CONTROL)
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
#: the non-ASCII letters Python's re.IGNORECASE folds onto ASCII ones (İ ı ſ K)
FOLDS_TO_ASCII = "[\u0130\u0131\u017f\u212a]"


def has(value: pl.Expr, pattern: str) -> pl.Expr:
    """True where the (non-null) cell contains ``pattern``; False for an empty cell."""
    return value.str.contains(pattern).fill_null(False)


def whole_number(value: pl.Expr) -> pl.Expr:
    """The cell as an integer when it is plain ASCII digits (up to 18), else null."""
    return (
        pl.when(value.str.contains(r"^[0-9]{1,18}$")).then(value.cast(pl.Int64, strict=False))
    ).otherwise(None)


def any_of(masks: Iterable[pl.Expr]) -> pl.Expr:
    masks = list(masks)
    return pl.any_horizontal(masks) if masks else pl.lit(False)
