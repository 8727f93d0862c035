"""Turn a project file (klisting.yaml) plus command-line flags into RunOptions (flags win)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from klisting.errors import UsageError
from klisting.export.context import ListingSettings
from klisting.pipeline.run import RunOptions


def profile_facts(config: Any) -> dict[str, str]:
    """The seller profile flattened to the facts exports use (never secrets: the profile holds none)."""
    seller = config.seller
    facts: dict[str, str] = {}
    if seller.manufacturer:
        facts["manufacturer_name"] = seller.manufacturer.name
        if seller.manufacturer.address:
            facts["manufacturer_address"] = seller.manufacturer.address.one_line()
    person = seller.eu_responsible_person
    if person:
        facts["eu_responsible_person"] = person.name
        facts["eu_responsible_name"] = person.name
        facts["eu_responsible_address"] = person.address.one_line() if person.address else ""
        facts["eu_responsible_email"] = person.email or ""
    for brand in seller.brands:
        facts[f"brand:{brand.name}"] = brand.name
    return {key: value for key, value in facts.items() if value}


def build_options(
    catalog: Path | None, targets: list[str] | None, project: Path | None, **flags: Any
) -> RunOptions:
    """RunOptions from the project file (when given) overridden by the non-None flags."""
    config = None
    if project is not None:
        from klisting.project import load_project

        config = load_project(project)
    catalog = catalog or (config.catalog if config else None)
    if catalog is None:
        raise UsageError(
            "no catalog: give CATALOG or set 'catalog' in klisting.yaml",
            hint="klisting run catalog.xlsx --target shopee:tw",
        )
    options = RunOptions(
        catalog=Path(catalog), targets=list(targets or (config.targets if config else []))
    )
    if config is not None:
        options.out_dir = config.output_dir
        options.work_dir = config.work_dir
        options.store = config.store
        options.engine = config.engine
        options.price_rules = dict(config.price_rules)
        options.profile = profile_facts(config)
        options.listing = ListingSettings.from_project(config)
        options.glossary = config.glossary
        options.do_not_translate = config.protected_terms()
        if config.source is not None:  # how the catalog is read (issue 16)
            options.source_profile = config.source.profile
            options.sheet = config.source.sheet
            options.column_map = dict(config.source.column_map)
            options.image_base = config.source.image_base
    options.column_map.update(flags.pop("column_map", None) or {})  # --map adds to the file's map
    for name, value in flags.items():
        if value is not None:
            setattr(options, name, value)
    return options
