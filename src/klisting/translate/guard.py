"""The meaning guard: what a translation must keep, whatever engine wrote it.

A wrong fact is worse than no fact. Every engine output (glossary draft, Argos, DeepL,
LibreTranslate, an LLM) is checked against its source segment before it is used:

- **negation and absence** (금지, 불가, 불필요, 미포함, 없음, 무-/미-/비- words, 아니다, -지 않다,
  -지 마세요, 안/못): the output must carry a negation word of the target language (not/no/without/free/
  prohibited in English, 不/無/禁止/免 in Chinese, ない/禁止/不要/無 in Japanese ...). "냉장 보관
  금지" that comes back as "keep refrigerated" is the opposite instruction;
- **numbers and counts**: every number of the source is in the output, and the output has no
  number the source has not (2개 must not become "3 pcs" or "two");
- **units** written in Latin letters after a number (500ml, 30 g) keep their unit;
- **pending claims** (비건 인증 예정, 특허 출원 중) stay pending (``translate.claims``).

Brands, do-not-translate terms, SKUs and converted quantities travel as placeholders, which
:func:`klisting.translate.protect.restore` checks (a missing or repeated placeholder already
refuses the output). A segment that fails here is not used: it keeps its source text, gets a
``translate.meaning-check`` finding with the source and the refused output, and goes to review.
"""

from __future__ import annotations

import re
from functools import lru_cache

from klisting.model.codes import Code, declare
from klisting.model.finding import Severity
from klisting.translate.claims import pending_problems

MEANING_CHECK = "translate.meaning-check"
#: bumped whenever the guard refuses more: translations (whole fields, cached products) kept
#: under an older revision are then checked again instead of being served as they were
GUARD_REVISION = "3"


def revision() -> str:
    """What a stored translation was checked and converted by: the guard and the quantities."""
    from klisting.translate import quantities

    return f"g{GUARD_REVISION}q{quantities.REVISION}"


declare(
    Code(
        MEANING_CHECK,
        Severity.WARNING,
        None,
        "A translation lost a negation, a number or a unit of its source and was not used",
        "The source text was kept: write the translation in the review sheet "
        "(klisting run writes one next to the bundle) and run again with --apply-review.",
    )
)

_PLACEHOLDER = re.compile(r"⟦\s*\d+\s*⟧")

# Korean negation and absence. 무- only in words where it means "without" (무료 "free of
# charge", 무선 "wireless", 무첨가 "additive-free"), never 무늬 "pattern" or 무게 "weight".
_KO_NEGATION = re.compile(
    r"금지|금물|불가|불필요|불포함|제외|삼가"
    # 미- and 비- words that mean "not": 미제공 "not provided", 비추천 "not recommended"
    # (never 미니, 미백, 미세, 비누, 비타민: only the listed words)
    r"|미(?:포함|사용|첨가|제공|지원|발송|동봉|부착|인증|적용|출고)|비(?:추천|권장|매품|정품|식용)"
    # 아니다 "is not": 방수가 아닙니다, 정품이 아닌, 식품 아님 (not 피아니스트, 아니스)
    r"|아(?:니[다요라고며었야에]|닙|닌|님|녜|냐)"
    r"|없(?:[다음어이는고습으었]|$)|않|못(?:하|\s)|(?:^|[\s,.(])(?:안|못)\s+[가-힣]"
    r"|지\s*(?:마|말)[세십시고아라]?"
    r"|(?<![가-힣])무(?:료|첨가|향|알콜|알코올|설탕|선|소음|방부제|색소|취|독성|자극|염|농약|항생제"
    r"|파라벤|실리콘|봉제|당|지방|카페인|가당|형광|인공)"
    r"|논\s?슬립|노\s?슈가|제로"
)

