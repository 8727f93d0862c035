"""The fact oracle of bench_facts.py: compares exported listing text with its Korean source.

Written apart from klisting: it imports nothing from ``klisting``; its number, unit, negation
and certification rules are its own (narrower than klisting's, so a disagreement is a finding
to look at, not an echo). Conversions are checked with a fresh pint registry.

A field is one (target, SKU, title | description | option value) pair. Kinds of wrong fact:

- ``number missing``: a number of the source is neither in the output nor converted there;
- ``number added``: a number in the output that the source lacks and no conversion explains;
- ``wrong conversion``: a quantity in the output whose value matches no source quantity of its
  dimension (a cm value written as inches with the wrong number, ml as g ...);
- ``negation lost`` / ``negation added``: per paragraph (and per clause when both sides split
  the same way), a negation of the source missing in the output, or one the source lacks;
- ``size changed``: an option size exported as another size than the source's (a letter size
  for 55/66/77 must be the usual one; a shoe size must keep its millimetres or map correctly);
- ``certification invented`` / ``certification changed``: a certification or rating (KC, SPF,
  PA, IPX, dermatologist tested, certified) the source lacks, or written differently (SPF50+ ->
  SPF50, PA++++ -> PA++);
- ``declaration wrong``: a structured declaration contradicting the source text (batteries
  included where the source says 배터리 미포함).

Korean left in an output is counted apart (it is not a wrong fact: it was kept as written).
"""

from __future__ import annotations

import csv
import glob
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product as cartesian
from pathlib import Path

import pint

UREG = pint.UnitRegistry()
HANGUL = re.compile(r"[\uac00-\ud7a3]")
TAG = re.compile(r"<[^>]+>")

# ------------------------------------------------------------------ units (the oracle's own)
# source-side unit words -> pint units (several when the word is ambiguous)
SOURCE_UNITS: dict[str, tuple[str, ...]] = {
    "mm": ("mm",), "cm": ("cm",), "m": ("m",), "km": ("km",), "kg": ("kg",), "g": ("g",),
    "mg": ("mg",), "ml": ("ml",), "l": ("l",), "mah": ("mA*h",), "wh": ("W*h",), "w": ("W",),
    "v": ("V",), "a": ("A",), "hz": ("Hz",), "ms": ("ms",), "인치": ("inch",), "키로": ("kg", "km"),
    "킬로": ("kg", "km"), "미리": ("ml", "mm"), "그람": ("g",), "리터": ("l",), "센치": ("cm",),
    "근": ("600 g", "375 g"), "%": ("percent",), "평": ("400/121 m**2",), "m2": ("m**2",),
}  # fmt: skip
# output-side unit words (en/zh/ja/es as klisting writes them) -> pint
OUTPUT_UNITS: dict[str, str] = {
    "mm": "mm", "cm": "cm", "m": "m", "km": "km", "kg": "kg", "g": "g", "mg": "mg", "ml": "ml",
    "l": "l", "m2": "m**2", "sq ft": "ft**2", "fl oz": "fluid_ounce", "oz": "ounce", "lb": "lb", "lbs": "lb", "gal": "gallon", "in": "inch",
    "inch": "inch", "inches": "inch", "ft": "ft", "mah": "mA*h", "wh": "W*h", "w": "W", "v": "V",
    "a": "A", "hz": "Hz", "ms": "ms", "%": "percent", "公斤": "kg", "公克": "g", "毫升": "ml",
    "公分": "cm", "英寸": "inch", "吋": "inch", "インチ": "inch",
}  # fmt: skip
_SRC_UNIT_RE = "|".join(sorted(map(re.escape, SOURCE_UNITS), key=len, reverse=True))
_OUT_UNIT_RE = "|".join(sorted(map(re.escape, OUTPUT_UNITS), key=len, reverse=True))
NUMBER = r"\d+(?:[.,]\d+)*"
SRC_QTY = re.compile(rf"(?<![\d.,])({NUMBER})(?:\s*({_SRC_UNIT_RE})(?![a-z]))?", re.IGNORECASE)
OUT_QTY = re.compile(rf"(?<![\d.,])({NUMBER})(?:\s*({_OUT_UNIT_RE})(?![a-z]))?", re.IGNORECASE)
# a unit written once after several numbers: W120xD60xH75cm, 120*60*75, 230/240/250mm, 가로120 세로60 높이75cm
SHARED_UNIT = re.compile(
    rf"((?:[A-Za-z가-힣]{{0,2}}\s?{NUMBER}\s*(?:[x*×/~\-]|,\s|\s)\s*)+[A-Za-z가-힣]{{0,2}}\s?{NUMBER})"
    r"\s*(mm|cm|m|ml|g|kg|인치)(?![a-z])",
    re.IGNORECASE,
)
# tokens whose digits are part of a name, not a quantity
NAME_TOKENS = re.compile(
    r"IPX\d|SPF\s?\d+\+?|PA\++|USB\s?C?|R-R-[A-Z]+-\d+|\b[A-Z]{1,3}\d\b|\d\+\+"
)


