"""A rerun with nothing changed reuses every bundle, also when images carry text blocks."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from klisting.images import tasks
from klisting.images.pipeline import ImageRead
from klisting.images.sidecar import Block
from klisting.pipeline import image_stage
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def _read_one_block(job) -> ImageRead:
    """The OCR step without tesseract: one Korean block the script engine cannot finish."""
    block = Block(
        id=0, source="피부 보습", bbox=[10, 10, 200, 60], line_boxes=[[10, 10, 200, 60]],
        confidence=90, line_height=40,
    )  # fmt: skip
    with Image.open(job.store.path(job.source_key)) as image:
        return ImageRead(job.sha256, image.width, image.height, [block])


def test_a_rerun_rewrites_no_bundle(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tasks, "read_task", _read_one_block)
    monkeypatch.setattr(image_stage, "localizer_available", lambda: True)
    options = RunOptions(
        catalog=make_catalog(tmp_path / "in", 2, images=True),
        targets=["shopify:us", "amazon:us", "lazada:sg"], out_dir=tmp_path / "out",
        work_dir=tmp_path / "work", engine=ScriptEngine(), jobs=1,
    )  # fmt: skip
    first = run(options).bundles
    # every report links its block crops: the export wrote them
    assert all("report_assets/" in (Path(b.path) / "report.html").read_text() for b in first)
    written = {b.target: (Path(b.path) / "manifest.json").stat().st_mtime_ns for b in first}
    second = run(options).bundles
    again = {b.target: (Path(b.path) / "manifest.json").stat().st_mtime_ns for b in second}
    assert again == written  # the block notes a bundle shares with the others stay unchanged
