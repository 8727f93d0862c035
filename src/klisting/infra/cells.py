"""Spreadsheet cells that cannot run: formula neutralisation for every CSV, TSV and XLSX written.

A listing file is opened in Excel, LibreOffice or Google Sheets by the seller or an agency
before it is uploaded. A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) is read there as a formula, so a title such as
``=HYPERLINK("http://evil", "sale")`` would run. OWASP's CSV injection guidance
(https://owasp.org/www-community/attacks/CSV_Injection) is to prefix such a cell with a single
quote; in XLSX the same text is stored as a string cell with the ``quotePrefix`` style, which
keeps the visible text exactly as it was and stays text when the cell is edited.

A plain number (``-5``, ``+3.5``) is no formula and is left alone: prefixing it would turn a
price or a stock delta into text.
"""

from __future__ import annotations

import re
from typing import Any

#: first characters a spreadsheet reads as the start of a formula (OWASP list)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# control characters XLSX cannot hold (the same set openpyxl refuses)
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: object) -> bool:
    """True when a spreadsheet would read ``value`` as a formula."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    )


def csv_cell(value: Any) -> Any:
    """``value`` safe for a CSV/TSV cell: a formula-like text gets a leading single quote."""
    return "'" + value if is_formula_like(value) else value


def csv_row(row: list[Any]) -> list[Any]:
    """Every cell of ``row`` through :func:`csv_cell`."""
    return [csv_cell(value) for value in row]


def xlsx_escape(value: str) -> str:
    """Control characters as XLSX's own ``_xHHHH_`` escape (openpyxl refuses them raw).

    Excel and calamine turn the escape back into the character, so nothing is lost; writing
    the raw character made openpyxl raise IllegalCharacterError and abort the whole bundle.
    """
    return _XLSX_ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)


def set_xlsx_cell(cell: Any, value: Any) -> None:
    """Store ``value`` in an openpyxl cell so that it can never be a formula.

    Text is always a string cell (``data_type = "s"``); a formula-like text also gets the
    ``quotePrefix`` style, so Excel keeps it text when someone edits the cell.
    """
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = xlsx_escape(value)
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
