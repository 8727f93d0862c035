"""An image block left in Korean sends its product to review; a person's final lets it out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from klisting.images import tasks
from klisting.images.pipeline import ImageRead
from klisting.images.sidecar import Block
from klisting.pipeline import image_stage
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine

BLOCK = "피부 보습"  # the script engine romanises it: incomplete, left for review


def _fake_read(job) -> ImageRead:
    """The OCR step without tesseract: one block; the run decides it with its real image
    translator and renders it with the real renderer."""
    block = Block(
        id=0, source=BLOCK, bbox=[10, 10, 200, 60], line_boxes=[[10, 10, 200, 60]],
        confidence=90, line_height=40,
    )  # fmt: skip
    with Image.open(job.store.path(job.source_key)) as image:
        return ImageRead(job.sha256, image.width, image.height, [block])


def _fill_final(sheet: Path, final: str) -> None:
    book = load_workbook(sheet)
    rows = list(book["review"].iter_rows(min_row=2))
    [image_row] = [row for row in rows if str(row[2].value).startswith("image ")]
    assert image_row[3].value == BLOCK
    image_row[5].value = final
    book.save(sheet)


@pytest.mark.parametrize(("final", "status"), [(BLOCK, "accepted"), ("Moisturizing", "translated")])
def test_image_text_goes_to_review_and_comes_back(tmp_path: Path, monkeypatch, final, status):
    monkeypatch.setattr(tasks, "read_task", _fake_read)
    monkeypatch.setattr(image_stage, "localizer_available", lambda: True)
    catalog = make_catalog(tmp_path / "in", 1, images=True)
    options = RunOptions(
        catalog=catalog, targets=["shopify:us"], out_dir=tmp_path / "out",
        work_dir=tmp_path / "work", engine=ScriptEngine(), jobs=1,
    )  # fmt: skip
    [bundle] = run(options).bundles
    assert bundle.exported == []
    assert "image-text" in " ".join(bundle.refused["T-00000"]) or any(
        "still in the source language" in reason for reason in bundle.refused["T-00000"]
    )
    manifest = json.loads((Path(bundle.path) / "manifest.json").read_text(encoding="utf-8"))
    assert "still in the source language" in json.dumps(manifest["refused"], ensure_ascii=False)
    sheet = tmp_path / "out" / "review-en.xlsx"
    _fill_final(sheet, final)  # the seller's answer
    options.apply_review = True
    [bundle] = run(options).bundles
    assert bundle.exported == ["T-00000"]
    # the reviewed final re-localized the image (the locked entries are part of its key)
    newest = max(
        (tmp_path / "work").rglob("image-localized*/*/*.json"), key=lambda p: p.stat().st_mtime
    )
    assert json.loads(newest.read_text(encoding="utf-8"))["blocks"][0]["status"] == status