# Words that carry a negation or an absence in each target language (lower-cased match).
_TARGET_NEGATION = {
    "en": r"\b(?:not?|non|none|never|without|cannot|free|prohibited|forbidden|avoid|unavailable"
    r"|excluded?|excluding|wireless|silent|noiseless|unscented|zero)\b|n't\b|\w-free\b|less\b|\bnon-",
    "zh": r"不|無|无|禁|勿|免|非|沒|没|未|別|别|零|除外",
    "ja": r"ない|無|禁|不|非|なし|無し|ず|ません|免|ノン|フリー|別売|除く|ゼロ|ワイヤレス|控え|遠慮",
    "es": r"\b(?:no|sin|prohibid[oa]s?|nunca|ni|libre|excepto|excluid[oa]s?|gratis|gratuit[oa]"
    r"|inal[aá]mbric[oa]s?|cero|evite|evitar)\b",
    "th": r"ไม่|ห้าม|ปราศจาก|ไร้|ฟรี|งด|ยกเว้น|หลีกเลี่ยง|ศูนย์",
    "vi": r"không|cấm|chưa|miễn|đừng|chẳng|ngoại trừ|tránh",
    "id": r"\b(?:tidak|tak|tanpa|dilarang|jangan|bebas|bukan|gratis|belum|kecuali|nirkabel|hindari|nol)\b",
    "ms": r"\b(?:tidak|tak|tanpa|dilarang|jangan|bebas|bukan|percuma|belum|kecuali|elakkan|sifar)\b",
}
_TARGET_NEGATION |= {
    "de": r"\b(?:nicht|kein\w*|ohne|nie|niemals|verboten|frei|kostenlos|gratis|vermeiden"
    r"|ausgenommen|null)\b|\w-?frei\b",
    "fr": r"\b(?:ne|n'|pas|sans|non|jamais|interdit\w*|aucun\w*|libre|gratuit\w*|évite[rz]?"
    r"|sauf|zéro)\b|\bn'",
    "pt": r"\b(?:não|nao|sem|nunca|proibid[oa]s?|nenhum\w*|livre|gr[aá]tis|evite|evitar|exceto"
    r"|zero)\b",
}
_TARGET_RE = {
    lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in _TARGET_NEGATION.items()
}

# Words that can only negate (no "free", "-less", "stainless", 不锈钢): an output that has one
# where its source negates nothing says the opposite of the source.
_STRICT_NEGATION = {
    "en": r"\b(?:not|never|cannot|prohibited|forbidden)\b|n't\b|\bdo no\b|\bno(?=\s+(?:longer|more)\b)",
    "zh": r"請勿|请勿|切勿|禁止|不要|不可|不能|不得|沒有|没有|未經|未经",
    "ja": r"ないで|ません|禁止|しない|できない|不可|しないで",
    "es": r"\b(?:no|nunca|prohibid[oa]s?)\b",
    "de": r"\b(?:nicht|niemals|verboten)\b",
    "fr": r"\b(?:ne|pas|jamais|interdit\w*)\b|\bn'",
    "pt": r"\b(?:não|nao|nunca|proibid[oa]s?)\b",
}
_STRICT_RE = {
    lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in _STRICT_NEGATION.items()
}
# clause boundaries in Korean and in the outputs (Latin and CJK punctuation)
_CLAUSES = re.compile(r"\s*(?:[,;.\n、，；。！!?？]|·)\s*")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_UNIT = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?(mm|cm|km|ml|mg|kg|g|l|oz|lb|lbs|inch|in|ft|mah|gb|tb|mb|w|v|%)(?![a-z])",
    re.IGNORECASE,
)
# Native Korean numbers an engine may rightly write as digits (한 개 -> 1 pc, 두 장 -> 2 sheets).
_NATIVE = {"1": "한", "2": "두", "3": "세", "4": "네", "5": "다섯", "10": "열"}


def target_column(target: str) -> str | None:
    """The negation table for ``target`` (zh-TW -> zh), or None when there is none."""
    base = target.lower().split("-")[0]
    return base if base in _TARGET_RE else None


def has_negation(source: str) -> bool:
    """True when a Korean segment says something is forbidden, absent or not the case."""
    return bool(_KO_NEGATION.search(_PLACEHOLDER.sub(" ", source)))


