"""The ``klisting run`` command: flags, project file, dry run, errors as exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.pipeline.project_options import build_options
from tests.pipeline.conftest import make_catalog

runner = CliRunner()


def test_dry_run_prints_the_plan_as_json(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, 3)
    result = runner.invoke(
        app,
        [
            "run",
            str(catalog),
            "-t",
            "shopee:tw",
            "-t",
            "amazon:us",
            "--dry-run",
            "--format",
            "json",
            "-o",
            str(tmp_path / "out"),
            "--work-dir",
            str(tmp_path / "work"),
        ],
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["products"] == 3 and plan["targets"] == ["shopee:tw", "amazon:us"]
    assert plan["bundles"] == [
        str(tmp_path / "out" / "shopee-tw"),
        str(tmp_path / "out" / "amazon-us"),
    ]
    assert not (tmp_path / "out").exists()


def test_no_targets_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(make_catalog(tmp_path, 1)), "--work-dir", str(tmp_path / "w")]
    )
    assert result.exit_code == 2
    assert "no targets" in result.stderr


def test_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(make_catalog(tmp_path, 1)), "-t", "ebay:us", "--dry-run"]
    )
    assert result.exit_code == 2 and "unknown platform" in result.stderr


def test_project_file_feeds_the_run_and_flags_override(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, 2)
    project = tmp_path / "client-a" / "klisting.yaml"
    project.parent.mkdir()
    project.write_text(
        "version: 1\n"
        f"catalog: {catalog}\n"
        "targets: [shopee:tw, miravia:es]\n"
        "engine: glossary\n"
        "output_dir: bundles\n"
        "seller:\n"
        "  business_name_en: Harudam\n"
        "  eu_responsible_person: {name: EU Rep GmbH, email: rep@example.eu, address: {line1: Hauptstr. 1, city: Berlin, country: DE}}\n"
        "  brands: [{name: 하루담}]\n",
        encoding="utf-8",
    )
    options = build_options(None, None, project, engine=None, jobs=3)
    assert options.catalog == catalog and options.targets == ["shopee:tw", "miravia:es"]
    assert (
        options.out_dir == project.parent / "bundles"
        and options.engine == "glossary"
        and options.jobs == 3
    )
    assert options.profile["eu_responsible_person"] == "EU Rep GmbH"
    assert "Berlin" in options.profile["eu_responsible_address"]
    assert "하루담" in options.do_not_translate
    override = build_options(None, ["amazon:us"], project, engine="argos", jobs=None)
    assert override.targets == ["amazon:us"] and override.engine == "argos"


def test_a_bundle_with_needs_exits_1_with_a_line_per_target(tmp_path: Path) -> None:
    """No account settings in klisting.yaml: the run names the unfilled fields per target."""
    catalog = make_catalog(tmp_path / "in", 2)
    project = tmp_path / "klisting.yaml"
    project.write_text(
        f"catalog: {catalog}\ntargets: [qoo10:jp, shopify:us]\nengine: glossary\n"
        f"output_dir: {tmp_path / 'out'}\nwork_dir: {tmp_path / 'work'}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", "-c", str(project), "--no-images"])
    assert result.exit_code == 1, result.output
    assert "needs qoo10:jp: " in result.stdout and "ShippingNo" in result.stdout
    assert "needs shopify:us" not in result.stdout
    as_json = runner.invoke(app, ["run", "-c", str(project), "--no-images", "--format", "json"])
    bundles = {b["target"]: b for b in json.loads(as_json.stdout)["bundles"]}
    assert bundles["qoo10:jp"]["needs"] >= 2 and bundles["shopify:us"]["needs"] == 0
    manifest = json.loads((tmp_path / "out" / "qoo10-jp" / "manifest.json").read_text())
    assert {"SecondSubCat", "ShippingNo"} <= {n["field"] for n in manifest["needs"]}