@dataclass
class Qty:
    value: float
    text: str
    units: tuple[str, ...] = ()  # pint unit expressions; () = bare number
    shared: bool = False  # one unit written after several numbers (가로100 세로70 높이75cm)


def _value(text: str, lang: str) -> float:
    if lang == "es" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text) and lang != "es":
        return float(text.replace(",", ""))
    try:
        return float(text.replace(",", "."))
    except ValueError:  # a date or a version: 2026.12.31
        return float(re.split(r"[.,]", text)[0])


# promotions the termbase writes without their digits or with others (1+1 -> 2x1, 買一送一)
PROMO_SOURCE = re.compile(r"\b\d\+\d\b")
PROMO_OUTPUT = re.compile(r"\b\d\s?x\s?\d\b|\bBuy \d Get \d( Free)?|買.送.|\d\+\d", re.IGNORECASE)


# goods whose 근 is sold at 400, 500 or 600 g: any conversion of it is a guess
CHILLI = re.compile(r"고춧가루|고추가루|건고추|태양초")


def source_quantities(text: str) -> list[Qty]:
    text = PROMO_SOURCE.sub(" ", text)
    text = NAME_TOKENS.sub(" ", unicodedata.normalize("NFKC", text))
    out = []
    for group in SHARED_UNIT.finditer(text):
        numbers = re.findall(NUMBER, group.group(1))
        units = SOURCE_UNITS[group.group(2).lower()]
        for number in numbers:
            out.append(Qty(_value(number, "ko"), number + group.group(2), units, len(numbers) > 1))
    text = SHARED_UNIT.sub(" ", text)
    for m in SRC_QTY.finditer(text):
        unit = (m.group(2) or "").lower()
        units = SOURCE_UNITS.get(unit, ())
        if unit == "근" and CHILLI.search(text):
            units = ("chilli geun",)  # converts to nothing: a written mass would be a guess
        out.append(Qty(_value(m.group(1), "ko"), m.group(0), units))
    return out


OUT_SHARED = re.compile(
    rf"((?:{NUMBER}\s*[x×*\-]\s*)+{NUMBER})\s*({_OUT_UNIT_RE})(?![a-z])", re.IGNORECASE
)


def output_quantities(text: str, lang: str) -> list[Qty]:
    text = PROMO_OUTPUT.sub(" ", text)
    text = NAME_TOKENS.sub(" ", unicodedata.normalize("NFKC", text))
    out = []
    for group in OUT_SHARED.finditer(text):
        unit = OUTPUT_UNITS.get(group.group(2).lower())
        for number in re.findall(NUMBER, group.group(1)):
            out.append(
                Qty(_value(number, lang), f"{number} {group.group(2)}", (unit,) if unit else ())
            )
    text = OUT_SHARED.sub(" ", text)
    for m in OUT_QTY.finditer(text):
        unit = (m.group(2) or "").lower()
        pint_unit = OUTPUT_UNITS.get(unit)
        out.append(Qty(_value(m.group(1), lang), m.group(0), (pint_unit,) if pint_unit else ()))
    return out


def _decimals(text: str) -> int:
    m = re.search(r"[.,](\d+)\s*\D*$", text.strip())
    return len(m.group(1)) if m and len(m.group(1)) < 3 else 0


def _converts(src: Qty, out: Qty) -> bool:
    """True when ``out`` is ``src`` in another unit of its dimension, rounded as written."""
    for s_unit in src.units:
        if s_unit == "chilli geun":
            continue
        for o_unit in out.units:
            try:
                wanted = (src.value * UREG(s_unit)).to(o_unit).magnitude
            except pint.DimensionalityError:
                continue
            step = 10 ** -_decimals(out.text)
            if abs(wanted - out.value) <= step * 0.5 + 1e-9 or abs(
                wanted - out.value
            ) <= 0.011 * abs(wanted):
                return True
    return False


