"""Find every quantity in a Korean string: "500ml", "30x20x10cm", "10~15cm", "한 근", "100개입".

One precompiled regular expression finds the candidates; a few cheap checks drop what only
looks like a quantity (``3M`` the brand, ``5 in 1``, ``2개월``). Model numbers, ``SPF50+``,
``100%`` and durations such as ``3분`` are never matched. Conversion is in
``klisting.units.convert``; this module only reads.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from klisting.units.tables import COUNT_WORDS, SPELLINGS

#: Korean numeral words accepted before traditional units ("한 근", "반 근", "두 돈")
KOREAN_NUMERALS = {"한": 1.0, "두": 2.0, "세": 3.0, "네": 4.0, "다섯": 5.0, "반": 0.5}
#: units a Korean numeral word may quantify; "말" is left out because "한 말" is usually "words said"
_NUMERAL_UNITS = ("근", "돈", "관", "냥", "되", "평")
#: a Hangul unit may be followed by these particles; anything else Hangul means another word
_PARTICLES = (
    "씩|짜리|입|용|형|에|의|은|는|을|를|이|가|과|와|로|으로|정도|내외|이상|이하|미만|당|묶음|중"
)
#: words just before 미리 that make it millimeters (thickness) rather than milliliters
_MM_HINT = re.compile(r"(두께|길이|폭|지름|직경|너비|굵기)\s*$")


def _trie(words: list[str]) -> str:
    """One regex for many words, as a prefix tree: far fewer attempts than a flat alternation.

    Greedy optional branches keep longest-match-first ("개입" before "개").
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(tree)


