"""Rewrite quantities for a market: "500ml" -> "16.9 fl oz (500 ml)" (us) or "500 ml" (tw).

The hot path multiplies by factors derived from pint once (``tables.base_factor``) and caches
the formatted result per (quantity, market), so a catalog of similar titles costs little.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from klisting.markets.markets import get_market
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding
from klisting.units.counts import localize_count
from klisting.units.extract import QuantityMatch, extract_quantities
from klisting.units.formatting import format_number
from klisting.units.geun import resolve_geun
from klisting.units.tables import METRIC_UNITS, base_factor
from klisting.units.targets import metric_parts, us_parts

GEUN_FINDING = "units.geun-ambiguous"
declare(
    Code(
        GEUN_FINDING,
        Severity.ERROR,
        None,
        "근 without a category: 600 g for meat, 375 g for fruit and vegetables",
        "Set the product's category (e.g. 정육 or 채소) or pass --geun meat|produce.",
    ),
    Code(
        "units.number-ambiguous",
        Severity.WARNING,
        None,
        "A number reads two ways (a list of values or one grouped number); it is left as written",
        "Write a list with a space after each comma (230, 240, 250mm) or one number without "
        "commas (230240mm).",
    ),
)


@dataclass(slots=True)
class ConvertedMatch:
    """One quantity and the string it became for the market."""

    match: QuantityMatch
    converted: str

    def to_json(self) -> dict[str, object]:
        return {**self.match.to_json(), "converted": self.converted}


@dataclass(slots=True)
class ConvertedText:
    """A text with every quantity rewritten, the matches, and findings (ambiguous 근 ...)."""

    text: str
    matches: list[ConvertedMatch] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "matches": [m.to_json() for m in self.matches],
            "findings": [f.to_json() for f in self.findings],
        }


def convert_match(
    match: QuantityMatch,
    market: str,
    *,
    category: str | None = None,
    geun: str | None = None,
    keep_counts: bool = False,
    context_text: str = "",
) -> str:
    """The localized string for one quantity in ``market``.

    Args:
        match: a quantity from ``extract_quantities``.
        market: market code (``us``, ``tw`` ...).
        category: the product's category; decides which 근 is meant (meat 600 g, produce 375 g).
        geun: explicit 근 choice (``meat``/``produce``/``600g``/``375g``), wins over category.
        keep_counts: return count words ("100개입") unchanged instead of in the listing language.
        context_text: the surrounding text, used for the 근 choice when nothing else says.

    Returns:
        The converted text; the source text unchanged for an ambiguous 근 or a number that
        reads two ways (never a guess).
    """
    if match.shape == "unsure":
        return match.source
    if match.kind == "count":
        if keep_counts:
            return match.source
        return localize_count(match.value * match.count_multiplier, match.spelling, market)
    produce = False
    if match.unit == "geun":
        choice = resolve_geun(category, geun, context_text)
        if choice is None:
            return match.source
        produce = choice == "produce"
    return _convert(match.values, match.unit, match.kind, match.shape, market, produce)


@lru_cache(maxsize=65536)
def _convert(
    values: tuple[float, ...], unit: str, kind: str, shape: str, market: str, produce: bool
) -> str:
    spec = get_market(market)
    base = tuple(v * base_factor(unit, kind, produce) for v in values)
    exact = unit in METRIC_UNITS
    metric_values, metric_symbol = metric_parts(base, unit, kind)
    metric = _join(metric_values, metric_symbol, shape, spec.locale, exact)
    imperial = us_parts(base, unit, kind)
    if spec.unit_system == "us":
        if imperial is None:
            return metric
        us_values, us_symbol, native = imperial
        text = _join(us_values, us_symbol, shape, spec.locale, native)
        # a seller who already wrote US units needs no metric echo
        return text if native else f"{text} ({metric})"
    if imperial is not None and imperial[2]:
        # metric markets: metric first, the seller's own inches / ounces kept for reference
        return f"{metric} ({_join(imperial[0], imperial[1], shape, spec.locale, True)})"
    return metric


_GLUE = {"dims": " x ", "range": "-", "list": ", "}


def _join(values: tuple[float, ...], symbol: str, shape: str, locale: str, exact: bool) -> str:
    numbers = [format_number(v, locale, exact=exact) for v in values]
    return f"{_GLUE.get(shape, '-').join(numbers)} {symbol}"


def convert_text(
    text: str, market: str, *, category: str | None = None, geun: str | None = None
) -> ConvertedText:
    """Rewrite every quantity in ``text`` for ``market``; count words stay as written.

    Args:
        text: Korean (or already translated) text.
        market: market code.
        category: product category (decides 근).
        geun: explicit 근 choice (``meat`` or ``produce``).

    Returns:
        The converted text, each match with its converted string, and findings: an error
        ``units.geun-ambiguous`` when a 근 cannot be resolved (the text keeps the 근).
    """
    get_market(market)  # unknown market -> UsageError before any work
    result = ConvertedText(text="")
    pieces: list[str] = []
    cursor = 0
    for match in extract_quantities(text):
        converted = convert_match(
            match, market, category=category, geun=geun, keep_counts=True, context_text=text
        )
        if match.unit == "geun" and converted == match.source:
            result.findings.append(_geun_finding(match))
        elif match.shape == "unsure":
            result.findings.append(_unsure_finding(match))
        result.matches.append(ConvertedMatch(match, converted))
        pieces.append(text[cursor : match.span[0]])
        pieces.append(converted)
        cursor = match.span[1]
    pieces.append(text[cursor:])
    result.text = "".join(pieces)
    return result


def _geun_finding(match: QuantityMatch) -> Finding:
    return finding(
        GEUN_FINDING, f"'{match.source}': 근 is 600 g for meat but 375 g for fruit and vegetables"
    )


def _unsure_finding(match: QuantityMatch) -> Finding:
    return finding(
        "units.number-ambiguous",
        f"'{match.source}' reads more than one way (one grouped number, a list of values "
        "sharing the unit, or separate numbers): left as written",
    )
