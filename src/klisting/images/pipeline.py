"""The image localization pipeline: fetch -> detect -> OCR -> group -> translate -> erase -> render.

OCR results are cached in ``work_dir/images/ocr`` by image hash + detector/OCR settings, so
several target languages share one OCR. A localized image is cached by image hash, target,
the translations and the render settings: a rerun that would produce the same output skips it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from klisting.errors import UsageError
from klisting.images.complete import dedupe_quantities, incomplete_reason
from klisting.images.compose import render_blocks, save_image
from klisting.images.detect import DetectSettings, detect_lines
from klisting.images.facts import normalise
from klisting.images.fetch import decode_with_alpha, fetch, is_url, load_rgba, working_pixels
from klisting.images.group import MIN_CONFIDENCE, group_lines, has_korean
from klisting.images.ocr import LANG, recognise
from klisting.images.review import apply_finals
from klisting.images.sidecar import Block, Doubt, OcrResult, Sidecar, read_sidecar, write_sidecar
from klisting.images.spelling import termbase_speller
from klisting.infra.atomic import write_text_atomic
from klisting.model.codes import Code, declare, finding
from klisting.model.finding import Finding, Severity

RENDER_VERSION = "r9"  # r8: text-pixel masks, all-or-nothing blocks, badge panels
Translate = Callable[[list[str]], list[str]]


class Reviewed(str):
    """A translation a person wrote (a locked review-sheet entry): a ``Translate`` callable
    returns one to say so. A person read the image, so it settles doubtful numbers and is
    accepted for blocks the OCR could not read with confidence."""


Progress = Callable[[int], None]


@dataclass
class LocalizedImageResult:
    """What :func:`localize_image` produced for one image."""

    source: str
    output: Path
    sidecar: Path
    blocks: int = 0
    translated: int = 0
    kept: int = 0
    low_confidence: int = 0
    cached: bool = False
    findings: list[Finding] = field(default_factory=list)


def _ocr_key(sha: str, settings: DetectSettings) -> str:
    return hashlib.sha256(f"{sha}|{settings.key()}|{LANG}|ocr-v5".encode()).hexdigest()[:24]


def ocr_image(
    source: str,
    work_dir: Path | None = None,
    *,
    on_lines: Callable[[int], None] | None = None,
    on_line: Progress | None = None,
    settings: DetectSettings | None = None,
) -> tuple[OcrResult, np.ndarray]:
    """Detect and recognise the text lines of one image (cached in ``work_dir``).

    Args:
        source: local path or http(s) URL.
        work_dir: cache directory root; no caching when None.
        on_lines: called once with the number of detected lines (to size a progress bar).
        on_line: called after each recognised line.
        settings: detector settings.

    Returns:
        The OCR result and the decoded RGB pixels.
    """
    settings = settings or DetectSettings()
    fetched = fetch(source, work_dir / "images" / "fetch" if work_dir else None)
    image = working_pixels(*decode_with_alpha(fetched.data, source))
    sha = fetched.sha256
    pixels = np.asarray(image)
    cache = work_dir / "images" / "ocr" / f"{_ocr_key(sha, settings)}.json" if work_dir else None
    if cache and cache.is_file():
        result = OcrResult.model_validate_json(cache.read_text(encoding="utf-8"))
        result.image = source
        return result, pixels
    boxes = detect_lines(pixels, settings)
    if on_lines:
        on_lines(len(boxes))
    lines = recognise(pixels, boxes, on_line=on_line)
    result = OcrResult(
        image=source,
        width=image.width,
        height=image.height,
        sha256=sha,
        lines=[line for line in lines if line.text.strip()],
    )
    if cache:
        write_text_atomic(cache, result.model_dump_json())
    return result, pixels


declare(
    Code(
        "image.low-confidence",
        Severity.WARNING,
        "images",
        "a text block the OCR could barely read is left as it was",
        "Check the image; type the text into the sidecar's translation and re-render.",
    ),
    Code(
        "image.text-uncertain",
        Severity.WARNING,
        "images",
        "a number, unit or certification mark was not read the same way twice: the block is left as it was",
        "Check the number in the image; write the block's translation in the review sheet "
        "(or the sidecar) and re-render with --apply-review.",
    ),
    Code(
        "image.translation-incomplete",
        Severity.WARNING,
        "images",
        "a block's translation is incomplete (Korean left, romanised, truncated or other numbers): "
        "the block is left as it was",
        "Complete the block's translation in the review sheet (or the sidecar) and re-render.",
    ),
)


def _block_finding(code: str, image: str, block: Block, message: str) -> Finding:
    return finding(code, f"block {block.id}: {message}", location=f"{image}#block-{block.id}")


def resolve_doubts(block: Block, facts: frozenset[str]) -> list[Doubt]:
    """Settle the block's doubtful facts with the product's own facts; returns those left.

    A reading that equals a fact the catalog states for this product (``500ml`` in its title or
    volume) is taken, and written into the block's source text in place of the first reading.
    """
    left = []
    for doubt in block.doubts:
        match = next(
            (c for c in [doubt.token, *doubt.readings] if c and normalise(c) in facts), None
        )
        if match is None:
            left.append(doubt)
        elif match != doubt.token:
            block.source = block.source.replace(doubt.token, match, 1)
    return left


def _screen(block: Block, image: str, facts: frozenset[str]) -> Finding | None:
    """Mark a block that must not be translated (low confidence, doubtful fact, not Korean)."""
    if block.confidence < MIN_CONFIDENCE:
        # Korean that tesseract could not read often comes out as Latin noise ("Ie?OWSTAS"),
        # which must be reported, not quietly counted as kept English.
        block.status, block.translation = "low-confidence", None
        return _block_finding(
            "image.low-confidence",
            image,
            block,
            f"left as is: OCR confidence {block.confidence:.0f} ({block.source!r})",
        )
    doubts = resolve_doubts(block, facts)
    if doubts:
        block.status, block.translation, block.doubts = "uncertain", None, doubts
        read = "; ".join(f"{d.token!r} (also read {d.readings or 'nothing'})" for d in doubts)
        block.reason = f"not read the same way twice: {read}"
        return _block_finding(
            "image.text-uncertain",
            image,
            block,
            f"left as is: read {block.source!r}, {block.reason}",
        )
    if not has_korean(block.source):
        block.status, block.translation = "kept", None
    return None


def translate_blocks(
    blocks: list[Block],
    translate: Translate,
    convert: Callable[[str], str] | None = None,
    *,
    image: str = "",
    facts: frozenset[str] = frozenset(),
    market: str | None = None,
) -> list[Finding]:
    """Fill ``block.translation`` where the whole block can be replaced; returns findings.

    Args:
        blocks: the image's blocks (changed in place: status, translation, proposed, reason).
        translate: Korean texts -> translations, one call per image; a :class:`Reviewed`
            result is a person's and also settles blocks left as they were.
        convert: optional unit conversion of the translation (not needed when ``translate``
            converts already: the units layer is applied once).
        image: the image's name, for findings.
        facts: the product's own facts (``facts.catalog_facts``) that settle doubtful readings.
        market: market id, for checking the translation's converted numbers.
    """
    screened: dict[int, Finding] = {}
    todo = []
    for block in blocks:
        block.proposed = block.reason = None
        found = _screen(block, image, facts)
        if found:
            screened[block.id] = found
        if block.status != "kept" and has_korean(block.source):
            todo.append(block)
    speller = termbase_speller()
    translated = translate([speller.correct(block.source) for block in todo]) if todo else []
    findings: list[Finding] = []
    for block, text in zip(todo, translated, strict=True):
        if block.id in screened:
            if isinstance(text, Reviewed):
                del screened[block.id]  # a person answered the doubt
                block.status, block.reason = "review", None
                found = check_translation(block, str(text), image, market, human=True)
            else:
                block.proposed = str(text).strip() or None  # for the reviewer, never drawn
                found = screened.pop(block.id)
        else:
            text = (
                text
                if isinstance(text, Reviewed)
                else dedupe_quantities(convert(text) if convert else text)
            )
            found = check_translation(
                block, str(text).strip(), image, market, human=isinstance(text, Reviewed)
            )
        if found:
            findings.append(found)
    return findings + [f for f in screened.values() if f not in findings]


def check_translation(
    block: Block, text: str, image: str, market: str | None, *, human: bool = False
) -> Finding | None:
    """Accept ``text`` as the block's translation when complete; else send the block to review."""
    reason = incomplete_reason(block.source, text, market, human=human)
    if reason is None:
        block.status, block.translation, block.proposed = "translated", text, None
        return None
    block.status, block.translation, block.proposed, block.reason = "review", None, text, reason
    return _block_finding(
        "image.translation-incomplete", image, block, f"left as is: {reason} ({text!r})"
    )


