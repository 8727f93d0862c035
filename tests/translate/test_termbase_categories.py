"""Checks on the category termbase files (cosmetics, food, fashion, living) in configs/glossary.

The files are data a person curates by hand, so these tests guard the agreed format (exact
header, ten tab-separated cells, allowed tags) and the mistakes that are easy to make while
typing translations: Hangul left in a translation, Simplified characters in the Taiwan column,
a Korean term defined twice, a column filled with the wrong script.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from klisting.translate.termbase import build_termbase

GLOSSARY = (
    Path(__file__).resolve().parents[2] / "src" / "klisting" / "data" / "configs" / "glossary"
)
CATEGORY_FILES = ("cosmetics.tsv", "food.tsv", "fashion.tsv", "living.tsv")
HEADER = ["ko", "en", "zh-Hant", "ja", "es", "th", "vi", "id", "ms", "tags"]
CORE_LANGUAGES = ("zh-Hant", "ja", "es", "th", "vi", "id")
ALLOWED_TAGS = frozenset(
    {
        "cosmetics", "food", "fashion", "living", "general", "marketing", "color", "material",
        "size", "unit", "count", "body", "kitchen", "bedding", "bath", "baby", "pet", "digital",
        "health", "sports", "ingredient",
    }
)  # fmt: skip
# Characters that only exist in Simplified Chinese (their Traditional forms follow in the comment,
# in the same order); shared forms such as 色 乳 霜 面 干 后 are deliberately not listed.
# 們這個時對發買賣東車書長門問間顏絲綿裝護膚潔潤濕補緊淨還質鮮飲館雞魚蝦醬鹽豬頭襪褲襯領
# 兩錢鍋盤壺紙墊鋪燈電機線綠紅藍維細紋湯飯藥參養營體凍儲溫衛視覺臉禮樂碼號價優選擇運動圍
# 鍊項環鏡鐘廚劑軟濃縮
SIMPLIFIED_ONLY = frozenset(
    "们这个时对发买卖东车书长门问间颜丝绵装护肤洁润湿补紧净还质鲜饮馆鸡鱼虾酱盐猪头袜裤衬领"
    "两钱锅盘壶纸垫铺灯电机线绿红蓝维细纹汤饭药参养营体冻储温卫视觉脸礼乐码号价优选择运动围"
    "链项环镜钟厨剂软浓缩"
)
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
HAN = re.compile(r"[\u4e00-\u9fff]")
KANA_OR_HAN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
THAI = re.compile(r"[\u0e00-\u0e7f]")
LATIN_ONLY_LANGUAGES = ("en", "es", "vi", "id", "ms")


def _read(path: Path) -> list[list[str]]:
    # QUOTE_NONE: the termbase loader splits on tabs and never unquotes, so neither may we.
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    # comment lines (where a file's terms come from) are skipped, as the loader does
    return [row for row in rows if not (row and row[0].startswith("#"))]


def _rows(name: str) -> list[dict[str, str]]:
    return [dict(zip(HEADER, cells, strict=True)) for cells in _read(GLOSSARY / name)[1:]]


def _all_category_rows() -> list[tuple[str, int, dict[str, str]]]:
    return [
        (name, number, row)
        for name in CATEGORY_FILES
        for number, row in enumerate(_rows(name), start=2)
    ]


def _key(ko: str) -> str:
    """Same normalisation as the termbase index: NFC, lower case, no whitespace."""
    return "".join(unicodedata.normalize("NFC", ko).lower().split())


@pytest.mark.parametrize("name", CATEGORY_FILES)
def test_header_and_cell_count(name: str) -> None:
    table = _read(GLOSSARY / name)
    assert table[0] == HEADER
    assert len(table) > 100, f"{name} looks truncated"
    bad = [number for number, cells in enumerate(table, start=1) if len(cells) != len(HEADER)]
    assert not bad, f"{name}: lines without exactly 10 cells: {bad[:10]}"


def test_cells_are_clean() -> None:
    problems = []
    for name, number, row in _all_category_rows():
        if not row["ko"] or not row["en"]:
            problems.append(f"{name}:{number} empty ko or en")
        for column, cell in row.items():
            if cell != cell.strip() or '"' in cell or "|" in cell:
                problems.append(f"{name}:{number} {column} has stray spaces or quotes: {cell!r}")
            if cell != unicodedata.normalize("NFC", cell):
                problems.append(f"{name}:{number} {column} is not NFC")
    assert not problems, "\n".join(problems[:20])


def test_tags_come_from_the_agreed_set() -> None:
    problems = []
    for name, number, row in _all_category_rows():
        tags = [tag for tag in row["tags"].split(",") if tag]
        category = name.removesuffix(".tsv")
        if not tags or set(tags) - ALLOWED_TAGS:
            problems.append(f"{name}:{number} tags {row['tags']!r}")
        elif category not in tags:
            problems.append(f"{name}:{number} '{row['ko']}' lacks its file's tag {category}")
    assert not problems, "\n".join(problems[:20])


def test_korean_in_every_ko_and_nowhere_else() -> None:
    problems = []
    for name, number, row in _all_category_rows():
        if not HANGUL.search(row["ko"]):
            problems.append(f"{name}:{number} ko has no Hangul: {row['ko']!r}")
        for column in HEADER[1:-1]:
            if HANGUL.search(row[column]):
                problems.append(f"{name}:{number} {column} keeps Hangul: {row[column]!r}")
    assert not problems, "\n".join(problems[:20])


def test_each_column_uses_its_script() -> None:
    problems = []
    for name, number, row in _all_category_rows():
        where = f"{name}:{number} '{row['ko']}'"
        if row["zh-Hant"] and not HAN.search(row["zh-Hant"]):
            problems.append(f"{where} zh-Hant has no Han character: {row['zh-Hant']!r}")
        if row["zh-Hant"] and re.search(r"[\u3040-\u30ff]", row["zh-Hant"]):
            problems.append(f"{where} zh-Hant contains kana: {row['zh-Hant']!r}")
        if row["ja"] and not KANA_OR_HAN.search(row["ja"]):
            problems.append(f"{where} ja has no kana or kanji: {row['ja']!r}")
        if row["th"] and not THAI.search(row["th"]):
            problems.append(f"{where} th has no Thai script: {row['th']!r}")
        for column in LATIN_ONLY_LANGUAGES:
            if KANA_OR_HAN.search(row[column]) or THAI.search(row[column]):
                problems.append(f"{where} {column} contains CJK or Thai: {row[column]!r}")
    assert not problems, "\n".join(problems[:20])


def test_traditional_chinese_has_no_simplified_only_characters() -> None:
    problems = [
        f"{name}:{number} '{row['ko']}' zh-Hant {row['zh-Hant']!r} uses "
        + "".join(sorted(set(row["zh-Hant"]) & SIMPLIFIED_ONLY))
        for name, number, row in _all_category_rows()
        if set(row["zh-Hant"]) & SIMPLIFIED_ONLY
    ]
    assert not problems, "\n".join(problems[:20])


def test_simplified_only_list_holds_no_shared_characters() -> None:
    # Guard the guard: characters written the same way in Traditional Chinese must never be
    # in the list, or correct Taiwan terms (乳霜 cream, 面膜 mask, 乾性 dry) would be rejected.
    assert not set("色乳霜面膜乾干后里台系只") & SIMPLIFIED_ONLY


def test_no_korean_term_defined_twice() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for path in sorted(GLOSSARY.glob("*.tsv")):
        for number, cells in enumerate(_read(path)[1:], start=2):
            if not cells or not cells[0] or cells[0].startswith("#"):
                continue
            where = f"{path.name}:{number}"
            if cells[0] in seen:
                duplicates.append(f"{cells[0]!r} at {seen[cells[0]]} and {where}")
            seen.setdefault(cells[0], where)
    assert not duplicates, "\n".join(duplicates[:20])


def test_category_terms_do_not_clash_with_spacing_variants_elsewhere() -> None:
    # The lookup index ignores spaces, so 매트리스 커버 and 매트리스커버 would shadow each other.
    ours = {_key(row["ko"]): f"{name}:{number}" for name, number, row in _all_category_rows()}
    assert len(ours) == len(_all_category_rows())
    clashes = []
    for path in sorted(GLOSSARY.glob("*.tsv")):
        if path.name in CATEGORY_FILES:
            continue
        for number, cells in enumerate(_read(path)[1:], start=2):
            if cells and _key(cells[0]) in ours:
                clashes.append(f"{cells[0]!r} at {path.name}:{number} and {ours[_key(cells[0])]}")
    assert not clashes, "\n".join(clashes[:20])


def test_enough_rows_carry_every_core_language() -> None:
    complete = [
        row for _, _, row in _all_category_rows() if all(row[lang] for lang in CORE_LANGUAGES)
    ]
    assert len(complete) >= 200
    assert len(_all_category_rows()) >= 1000


def test_loader_accepts_all_glossary_files_together() -> None:
    termbase = build_termbase(sorted(GLOSSARY.glob("*.tsv")))
    assert len(termbase) >= 1500
    assert termbase.count("en") == len(termbase)


@pytest.mark.parametrize(
    ("ko", "language", "expected"),
    [
        ("토너", "en", "toner"),
        ("토너", "zh-Hant", "化妝水"),
        ("세럼", "en", "serum"),
        ("세럼", "zh-Hant", "精華液"),
        ("차렵이불", "en", "comforter"),
        ("발매트", "en", "bath mat"),
        ("텀블러", "en", "tumbler"),
        ("매트리스커버", "en", "mattress cover"),
        ("클렌징폼", "ja", "洗顔フォーム"),
        ("선크림", "th", "ครีมกันแดด"),
        ("고춧가루", "en", "red pepper flakes"),
        ("유통기한", "vi", "hạn sử dụng"),
        ("오버핏", "en", "oversized fit"),
        ("가슴단면", "es", "ancho de pecho"),
    ],
)
def test_known_terms_translate_as_listed(ko: str, language: str, expected: str) -> None:
    termbase = build_termbase([GLOSSARY / name for name in CATEGORY_FILES])
    term = termbase.lookup(ko)
    assert term is not None, f"{ko} missing"
    assert term.get(language) == expected
