"""Detail pages a catalog links from its description HTML are localized, exported and linked."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from PIL import Image

from klisting.images import tasks
from klisting.images.pipeline import ImageRead
from klisting.pipeline import image_stage
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def test_description_img_is_localized_exported_and_its_src_rewritten(tmp_path: Path, monkeypatch):
    catalog = make_catalog(tmp_path / "in", 1, images=True)
    Image.new("RGB", (860, 1200), (250, 245, 235)).save(tmp_path / "in" / "images" / "detail.jpg")
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][0]["상세설명"] += "<p><img src='images/detail.jpg' alt='상세'></p>"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    localized: list[str] = []

    def fake_render(job) -> bool:
        localized.append(job.read.sha256)
        out = job.store.path(job.out_key)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.store.path(job.source_key), out)
        sidecar = {
            "blocks": [
                {
                    "id": 0,
                    "status": "translated",
                    "source": "상세",
                    "translation": "Detail",
                    "bbox": [10, 10, 200, 60],
                }
            ]
        }
        out.with_name(out.name + ".json").write_text(json.dumps(sidecar), encoding="utf-8")
        return True

    monkeypatch.setattr(tasks, "read_task", lambda job: ImageRead(job.sha256, 860, 1200, []))
    monkeypatch.setattr(tasks, "render_task", fake_render)
    monkeypatch.setattr(image_stage, "localizer_available", lambda: True)
    options = RunOptions(
        catalog=catalog,
        targets=["shopify:us"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        images=True,
        jobs=1,
    )
    result = run(options)
    detail = hashlib.sha256((tmp_path / "in" / "images" / "detail.jpg").read_bytes()).hexdigest()
    assert detail in localized  # fetched and localized like the gallery images
    [bundle] = result.bundles
    folder = Path(bundle.path)
    names = sorted(p.name for p in (folder / "images").iterdir())
    assert len(names) == 2, names  # the main image and the detail page, platform-named
    listing = (folder / "products.csv").read_text(encoding="utf-8")
    assert "images/detail.jpg" not in listing
    # the export's HTML sanitiser (infra/htmlsafe.py) writes attributes in double quotes
    assert any(f'src=""{name}""' in listing for name in names)
    report = (folder / "report.html").read_text(encoding="utf-8")
    assert "Detail" in report  # its blocks are listed in report.html, with a crop of each
    crops = sorted((folder / "report_assets").glob("*.block-0.jpg"))
    assert crops and all(f"href='report_assets/{c.name}'" in report for c in crops)


def test_a_tall_detail_page_split_by_the_platform_is_one_img_per_part(tmp_path: Path, monkeypatch):
    catalog = make_catalog(tmp_path / "in", 1, images=True)
    Image.new("RGB", (860, 5200), (250, 245, 235)).save(tmp_path / "in" / "images" / "tall.jpg")
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][0]["상세설명"] += "<p><img src='images/tall.jpg' alt='상세'></p>"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def fake_render(job) -> bool:  # no text found: the image is exported as it is
        out = job.store.path(job.out_key)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.store.path(job.source_key), out)
        out.with_name(out.name + ".json").write_text(json.dumps({"blocks": []}), encoding="utf-8")
        return True

    monkeypatch.setattr(tasks, "read_task", lambda job: ImageRead(job.sha256, 860, 5200, []))
    monkeypatch.setattr(tasks, "render_task", fake_render)
    monkeypatch.setattr(image_stage, "localizer_available", lambda: True)
    options = RunOptions(
        catalog=catalog, targets=["lazada:sg"], out_dir=tmp_path / "out",
        work_dir=tmp_path / "work", engine=ScriptEngine(), images=True, jobs=1,
    )  # fmt: skip
    [bundle] = run(options).bundles
    folder = Path(bundle.path)
    parts = sorted(p.name for p in (folder / "images").iterdir())[1:]  # after the main image
    assert len(parts) >= 3, parts  # 5,200 px cut under Lazada's height cap
    payload = json.loads((folder / "create_product.json").read_text(encoding="utf-8"))
    text = json.dumps(payload, ensure_ascii=False)
    description = next(
        m for m in re.findall(r'"description": "((?:[^"\\]|\\.)*)"', text) if "<img" in m
    )
    shown = re.findall(r"<img[^>]*src=[\\\"']*([^\\\"' >]+)", description)
    assert [Path(src).name for src in shown] == parts  # every part, in the page's order
