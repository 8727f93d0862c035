"""The bundle: files, manifest, report, zip; written atomically."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from klisting.export import bundle as bundle_module
from klisting.export.bundle import sha256_file, write_bundle
from klisting.export.context import ListingSettings
from klisting.markets.targets import parse_target
from tests.export.conftest import build_products, complete_settings


def _write(
    tmp_path: Path,
    target_id: str = "lazada:sg",
    mutate=None,
    out: Path | None = None,
    listing: ListingSettings | None = None,
):
    target = parse_target(target_id)
    products = build_products(target, tmp_path / "src")
    if mutate:
        mutate(products)
    source = tmp_path / "catalog.csv"
    source.write_text("sku,title\nKB-CS-001,x\n", encoding="utf-8")
    return write_bundle(
        target,
        products,
        out or tmp_path / "out",
        source=source,
        settings={"images": True, "engine": "test"},
        listing=listing or complete_settings(),
    )


def test_bundle_layout_manifest_and_zip(tmp_path: Path) -> None:
    result = _write(tmp_path)
    folder = tmp_path / "out" / "lazada-sg"
    assert result.path == folder and result.zip_path == tmp_path / "out" / "lazada-sg.zip"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest) >= {
        "klisting_version",
        "source",
        "settings",
        "files",
        "counts",
        "findings",
    }
    assert manifest["source"]["sha256"] == sha256_file(tmp_path / "catalog.csv")
    assert manifest["counts"]["exported"] == 2 and manifest["counts"]["refused"] == 0
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert {
        "create_product.json",
        "report.html",
        "images/KB-CS-001-01.jpg",
        "images/KB-FS-001-01.jpg",
    } <= set(listed)
    for path, entry in listed.items():
        assert (
            sha256_file(folder / path) == entry["sha256"]
            and (folder / path).stat().st_size == entry["bytes"]
        )
    with zipfile.ZipFile(result.zip_path) as archive:
        names = set(archive.namelist())
    assert names == {f"lazada-sg/{p}" for p in listed} | {"lazada-sg/manifest.json"}
    report = (folder / "report.html").read_text()
    assert (
        "Hydrating Toner 500ml" in report
        and "수분 토너 500ml" in report
        and "images/KB-CS-001-01.jpg" in report
    )


def test_refused_products_are_left_out_and_reported(tmp_path: Path) -> None:
    def break_one(products):
        products[1].title = "면 티셔츠"  # untranslated

    result = _write(tmp_path, "shopee:tw", break_one)
    assert result.failed and list(result.refused) == ["KB-FS-001"]
    data = json.loads((result.path / "add_item.json").read_text())
    assert [item["add_item"]["item_sku"] for item in data["items"]] == ["KB-CS-001"]
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert manifest["counts"]["refused"] == 1
    # a refused product's images are not part of the listing, only of the report
    assert not (result.path / "images" / "KB-FS-001-01.jpg").exists()
    assert (result.path / "report_assets" / "KB-FS-001-01.after.jpg").is_file()
    assert "report_assets/KB-FS-001-01.after.jpg" in (result.path / "report.html").read_text()
    assert any(
        f["code"] == "export.wrong-language" and f["sku"] == "KB-FS-001"
        for f in manifest["findings"]
    )


def test_bundle_is_reproducible(tmp_path: Path) -> None:
    first = _write(tmp_path, out=tmp_path / "a")
    second = _write(tmp_path, out=tmp_path / "b")
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()


def test_failed_write_leaves_the_old_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _write(tmp_path)
    before = (good.path / "manifest.json").read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(bundle_module, "render_report", explode)
    with pytest.raises(OSError):
        _write(tmp_path, mutate=lambda products: products.pop())
    assert (good.path / "manifest.json").read_bytes() == before
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".lazada-sg.abc123.tmp").mkdir(parents=True)
    (out / ".lazada-sg.zip.xyz.tmp").write_bytes(b"half")
    _write(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["lazada-sg", "lazada-sg.zip"]


def test_bundle_checks_its_json_against_the_schema(tmp_path: Path) -> None:
    good = _write(tmp_path, "shopee:tw")
    manifest = json.loads((good.path / "manifest.json").read_text())
    assert manifest["checks"]["json_schema"] == "passed" and not good.failed

    def too_long(products):
        products[0].title = "長" * 119 + "x"  # 120 chars passes the gate (max 120)...
        products[0].stock = -5  # ...but a negative stock breaks the add_item schema

    bad = _write(tmp_path, "shopee:tw", too_long, out=tmp_path / "bad")
    violations = [f for f in bad.findings if f.code == "export.schema-violation"]
    assert violations and "seller_stock" in violations[0].message
    assert json.loads((bad.path / "manifest.json").read_text())["checks"]["json_schema"] == "failed"


def test_unfilled_fields_are_named_as_needs(tmp_path: Path) -> None:
    """Without account settings, category map or image URL every required field is a need."""
    result = _write(tmp_path, "lazada:sg", listing=ListingSettings())
    manifest = json.loads((result.path / "manifest.json").read_text())
    needs = manifest["needs"]
    assert needs == result.needs and manifest["checks"]["json_schema"] == "incomplete"
    by_field = {(n["sku"], n["field"]): n["set"] for n in needs}
    assert (
        "categories.'화장품/미용>스킨케어>스킨/토너'.lazada"
        in by_field[("KB-CS-001", "PrimaryCategory")]
    )
    assert "accounts.lazada.brand_ids.Harudam" in by_field[("KB-FS-001", "brand_id")]
    assert "image_base_url" in by_field[("KB-CS-001", "Images.Image")]
    # nothing the manifest names is also reported as a schema violation
    assert not [f for f in result.findings if f.code == "export.schema-violation"]
    summary = result.needs_summary()
    assert summary.startswith("lazada:sg: ") and "PrimaryCategory" in summary
    report = (result.path / "report.html").read_text()
    assert report.index("Needed before upload") < report.index("KB-CS-001 <span")
    assert "MigrateImages" in report  # the upload-time steps follow the needs


def test_complete_settings_leave_no_needs(tmp_path: Path) -> None:
    result = _write(tmp_path, "lazada:sg")
    manifest = json.loads((result.path / "manifest.json").read_text())
    assert manifest["needs"] == [] and manifest["checks"]["json_schema"] == "passed"
    data = json.loads((result.path / "create_product.json").read_text())
    product = data["products"][0]["Request"]["Product"]
    assert product["Images"]["Image"][0] == "https://cdn.example.com/harudam/KB-CS-001-01.jpg"
    assert product["PrimaryCategory"] == "10002019"


def test_bookkeeping_goes_to_the_sidecar_not_the_payload(tmp_path: Path) -> None:
    for target_id in ("shopee:tw", "lazada:sg", "qoo10:jp", "coupang-tw:tw", "alibaba:global"):
        result = _write(tmp_path, target_id, out=tmp_path / target_id.replace(":", "-"))
        for path in result.path.glob("*.json"):
            if path.name not in ("manifest.json", "klisting_sidecar.json"):
                assert "x_klisting" not in path.read_text(), path
        sidecar = json.loads((result.path / "klisting_sidecar.json").read_text())
        assert (
            sidecar["products"]["KB-CS-001"]["source_category"] == "화장품/미용>스킨케어>스킨/토너"
        )


def test_bundle_never_compares_whole_products(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exported/refused is known by position: no deep dataclass compare per product and image."""
    from klisting.export.model import LocalizedProduct

    def no_compare(self, other):
        raise AssertionError("products compared field by field")

    monkeypatch.setattr(LocalizedProduct, "__eq__", no_compare)
    result = _write(tmp_path, "shopee:tw", lambda products: setattr(products[1], "title", "면"))
    assert list(result.refused) == ["KB-FS-001"] and result.exported == ["KB-CS-001"]


def test_brand_ids_may_be_keyed_by_the_korean_brand_name(tmp_path: Path) -> None:
    settings = complete_settings()
    settings.accounts["lazada"] = {"brand_ids": {"하루담": 30768}}  # listings carry "Harudam"
    result = _write(tmp_path, "lazada:sg", listing=settings)
    product = json.loads((result.path / "create_product.json").read_text())["products"][0]
    assert product["Request"]["Product"]["Attributes"]["brand_id"] == "30768"
    assert result.needs == []
