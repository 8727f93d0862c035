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


def test_review_sheet_round_trip_rerenders_without_ocr(page, tmp_path, monkeypatch):
    """Blocks left Korean go to the review sheet; its finals re-render from the sidecar."""
    from openpyxl import load_workbook

    from klisting.images import pipeline

    path, _ = page

    def half(texts):  # the engine leaves one block half Korean: it must go to review
        return [t if "보온" in t else dictionary_translate([t])[0] for t in texts]

    monkeypatch.setattr(images_cli, "_translator", lambda *args: half)
    out_dir, sheet = tmp_path / "out", tmp_path / "review.xlsx"
    args = ["images", "localize", str(path), "--to", "en", "-o", str(out_dir)]
    result = CliRunner().invoke(
        app, [*args, "--work-dir", str(tmp_path / "w"), "--review", str(sheet)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(sheet)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:6] == ("lang", "sku", "field", "source", "machine", "final")
    [row] = rows[1:]
    assert row[0] == "en" and row[2].startswith("image page.png#block-") and "보온" in row[3]
    book.active.cell(2, 6).value = "Double vacuum: warm for 12 hours"
    book.save(sheet)
    before = (out_dir / "page.png").read_bytes()
    monkeypatch.setattr(
        pipeline, "detect_lines", lambda *a, **k: (_ for _ in ()).throw(AssertionError("OCR"))
    )
    sidecar = out_dir / "page.png.json"
    result = CliRunner().invoke(
        app, ["images", "render", str(sidecar), "--apply-review", str(sheet)]
    )
    assert result.exit_code == 0, result.output
    blocks = json.loads(sidecar.read_text(encoding="utf-8"))["blocks"]
    assert all(b["status"] == "translated" for b in blocks)
    assert "Double vacuum: warm for 12 hours" in [b["translation"] for b in blocks]
    assert (out_dir / "page.png").read_bytes() != before
