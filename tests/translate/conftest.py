"""Fixtures for translation tests: tiny Argos packages, a fake engine, local HTTP servers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Never read a real argostranslate install from tests.
os.environ["ARGOS_PACKAGES_DIR"] = tempfile.mkdtemp(prefix="argos-packages-")


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(ko->en, en->zt) .argosmodel files, built once per test session."""
    from tests.translate.tinymodel import build_all

    return build_all(tmp_path_factory.mktemp("tiny-argos"))


@pytest.fixture
def models_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty KLISTING_HOME for this test; returns its models dir."""
    monkeypatch.setenv("KLISTING_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "models"


@pytest.fixture
def installed(tiny_packages: tuple[Path, Path], models_home: Path) -> Path:
    """Both tiny packages installed into the test's klisting model dir."""
    from klisting.translate.packages import install_package_file

    for package in tiny_packages:
        install_package_file(package)
    return models_home


class FakeEngine:
    """A deterministic test engine: word replacement, records every batch it gets."""

    id = "fake"
    version = "1"
    quality = "machine"
    WORDS = {
        "가방": "bag",
        "빨간": "red",
        "신발": "shoes",
        "색상": "color",
        "블랙": "black",
        "입니다": " it is",
        "좋은": "good",
    }

    def __init__(self, damage: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.damage = damage

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        out = []
        for text in segments:
            for ko, en in self.WORDS.items():
                text = text.replace(ko, en)
            if self.damage:
                text = text.replace("⟦", "[").replace("⟧", "]")
            out.append(text)
        return out


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def server():
    """A running FakeServer on 127.0.0.1 (stopped after the test)."""
    from tests.translate.fakeserver import FakeServer

    running = FakeServer()
    yield running
    running.close()
