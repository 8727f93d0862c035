"""``klisting batch``: several clients through one executor; a failing client stops no other."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from klisting.cli.app import app
from tests.pipeline.conftest import make_catalog


def _client(root: Path, name: str, catalog: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / "klisting.yaml"
    project.write_text(
        f"catalog: {catalog}\ntargets: [shopify:us]\nengine: glossary\n", encoding="utf-8"
    )
    return project


def test_batch_runs_every_client_and_reports_the_failing_one(tmp_path: Path) -> None:
    make_catalog(tmp_path / "clients" / "acme", 3)
    make_catalog(tmp_path / "clients" / "hanul", 2)
    good = _client(tmp_path / "clients", "acme", "catalog.json")
    bad = _client(tmp_path / "clients", "broken", "missing.csv")
    other = _client(tmp_path / "clients", "hanul", "catalog.json")
    result = CliRunner().invoke(
        app, ["batch", str(good), str(bad), str(other), "--no-images", "--format", "json"]
    )
    data = json.loads(result.stdout)
    clients = {Path(c["project"]).parent.name: c for c in data["clients"]}
    assert clients["acme"]["products"] == 3 and clients["acme"]["bundles"]
    assert clients["hanul"]["products"] == 2  # ran after the failing client
    assert clients["broken"]["error"] and "missing.csv" in clients["broken"]["error"]
    assert clients["broken"]["exit_code"] == 3  # ExitCode.INPUT
    assert result.exit_code == 1
    assert all(Path(z).is_file() for z in clients["acme"]["bundles"])


def test_batch_table_and_a_shared_work_dir(tmp_path: Path) -> None:
    make_catalog(tmp_path / "c" / "acme", 2)
    make_catalog(tmp_path / "c" / "copy", 2)  # the same products under another client
    projects = [_client(tmp_path / "c", name, "catalog.json") for name in ("acme", "copy")]
    shared = tmp_path / "shared-work"
    args = ["batch", *map(str, projects), "--no-images", "--work-dir", str(shared)]
    result = CliRunner().invoke(app, args)
    assert "acme" in result.stdout and "copy" in result.stdout and "batch" in result.stdout
    cached = list((shared / "cache" / "text-v1").rglob("*.json"))
    assert len(cached) == 2  # the second client's identical texts came from the first's cache
