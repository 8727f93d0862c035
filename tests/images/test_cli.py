"""The `klisting images` commands, driven through the Typer app."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from klisting.cli import images as images_cli
from klisting.cli.app import app
from tests.images.conftest import dictionary_translate


def test_images_ocr_json_lists_lines_with_boxes_and_confidence(page, tmp_path):
    path, truth = page
    result = CliRunner().invoke(
        app, ["images", "ocr", str(path), "--work-dir", str(tmp_path / "w"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["image"] == str(path) and len(data["lines"]) == len(truth)
    assert all(
        len(line["bbox"]) == 4 and line["text"] and line["confidence"] > 0 for line in data["lines"]
    )


def test_images_localize_then_render_from_edited_sidecar(page, tmp_path, monkeypatch):
    path, _ = page
    monkeypatch.setattr(images_cli, "_translator", lambda *args: dictionary_translate)
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "images",
            "localize",
            str(path),
            "--to",
            "en",
            "--market",
            "us",
            "-o",
            str(out_dir),
            "--work-dir",
            str(tmp_path / "w"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout[result.stdout.index("[") :])
    assert rows[0]["output"] == str(out_dir / "page.png") and rows[0]["translated"] == 4
    sidecar = out_dir / "page.png.json"
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["blocks"][0]["translation"] = "Hand-fixed text"
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    edited = tmp_path / "edited.png"
    result = CliRunner().invoke(app, ["images", "render", str(sidecar), "-o", str(edited)])
    assert result.exit_code == 0, result.output
    assert edited.is_file() and (tmp_path / "edited.png.json").is_file()


def test_images_render_reports_a_bad_sidecar(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"source": "x.png"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["images", "render", str(bad)])
    assert result.exit_code == 3
