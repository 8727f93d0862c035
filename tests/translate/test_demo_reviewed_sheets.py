"""The demo's reviewed sheets hold a person's translation of every image text block."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from klisting.translate.review import read_finals

REVIEWED = Path(__file__).resolve().parents[2] / "sample_catalogs" / "reviewed"
LANGS = ("en", "zh-Hant", "ja", "es")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", ".") for n in NUMBER.findall(text)}


def test_every_image_line_has_a_translation_that_states_the_same_numbers():
    with (REVIEWED / "image_text.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) > 80
    for row in rows:
        for lang in LANGS:
            text = row[lang]
            assert text.strip() and not HANGUL.search(text), (lang, row["ko"])
            stated, source = _numbers(text), _numbers(row["ko"])
            # "1+1" may be written 買一送一, and 한 봉지 ("one bag") as 1袋
            missing = source - stated - ({"1"} if "一" in text else set())
            extra = stated - source - ({"1"} if "한" in row["ko"] else set())
            assert not missing and not extra, (lang, row["ko"], text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sheets_carry_image_rows_with_finals(lang):
    from openpyxl import load_workbook

    path = REVIEWED / f"catalog_{lang}.xlsx"
    rows = list(load_workbook(path, read_only=True)["review"].iter_rows(values_only=True))
    images = [row for row in rows[1:] if str(row[2] or "").startswith("image ")]
    assert len(images) > 100
    assert all(row[5] and not HANGUL.search(str(row[5])) for row in images)
    finals = dict(read_finals(path)[lang])
    assert all(finals.get(str(row[3])) == row[5] for row in images)  # what --apply-review locks