def localize_image(
    src: str,
    *,
    translate: Translate,
    target_lang: str,
    market: str | None,
    work_dir: Path,
    out_path: Path,
    convert: Callable[[str], str] | None = None,
    debug: bool = False,
    on_lines: Callable[[int], None] | None = None,
    on_line: Progress | None = None,
    facts: frozenset[str] = frozenset(),
) -> LocalizedImageResult:
    """Localize one image: its Korean text re-rendered in ``target_lang``; writes image + sidecar.

    Args:
        src: local path or http(s) URL.
        translate: callable mapping Korean texts to translations (one batch per image).
        target_lang: BCP 47 language of the output (selects fonts and line breaking).
        market: market id, recorded in the sidecar (units are converted by ``translate``/``convert``).
        work_dir: cache root (OCR and render caches live under ``work_dir/images``).
        out_path: where the localized image goes; the sidecar is ``out_path`` + ``.json``.
        convert: optional post-translation text step (e.g. unit conversion for the market).
        debug: also write ``<out_path stem>.boxes.png`` with detected boxes drawn.
        on_lines, on_line: progress callbacks (see :func:`ocr_image`).
        facts: the product's own facts (``facts.catalog_facts`` of title, options, weight,
            volume) that confirm a number the OCR did not read the same way twice.
    """
    work_dir, out_path = Path(work_dir), Path(out_path)
    sidecar_path = out_path.with_name(out_path.name + ".json")
    ocr, pixels = ocr_image(src, work_dir, on_lines=on_lines, on_line=on_line)
    blocks = group_lines(ocr.lines, pixels)
    name = Path(src.split("?")[0]).name or src
    findings = translate_blocks(blocks, translate, convert, image=name, facts=facts, market=market)
    key = hashlib.sha256(
        json.dumps(
            [
                ocr.sha256,
                target_lang,
                market,
                RENDER_VERSION,
                [(b.status, b.translation) for b in blocks],
            ]
        ).encode()
    ).hexdigest()[:24]
    marker = work_dir / "images" / "done" / f"{key}.json"
    if (
        marker.is_file()
        and out_path.is_file()
        and sidecar_path.is_file()
        and json.loads(marker.read_text()).get("output") == str(out_path.resolve())
    ):
        done = read_sidecar(sidecar_path)
        result = _result(src, out_path, sidecar_path, done.blocks)
        result.cached = True
        result.findings = [Finding.from_json(f) for f in done.findings]
        return result
    rgba = load_rgba(src, work_dir / "images" / "fetch")
    canvas, render_findings = render_blocks(
        pixels, blocks, target_lang, None if rgba is None else np.asarray(rgba), image=name
    )
    findings += render_findings
    save_image(canvas, out_path)
    sidecar = Sidecar(
        source=_sidecar_source(src),
        source_sha256=ocr.sha256,
        output=str(out_path.resolve()),
        target_lang=target_lang,
        market=market,
        width=ocr.width,
        height=ocr.height,
        blocks=blocks,
        findings=[f.to_json() for f in findings],
    )
    write_sidecar(sidecar, sidecar_path)
    if debug:
        save_image(debug_overlay(pixels, blocks), out_path.with_name(out_path.stem + ".boxes.png"))
    write_text_atomic(marker, json.dumps({"output": str(out_path.resolve())}))
    result = _result(src, out_path, sidecar_path, blocks)  # counted after the render's verdicts
    result.findings = findings
    return result


