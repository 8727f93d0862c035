"""Source profiles load without pydantic when the file is plain data, and the same as with it."""

from __future__ import annotations

import dataclasses

import pytest

from klisting.catalog.profiles import SourceProfile, load_profiles, profile_schema
from klisting.configfiles import load_model
from klisting.errors import ConfigError
from klisting.paths import config_dir


def test_the_dataclass_and_the_schema_have_the_same_fields_and_defaults():
    schema = profile_schema().model_fields
    ours = {f.name: f for f in dataclasses.fields(SourceProfile)}
    assert list(ours) == list(schema)
    for name, info in schema.items():
        field = ours[name]
        if info.is_required():
            assert field.default is field.default_factory is dataclasses.MISSING, name
            continue
        factory = field.default_factory
        default = field.default if factory is dataclasses.MISSING else factory()
        assert default == info.get_default(call_default_factory=True), name


def test_shipped_profiles_load_as_plain_data_equal_to_the_schema():
    profile_schema.cache_clear()
    load_profiles.cache_clear()
    loaded = load_profiles()
    assert profile_schema.cache_info().currsize == 0  # no pydantic model was built
    paths = sorted((config_dir() / "sources").glob("*.yaml"))
    assert len(paths) == len(loaded) >= 5
    for path in paths:
        checked = load_model(path, profile_schema())
        assert dataclasses.asdict(loaded[checked.name]) == checked.model_dump(), path.name


def test_a_file_that_is_not_plain_goes_through_the_schema(tmp_path):
    (tmp_path / "coerced.yaml").write_text(
        "name: coerced\npriority: '3'\ncolumns: {sku: [상품코드]}\nextra: ignored\n",
        encoding="utf-8",
    )
    loaded = load_profiles(str(tmp_path))["coerced"]
    assert loaded.priority == 3 and loaded.columns == {"sku": ["상품코드"]}  # pydantic's coercion
    (tmp_path / "broken.yaml").write_text("name: broken\ncolumns: {sku: 7}\n", encoding="utf-8")
    load_profiles.cache_clear()
    with pytest.raises(ConfigError, match=r"broken\.yaml: key 'columns\.sku'"):
        load_profiles(str(tmp_path))
