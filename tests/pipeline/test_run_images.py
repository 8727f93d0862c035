"""The image path of ``klisting run``: fetch once, localize per language, fit per platform, name per convention."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def test_images_are_fitted_per_platform_and_cached(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 2, images=True)
    data = json.loads(catalog.read_text())
    data["products"][1]["대표이미지"] = (
        "images/missing.jpg"  # unreadable: reported, product refused for lack of images
    )
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    options = RunOptions(
        catalog=catalog,
        targets=["amazon:us", "shopee:tw"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        jobs=2,
    )
    result = run(options)
    amazon, shopee = result.bundles
    assert amazon.exported == ["T-00000"] and "T-00001" in amazon.refused
    main = tmp_path / "out" / "amazon-us" / "images" / "T-00000.MAIN.jpg"
    with Image.open(main) as image:
        assert min(image.size) >= 1000  # 640 px source scaled up to Amazon's zoom minimum
    with Image.open(tmp_path / "out" / "shopee-tw" / "images" / "T-00000-01.jpg") as image:
        assert image.width == image.height
    unreadable = [f for b in result.bundles for f in b.findings if f.code == "images.unreadable"]
    assert unreadable
    assert all(f.message.count("missing.jpg") == 1 for f in unreadable)  # the path is named once
    assert (tmp_path / "out" / "amazon-us" / "report.html").read_text().count("<img") >= 1
    fit = next(s for s in result.stages if s.name == "fit images")
    assert fit.items == 2  # one source image x two platform specs
    assert result.images_localized == 2  # one image x two languages (en for us, zh-Hant for tw)
    again = run(options)
    assert again.images_localized == 0  # the rerun takes every localized image from the cache