# temperatures: Korean writes Celsius as a bare 도; the oracle's own context words
SRC_TEMP = re.compile(r"(영하\s?)?(?:(\d+)\s?~\s?)?(\d+(?:\.\d+)?)\s?(?:도|℃|°C)(?![가-힣]{2})")
TEMP_CONTEXT = re.compile(r"물|보관|세탁|충전|냉동|냉장|온도|해동|가열|오븐|에어프라이어|조리")
OUT_FAHRENHEIT = re.compile(r"(?:(-?\d+)\s?(?:to|~|-)\s?)?(-?\d+)\s?°\s?F")
OUT_BARE_DEGREE = re.compile(r"(\d+)\s?°(?!\s?[CF])")


def temperature_problems(source: str, output: str, lang: str) -> tuple[list[str], str]:
    """Problems with temperatures, and ``output`` with its checked °F values taken out."""
    temps = [
        -float(v) if m.group(1) else float(v)
        for para in _paragraphs(source) if TEMP_CONTEXT.search(para)
        for m in SRC_TEMP.finditer(para) for v in m.groups()[1:] if v is not None
    ]  # fmt: skip
    if not temps:
        return [], output
    problems = []
    wanted = [c * 9 / 5 + 32 for c in temps]
    for m in OUT_FAHRENHEIT.finditer(output):
        for value in (v for v in m.groups() if v is not None):
            if not any(abs(w - float(value)) <= 1 for w in wanted):
                problems.append(f"wrong conversion: {m.group(0)}")
    if lang == "en":  # a US reader takes a bare degree for Fahrenheit
        for m in OUT_BARE_DEGREE.finditer(output):
            if float(m.group(1)) in [abs(t) for t in temps]:
                problems.append(f"temperature unit lost: {m.group(0)}")
    return problems, OUT_FAHRENHEIT.sub(" ", output)


def number_problems(source: str, output: str, lang: str) -> list[str]:
    problems, output = temperature_problems(source, output, lang)
    src, out = source_quantities(source), output_quantities(output, lang)
    src_values = [q.value for q in src]
    for q in out:
        same = [s for s in src if s.value == q.value]
        if not q.units:
            if not same and not any(_converts_bare(s, q) for s in src):
                problems.append(f"number added: {q.text.strip()}")
            continue
        if any(_converts(s, q) for s in src):
            continue
        if (
            same
            and any(not s.units or s.units == ("percent",) for s in same)
            and q.units == ("percent",)
        ):
            continue
        if same and all(not s.units for s in same):
            continue  # a bare source number that the output gave a unit: checked by 'unit' below
        problems.append(
            f"wrong conversion: {q.text.strip()}"
            if same or src_values
            else f"number added: {q.text.strip()}"
        )
    out_values = [q.value for q in out]
    converted = any(_converts(s, q) and s.units != q.units for s in src for q in out)
    for s in src:
        # "가로100 세로70 높이75cm": when the output converted the group, every member needs a unit
        if s.shared and converted and s.value in out_values:
            bare = not any(q.value == s.value and q.units for q in out)
            if bare and not any(_converts(s, q) for q in out if q.value != s.value):
                problems.append(f"unit lost: {s.text.strip()}")
                continue
        if s.value in out_values or any(_converts(s, q) for q in out):
            continue
        problems.append(f"number missing: {s.text.strip()}")
    return problems


def _converts_bare(src: Qty, out: Qty) -> bool:
    """A bare output number that is the magnitude of a conversion of a source quantity
    (the '47.2 x 23.6 x 29.5 in' of 'W120xD60xH75cm' carries its unit only once)."""
    for o_unit in ("inch", "lb", "fluid_ounce", "ounce", "ft", "cm", "g", "kg", "ml", "l"):
        if _converts(src, Qty(out.value, out.text, (o_unit,))):
            return True
    return False


