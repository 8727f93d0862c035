"""The argos engine on tiny real packages: install, load, batch, pivot, missing-model error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from klisting.errors import DependencyError, InputError
from klisting.translate.engines import get_engine
from klisting.translate.engines.argos import ArgosEngine
from klisting.translate.packages import (
    install_package_file,
    installed_packages,
    parse_pair,
    remove_packages,
)


def test_install_lists_and_translates_direct(installed: Path) -> None:
    pairs = {p.pair for p in installed_packages()}
    assert pairs == {"ko-en", "en-zt"}
    engine = ArgosEngine(source="ko", target="en", intra_threads=1)
    out = engine.translate_batch(
        ["여성용 빨간 가방", "정품 검정 신발 세트 AB_123", "", "이 상품은 가볍고 튼튼합니다."],
        "ko",
        "en",
    )
    # underscores in SKUs survive (Argos' own decoder would turn them into spaces)
    assert out == [
        "women's red bag",
        "genuine black shoes set AB_123",
        "",
        "이 상품은 가볍고 튼튼합니다.",
    ]


def test_pivot_through_english(installed: Path) -> None:
    engine = ArgosEngine(source="ko", target="zh-Hant", intra_threads=1)
    assert [p.pair for p in engine.route("ko", "zh-Hant")] == ["ko-en", "en-zt"]
    assert engine.translate_batch(["검정 신발", "파란 모자"], "ko", "zh-Hant") == [
        "黑色 鞋",
        "藍色 帽子",
    ]


def test_auto_prefers_argos_when_installed(installed: Path) -> None:
    assert get_engine("auto", source="ko", target="en").id == "argos"


def test_missing_model_names_install_command(models_home: Path) -> None:
    engine = ArgosEngine(source="ko", target="ja")
    assert not engine.supports("ko", "ja")
    with pytest.raises(DependencyError) as err:
        engine.translate_batch(["가방"], "ko", "ja")
    assert "klisting models install ko-ja" in err.value.hint
    assert err.value.exit_code == 4


def test_version_changes_with_package(installed: Path) -> None:
    en = ArgosEngine(source="ko", target="en")
    zt = ArgosEngine(source="ko", target="zh-Hant")
    assert en.version != zt.version and "translate-ko_en" in en.version


def test_reinstall_replaces_and_remove(installed: Path, tiny_packages: tuple[Path, Path]) -> None:
    install_package_file(tiny_packages[0])
    assert sum(p.pair == "ko-en" for p in installed_packages()) == 1
    removed = remove_packages("ko-en")
    assert [p.name for p in removed] == ["translate-ko_en-0_1"]
    assert {p.pair for p in installed_packages()} == {"en-zt"}


@pytest.mark.parametrize("bad", ["../evil.txt", "/abs/metadata.json"])
def test_zip_with_path_escape_is_refused(tmp_path: Path, models_home: Path, bad: str) -> None:
    archive = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg/metadata.json", "{}")
        z.writestr("pkg/model/model.bin", "x")
        z.writestr(bad, "boom")
    with pytest.raises(InputError, match="unsafe path"):
        install_package_file(archive)
    assert not (tmp_path / "evil.txt").exists()
    assert not models_home.exists() or not any(
        p for p in models_home.iterdir() if not p.name.startswith(".")
    )


def test_not_a_package_is_refused(tmp_path: Path, models_home: Path) -> None:
    archive = tmp_path / "x.argosmodel"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg/readme.txt", "hello")
    with pytest.raises(InputError, match="not an Argos translate package"):
        install_package_file(archive)
    text = tmp_path / "plain.argosmodel"
    text.write_text("not a zip")
    with pytest.raises(InputError, match="not an .argosmodel"):
        install_package_file(text)


@pytest.mark.parametrize(
    ("spec", "pair"),
    [
        ("ko-en", ("ko", "en")),
        ("ko:zh-Hant", ("ko", "zt")),
        ("translate-en_zt-1_9", ("en", "zt")),
        ("ko-zh-Hans", ("ko", "zh")),
    ],
)
def test_parse_pair(spec: str, pair: tuple[str, str]) -> None:
    assert parse_pair(spec) == pair
