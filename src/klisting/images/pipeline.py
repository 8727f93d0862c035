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
from klisting.images.compose import encode_image, render_blocks, save_image
from klisting.images.decide import Reviewed, Translate, accept_edit, translate_blocks
from klisting.images.detect import DetectSettings, detect_lines
from klisting.images.fetch import decode_with_alpha, fetch, is_url, working_pixels
from klisting.images.group import group_lines
from klisting.images.ocr import LANG, OCR_VERSION, recognise
from klisting.images.review import apply_finals
from klisting.images.sidecar import Block, OcrResult, Sidecar, read_sidecar, write_sidecar
from klisting.infra.atomic import write_bytes_atomic
from klisting.infra.cache import quarantine
from klisting.infra.store import Store
from klisting.model.finding import Finding

__all__ = [
    "ImageRead",
    "Reviewed",
    "localize_image",
    "read_image",
    "render_image",
    "render_sidecar",
    "translate_blocks",
]
Progress = Callable[[int], None]

RENDER_VERSION = "r14"  # r8: text-pixel masks, all-or-nothing blocks, badge panels; r11: drafts not drawn, list lines apart, colour from the stroke core; r12: one style per list, centred headings stay centred; r13: CJK widows, list edges; r14: outlined and shadowed lines read from their fill


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
    return hashlib.sha256(f"{sha}|{settings.key()}|{LANG}|{OCR_VERSION}".encode()).hexdigest()[:24]


@dataclass
class ImageRead:
    """What reading one image gave: its size and text blocks (small plain data, picklable)."""

    sha256: str
    width: int
    height: int
    blocks: list[Block]


@dataclass
class Rendered:
    """A localized image as bytes, its sidecar and what rendering reported."""

    image: bytes
    sidecar: Sidecar
    findings: list[Finding]
    debug: bytes | None = None


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
    fetched = fetch(source, work_dir / "images" / "fetch" if work_dir else None)
    store = Store(work_dir) if work_dir else None
    return ocr_bytes(
        fetched.data,
        fetched.sha256,
        source,
        store,
        on_lines=on_lines,
        on_line=on_line,
        settings=settings,
    )


def ocr_bytes(
    data: bytes,
    sha: str,
    source: str,
    store: Store | None,
    *,
    on_lines: Callable[[int], None] | None = None,
    on_line: Progress | None = None,
    settings: DetectSettings | None = None,
) -> tuple[OcrResult, np.ndarray]:
    """:func:`ocr_image` of bytes already read (SHA-256 ``sha``); the OCR is cached in ``store``."""
    settings = settings or DetectSettings()
    image = working_pixels(*decode_with_alpha(data, source))
    pixels = np.asarray(image)
    key = f"images/ocr/{_ocr_key(sha, settings)}.json"
    cached = _cached_ocr(store, key) if store is not None else None
    if cached is not None:
        cached.image = source
        return cached, pixels
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
    if store is not None:
        store.put(key, result.model_dump_json().encode("utf-8"))
    return result, pixels


def _cached_ocr(store: Store, key: str) -> OcrResult | None:
    try:
        data = store.get(key)
        return None if data is None else OcrResult.model_validate_json(data)
    except (OSError, ValueError) as error:  # pydantic's ValidationError is a ValueError
        path = store.path(key)
        if path is not None:
            quarantine(path, f"damaged OCR cache ({type(error).__name__})")
        return None


def read_image(
    data: bytes,
    sha: str,
    source: str,
    store: Store | None,
    *,
    on_lines: Callable[[int], None] | None = None,
    on_line: Progress | None = None,
) -> tuple[ImageRead, np.ndarray]:
    """Step 1 of 3: detect, recognise and group one image's text into blocks (OCR cached)."""
    ocr, pixels = ocr_bytes(data, sha, source, store, on_lines=on_lines, on_line=on_line)
    blocks = group_lines(ocr.lines, pixels)
    return ImageRead(ocr.sha256, ocr.width, ocr.height, blocks), pixels


def image_name(source: str) -> str:
    """The image's file name, as findings name it (``photo.jpg#block-2``)."""
    return Path(source.split("?")[0]).name or source


def render_key(read: ImageRead, target_lang: str, market: str | None) -> str:
    """The name of a finished render: the image, the target and every block's decision."""
    return hashlib.sha256(
        json.dumps(
            [
                read.sha256,
                target_lang,
                market,
                RENDER_VERSION,
                [(b.status, b.translation) for b in read.blocks],
            ]
        ).encode()
    ).hexdigest()[:24]


