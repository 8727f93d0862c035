"""The TSV termbase: validation errors name file and line; lookup; the bundled files are sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from klisting.errors import ConfigError
from klisting.translate.termbase import (
    HEADER,
    LANGUAGES,
    build_termbase,
    default_files,
    load_termbase,
    normalize_language,
    surface_key,
)

HEAD = "\t".join(HEADER)
# Characters that only exist in Simplified Chinese (their Traditional forms differ): zh-Hant must
# never contain them.
SIMPLIFIED_ONLY = (
    "个们这来时为东车长门问间开关发对热机动电话语说书买卖产业当经与万从众优价体儿兴内写军农冰净减刚则创剂务劳势区医华单卫历压"
    "厂县参双变号吗听员团园围国图圆场块坏坚壮声处备复够头夹宝实宠宽导尔尘层岁币带帮广庆应库废异弃张弹强归录忆态总恋悬惊惯战户"
    "扩扫护报担拥择挂挤换据损摄斩断无旧显晒术杀杂权条杨极构枪标样桥梦检欢气汇汉沟没泪泽洁浅测济浓涂润涩渐温湿满滤灭灯灵炉点炼"
    "烟爱牵犹独狮猎献环现珑画畅疗盐监盖盘码础确离种积称稳穷窝竞笔筑签简类粮紧红约级纪纯纱纸线练组细织终绍绑结绒绕给络统继绩绪"
    "续绳维绵综绿缓编缝缩网罗罚职联肤肿胆脉脏节芦苏苹茧荐药莱获营萝蓝虑虫虽补装证评识诉译试诗该详误请读课谁调谈谢贝负贡财责贤"
    "败货质购贮贯贴贵贸费贺资赏赔赞赠赶轨转轮软轻载较辅辆辈边达过运还进远连适选递逻遗邮郑酱释针钉钓钙钟钢钥钩钱铁铃铅银铺链销"
    "锁锅锋错锦键镜闪闭闲闹阅队阳阴阵际陆陈险隐难雾静韩页顶项顺须顾顿预领频颗题颜风飞饭饮饰饱饼馆马驱验骑鱼鲜鸟鸡鸭黄齐龙龟"
)


def _tsv(tmp_path: Path, name: str, *rows: str, header: str = HEAD) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _row(ko: str, en: str, tags: str = "general", **langs: str) -> str:
    cells = [ko, en, *(langs.get(lang.replace("-", "_"), "") for lang in LANGUAGES[1:]), tags]
    return "\t".join(cells)


def test_loads_rows_and_looks_up_ignoring_spaces_and_case(tmp_path: Path) -> None:
    path = _tsv(
        tmp_path,
        "a.tsv",
        _row("무료배송", "free shipping", "marketing", ja="送料無料"),
        _row("1+1", "Buy 1 Get 1 Free", "marketing"),
        _row("free사이즈", "one size", "size"),
    )
    termbase = build_termbase([path])
    assert len(termbase) == 3
    term = termbase.lookup("무료 배송")
    assert term is not None and term.get("en") == "free shipping"
    assert term.get("ja") == "送料無料" and term.get("vi") is None
    assert termbase.lookup("FREE사이즈") is termbase.lookup("free사이즈")
    assert termbase.longest_match("1+1무료배송", 3) == (term, 7)
    assert term.origin.endswith("a.tsv:2")


def test_duplicate_across_files_names_both_places(tmp_path: Path) -> None:
    first = _tsv(tmp_path, "a.tsv", _row("세트", "set"))
    second = _tsv(tmp_path, "b.tsv", _row("블랙", "black", "color"), _row("세트", "kit"))
    with pytest.raises(ConfigError) as info:
        build_termbase([first, second])
    message = str(info.value)
    assert "b.tsv:3" in message and "a.tsv:2" in message and "세트" in message


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        (_row("세트", ""), "no English"),
        (_row("", "set"), "ko cell is empty"),
        (_row("세트", "set", "general,flavour-of-the-month"), "unknown tag"),
        (_row("세트", "set", ""), "no tags"),
        (_row("세트", "set") + "\textra", "cells but the header has"),
    ],
)
def test_bad_rows_are_reported_with_file_and_line(tmp_path: Path, row: str, needle: str) -> None:
    path = _tsv(tmp_path, "bad.tsv", _row("블랙", "black", "color"), row)
    with pytest.raises(ConfigError) as info:
        build_termbase([path])
    assert f"{path}:3" in str(info.value)
    assert needle in str(info.value)


def test_bad_header_is_reported(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "bad.tsv", "세트\tset\tgeneral", header="korean\tenglish\ttags")
    with pytest.raises(ConfigError, match=r"bad\.tsv:1: header must be"):
        build_termbase([path])


def test_language_tags_map_to_columns() -> None:
    assert normalize_language("en-US") == "en"
    assert normalize_language("zh-TW") == "zh-Hant"
    assert normalize_language("zh-Hant-HK") == "zh-Hant"
    assert normalize_language("zh-CN") is None
    assert normalize_language("ms-MY") == "ms"
    assert normalize_language("de") is None
    assert surface_key(" 무료 배송 ") == "무료배송"


def test_extra_files_join_the_bundle_and_the_version_changes(tmp_path: Path) -> None:
    bundled = load_termbase()
    extra = _tsv(tmp_path, "seller.tsv", _row("하루담특선", "Harudam Selection"))
    combined = load_termbase([extra])
    assert len(combined) == len(bundled) + 1
    assert combined.version != bundled.version
    assert combined.lookup("하루담특선") is not None


def test_bundled_termbase_loads_and_is_substantial() -> None:
    termbase = load_termbase()
    assert {path.name for path in default_files()} >= {
        "general.tsv",
        "marketing.tsv",
        "colors_materials_sizes.tsv",
    }
    assert len(termbase) >= 600
    for lang in LANGUAGES:
        assert termbase.count(lang) >= 250, lang


def test_core_files_have_full_rows_and_right_scripts() -> None:
    """Our three files: >= 600 rows, >= 250 with every language, scripts that fit the column."""
    names = ("general.tsv", "marketing.tsv", "colors_materials_sizes.tsv")
    terms = [t for t in load_termbase().terms if t.origin.split(":")[0].endswith(names)]
    assert len(terms) >= 600
    full = [t for t in terms if all(t.get(lang) for lang in LANGUAGES[:-1])]
    assert len(full) >= 250
    simplified = set(SIMPLIFIED_ONLY)
    hangul = re.compile(r"[\uac00-\ud7a3]")
    kana = re.compile(r"[\u3040-\u30ff]")
    thai = re.compile(r"[\u0e00-\u0e7f]")
    for term in terms:
        for lang, text in term.translations.items():
            assert not hangul.search(text), (term.origin, lang, text)
            if lang == "zh-Hant":
                assert not kana.search(text), (term.origin, text)
                assert not simplified & set(text), (term.origin, text, "Simplified character")
        if term.get("th") and re.search(r"[a-z]{3}", term.get("th") or "") is None:
            assert thai.search(term.get("th") or ""), term.origin


def test_dimension_labels_name_the_side_they_measure() -> None:
    """가로 x 세로 x 높이: 세로 is the depth of furniture, never a second 'height'."""
    from klisting.translate.termbase import load_termbase

    terms = load_termbase()
    assert terms.lookup("세로").get("en") == "length"
    assert terms.lookup("세로").get("es") == "largo"
    assert terms.lookup("폭").get("en") == "width"
    assert terms.lookup("높이").get("en") == "height"