# ------------------------------------------------------------------ negation (the oracle's own)
KO_NEGATION = re.compile(
    r"금지|불가|불필요|미포함|없음|없는|없습|없이|않|지\s*마|무향|무알콜|무첨가|무가당|무선|저소음|파라벤\s?프리|별도"
    r"|아니|아닙|아닌|아님|비추천|비권장|미제공|미지원|안\s*(?:되|돼|됩)|수\s*없|않"
)
OUT_NEGATION = {
    "en": re.compile(r"\b(?:no|not|without|free|prohibited|avoid|never|cannot|wireless|separately|excluded|unscented|alcohol-free)\b|n't|-free|\bnon-|less\b", re.I),
    "zh-Hant": re.compile(r"不|無|無|禁|勿|免|另購|另售|無線|低噪"),
    "ja": re.compile(r"ない|無|禁|不|なし|別売|ワイヤレス|フリー|ノン|控え|静音"),
    "es": re.compile(r"\b(?:no|sin|prohibid[oa]|evite|evitar|libre|inal[aá]mbric[oa]|aparte|separado|silencios[oa])\b", re.I),
}  # fmt: skip
STRICT_NEGATION = {
    "en": re.compile(r"\b(?:not|never|cannot|prohibited|do no)\b|n't", re.I),
    "zh-Hant": re.compile(r"請勿|禁止|不要|不可|不能|沒有"),
    "ja": re.compile(r"ないで|ません|禁止|しない|できない|不可"),
    "es": re.compile(r"\b(?:no|nunca|prohibid[oa])\b", re.I),
}
CLAUSE = re.compile(r"\s*(?:[,;.\n、，；。]|(?<=다)\s)\s*")


def _has(text: str, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(text))


def negation_problems(source: str, output: str, lang: str) -> list[str]:
    problems = []
    for number, (src, out) in enumerate(_aligned(source, output), 1):
        if _has(src, KO_NEGATION) and not (_has(out, OUT_NEGATION[lang]) or _has(out, KO_NEGATION)):
            problems.append(f"negation lost (part {number})")
        elif not _has(src, KO_NEGATION) and _has(out, STRICT_NEGATION[lang]):
            problems.append(f"negation added (part {number})")
    return problems


def _aligned(source: str, output: str) -> Iterator[tuple[str, str]]:
    src_paras, out_paras = _paragraphs(source), _paragraphs(output)
    if len(src_paras) != len(out_paras):
        yield " ".join(src_paras), " ".join(out_paras)
        return
    for src, out in zip(src_paras, out_paras, strict=True):
        src_parts = [p for p in CLAUSE.split(src) if p.strip()]
        out_parts = [p for p in CLAUSE.split(out) if p.strip()]
        if len(src_parts) > 1 and len(src_parts) == len(out_parts):
            yield from zip(src_parts, out_parts, strict=True)
        else:
            yield src, out


def _paragraphs(text: str) -> list[str]:
    text = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", text)
    return [p.strip() for p in TAG.sub("", text).split("\n") if p.strip()]


# ------------------------------------------------------------------ certifications
CERTS = {
    "KC": (re.compile(r"KC"), re.compile(r"\bKC\b")),
    "SPF": (re.compile(r"SPF\s?\d+\+?"), re.compile(r"SPF\s?\d+\+?")),
    "PA": (re.compile(r"PA\++"), re.compile(r"PA\++")),
    "IPX": (re.compile(r"IPX\d"), re.compile(r"IPX\d")),
    "dermatologist": (re.compile(r"피부과"), re.compile(r"dermatolog|皮膚科|皮膚|dermatol", re.I)),
    "certified": (
        re.compile(r"인증|테스트 완료|완료"),
        re.compile(r"certif|認證|認証|认证|certificad", re.I),
    ),
    "organic": (
        re.compile(r"유기농|오가닉"),
        re.compile(r"organic|有機|オーガニック|orgánic", re.I),
    ),
    "hypoallergenic": (
        re.compile(r"저자극|알러지"),
        re.compile(r"hypoallergen|低敏|低刺激|hipoalerg", re.I),
    ),
}


PENDING = re.compile(r"예정|준비\s?중|출원|신청\s?중")
SAYS_PENDING = re.compile(
    r"pending|planned|in progress|applied|預計|準備|申請|予定|準備中|出願|pendiente|previst|en proceso|solicitad",
    re.I,
)


def certification_problems(source: str, output: str) -> list[str]:
    src = unicodedata.normalize("NFKC", source)
    problems = []
    if (
        PENDING.search(src)
        and CERTS["certified"][1].search(output)
        and not SAYS_PENDING.search(output)
    ):
        problems.append("certification invented: pending in the source")
    for name, (in_source, in_output) in CERTS.items():
        found = in_output.findall(output)
        if not found:
            continue
        wanted = in_source.findall(src)
        if not wanted:
            problems.append(f"certification invented: {found[0]}")
        elif name in ("SPF", "PA", "IPX"):
            norm = {w.replace(" ", "") for w in wanted}
            for got in found:
                if got.replace(" ", "") not in norm:
                    problems.append(f"certification changed: {got}")
    return problems