def _emit(node: dict[str, dict]) -> str:
    branches = []
    for char in sorted(key for key in node if key):
        piece = r"\s?" if char == " " else re.escape(char)
        branches.append(piece + _emit(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here: the longer words are optional
        return f"(?:{body})?"
    return body


def _has_hangul(word: str) -> bool:
    return any("가" <= char <= "힣" for char in word)


def _unit_alternation(spellings: list[str]) -> str:
    # units of Latin letters must not run into a following letter ("5 mlx" is not ml); x is
    # allowed so packs such as "1.2gx100개입" still split. Hangul units take only particles.
    latin = [s for s in spellings if not _has_hangul(s)]
    hangul = [s for s in spellings if _has_hangul(s)]
    return (
        rf"(?:{_trie(latin)})(?![A-WYZa-wyz])"
        rf"|(?:{_trie(hangul)})(?=[^가-힣]|$|(?:{_PARTICLES}))"
    )


_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)"
_ANY_UNIT = _unit_alternation(list(SPELLINGS))
_LEN_UNIT = _unit_alternation([s for s, (_, kind) in SPELLINGS.items() if kind == "length"])
_TIMES = r"\s*[xX×*]\s*"
_DASH = r"\s*[~∼〜\-–]\s*"

_PATTERN = re.compile(
    # the first lookahead lets the engine reject most positions on one character
    rf"(?=[0-9{''.join(sorted({w[0] for w in KOREAN_NUMERALS}))}])(?<![0-9.,_\-])(?<![0-9]/)"
    # a slash after a digit is a fraction or a date ("1/2컵"); after a unit it separates
    # alternatives ("5kg/10kg"), and each alternative is a quantity
    rf"(?<![A-WYZa-wyz])(?<![0-9][xX×*])(?:"
    rf"(?P<n1>{_NUM})(?:"
    # dimensions: 30x20x10cm, 30cm x 20cm, 200 x 230 cm (length units only)
    rf"(?:\s*(?:{_LEN_UNIT}))?{_TIMES}(?P<d2>{_NUM})"
    rf"(?:(?:\s*(?:{_LEN_UNIT}))?{_TIMES}(?P<d3>{_NUM}))?\s*(?P<du>{_LEN_UNIT})"
    # ranges: 10~15cm, 10cm-15cm
    rf"|(?:\s*(?:{_ANY_UNIT}))?{_DASH}(?P<r2>{_NUM})\s*(?P<ru>{_ANY_UNIT})"
    # single: 500ml, 1.2 kg, 100개입
    rf"|\s*(?P<su>{_ANY_UNIT}))"
    # Korean numeral word: 한 근, 반 근
    rf"|(?<![가-힣])(?P<k1>{'|'.join(KOREAN_NUMERALS)})\s?(?P<ku>{'|'.join(_NUMERAL_UNITS)})"
    rf"(?=[^가-힣]|$|(?:{_PARTICLES}))"
    r")",
    re.IGNORECASE,
)

# furniture style "W120 x D60 x H75cm": each number may carry a width/depth/height/length letter
_LABEL = r"[WDHL]\s?:?\s?"
_LABELLED = re.compile(
    rf"(?<![A-Za-z0-9]){_LABEL}(?P<a>{_NUM})(?:\s*(?:{_LEN_UNIT}))?{_TIMES}{_LABEL}(?P<b>{_NUM})"
    rf"(?:(?:\s*(?:{_LEN_UNIT}))?{_TIMES}{_LABEL}(?P<c>{_NUM}))?\s*(?P<u>{_LEN_UNIT})",
    re.IGNORECASE,
)
_MAYBE_LABELLED = re.compile(r"(?<![A-Za-z0-9])[WDHL]\s?:?\s?\d", re.IGNORECASE)

# Korean-labelled dimensions with the unit written once, after the last: "가로100 세로70 높이75cm",
# "폭 60, 깊이 40, 높이 80cm". Each label keeps its number, so each number is its own quantity.
_DIM_LABEL = r"(?:가로|세로|높이|폭|깊이|길이|너비|지름|직경|[WDH])\s?:?\s?"
_LABEL_SEP = r"\s*[,xX×*]?\s*"
_SHARED_DIMS = re.compile(
    rf"(?<![0-9A-Za-z가-힣]){_DIM_LABEL}\d+(?:\.\d+)?"
    rf"(?:{_LABEL_SEP}(?<![0-9A-Za-z가-힣]){_DIM_LABEL}\d+(?:\.\d+)?)+\s*(?P<u>{_LEN_UNIT})",
    re.IGNORECASE,
)
_LABELLED_NUMBER = re.compile(rf"{_DIM_LABEL}(?P<n>\d+(?:\.\d+)?)", re.IGNORECASE)
_MAYBE_SHARED_DIMS = re.compile(r"(?:가로|세로|높이|폭|깊이|길이|너비|지름|직경|[WDH])\s?:?\s?\d")

# a list of numbers sharing one unit: "230, 240, 250mm", "2.5/5/10kg", "230,240,250mm"
_PLAIN = r"\d+(?:\.\d+)?"
_LIST = re.compile(
    rf"(?<![0-9.,/_\-])(?P<items>{_PLAIN}(?:\s*[,/]\s*{_PLAIN})+)\s*(?P<u>{_ANY_UNIT})",
    re.IGNORECASE,
)
_MAYBE_LIST = re.compile(r"\d\s*[,/]\s*\d")


class QuantityMatch(NamedTuple):
    """One quantity found in a text.

    Attributes:
        span: (start, end) character offsets in the text.
        source: the text as written, e.g. ``"1,200g"``.
        values: the number(s): one, two for a range, two or three for dimensions.
        unit: pint unit name (``"gram"``, ``"geun"``) or ``"count"`` for count words.
        kind: mass, volume, length, area or count.
        shape: single, range, dims, list ("230, 240, 250mm": one unit for every value) or
            unsure: a number that reads two ways ("230,240,250mm": a list, or 230 million mm?),
            which a converter must leave as written.
        spelling: the unit as written (``"개입"``, ``"mI"``), for count words and notes.
    """

    span: tuple[int, int]
    source: str
    values: tuple[float, ...]
    unit: str
    kind: str
    shape: str = "single"
    spelling: str = ""

    @property
    def value(self) -> float:
        """The first (or only) value."""
        return self.values[0]

    @property
    def count_multiplier(self) -> int:
        """Items per count word (접 = 100, 판 = 30), 1 for other words and for non-counts."""
        return COUNT_WORDS.get(self.spelling.lower(), 1) if self.kind == "count" else 1

    def to_json(self) -> dict[str, object]:
        """JSON form: span, source, value (a number, or a list for ranges and dimensions), unit, kind."""
        values = [_plain(v) for v in self.values]
        return {
            "span": list(self.span),
            "source": self.source,
            "value": values[0] if len(values) == 1 else values,
            "unit": self.unit,
            "kind": self.kind,
            "shape": self.shape,
        }


def _plain(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _number(text: str) -> float:
    if "," not in text:
        return float(text)
    # "1,200" groups thousands; "1,5" (one or two digits after the comma) is a decimal comma
    if "," in text and "." not in text and re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


#: "2G" to "6G" in capitals are mobile network generations in phone and router listings
_NETWORK_GENERATIONS = frozenset("23456")

_Parsed = tuple[tuple[float, ...], str, str, str, str]
#: matched text -> (values, unit, kind, shape, spelling), or None when it is not a quantity.
#: The parse depends only on the matched text, and titles repeat "500ml" endlessly.
_PARSED: dict[str, _Parsed | None] = {}
_PARSED_MAX = 200_000


def _parse(found: re.Match[str]) -> _Parsed | None:
    spelling = found["su"]
    if spelling is not None:
        return _parsed(found, (found["n1"],), spelling, "single")
    if found["du"] is not None:
        numbers = tuple(n for n in (found["n1"], found["d2"], found["d3"]) if n)
        return _parsed(found, numbers, found["du"], "dims")
    if found["ru"] is not None:
        return _parsed(found, (found["n1"], found["r2"]), found["ru"], "range")
    unit, kind = SPELLINGS[found["ku"]]
    return (KOREAN_NUMERALS[found["k1"]],), unit, kind, "single", found["ku"]


def _parsed(
    found: re.Match[str], numbers: tuple[str, ...], spelling: str, shape: str
) -> _Parsed | None:
    if spelling == "M" or (spelling.lower() == "in" and not found.group(0)[-3].isdigit()):
        return None  # "3M" is a brand; "5 in 1" is not five inches
    if spelling == "G" and numbers[0] in _NETWORK_GENERATIONS:
        return None  # "5G 스마트폰", "4G LTE" name a mobile network, not grams
    unit, kind = SPELLINGS[" ".join(spelling.lower().split())]
    return tuple(map(_number, numbers)), unit, kind, shape, spelling


def extract_quantities(text: str) -> list[QuantityMatch]:
    """Every quantity in ``text`` in order, with spans; never raises on any string.

    Args:
        text: a product title, option value or description sentence.

    Returns:
        The matches, non-overlapping, left to right. Count words ("100개입") come back with
        kind ``count`` so callers can keep them as counts.
    """
    if not text:
        return []
    matches = []
    for found in _PATTERN.finditer(text):
        source = found.group(0)
        try:
            parsed = _PARSED[source]
        except KeyError:
            parsed = _parse(found)
            if len(_PARSED) < _PARSED_MAX:
                _PARSED[source] = parsed
        if parsed is None or _is_in_one(text, found) or _is_rate(text, found.end()):
            continue
        values, unit, kind, shape, spelling = parsed
        if spelling == "미리" and _MM_HINT.search(text[max(0, found.start() - 8) : found.start()]):
            unit, kind = "millimeter", "length"  # "두께 5미리" is a thickness, not a volume
        matches.append(QuantityMatch(found.span(), source, values, unit, kind, shape, spelling))
    if _MAYBE_LABELLED.search(text):
        matches = _with_labelled(text, matches)
    if _MAYBE_LIST.search(text):
        matches = _with_lists(text, matches)
    if _MAYBE_SHARED_DIMS.search(text):
        matches = _with_shared_dimension_unit(text, matches)
    return matches


def _with_shared_dimension_unit(text: str, matches: list[QuantityMatch]) -> list[QuantityMatch]:
    """Give "가로100 세로70 높이75cm" its unit on every number, not only on the last.

    Without this only 75cm was converted: "width 100 length 70 height 29.5 in (75 cm)" reads
    as 100 inches. Numbers already inside a match (a unit of their own, W120xD60xH75cm) stay.
    """
    added = []
    for group in _SHARED_DIMS.finditer(text):
        spelling = group["u"]
        if spelling == "M":
            continue
        unit, kind = SPELLINGS[" ".join(spelling.lower().split())]
        for found in _LABELLED_NUMBER.finditer(text, group.start(), group.start("u")):
            start, end = found.span("n")
            if not text[end : group.start("u")].strip():
                end = group.end()  # the last number carries the unit ("H75cm")
            if any(m.span[0] < end and start < m.span[1] for m in matches):
                continue
            values = (float(found["n"]),)
            added.append(
                QuantityMatch((start, end), text[start:end], values, unit, kind, "single", spelling)
            )
    return sorted(matches + added, key=lambda m: m.span) if added else matches


def _is_in_one(text: str, found: re.Match[str]) -> bool:
    """True for "2in1" / "3in1": a product that is several in one, not a length in inches.

    Kept out of the parse cache because it depends on the character after the match.
    """
    unit = found["su"]
    end = found.end()
    return unit is not None and unit.lower() == "in" and text[end : end + 1].isdigit()


#: "/" then a unit: the quantity is the numerator of a rate or density (180g/m², 100ml/min)
_PER_UNIT = re.compile(r"\s?/\s?[A-Za-z\u00b5\u3380-\u33df]")


def _is_rate(text: str, end: int) -> bool:
    """True for "180g/m²" or "3kg/㎡": converting only the numerator would write "6.35 oz/m²".

    "5kg/10kg" (alternatives) and "500g/팩" (per pack) are quantities and stay.
    """
    return _PER_UNIT.match(text, end) is not None


def _with_labelled(text: str, matches: list[QuantityMatch]) -> list[QuantityMatch]:
    """Add "W120 x D60 x H75cm" dimensions; they replace any plain match inside their span."""
    labelled = []
    for found in _LABELLED.finditer(text):
        spelling = found["u"]
        unit, kind = SPELLINGS[" ".join(spelling.lower().split())]
        values = tuple(_number(n) for n in (found["a"], found["b"], found["c"]) if n)
        labelled.append(
            QuantityMatch(found.span(), found.group(0), values, unit, kind, "dims", spelling)
        )
    if not labelled:
        return matches
    kept = [
        m
        for m in matches
        if not any(m.span[0] < dim.span[1] and dim.span[0] < m.span[1] for dim in labelled)
    ]
    return sorted(kept + labelled, key=lambda m: m.span)


def _with_lists(text: str, matches: list[QuantityMatch]) -> list[QuantityMatch]:
    """Add lists of values sharing one unit; they replace the plain matches inside their span.

    Without this, "230, 240, 250mm" converted only its last value ("230, 240, 9.84 in"), and
    "230,240,250mm" parsed as one grouped number: 230,240,250 mm, "755,381 ft".
    """
    found_lists = []
    for found in _LIST.finditer(text):
        shape = _list_shape(found["items"])
        if shape is None:
            continue  # "1,200g" (thousands), "1/2컵" (a fraction): the plain parse stands
        spelling = found["u"]
        if spelling == "M":
            continue  # "3M" is a brand (see _parsed)
        unit, kind = SPELLINGS[" ".join(spelling.lower().split())]
        values = tuple(float(v) for v in re.findall(_PLAIN, found["items"]))
        found_lists.append(
            QuantityMatch(found.span(), found.group(0), values, unit, kind, shape, spelling)
        )
    if not found_lists:
        return matches
    kept = [
        m
        for m in matches
        if not any(m.span[0] < item.span[1] and item.span[0] < m.span[1] for item in found_lists)
    ]
    return sorted(kept + found_lists, key=lambda m: m.span)


#: values of one list differ less than this; "화이트 3, 500ml" is a count and a volume
_LIST_SPREAD = 20


def _list_shape(items: str) -> str | None:
    """ "list", "unsure", or None when the text is one number (or a fraction), not a list."""
    shape = _separated_shape(items)
    if shape == "list":
        values = [float(v) for v in re.findall(_PLAIN, items)]
        if min(values) <= 0 or max(values) / min(values) > _LIST_SPREAD:
            return "unsure"
    return shape


def _separated_shape(items: str) -> str | None:
    separators = re.findall(r"\s*[,/]\s*", items)
    parts = re.findall(_PLAIN, items)
    if all(sep == "," for sep in separators):
        later = parts[1:]
        if len(parts[0]) <= 2 and all(len(p) == 3 for p in later):
            return None  # "1,200" / "12,500": thousands, as _NUM reads them
        if len(parts) == 2 and len(parts[1]) <= 2 and "." not in items:
            return None  # "1,5": a decimal comma, as _NUM reads it
        if all(len(p) == 3 and "." not in p for p in later):
            return "unsure"  # "230,240,250" or "100,200": a list, or a number over 100,000?
        return "list"  # "230,2400": no reading of grouped thousands fits
    if all(sep.strip() == "/" for sep in separators):
        # "1/2" is a fraction ("1/2컵"); three or more values, or decimals, are a list
        return "list" if len(parts) >= 3 or any("." in p for p in parts) else None
    if all(sep.strip() == "," and sep != "," for sep in separators):
        return "list"  # "230, 240, 250": a space after each comma
    return "unsure"  # mixed separators ("230,240, 250")
