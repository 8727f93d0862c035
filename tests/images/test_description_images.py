"""Detail pages a catalog links from its description HTML are localized, exported and linked."""

from __future__ import annotations

import hashlib
import json
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
