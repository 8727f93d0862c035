"""Run options from the project file, overridden by flags."""

from __future__ import annotations

from pathlib import Path

from klisting.pipeline.project_options import build_options


def test_the_project_store_reaches_the_run_options(tmp_path: Path) -> None:
    path = tmp_path / "klisting.yaml"
    path.write_text("store: file:///mnt/shared/k\ntargets: [shopify:us]\n", encoding="utf-8")
    assert build_options(tmp_path / "c.csv", None, path).store == "file:///mnt/shared/k"
    flagged = build_options(tmp_path / "c.csv", None, path, store="memory://x")
    assert flagged.store == "memory://x"  # --store overrides the file
