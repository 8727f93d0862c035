"""``klisting doctor`` with probes monkeypatched to simulate a complete and a broken machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.onboarding import doctor, system

runner = CliRunner()


@pytest.fixture
def healthy(monkeypatch, tmp_path):
    """A machine with everything: tesseract kor+eng, fonts for every script, models."""
    monkeypatch.setattr(
        system, "tesseract", lambda: system.TesseractInfo("5.3.0", ("eng", "kor", "osd"))
    )
    monkeypatch.setattr(system, "fonts_for", lambda lang: ("Noto Sans",))
    monkeypatch.setattr(system, "detection_model", lambda: Path("/models/det.onnx"))
    monkeypatch.setattr(
        system, "translation_models", lambda: [system.TranslationModel("ko", "en", "ko-en", "/m")]
    )
    monkeypatch.chdir(tmp_path)  # no klisting.yaml found
    return tmp_path


def by_name(checks):
    return {check.name: check for check in checks}


def test_healthy_machine_exits_0(healthy):
    result = runner.invoke(
        app, ["doctor", "-t", "amazon:us", "--work-dir", str(healthy / "work"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    names = [check["name"] for check in data["checks"]]
    assert names[:2] == ["tesseract", "tesseract languages"]
    assert "text detection model" in names and "work dir" in names
    assert all(check["status"] == "ok" for check in data["checks"])


def test_missing_korean_language_exits_4_with_install_command(healthy, monkeypatch):
    monkeypatch.setattr(system, "tesseract", lambda: system.TesseractInfo("5.3.0", ("eng", "osd")))
    result = runner.invoke(app, ["doctor", "--work-dir", str(healthy)])
    assert result.exit_code == 4
    assert "tesseract-ocr-kor" in result.stderr
    check = by_name(doctor.run_checks(["us"], healthy))["tesseract languages"]
    assert check.status == "missing" and "kor" in check.detail


def test_missing_tesseract_fonts_and_model(healthy, monkeypatch):
    monkeypatch.setattr(system, "tesseract", lambda: system.TesseractInfo(None, ()))
    monkeypatch.setattr(system, "fonts_for", lambda lang: () if lang == "th" else ("Noto Sans",))
    monkeypatch.setattr(system, "detection_model", lambda: None)
    checks = by_name(doctor.run_checks(["th", "us"], healthy))
    assert (
        checks["tesseract"].status == "missing"
        and "apt-get install tesseract-ocr" in checks["tesseract"].fix
    )
    assert (
        checks["fonts Thai (th)"].status == "missing"
        and "fonts-noto-core" in checks["fonts Thai (th)"].fix
    )
    assert checks["fonts Latin (en)"].status == "ok"
    assert (
        checks["text detection model"].status == "missing"
        and "rapidocr-onnxruntime" in checks["text detection model"].fix
    )
    result = runner.invoke(
        app, ["doctor", "-t", "shopee:th", "--work-dir", str(healthy), "-f", "json"]
    )
    assert result.exit_code == 4
    assert json.loads(result.stdout)["ok"] is False


def test_translation_models_only_warn(healthy):
    checks = by_name(doctor.run_checks(["tw"], healthy))
    assert checks["translation models"].status == "warn"
    assert (
        "klisting models install ko-en && klisting models install en-zt"
        in checks["translation models"].fix
    )
    assert doctor.missing(list(checks.values())) == []
    # Two Latin-script markets share one font check but each needs its own model.
    latin = by_name(doctor.run_checks(["de", "es"], healthy))
    assert "en-de" in latin["translation models"].fix and "en-es" in latin["translation models"].fix
    assert [name for name in latin if name.startswith("fonts")] == [
        "fonts Hangul (ko)",
        "fonts Latin (de)",
    ]


def test_translation_models_required_for_argos_projects(healthy):
    (healthy / "klisting.yaml").write_text(
        "targets: [amazon:jp]\nengine: argos\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["doctor", "-f", "json"])
    assert result.exit_code == 4
    check = next(
        c for c in json.loads(result.stdout)["checks"] if c["name"] == "translation models"
    )
    assert check["status"] == "missing" and "install en-ja" in check["fix"]


def test_unwritable_work_dir(healthy):
    blocker = healthy / "file"
    blocker.write_text("x")
    check = by_name(doctor.run_checks(["us"], blocker / "work"))["work dir"]
    assert check.status == "missing"


def test_fonts_follow_the_project_targets(healthy):
    (healthy / "klisting.yaml").write_text("targets: [shopee:tw]\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["doctor", "-f", "json"]).stdout)
    fonts = [check["name"] for check in data["checks"] if check["name"].startswith("fonts")]
    assert fonts == ["fonts Hangul (ko)", "fonts Traditional Chinese (zh-tw)"]
    work = next(check for check in data["checks"] if check["name"] == "work dir")
    assert str(healthy / ".klisting") in work["detail"]


def test_argos_metadata_scan(tmp_path, monkeypatch):
    package = tmp_path / "home" / "models" / "translate-ko_en"
    package.mkdir(parents=True)
    (package / "metadata.json").write_text(
        json.dumps({"from_code": "ko", "to_code": "en", "package_name": "ko-en"})
    )
    (tmp_path / "home" / "models" / "broken").mkdir()
    (tmp_path / "home" / "models" / "broken" / "metadata.json").write_text("{not json")
    monkeypatch.setenv("KLISTING_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(system, "_from_registry", lambda: None)
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    models = system.translation_models()
    assert [(m.source, m.target) for m in models] == [("ko", "en")]
    assert system.translation_route(models, "ko", "en") == models
    assert system.translation_route(models, "ko", "ja") is None


def test_models_come_from_the_translation_registry(tmp_path, monkeypatch):
    package = tmp_path / "home" / "models" / "translate-ko_ja"
    (package / "model").mkdir(parents=True)
    (package / "sentencepiece.model").write_bytes(b"spm")
    (package / "metadata.json").write_text(json.dumps({"from_code": "ko", "to_code": "ja"}))
    monkeypatch.setenv("KLISTING_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    models = system.translation_models()
    assert [(m.source, m.target, m.name) for m in models] == [("ko", "ja", "translate-ko_ja")]
    checks = by_name(doctor.run_checks(["jp"], tmp_path, engine="argos"))
    assert checks["translation models"].status == "ok"


def test_work_dir_check_creates_nothing(healthy):
    target = healthy / "not" / "yet" / "there"
    check = by_name(doctor.run_checks(["us"], target))["work dir"]
    assert check.status == "ok"
    assert not (healthy / "not").exists()
    assert list(healthy.iterdir()) == []  # no probe file left either


def test_work_dir_through_a_file_says_to_choose_another_directory(healthy):
    blocker = healthy / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["doctor", "--work-dir", str(blocker / "work"), "-f", "json"])
    assert result.exit_code == 4
    work = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "work dir")
    assert "is a file" in work["detail"] and "mkdir" not in work["fix"]
    assert "--work-dir" in work["fix"] and "run `pass" not in result.stderr