# ------------------------------------------------------------------ sizes
LETTER_FOR_KOREAN = {"44": "XS", "55": "S", "66": "M", "77": "L", "88": "XL"}


def size_problems(source: str, output: str) -> list[str]:
    src = unicodedata.normalize("NFKC", source).strip()
    out = output.strip()
    if src.lower() == out.lower() or out.lower() in (src.lower() + "mm", src.lower() + " mm"):
        return []
    kept = re.fullmatch(r"(.+?)\s*\(KR\s*(\d+)\)", out)  # "S (KR 55)", "38 (KR 240)"
    if kept:
        if kept.group(2) != re.sub(r"\D", "", src):
            return [f"size changed: {src} -> {out}"]
        out = kept.group(1)
        millimetres = src.removesuffix("mm")
        if out.isdigit() and millimetres.isdigit() and int(millimetres) >= 200:
            eu = (int(millimetres) / 10 + 1.5) * 1.5  # Mondopoint to Paris points
            return [] if abs(eu - int(out)) <= 1 else [f"size changed: {src} -> {output}"]
    if src in LETTER_FOR_KOREAN and re.fullmatch(r"[SMLX]{1,3}", out, re.I):
        return [] if LETTER_FOR_KOREAN[src] == out.upper() else [f"size changed: {src} -> {out}"]
    if src.upper() in ("FREE", "프리", "프리사이즈"):
        ok = re.search(r"free|one size|均碼|フリー|talla única", out, re.I)
        return [] if ok else [f"size changed: {src} -> {out}"]
    src_numbers = re.findall(r"\d+", src)
    if src_numbers and src_numbers != re.findall(r"\d+", out)[: len(src_numbers)]:
        return [f"size changed: {src} -> {out}"]
    return []


# ------------------------------------------------------------------ source and bundles
@dataclass
class SourceProduct:
    sku: str
    title: str
    description: str
    axes: list[tuple[str, list[str]]]
    certifications: str

    def combinations(self) -> list[dict[str, str]]:
        if not self.axes:
            return []
        names = [name for name, _ in self.axes]
        return [
            dict(zip(names, combo, strict=True)) for combo in cartesian(*(v for _, v in self.axes))
        ]


def read_source(path: Path) -> dict[str, SourceProduct]:
    out = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            names = [n for n in row["옵션명"].split("\n") if n]
            values = [v.split(",") for v in row["옵션값"].split("\n") if v]
            out[row["판매자 상품코드"]] = SourceProduct(
                row["판매자 상품코드"], row["상품명"], row["상세설명"],
                list(zip(names, values, strict=False)), row["상품정보제공고시 인증허가사항"],
            )  # fmt: skip
    return out


@dataclass
class Exported:
    target: str
    lang: str
    sku: str
    title: str
    description: str
    # (axis name in the source, source value, exported value)
    options: list[tuple[str, str, str]] = field(default_factory=list)
    declarations: dict[str, object] = field(default_factory=dict)


TARGET_LANG = {"amazon-us": "en", "shopee-tw": "zh-Hant", "qoo10-jp": "ja", "miravia-es": "es"}
SIZE_AXES = ("사이즈", "크기")


def read_bundles(root: Path, source: dict[str, SourceProduct]) -> list[Exported]:
    out: list[Exported] = []
    out += _amazon(root / "amazon-us", source)
    out += _shopee(root / "shopee-tw", source)
    out += _qoo10(root / "qoo10-jp")
    out += _miravia(root / "miravia-es", source)
    return out


def _axis(source: SourceProduct, kind: str) -> str | None:
    for name, _ in source.axes:
        if (kind == "size") == (name in SIZE_AXES):
            return name
    return None


def _amazon(folder: Path, source: dict[str, SourceProduct]) -> list[Exported]:
    files = {
        Path(f).stem: json.loads(Path(f).read_text())
        for f in glob.glob(f"{folder}/listings/*.json")
    }
    out = []
    for sku, product in source.items():
        doc = files.get(sku)
        if doc is None:
            continue
        a = doc["attributes"]
        item = Exported(
            "amazon:us", "en", sku, a["item_name"][0]["value"], a["product_description"][0]["value"]
        )
        if "batteries_included" in a:
            item.declarations["batteries_included"] = a["batteries_included"][0]["value"]
        for k, combo in enumerate(product.combinations(), 1):
            child = files.get(f"{sku}-{k:02d}", {}).get("attributes", {})
            for kind in ("size", "color"):
                axis = _axis(product, kind)
                if axis and kind in child:
                    item.options.append((axis, combo[axis], child[kind][0]["value"]))
        out.append(item)
    return out