def meaning_problems(source: str, output: str, target: str) -> list[str]:
    """What ``output`` lost of ``source`` (both with placeholders masked), in words; [] if none.

    Args:
        source: the segment sent to the engine (Korean, placeholders ``⟦n⟧``).
        output: what the engine answered, before the placeholders are restored.
        target: the target language (BCP 47).
    """
    problems: list[str] = []
    src, out = _PLACEHOLDER.sub(" ", source), _PLACEHOLDER.sub(" ", output)
    column = target_column(target)
    if column is not None:
        problems += _negation_problems(src, out, column)
    src_numbers, out_numbers = _written_in_words(src, out, target)
    problems += _number_problems(src_numbers, out_numbers)
    problems += _unit_problems(src, out)
    problems += pending_problems(src, out, target)
    return problems


def _negation_problems(source: str, output: str, column: str) -> list[str]:
    """Negations lost or added, over the whole segment and clause by clause."""
    negates = _TARGET_RE[column].search
    strict = _STRICT_RE.get(column)
    if has_negation(source) and not negates(output):
        return ["negation lost"]
    if strict is not None and not has_negation(source) and strict.search(output):
        return ["negation added"]
    src_parts, out_parts = _clauses(source), _clauses(output)
    if len(src_parts) < 2 or len(src_parts) != len(out_parts):
        return []  # the engine reordered or merged clauses: only the whole segment is checked
    for number, (src, out) in enumerate(zip(src_parts, out_parts, strict=True), 1):
        if has_negation(src) and not negates(out):
            return [f"negation lost in part {number}"]
        if strict is not None and not has_negation(src) and strict.search(out):
            return [f"negation moved to part {number}"]
    return []


def _clauses(text: str) -> list[str]:
    return [part for part in _CLAUSES.split(text) if part.strip()]


def _written_in_words(source: str, output: str, target: str) -> tuple[str, str]:
    """Source and output without the termbase terms whose numbers the termbase itself writes
    another way (1+1 -> 買一送一, 2x1; 택2 -> elige dos) when that translation is in the output."""
    from klisting.translate.termbase import normalize_language

    column = normalize_language(target)
    if column is None:
        return source, output
    for ko, translations in _numeric_terms():
        translated = translations.get(column)
        if translated and ko in source and translated in output:
            source, output = source.replace(ko, " "), output.replace(translated, " ")
    return source, output


@lru_cache(maxsize=1)
def _numeric_terms() -> tuple[tuple[str, dict[str, str]], ...]:
    try:
        from klisting.translate.termbase import load_termbase

        terms = load_termbase().terms
    except Exception:  # without a termbase every number is simply checked
        return ()
    numeric = [t for t in terms if any(c.isdigit() for c in t.ko)]
    return tuple((t.ko, {lang: t.get(lang) or "" for lang in t.translations}) for t in numeric)


def _numbers(text: str) -> list[str]:
    return [m.group(0).replace(",", "") for m in _NUMBER.finditer(text)]


def _number_problems(source: str, output: str) -> list[str]:
    wanted, got = _numbers(source), _numbers(output)
    missing = [n for n in dict.fromkeys(wanted) if got.count(n) < wanted.count(n)]
    added = [
        n
        for n in dict.fromkeys(got)
        if n not in wanted and not (n in _NATIVE and _native_word(_NATIVE[n], source))
    ]
    problems = [f"number {n} missing" for n in missing]
    return problems + [f"number {n} added" for n in added]


def _native_word(word: str, source: str) -> bool:
    """True when ``word`` (한, 두, 세 ...) stands alone before a counter: 세 켤레, not 세트."""
    return re.search(rf"(?<![\uac00-\ud7a3]){word}\s", source) is not None


def _unit_problems(source: str, output: str) -> list[str]:
    units_out = {(n.replace(",", ""), u.lower()) for n, u in _LATIN_UNIT.findall(output)}
    return [
        f"unit {number}{unit} lost"
        for number, unit in _LATIN_UNIT.findall(source)
        if (number.replace(",", ""), unit.lower()) not in units_out
    ]
