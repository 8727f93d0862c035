"""A rerun reuses a bundle only when the bundle on disk is still the one its manifest describes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def _options(catalog: Path, tmp_path: Path) -> RunOptions:
    return RunOptions(
        catalog=catalog,
        targets=["shopify:us"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        images=False,
    )


def _zip_matches_folder(folder: Path) -> bool:
    with zipfile.ZipFile(folder.with_suffix(".zip")) as archive:
        zipped = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    return zipped == on_disk


def test_a_damaged_bundle_folder_is_rebuilt(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3)
    run(_options(catalog, tmp_path))
    folder = tmp_path / "out" / "shopify-us"
    listing = (folder / "products.csv").read_bytes()
    (folder / "products.csv").unlink()
    (folder / "report.html").write_text("edited by hand", encoding="utf-8")
    run(_options(catalog, tmp_path))
    assert (folder / "products.csv").read_bytes() == listing
    assert "edited by hand" not in (folder / "report.html").read_text(encoding="utf-8")
    assert _zip_matches_folder(folder)


def test_a_zip_left_from_an_older_bundle_is_rewritten(tmp_path: Path) -> None:
    # A run killed after the new folder was swapped in but before the zip was rewritten
    # leaves the previous bundle's zip beside an up-to-date folder.
    catalog = make_catalog(tmp_path / "in", 3)
    run(_options(catalog, tmp_path))
    folder = tmp_path / "out" / "shopify-us"
    old_zip = tmp_path / "old.zip"
    shutil.copyfile(folder.with_suffix(".zip"), old_zip)
    bigger = make_catalog(tmp_path / "in2", 4)
    shutil.copyfile(bigger, catalog)
    run(_options(catalog, tmp_path))
    shutil.copyfile(old_zip, folder.with_suffix(".zip"))
    assert not _zip_matches_folder(folder)
    result = run(_options(catalog, tmp_path))
    assert _zip_matches_folder(folder)
    assert len(result.bundles[0].exported) == 4


def test_an_intact_bundle_is_not_rewritten(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3)
    run(_options(catalog, tmp_path))
    zip_path = tmp_path / "out" / "shopify-us.zip"
    stamp = zip_path.stat().st_mtime_ns
    run(_options(catalog, tmp_path))
    assert zip_path.stat().st_mtime_ns == stamp
