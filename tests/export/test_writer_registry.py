"""Writers are declared once: every listing kind and JSON family has its writer, a typo fails at load."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from klisting.export.writers import JSON_DOCUMENTS, WRITERS
from klisting.markets.platforms import ListingKind, PlatformSpec, load_platforms


def test_every_listing_kind_has_a_writer():
    assert set(WRITERS) == set(get_args(ListingKind))


def test_every_platform_with_a_json_file_has_a_document_builder():
    for spec in load_platforms().values():
        if any(listing.kind == "json" for listing in spec.files):
            assert spec.family in JSON_DOCUMENTS, spec.name


def test_a_family_typo_fails_when_the_config_loads():
    data = next(iter(load_platforms().values())).model_dump()
    with pytest.raises(ValidationError):
        PlatformSpec.model_validate({**data, "family": "shoppe"})
    data["files"][0]["kind"] = "jsonl"
    with pytest.raises(ValidationError):
        PlatformSpec.model_validate(data)


def test_a_need_is_recorded_once_per_sku_field_and_key():
    from klisting.export.context import ListingContext

    ctx = ListingContext("shopee:tw")
    for sku in ("A", "B", "A"):
        ctx.need(sku, "category_id", "categories in klisting.yaml")
    ctx.need("A", "brand_id", "accounts.shopee.brand_ids")
    assert [(n["sku"], n["field"]) for n in ctx.needs] == [
        ("A", "category_id"),
        ("B", "category_id"),
        ("A", "brand_id"),
    ]
