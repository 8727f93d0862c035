"""One bad product never sinks the run: it is refused with a finding naming its row; the rest export."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image

from klisting.errors import ExitCode
from klisting.images import tasks
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def _options(catalog: Path, tmp_path: Path, *, images: bool) -> RunOptions:
    return RunOptions(
        catalog=catalog,
        targets=["amazon:us", "shopee:tw"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        images=images,
        jobs=2,
    )


def _findings(result, code: str) -> list:
    return [f for b in result.bundles for f in b.findings if f.code == code]


def test_a_damaged_image_refuses_its_product_and_the_others_export(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3, images=True)
    damaged = tmp_path / "in" / "images" / "1.jpg"
    damaged.write_bytes(damaged.read_bytes()[:700])  # a JPEG cut off mid-scan
    result = run(_options(catalog, tmp_path, images=True))
    assert result.exit_code == ExitCode.FINDINGS
    for bundle in result.bundles:
        assert bundle.exported == ["T-00000", "T-00002"] and list(bundle.refused) == ["T-00001"]
    failed = _findings(result, "images.failed") + _findings(result, "images.unreadable")
    assert failed and all(f.sku == "T-00001" and f.row == 2 for f in failed)
    assert all("images/1.jpg" in f.message and "cache" not in f.message for f in failed)


def test_a_localizer_crash_on_one_image_is_reported_on_its_product(
    tmp_path: Path, monkeypatch
) -> None:
    catalog = make_catalog(tmp_path / "in", 3, images=True)
    # its own colour, so its bytes (and so its cache key) are not shared with another product's
    Image.new("RGB", (640, 640), (30, 90, 200)).save(tmp_path / "in" / "images" / "1.jpg", "JPEG")
    real = tasks.read_task
    second = hashlib.sha256((tmp_path / "in" / "images" / "1.jpg").read_bytes()).hexdigest()

    def crash_on_second(job):
        if job.sha256 == second:
            raise ValueError("cannot localize this image")
        return real(job)

    monkeypatch.setattr(tasks, "read_task", crash_on_second)
    result = run(_options(catalog, tmp_path, images=True))
    assert result.exit_code == ExitCode.FINDINGS
    for bundle in result.bundles:
        assert bundle.exported == ["T-00000", "T-00002"] and list(bundle.refused) == ["T-00001"]
    failed = _findings(result, "images.failed")
    assert {f.target for f in failed} == {"amazon:us", "shopee:tw"}
    assert all("cannot localize this image" in f.message and f.row == 2 for f in failed)
    # the failure is not cached: a rerun tries that image again
    monkeypatch.setattr(tasks, "read_task", real)
    again = run(_options(catalog, tmp_path, images=True))
    assert all(len(b.exported) == 3 for b in again.bundles)


def test_a_price_that_cannot_be_converted_refuses_only_its_product(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3)
    data = json.loads(catalog.read_text())
    data["products"][1]["판매가"] = "9" * 40  # accepted as a number, too large to convert
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(_options(catalog, tmp_path, images=False))
    assert result.exit_code == ExitCode.FINDINGS
    for bundle in result.bundles:
        assert "T-00001" in bundle.refused and {"T-00000", "T-00002"} <= set(bundle.exported)
    unconvertible = _findings(result, "price.unconvertible")
    assert unconvertible and all(f.sku == "T-00001" and f.field == "price" for f in unconvertible)


def test_a_writer_crash_on_one_product_refuses_only_that_product(
    tmp_path: Path, monkeypatch
) -> None:
    from klisting.export.writers import shopify

    catalog = make_catalog(tmp_path / "in", 3)
    real = shopify.write_shopify

    def crash_on_second(products, spec, path, ctx):
        if any(p.sku == "T-00001" for p in products):
            raise ValueError("this writer cannot write T-00001")
        return real(products, spec, path, ctx)

    monkeypatch.setattr("klisting.export.writers.write_shopify", crash_on_second)
    options = _options(catalog, tmp_path, images=False)
    options.targets = ["shopify:us"]
    result = run(options)
    assert result.exit_code == ExitCode.FINDINGS
    (bundle,) = result.bundles
    assert bundle.exported == ["T-00000", "T-00002"] and list(bundle.refused) == ["T-00001"]
    (failed,) = _findings(result, "export.writer-failed")
    assert failed.row == 2 and "cannot write T-00001" in failed.message
    csv = (tmp_path / "out" / "shopify-us" / "products.csv").read_text(encoding="utf-8")
    assert "T-00000" in csv and "T-00002" in csv and "T-00001" not in csv
