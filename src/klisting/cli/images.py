"""`klisting images ...`: OCR, localize and re-render the text inside product images."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, progress, stderr, stdout
from klisting.errors import InputError, KlistingError, RemoteError, UsageError

if TYPE_CHECKING:
    from klisting.images.pipeline import LocalizedImageResult

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
        from klisting.images.decide import Reviewed

        found = service.translate_texts(texts, target, source="ko", kind="plain", market=market)
        # A reviewed (locked) memory entry is a person's translation: it may settle a doubt.
        return [Reviewed(t.text) if t.quality == "reviewed" else t.text for t in found]

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
        task = bar.add_task(escape(Path(image).name), total=None)
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

    table = Table("text", "bbox", "confidence", title=f"{escape(image)}: {len(result.lines)} lines")
    for line in result.lines:
        table.add_row(escape(line.text), ",".join(map(str, line.bbox)), f"{line.confidence:.0f}")
    stdout.print(table)


#: suffixes the localized image keeps; anything else (gif, jfif, no suffix) is written as PNG
_KEEP_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def output_paths(sources: list[str], out_dir: Path) -> list[Path]:
    """One output path per source in ``out_dir``, unique and with a suffix matching its format.

    Catalogs often hold ``a/main.jpg`` and ``b/main.jpg``: the second gets ``main-2.jpg`` instead
    of silently overwriting the first. The writer only encodes JPEG, PNG and WebP, so a
    ``.gif`` source becomes ``.png`` rather than PNG bytes under a ``.gif`` name.
    """
    from klisting.images.fetch import is_url

    taken: set[str] = set()
    paths = []
    for source in sources:
        name = Path(source.split("?")[0]).name if is_url(source) else Path(source).name
        stem, suffix = Path(name).stem or "image", Path(name).suffix
        if suffix.lower() not in _KEEP_SUFFIXES:
            suffix = ".png"
        candidate, number = stem + suffix, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        taken.add(candidate.lower())
        paths.append(out_dir / candidate)
    return paths


def _refuse_overwriting_sources(sources: list[str], outputs: list[Path]) -> None:
    """Stop before any work when an output would replace one of the source images.

    ``-o .`` run beside the photos would otherwise overwrite each original with its
    localized copy, and the sidecar would then point at the already-rendered image.
    """
    from klisting.images.fetch import is_url

    originals = {Path(s).resolve() for s in sources if not is_url(s)}
    for out in outputs:
        if out.resolve() in originals:
            raise UsageError(
                f"{out}: the localized image would overwrite its source",
                hint="Pick another output directory with -o/--out-dir.",
            )


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
    review: Path = typer.Option(
        None,
        "--review",
        help="Write the blocks left as they were to this review sheet (.xlsx, as translate --review).",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Localize each IMAGE into OUT_DIR/<stem>.<ext> with a JSON sidecar next to it."""
    from klisting.images.ocr import check_languages
    from klisting.images.pipeline import localize_image

    if market:
        from klisting.markets.markets import get_market

        # An unknown or misspelt market would silently skip unit conversion: refuse it.
        market = get_market(market).code
    check_languages()
    # The translation service converts units for the market: the one place they convert.
    translate = _translator(engine, to, market, work_dir)
    rows: list[dict] = []
    failures: list[KlistingError] = []
    outputs = output_paths(images, out_dir)
    _refuse_overwriting_sources(images, outputs)
    with progress() as bar:
        overall = bar.add_task("images", total=len(images))
        for source, out in zip(images, outputs, strict=True):
            lines = bar.add_task(f"  {escape(out.name)}", total=None)
            try:
                result = localize_image(
                    source,
                    translate=translate,
                    target_lang=to,
                    market=market,
                    work_dir=work_dir,
                    out_path=out,
                    debug=debug,
                    on_lines=lambda n, t=lines: bar.update(t, total=n),
                    on_line=lambda n, t=lines: bar.advance(t, n),
                )
            except (InputError, RemoteError) as error:
                # One unreadable image (or dead URL) must not cost the rest of the batch.
                failures.append(error)
                rows.append({"image": source, "output": None, "error": str(error)})
            else:
                rows.append(_row(result))
            bar.update(lines, visible=False)
            bar.advance(overall)
    if fmt == OutputFormat.json:
        print_json(rows)
    else:
        _print_rows(rows)
    if review:
        _write_review(review, [Path(row["sidecar"]) for row in rows if row.get("sidecar")])
    if failures:
        for error in failures:
            stderr.print(f"[bold red]error:[/bold red] {escape(error.message)}", highlight=False)
        if failures[0].hint:
            stderr.print(f"[yellow]hint:[/yellow] {escape(failures[0].hint)}", highlight=False)
        raise typer.Exit(max(error.exit_code for error in failures))


def _write_review(path: Path, sidecars: list[Path]) -> None:
    from klisting.images.review import review_rows
    from klisting.images.sidecar import read_sidecar
    from klisting.translate.review import write_review

    rows = write_review(path, [], review_rows(read_sidecar(s) for s in sidecars))
    stderr.print(
        f"review sheet: {escape(str(path))} ({rows} image blocks; fill the 'final' column, "
        "then images render SIDECAR --apply-review)",
        highlight=False,
    )


def _row(result: LocalizedImageResult) -> dict:
    return {
        "image": result.source,
        "output": str(result.output),
        "sidecar": str(result.sidecar),
        "blocks": result.blocks,
        "translated": result.translated,
        "kept": result.kept,
        "low_confidence": result.low_confidence,
        "cached": result.cached,
        "findings": [f.to_json() for f in result.findings],
    }


def _print_rows(rows: list[dict]) -> None:
    for row in rows:
        if row.get("error"):
            continue  # reported after the summary, with its hint
        note = " (cached)" if row["cached"] else ""
        stdout.print(
            f"{escape(row['output'])}: {row['translated']} blocks translated, {row['kept']} kept, {row['low_confidence']} low confidence{note}",
            highlight=False,
        )
        _print_findings(row["findings"])


def _print_findings(findings: list[dict]) -> None:
    # Messages quote OCR text and file names, where "[...]" is common: print it literally.
    for finding in findings:
        stderr.print(
            f"  [yellow]{escape(finding['code'])}[/yellow] {escape(finding['message'])}",
            highlight=False,
        )


@images_app.command("render")
def render_command(
    sidecar: Path = typer.Argument(
        ..., help="Sidecar JSON written by `images localize` (edit translations first)."
    ),
    out: Path = typer.Option(
        None, "-o", "--out", help="Output image; the sidecar's output path when omitted."
    ),
    apply_review: Path = typer.Option(
        None,
        "--apply-review",
        help="Take the 'final' column of this review sheet for the blocks whose text matches.",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Re-render an image from an edited sidecar, without running OCR again."""
    from klisting.images.pipeline import render_sidecar
    from klisting.images.sidecar import read_sidecar
    from klisting.translate.review import read_finals

    finals = read_finals(apply_review) if apply_review else None
    target = render_sidecar(sidecar, out, finals=finals)
    written = target.with_name(target.name + ".json") if out else sidecar
    findings = read_sidecar(written).findings
    if fmt == OutputFormat.json:
        print_json({"output": str(target), "sidecar": str(written), "findings": findings})
        return
    stdout.print(str(target), markup=False, highlight=False)
    _print_findings(findings)
