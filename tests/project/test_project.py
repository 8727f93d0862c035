"""The project file: round trip, paths relative to the file, errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from klisting.errors import ConfigError
from klisting.project import (
    Brand,
    ProjectConfig,
    SellerProfile,
    find_project,
    load_project,
    save_project,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "klisting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_keeps_values_and_relative_paths(tmp_path):
    (tmp_path / "data").mkdir()
    config = ProjectConfig(
        seller=SellerProfile(
            business_name_ko="한빛상사",
            brn="2208162517",
            phone="010-1234-5678",
            brands=[Brand(name="Hanbit", trademark=True)],
        ),
        targets=["shopee:tw", "amazon:us"],
        catalog=tmp_path / "data" / "catalog.csv",
    )
    path = save_project(config, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "catalog: data/catalog.csv" in text
    assert str(tmp_path) not in text
    loaded = load_project(path)
    assert loaded.seller.brn == "220-81-62517"
    assert loaded.seller.phone == "+821012345678"
    assert loaded.catalog == (tmp_path / "data" / "catalog.csv").resolve()
    assert loaded.work_dir == (tmp_path / ".klisting").resolve()
    assert loaded.targets == ["shopee:tw", "amazon:us"]
    assert loaded.path == path.resolve()
    assert loaded.protected_terms() == ["Hanbit"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_load_accepts_a_directory_and_number_typed_values(tmp_path):
    write(tmp_path, "seller:\n  brn: 2208162517\ntargets: [qoo10]\n")
    config = load_project(tmp_path)
    assert config.seller.brn == "220-81-62517"
    assert config.targets == ["qoo10:jp"]


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("seller:\n  brn: '1234567890'\n", "seller.brn", "check digit"),
        ("seller:\n  email: nobody\n", "seller.email", "e-mail"),
        (
            "seller:\n  eu_responsible_person: {name: X, phone: call-me}\n",
            "seller.eu_responsible_person.phone",
            "phone",
        ),
        ("targets: [ebay:us]\n", "targets", "unknown platform"),
        ("shipping: {mode: teleport}\n", "shipping.mode", ""),
        ("seller:\n  nickname: x\n", "seller.nickname", ""),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(path) in caught.value.message
    assert f"'{key}'" in caught.value.message
    assert words in caught.value.message


def test_secrets_are_refused(tmp_path):
    path = write(tmp_path, "translation:\n  deepl_api_key: abc\n")
    with pytest.raises(ConfigError, match="environment variables"):
        load_project(path)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ConfigError, match="project file not found") as caught:
        load_project(tmp_path / "none.yaml")
    assert "klisting init" in caught.value.hint
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_project(write(tmp_path, "seller: [unclosed\n"))
    with pytest.raises(ConfigError, match="mapping"):
        load_project(write(tmp_path, "- a\n- b\n"))


def test_reload_sees_edits(tmp_path):
    path = write(tmp_path, "engine: glossary\n")
    assert load_project(path).engine == "glossary"
    write(tmp_path, "engine: argos\n")
    assert load_project(path).engine == "argos"


def test_find_project_walks_up(tmp_path):
    write(tmp_path, "engine: glossary\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_project(nested) == (tmp_path / "klisting.yaml").resolve()


def test_save_refuses_invalid_config_and_writes_nothing(tmp_path):
    config = ProjectConfig()
    config.targets = ["ebay:us"]  # bypasses validation on assignment
    with pytest.raises(ConfigError):
        save_project(config, tmp_path / "klisting.yaml")
    assert not (tmp_path / "klisting.yaml").exists()


@pytest.mark.parametrize(
    "text", ["targets: shopee:tw, amazon:us\n", "targets: shopee:tw amazon:us\n"]
)
def test_targets_written_as_one_line_of_text(tmp_path, text):
    (tmp_path / "klisting.yaml").write_text(text, encoding="utf-8")
    assert load_project(tmp_path).targets == ["shopee:tw", "amazon:us"]


def test_store_is_a_url_as_written_or_a_path_relative_to_the_file(tmp_path):
    assert load_project(write(tmp_path, "store: s3://bucket/klisting\n")).store == (
        "s3://bucket/klisting"
    )
    local = load_project(write(tmp_path, "store: shared/store\n")).store
    assert local == str((tmp_path / "shared" / "store").resolve())
    assert load_project(write(tmp_path, "engine: glossary\n")).store is None