def _shopee(folder: Path, source: dict[str, SourceProduct]) -> list[Exported]:
    path = folder / "add_item.json"
    if not path.exists():
        return []
    out = []
    for entry in json.loads(path.read_text())["items"]:
        item = entry["add_item"]
        sku = item["item_sku"]
        exported = Exported("shopee:tw", "zh-Hant", sku, item["item_name"], item["description"])
        tiers = (entry.get("init_tier_variation") or {}).get("standardise_tier_variation", [])
        for (axis, values), tier in zip(source[sku].axes, tiers, strict=False):
            for value, option in zip(values, tier["variation_option_list"], strict=False):
                exported.options.append((axis, value, option["variation_option_name"]))
        out.append(exported)
    return out


def _qoo10(folder: Path) -> list[Exported]:
    path = folder / "set_new_goods.json"
    if not path.exists():
        return []
    return [
        Exported("qoo10:jp", "ja", p["SellerCode"], p["ItemTitle"], p["ItemDescription"])
        for p in json.loads(path.read_text())["products"]
    ]


def _miravia(folder: Path, source: dict[str, SourceProduct]) -> list[Exported]:
    path = folder / "ProductListingUpdate_basic_klisting.csv"
    if not path.exists():
        return []
    by_parent: dict[str, Exported] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            sku = row["ParentSku"] or row["SellerSku"]
            product = source[sku]
            item = by_parent.get(sku)
            if item is None:
                item = by_parent[sku] = Exported(
                    "miravia:es", "es", sku, row["Title"], row["Description"]
                )
            combos = product.combinations()
            index = int(row["SellerSku"].rsplit("-", 1)[1]) - 1 if row["SellerSku"] != sku else -1
            if 0 <= index < len(combos):
                for (axis, _), column in zip(
                    product.axes, ("Variation1Value", "Variation2Value"), strict=False
                ):
                    item.options.append((axis, combos[index][axis], row[column]))
    return list(by_parent.values())


# ------------------------------------------------------------------ scoring
BATTERY_ABSENT = re.compile(r"(?:배터리|건전지)\s*(?:는\s*)?(?:미포함|불포함|없음|별도)")


@dataclass
class Score:
    fields: int = 0
    korean_left: int = 0
    wrong: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, where: str) -> None:
        self.wrong.setdefault(kind, []).append(where)

    @property
    def wrong_fields(self) -> int:
        return len({w for items in self.wrong.values() for w in items})


def check_text(score: Score, where: str, source: str, output: str, lang: str) -> None:
    score.fields += 1
    if HANGUL.search(TAG.sub("", output)):
        score.korean_left += 1
    problems = number_problems(TAG.sub(" ", source), TAG.sub(" ", output), lang)
    problems += negation_problems(source, output, lang)
    problems += [
        p for src, out in _aligned(source, output) for p in certification_problems(src, out)
    ]
    for problem in problems:
        score.add(problem.split(":")[0].split(" (")[0], f"{where}: {problem}")


def score_exports(source: dict[str, SourceProduct], exports: list[Exported]) -> Score:
    score = Score()
    for item in exports:
        src = source[item.sku]
        where = f"{item.target} {item.sku}"
        check_text(score, f"{where} title", src.title, item.title, item.lang)
        check_text(score, f"{where} description", src.description, item.description, item.lang)
        for axis, value, output in item.options:
            score.fields += 1
            problems = size_problems(value, output) if axis in SIZE_AXES else []
            problems += number_problems(value, output, item.lang) if axis not in SIZE_AXES else []
            for problem in problems:
                score.add(
                    problem.split(":")[0],
                    f"{where} option {axis}={value!r}: {problem} ({output!r})",
                )
        if "batteries_included" in item.declarations:
            score.fields += 1
            said_absent = BATTERY_ABSENT.search(src.title + src.description)
            if said_absent and item.declarations["batteries_included"] is True:
                score.add(
                    "declaration wrong",
                    f"{where} batteries_included=True but source: {said_absent.group(0)}",
                )
    return score