def render_image(
    data: bytes,
    source: str,
    read: ImageRead,
    findings: list[Finding],
    *,
    target_lang: str,
    market: str | None,
    source_label: str,
    output: str,
    suffix: str,
    debug: bool = False,
) -> Rendered:
    """Step 3 of 3: draw the decided blocks of ``read`` onto the source pixels.

    Args:
        data, source: the source image's bytes and the name they were read under.
        read: the image's blocks, decided (``decide.decide_blocks`` or ``translate_blocks``).
        findings: what deciding reported; the render's own findings are added.
        source_label, output: the source and output paths the sidecar records.
        suffix: the output's extension (selects the format).
    """
    flat, rgba = decode_with_alpha(data, source)
    pixels = np.asarray(working_pixels(flat, rgba))
    canvas, render_findings = render_blocks(
        pixels,
        read.blocks,
        target_lang,
        None if rgba is None else np.asarray(rgba),
        image=image_name(source),
    )
    findings = findings + render_findings
    sidecar = Sidecar(
        source=source_label,
        source_sha256=read.sha256,
        output=output,
        target_lang=target_lang,
        market=market,
        width=read.width,
        height=read.height,
        blocks=read.blocks,
        findings=[f.to_json() for f in findings],
    )
    overlay = encode_image(debug_overlay(pixels, read.blocks), ".png") if debug else None
    return Rendered(encode_image(canvas, suffix), sidecar, findings, overlay)


def recorded_render(
    marker: bytes | None, sidecar: bytes | None, output: str
) -> tuple[Sidecar | None, str]:
    """The sidecar of a finished render whose record (``marker``) names ``output``.

    Returns (sidecar or None, why the record is damaged or ""): a damaged one is moved aside
    by the caller, never a blocker.
    """
    if marker is None or sidecar is None:
        return None, ""
    try:
        recorded = json.loads(marker)
        if not isinstance(recorded, dict) or recorded.get("output") != output:
            return None, ""
        return Sidecar.model_validate(json.loads(sidecar)), ""
    except ValueError as error:  # JSON and pydantic errors
        return None, f"damaged render record ({type(error).__name__})"


def render_record(output: str) -> bytes:
    """What the "done" marker of a finished render holds."""
    return json.dumps({"output": output}).encode("utf-8")


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

    The three steps ``klisting run`` spreads over workers, here in one process: read
    (:func:`read_image`), decide (``decide.translate_blocks``: one translate call for this
    image), render (:func:`render_image`).

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
    fetched = fetch(src, work_dir / "images" / "fetch")
    read, _ = read_image(
        fetched.data, fetched.sha256, src, Store(work_dir), on_lines=on_lines, on_line=on_line
    )
    name = image_name(src)
    findings = translate_blocks(
        read.blocks, translate, convert, image=name, facts=facts, market=market
    )
    output = str(out_path.resolve())
    marker = work_dir / "images" / "done" / f"{render_key(read, target_lang, market)}.json"
    done = _cached_sidecar(marker, out_path, sidecar_path, output)
    if done is not None:
        result = _result(src, out_path, sidecar_path, done.blocks)
        result.cached = True
        result.findings = [Finding.from_json(f) for f in done.findings]
        return result
    rendered = render_image(
        fetched.data,
        src,
        read,
        findings,
        target_lang=target_lang,
        market=market,
        source_label=_sidecar_source(src),
        output=output,
        suffix=out_path.suffix,
        debug=debug,
    )
    write_bytes_atomic(out_path, rendered.image)
    write_sidecar(rendered.sidecar, sidecar_path)
    if rendered.debug is not None:
        write_bytes_atomic(out_path.with_name(out_path.stem + ".boxes.png"), rendered.debug)
    write_bytes_atomic(marker, render_record(output))
    result = _result(
        src, out_path, sidecar_path, read.blocks
    )  # counted after the render's verdicts
    result.findings = rendered.findings
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


def _cached_sidecar(
    marker: Path, out_path: Path, sidecar_path: Path, output: str
) -> Sidecar | None:
    """The sidecar of a finished earlier render of the same image, or None to render again
    (a damaged marker or sidecar is moved aside, never a blocker)."""
    if not (marker.is_file() and out_path.is_file() and sidecar_path.is_file()):
        return None
    try:
        found, damaged = recorded_render(marker.read_bytes(), sidecar_path.read_bytes(), output)
    except OSError as error:
        found, damaged = None, f"damaged render record ({error})"
    if damaged:
        quarantine(marker, damaged)
    return found


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