def _result(src: str, out: Path, sidecar: Path, blocks: list[Block]) -> LocalizedImageResult:
    return LocalizedImageResult(
        src,
        out,
        sidecar,
        len(blocks),
        sum(b.status == "translated" for b in blocks),
        sum(b.status == "kept" for b in blocks),
        sum(b.status == "low-confidence" for b in blocks),
    )


def _sidecar_source(src: str) -> str:
    """The source as the sidecar records it: URLs as given, local paths made absolute.

    A relative path only means something in the directory ``images localize`` ran in, so
    ``images render`` started anywhere else could not find the image again.
    """
    return src if is_url(src) else str(Path(src).resolve())


def _resolve_source(source: str, sidecar_path: Path) -> str:
    """Where to read a sidecar's source image from.

    A relative local path (older sidecars, or one a person edited) is tried as given and then
    relative to the sidecar's own directory.
    """
    if is_url(source) or Path(source).is_absolute() or Path(source).exists():
        return source
    beside = sidecar_path.parent / source
    return str(beside) if beside.exists() else source


def _default_output(output: str, sidecar_path: Path) -> Path:
    """Where ``images render`` writes without ``-o``: the recorded output path.

    A relative one (older sidecars) means "beside the sidecar", not "in the current directory".
    """
    path = Path(output)
    return path if path.is_absolute() else sidecar_path.parent / path.name


