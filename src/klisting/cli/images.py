"""`klisting images ...`: OCR, localize and re-render the text inside product images."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, progress, stderr, stdout

images_app = typer.Typer(
    help="Find Korean text in product images and re-render it in the buyer's language.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `images` command group to the main app."""
    app.add_typer(images_app, name="images")


def _translator(engine: str, target: str, market: str | None, work_dir: Path):
    from klisting.translate.service import TranslationService

    service = TranslationService(engine=engine, work_dir=work_dir)

    def translate(texts: list[str]) -> list[str]:
        return [
            item.text
            for item in service.translate_texts(
                texts, target, source="ko", kind="plain", market=market
            )
        ]

    return translate


@images_app.command("ocr")
def ocr_command(
    image: str = typer.Argument(..., help="Image path or http(s) URL."),
    work_dir: Path = typer.Option(Path(".klisting"), "--work-dir", help="Cache directory."),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Print the text lines found in IMAGE with boxes and confidences."""
    from klisting.images.ocr import check_languages
    from klisting.images.pipeline import ocr_image

    check_languages()
    with progress() as bar:
        task = bar.add_task(Path(image).name, total=None)
        result, _ = ocr_image(
            image,
            work_dir,
            on_lines=lambda n: bar.update(task, total=n),
            on_line=lambda n: bar.advance(task, n),
        )
    data = {
        "image": image,
        "width": result.width,
        "height": result.height,
        "lines": [
            {"text": line.text, "bbox": line.bbox, "confidence": line.confidence}
            for line in result.lines
        ],
    }
    if fmt == OutputFormat.json:
        print_json(data)
        return
    from rich.table import Table

    table = Table("text", "bbox", "confidence", title=f"{image}: {len(result.lines)} lines")
    for line in result.lines:
        table.add_row(line.text, ",".join(map(str, line.bbox)), f"{line.confidence:.0f}")
    stdout.print(table)


@images_app.command("localize")
def localize_command(
    images: list[str] = typer.Argument(..., help="Image paths or http(s) URLs."),
    to: str = typer.Option(
        ..., "--to", help="Target language: en, zh-Hant, ja, th, vi, es, id ..."
    ),
    market: str = typer.Option(
        None, "--market", help="Market id for unit conversion, e.g. us, tw."
    ),
    out_dir: Path = typer.Option(Path("localized"), "-o", "--out-dir", help="Output directory."),
    work_dir: Path = typer.Option(
        Path(".klisting"), "--work-dir", help="Cache directory (OCR and renders are reused)."
    ),
    engine: str = typer.Option(
        "auto", "--engine", help="Translation engine (auto, argos, glossary, ...)."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Also write <name>.boxes.png with detected boxes."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Localize each IMAGE into OUT_DIR/<stem>.<ext> with a JSON sidecar next to it."""
    from klisting.images.fetch import is_url
    from klisting.images.ocr import check_languages
    from klisting.images.pipeline import localize_image
    from klisting.images.units import market_converter

    check_languages()
    translate = _translator(engine, to, market, work_dir)
    # The translation service converts units for the market itself; the images' converter
    # only steps in for texts it left metric (it skips texts that already show US units).
    convert = market_converter(market)
    results = []
    with progress() as bar:
        overall = bar.add_task("images", total=len(images))
        for source in images:
            name = Path(source.split("?")[0]).name if is_url(source) else Path(source).name
            out = out_dir / (name if Path(name).suffix else name + ".png")
            lines = bar.add_task(f"  {name}", total=None)
            result = localize_image(
                source,
                translate=translate,
                target_lang=to,
                market=market,
                work_dir=work_dir,
                out_path=out,
                convert=convert,
                debug=debug,
                on_lines=lambda n, t=lines: bar.update(t, total=n),
                on_line=lambda n, t=lines: bar.advance(t, n),
            )
            bar.update(lines, visible=False)
            bar.advance(overall)
            results.append(result)
    rows = [
        {
            "image": r.source,
            "output": str(r.output),
            "sidecar": str(r.sidecar),
            "blocks": r.blocks,
            "translated": r.translated,
            "kept": r.kept,
            "low_confidence": r.low_confidence,
            "cached": r.cached,
            "findings": r.findings,
        }
        for r in results
    ]
    if fmt == OutputFormat.json:
        print_json(rows)
        return
    for row in rows:
        note = " (cached)" if row["cached"] else ""
        stdout.print(
            f"{row['output']}: {row['translated']} blocks translated, {row['kept']} kept, {row['low_confidence']} low confidence{note}"
        )
        for finding in row["findings"]:
            stderr.print(
                f"  [yellow]{finding['code']}[/yellow] {finding['message']}", highlight=False
            )


@images_app.command("render")
def render_command(
    sidecar: Path = typer.Argument(
        ..., help="Sidecar JSON written by `images localize` (edit translations first)."
    ),
    out: Path = typer.Option(
        None, "-o", "--out", help="Output image; the sidecar's output path when omitted."
    ),
) -> None:
    """Re-render an image from an edited sidecar, without running OCR again."""
    from klisting.images.pipeline import render_sidecar

    target = render_sidecar(sidecar, out)
    stdout.print(str(target))
