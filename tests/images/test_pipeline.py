"""End to end: localize with a dictionary translator, units converted, caches, re-render."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from klisting.images import pipeline
from klisting.images.pipeline import localize_image, render_sidecar
from klisting.images.units import market_converter
from tests.images.conftest import dictionary_translate


def _localize(page_path, tmp_path, lang="en", market="us", name="out.png"):
    return localize_image(
        str(page_path),
        translate=dictionary_translate,
        target_lang=lang,
        market=market,
        work_dir=tmp_path / "work",
        out_path=tmp_path / "out" / name,
        convert=market_converter(market),
        debug=True,
    )


def test_localize_translates_converts_units_and_keeps_size(page, tmp_path, monkeypatch):
    path, _truth = page
    result = _localize(path, tmp_path)
    assert result.translated == 4 and not result.cached
    sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
    translations = [block["translation"] for block in sidecar["blocks"]]
    # The units layer (or the built-in table while it is absent) converts metric for the US.
    capacity = next(t for t in translations if t.startswith("Capacity"))
    size = next(t for t in translations if t.startswith("Size"))
    assert "16.9 fl oz" in capacity
    assert " in" in size or " ft" in size
    out = Image.open(result.output)
    assert out.size == Image.open(path).size
    assert (tmp_path / "out" / "out.boxes.png").is_file()
    for block in sidecar["blocks"]:
        assert block["font"] and block["font_size"] >= 12 and block["render_box"]

    # A rerun is served from the caches: no detection, no OCR, no render.
    monkeypatch.setattr(
        pipeline, "detect_lines", lambda *a, **k: (_ for _ in ()).throw(AssertionError("OCR rerun"))
    )
    monkeypatch.setattr(
        pipeline,
        "render_blocks",
        lambda *a, **k: (_ for _ in ()).throw(AssertionError("render rerun")),
    )
    assert _localize(path, tmp_path).cached


def test_two_targets_share_one_ocr_and_sidecar_edits_rerender(page, tmp_path, monkeypatch):
    path, _truth = page
    first = _localize(path, tmp_path, "en", "us", "en.png")
    monkeypatch.setattr(
        pipeline, "detect_lines", lambda *a, **k: (_ for _ in ()).throw(AssertionError("OCR rerun"))
    )
    second = _localize(path, tmp_path, "zh-Hant", "tw", "tw.png")
    assert not second.cached and second.translated == first.translated
    data = json.loads(first.sidecar.read_text(encoding="utf-8"))
    before = np.asarray(Image.open(first.output)).copy()
    data["blocks"][0]["translation"] = "EDITED TEXT"
    first.sidecar.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    render_sidecar(first.sidecar)
    after = np.asarray(Image.open(first.output))
    assert not np.array_equal(before, after)
    assert (
        json.loads(first.sidecar.read_text(encoding="utf-8"))["blocks"][0]["translation"]
        == "EDITED TEXT"
    )


def test_pixels_far_from_text_are_unchanged(page, tmp_path):
    path, _truth = page
    result = _localize(path, tmp_path)
    sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
    source = np.asarray(Image.open(path).convert("RGB")).astype(int)
    out = np.asarray(Image.open(result.output).convert("RGB")).astype(int)
    allowed = np.zeros(source.shape[:2], bool)
    for block in sidecar["blocks"]:
        for x0, y0, x1, y1 in [*block["line_boxes"], block["render_box"] or block["bbox"]]:
            allowed[y0 - 2 : y1 + 2, x0 - 2 : x1 + 2] = True
    assert np.abs(out - source).max(axis=2)[~allowed].max() == 0


def test_a_cached_reading_from_older_ocr_code_is_not_reused(monkeypatch):
    """The OCR cache key carries the OCR version: new crop preparation means a new reading."""
    settings = pipeline.DetectSettings()
    key = pipeline._ocr_key("abc", settings)
    assert key == pipeline._ocr_key("abc", settings)
    monkeypatch.setattr(pipeline, "OCR_VERSION", "ocr-older")
    assert pipeline._ocr_key("abc", settings) != key