def accept_edit(block: Block, image: str) -> Finding | None:
    """Take a block's (possibly hand-edited) translation for re-rendering.

    A person who typed the translation is the second reading of the image, so the number
    checks do not apply; Korean left or a truncation still keeps the block as it was.
    """
    if not block.translation:
        if block.status == "translated":
            block.status = "review"  # a person cleared it: leave the original text
        return None
    reason = incomplete_reason(block.source, block.translation, human=True)
    if reason is None:
        block.status, block.reason = "translated", None
        return None
    block.status, block.proposed, block.translation = "review", block.translation, None
    block.reason = reason
    return _block_finding(
        "image.translation-incomplete", image, block, f"left as is: {reason} ({block.proposed!r})"
    )


def render_sidecar(
    sidecar_path: Path,
    out_path: Path | None = None,
    work_dir: Path | None = None,
    finals: dict[str, list[tuple[str, str]]] | None = None,
) -> Path:
    """Re-render an (edited) sidecar's translations onto its source image, without OCR.

    ``finals`` are a review sheet's (source, final) pairs per language
    (``translate.review.read_finals``): each final whose source matches a block becomes that
    block's translation, written by a person.
    """
    sidecar = read_sidecar(sidecar_path)
    if finals:
        apply_finals(sidecar, finals)
    source = _resolve_source(sidecar.source, Path(sidecar_path))
    target = Path(out_path) if out_path else _default_output(sidecar.output, Path(sidecar_path))
    if not is_url(source) and Path(source).resolve() == target.resolve():
        # Rendering onto the source would destroy the original the sidecar points back to.
        raise UsageError(
            f"{target}: re-rendering would overwrite the source image",
            hint="Pass another output path with -o/--out.",
        )
    fetched = fetch(source, work_dir / "images" / "fetch" if work_dir else None)
    flat, rgba = decode_with_alpha(fetched.data, source)
    image = working_pixels(flat, rgba)
    name = Path(sidecar.source.split("?")[0]).name
    findings = [f for block in sidecar.blocks if (f := accept_edit(block, name))]
    canvas, render_findings = render_blocks(
        np.asarray(image),
        sidecar.blocks,
        sidecar.target_lang,
        None if rgba is None else np.asarray(rgba),
        image=name,
    )
    findings += render_findings
    save_image(canvas, target)
    sidecar.output = str(target.resolve())
    sidecar.findings = [f.to_json() for f in findings]
    write_sidecar(
        sidecar, target.with_name(target.name + ".json") if out_path else Path(sidecar_path)
    )
    return target


def debug_overlay(pixels: np.ndarray, blocks: list[Block]) -> Image.Image:
    """The source image with line boxes (red) and block boxes (blue) drawn on it."""
    from PIL import ImageDraw

    overlay = Image.fromarray(pixels).copy()
    draw = ImageDraw.Draw(overlay)
    for block in blocks:
        for box in block.line_boxes:
            draw.rectangle(box, outline=(255, 0, 0), width=2)
        draw.rectangle(block.bbox, outline=(0, 90, 255), width=2)
    return overlay
