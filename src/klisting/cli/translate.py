"""``klisting translate``: translate a catalog's titles, descriptions and options."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from klisting.cli.common import CATALOG_ARG, ENCODING_OPTION, PROFILE_OPTION, SHEET_OPTION, read
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, progress, stderr
from klisting.errors import UsageError
from klisting.translate.engines import engine_help


@dataclass(slots=True)
class _Lang:
    lang: str
    market: str | None
    title_max: int | None
    label: str


def translate_command(
    catalog: Path = CATALOG_ARG,
    to: list[str] | None = typer.Option(
        None, "--to", help="Target language (en, zh-Hant, ja ...); repeatable."
    ),
    target: list[str] | None = typer.Option(
        None,
        "--target",
        "-t",
        help="platform:market: its language, market units and title limit (repeatable).",
    ),
    engine: str = typer.Option(
        "auto", "--engine", "-e", help=f"Translation engine: {engine_help()}."
    ),
    work_dir: Path = typer.Option(
        Path(".klisting"), "--work-dir", help="Where the translation memory lives."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="JSON Lines output; stdout when omitted."
    ),
    review: Path | None = typer.Option(
        None, "--review", help="Also write a review sheet (.xlsx: source, machine, final)."
    ),
    apply_review: Path | None = typer.Option(
        None,
        "--apply-review",
        help="Import a reviewed sheet's final column as locked translations first.",
    ),
    glossary: Path | None = typer.Option(
        None, "--glossary", "-g", help="Seller glossary: TSV/CSV (source, target) or TBX."
    ),
    dnt: list[str] | None = typer.Option(
        None,
        "--keep",
        help="Do-not-translate term (repeatable); brands in the catalog are kept too.",
    ),
    market: str | None = typer.Option(
        None, "--market", "-m", help="Market for numbers with units (us, tw ...)."
    ),
    title_max: int | None = typer.Option(
        None, "--title-max", help="Shorten titles to this many characters."
    ),
    source_lang: str = typer.Option("ko", "--from", help="Source language."),
    import_tmx: Path | None = typer.Option(
        None, "--import-tmx", help="Import a TMX file as locked translations first."
    ),
    export_tmx: Path | None = typer.Option(
        None, "--export-tmx", help="Write the memory as TMX after translating."
    ),
    engine_url: str | None = typer.Option(
        None,
        "--engine-url",
        help="Base URL of a libretranslate, deepl or openai-compatible server.",
    ),
    engine_model: str | None = typer.Option(
        None, "--engine-model", help="Model name for the openai engine."
    ),
    model_dir: list[Path] | None = typer.Option(
        None, "--model-dir", help="Extra directory with Argos packages (repeatable)."
    ),
    splitter: str = typer.Option(
        "regex",
        "--splitter",
        help="Sentence splitter: regex (fast) or kiwi (finds boundaries without punctuation).",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
) -> None:
    """Translate a catalog into one or more languages (one JSON object per product and language)."""
    from klisting.translate.service import TranslationService

    if splitter not in {"regex", "kiwi"}:
        raise UsageError(
            f"unknown splitter {splitter!r}", "Use --splitter regex or --splitter kiwi."
        )
    languages = _languages(to, target, market, title_max)
    result = read(catalog, profile, sheet, encoding)
    brands = sorted({p.brand.strip() for p in result.products if p.brand.strip()})
    options = _engine_options(engine, engine_url, engine_model, model_dir)
    with TranslationService(
        engine,
        work_dir,
        seller_glossary=glossary,
        do_not_translate=dnt or (),
        brands=brands,
        engine_options=options,
        splitter=splitter,
    ) as service:
        _imports(service, apply_review, import_tmx, source_lang)
        records = _translate(service, result.products, languages, source_lang)
        _write_records(records, output)
        if review:
            from klisting.translate.review import write_review

            rows = write_review(review, records)
            stderr.print(
                f"review sheet: {review} ({rows} rows; fill the 'final' column, then --apply-review)"
            )
        if export_tmx:
            from klisting.translate.tmx import export_tmx as write_tmx

            units = write_tmx(service.memory, export_tmx, source_lang)
            stderr.print(f"TMX: {export_tmx} ({units} units)")
        summary = _summary(service, records, languages)
    _print_summary(summary, fmt, output)


def _languages(
    to: list[str] | None, targets: list[str] | None, market: str | None, title_max: int | None
) -> list[_Lang]:
    if market:
        from klisting.markets.markets import get_market

        get_market(market)  # an unknown market is a usage error, not a silent no-op
    langs = [_Lang(_canonical(lang), market, title_max, lang) for lang in to or []]
    if targets:
        from klisting.markets.targets import parse_targets
        from klisting.pipeline.text_stage import translation_language

        for t in parse_targets(targets):
            limit = title_max or t.platform.title.max_chars
            # the language `klisting run` translates into (amazon's en-US -> en), so memory,
            # review sheets and TMX imports are shared between the two commands
            lang = translation_language(t.platform.language)
            langs.append(_Lang(lang, market or t.market, limit, t.id))
    if not langs:
        raise UsageError("no target language", "Add --to en (repeatable) or --target shopee:tw.")
    return langs


def _canonical(tag: str) -> str:
    """The language tag memory and locks are keyed by: zh-TW -> zh-Hant, EN, en-US -> en."""
    from klisting.pipeline.text_stage import translation_language
    from klisting.translate.termbase import normalize_language

    return normalize_language(tag) or translation_language(tag.strip())


def _engine_options(
    engine: str, url: str | None, model: str | None, model_dirs: list[Path] | None
) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if url:
        options["base_url"] = url
    if model:
        options["model"] = model
    if model_dirs and engine in {"auto", "argos"}:
        options["model_dirs"] = tuple(model_dirs)
    return options


def _imports(
    service: Any, apply_review: Path | None, import_tmx: Path | None, source_lang: str
) -> None:
    if apply_review:
        from klisting.translate.review import apply_review as load_review

        count = load_review(apply_review, service.memory, source_lang)
        stderr.print(f"review: {count} reviewed translations locked")
    if import_tmx:
        from klisting.translate.tmx import import_tmx as load_tmx

        count = load_tmx(import_tmx, service.memory, source_lang)
        stderr.print(f"TMX: {count} translations imported (locked)")


def _translate(
    service: Any, products: list[Any], languages: list[_Lang], source_lang: str
) -> list[Any]:
    records: list[Any] = []
    with progress() as bar:
        task = bar.add_task("translating", total=len(products) * len(languages))
        for lang in languages:
            bar.update(task, description=f"translating {lang.label}")
            records += service.translate_products(
                products,
                lang.lang,
                source=source_lang,
                market=lang.market,
                title_max_chars=lang.title_max,
            )
            bar.advance(task, len(products))
    return records


def _write_records(records: list[Any], output: Path | None) -> None:
    lines = "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)
    if output is None:
        sys.stdout.write(lines)
        sys.stdout.flush()
        return
    from klisting.infra.atomic import write_bytes_atomic as write_output

    write_output(output, lines.encode("utf-8"))


def _summary(service: Any, records: list[Any], languages: list[_Lang]) -> dict[str, Any]:
    engines = sorted({r.engine for r in records})
    return {
        "products": len({r.sku for r in records}),
        "languages": [lang.lang for lang in languages],
        "records": len(records),
        "engines": engines,
        "segments": service.stats.to_json(),
        "findings": sum(len(r.findings) for r in records),
        "draft": sum(r.quality == "draft" for r in records),
        "with_korean_left": sum(bool(r.untranslated) for r in records),
        "korean_left": _common_words(records),
    }


def _common_words(records: list[Any], limit: int = 10) -> list[str]:
    """The Korean words left in the most records: the first terms to add to a glossary."""
    counts: dict[str, int] = {}
    for record in records:
        for word in record.untranslated:
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:limit]


def _print_summary(summary: dict[str, Any], fmt: OutputFormat, output: Path | None) -> None:
    segments = summary["segments"]
    if fmt is OutputFormat.json and output is not None:
        print_json(summary)
        return
    stderr.print(
        f"{summary['records']} records ({summary['products']} products x {len(summary['languages'])} languages) "
        f"with {', '.join(summary['engines']) or 'no engine'}: {segments['translated']} segments translated, "
        f"{segments['from_memory']} from memory, {segments['failed']} failed; {summary['findings']} findings"
        + (f" -> {output}" if output else ""),
        highlight=False,
    )
    if summary["with_korean_left"]:
        stderr.print(
            f"[yellow]{summary['with_korean_left']} records still contain Korean[/yellow] "
            f"(most common: {', '.join(summary['korean_left'])}): add them to a --glossary file "
            "or fix them in a --review sheet",
            highlight=False,
        )
    if summary["draft"]:
        stderr.print(
            f"[yellow]{summary['draft']} records are glossary drafts[/yellow]: install a model for better text (klisting models install ko-en)",
            highlight=False,
        )
    if segments.get("meaning_checks"):
        stderr.print(
            f"[yellow]{segments['meaning_checks']} sentences kept in Korean[/yellow]: their translation "
            "lost a negation, number or unit (translate.meaning-check); fix them in a --review sheet",
            highlight=False,
        )
    usage = segments.get("usage") or {}
    if usage:
        cost = usage.get("cost_usd")
        stderr.print(
            f"{usage.get('requests', 0)} requests, {usage.get('prompt_tokens', 0)} prompt + "
            f"{usage.get('completion_tokens', 0)} completion tokens"
            + (
                f", {cost:.4f} USD"
                if cost is not None
                else " (set OPENAI_PRICE_INPUT/OUTPUT for the cost)"
            ),
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.command("translate")(translate_command)
