"""Recognise detected text lines with tesseract (``kor+eng``, single-line mode).

Each line crop is turned into dark text on white by its colour distance from the local
background (so light-on-dark and coloured text need no special case), padded, and upscaled when
small. Crops are recognised in batches: one tesseract process reads a list of crop files and
loads the language models once, and ``os.cpu_count()`` such processes run at a time, each with
``OMP_THREAD_LIMIT=1`` (one thread per tesseract is several times faster than OpenMP here).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from klisting.errors import DependencyError
from klisting.images.detect import Box
from klisting.images.sidecar import OcrLine

LANG = "kor+eng"
MIN_HEIGHT = 40
BATCH = 24
#: crops are always dark-on-white, so tesseract's second, inverted attempt is wasted time
SPEED_FLAGS = ["-c", "tessedit_do_invert=0"]

_UNIT_FIXES = [
    # OCR confuses l/I/1/| and g/9/e; repair only right after a number so words stay untouched.
    (re.compile(r"(\d)\s?(?:m[Il1|]|rn[Il1|])(?![A-Za-z])"), r"\1ml"),
    (re.compile(r"(\d)\s?[kK][g9e](?![A-Za-z])"), r"\1kg"),
    (re.compile(r"(\d)\s?(?:c[mn]|crn)(?![A-Za-z])"), r"\1cm"),
    (re.compile(r"(\d)\s?(?:m[mn]|rnm)(?![A-Za-z])"), r"\1mm"),
    (re.compile(r"(\d)\s?[Il|](?![A-Za-z0-9])"), r"\1L"),
    (re.compile(r"(\d)\s?[xX×]\s?(\d)"), r"\1x\2"),
]


def repair_units(text: str) -> str:
    """Fix unit tokens tesseract garbles (``500mI`` -> ``500ml``, ``1.2k9`` -> ``1.2kg``)."""
    for pattern, replacement in _UNIT_FIXES:
        text = pattern.sub(replacement, text)
    return text


_UNIT_TOKEN = re.compile(
    r"(\d+(?:[.,]\d+)?(?:\s?[xX×*]\s?\d+(?:[.,]\d+)?)*)\s?(ml|mL|L|kg|g|cm|mm|oz)(?![A-Za-z])"
)
_NUMERIC_TOKEN = re.compile(r"\S*\d\S*")
_PLAUSIBLE = re.compile(
    r"[(\[]?(?:\d{1,3}(?:[.,]\d+)?|\d+(?:[.,]\d+)?(?:[xX]\d+(?:[.,]\d+)?)*\s?(?:ml|kg|g|cm|mm|L|oz|%|\+)"
    r"|\d{1,4}(?:[.,]\d+)?[\uac00-\ud7a3].*|\d+\+\d+|[A-Za-z]+\d+\+?)[)\],.:;]?"
)


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def suspicious_numbers(text: str) -> bool:
    """True when a token with digits looks garbled (``50071``, ``3008``, ``1.21@``)."""
    return any(not _PLAUSIBLE.fullmatch(token) for token in _NUMERIC_TOKEN.findall(text))


def merge_units(mixed: str, latin: str) -> str:
    """Take number+unit tokens from an ``eng`` reading into the ``kor+eng`` reading.

    The Korean model often reads ``500ml`` as ``50071`` or ``50011``; the English model reads
    units well but not Hangul, so only tokens that start with the same number are replaced.
    """
    # In the English reading, l/I/O between digits are digits (30x20xl0cm -> 30x20x10cm).
    latin = re.sub(r"(?<=[\dxX.])[lI|](?=[\d.])", "1", latin)
    latin = re.sub(r"(?<=[\dxX.])[oO](?=[\d.]|[a-z]{1,2}\b)", "0", latin)
    for number, unit in _UNIT_TOKEN.findall(repair_units(latin)):
        token = re.sub(r"\s?[xX×*]\s?", "x", number) + unit
        number = re.split(r"\s?[xX×*]", number)[0]
        if token in mixed:
            continue
        pattern = re.compile(rf"(?<![\d.]){re.escape(number)}[^\s\uac00-\ud7a3]+")
        merged = pattern.sub(token, mixed, count=1)
        if merged == mixed:  # the unit was dropped: a bare number standing alone
            merged = re.sub(rf"(?<![\d.]){re.escape(number)}(?=\s|$)", token, mixed, count=1)
        mixed = merged
    return mixed


def tesseract_cmd() -> str:
    """Path of the tesseract binary (pytesseract's setting, else PATH).

    Raises:
        DependencyError: when tesseract or its Korean data is missing.
    """
    import pytesseract

    cmd = pytesseract.pytesseract.tesseract_cmd
    found = shutil.which(cmd)
    if not found:
        raise DependencyError(
            "tesseract is not installed",
            hint="Install it: apt-get install tesseract-ocr tesseract-ocr-kor",
        )
    return found


def check_languages() -> None:
    """Fail early and clearly when ``kor`` or ``eng`` tessdata is missing."""
    out = subprocess.run(
        [tesseract_cmd(), "--list-langs"], capture_output=True, text=True, timeout=30
    )
    langs = set(out.stdout.split())
    missing = [lang for lang in LANG.split("+") if lang not in langs]
    if missing:
        raise DependencyError(
            f"tesseract language data missing: {', '.join(missing)}",
            hint="Install it: apt-get install tesseract-ocr-kor tesseract-ocr-eng",
        )


def _crop_background(crop: np.ndarray) -> np.ndarray:
    """Per-column background of a line crop, read from its top and bottom rows.

    When the two disagree, the margin crossed a panel edge (white text on a coloured banner
    that ends right under the line): the side matching the crop's dominant colour is used,
    since averaging red and white would make the text and the banner equally far from it.
    """
    top, bottom = crop[:2], crop[-2:]
    top_colour = np.median(top.reshape(-1, 3), axis=0)
    bottom_colour = np.median(bottom.reshape(-1, 3), axis=0)
    if np.abs(top_colour - bottom_colour).max() > 60:
        dominant = np.median(crop.reshape(-1, 3), axis=0)
        closer_top = np.abs(top_colour - dominant).max() <= np.abs(bottom_colour - dominant).max()
        return np.median(top if closer_top else bottom, axis=0)
    return np.median(np.concatenate([top, bottom], axis=0), axis=0)  # follows h. gradients


def prepare_crop(image: np.ndarray, box: Box) -> Image.Image:
    """Dark-on-white, padded, upscaled grayscale crop of one line for tesseract."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    margin = 3
    top, bottom = max(0, y0 - margin), min(height, y1 + margin)
    crop = image[top:bottom, max(0, x0 - margin) : min(width, x1 + margin)].astype(np.int16)
    background = _crop_background(crop)
    distance = np.abs(crop - background[None]).max(axis=2).astype(np.float32)
    # A row that is "ink" almost all the way across is a panel edge the margin crossed (text on
    # a banner whose box reaches the banner's border), never text: blank it.
    distance[(distance > 0.5 * max(float(distance.max()), 1.0)).mean(axis=1) > 0.9] = 0
    scale = max(float(np.percentile(distance, 99)), 24.0)
    gray = 255 - np.clip(distance * (255.0 / scale), 0, 255)
    out = Image.fromarray(gray.astype(np.uint8), "L")
    if out.height < MIN_HEIGHT:
        factor = MIN_HEIGHT / out.height
        out = out.resize((max(1, round(out.width * factor)), MIN_HEIGHT), Image.Resampling.LANCZOS)
    pad = max(10, out.height // 4)
    canvas = Image.new("L", (out.width + 2 * pad, out.height + 2 * pad), 255)
    canvas.paste(out, (pad, pad))
    return canvas


#: seconds one tesseract call (all line crops of an image) may take
OCR_DEADLINE = 300


def recognise(
    image: np.ndarray,
    boxes: Sequence[Box],
    on_line: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> list[OcrLine]:
    """OCR every box of ``image``; returns one OcrLine per box, in the same order."""
    if not boxes:
        return []
    cmd = tesseract_cmd()
    crops = [prepare_crop(image, box) for box in boxes]
    workers = workers or os.cpu_count() or 1
    size = max(1, min(BATCH, -(-len(crops) // workers)))
    chunks = [list(range(i, min(i + size, len(crops)))) for i in range(0, len(crops), size)]
    results: dict[int, tuple[str, float]] = {}
    latin: dict[int, str] = {}
    with (
        tempfile.TemporaryDirectory(prefix="klisting-ocr-") as tmp,
        ThreadPoolExecutor(workers) as pool,
    ):
        jobs = [
            pool.submit(_run_batch, cmd, [crops[i] for i in chunk], Path(tmp) / f"b{n}")
            for n, chunk in enumerate(chunks)
        ]
        for chunk, job in zip(chunks, jobs, strict=True):
            for index, found in zip(chunk, job.result(), strict=True):
                results[index] = found
                if on_line:
                    on_line(1)
        # Second reading with the English model for lines with numbers: units hide there.
        numeric = [i for i in range(len(crops)) if _has_digit(results[i][0])]
        size = max(1, min(BATCH, -(-len(numeric) // workers)))
        groups = [numeric[i : i + size] for i in range(0, len(numeric), size)]
        jobs = [
            pool.submit(_run_batch, cmd, [crops[i] for i in group], Path(tmp) / f"e{n}", "eng")
            for n, group in enumerate(groups)
        ]
        for group, job in zip(groups, jobs, strict=True):
            latin.update(
                {index: found[0] for index, found in zip(group, job.result(), strict=True)}
            )
    lines = []
    for index, box in enumerate(boxes):
        raw, confidence = results[index]
        text = repair_units(raw)
        if index in latin:
            text = merge_units(text, latin[index])
        lines.append(OcrLine(text=text, bbox=list(box), confidence=round(confidence, 1), raw=raw))
    return lines


def _run_batch(
    cmd: str, crops: list[Image.Image], base: Path, lang: str = LANG
) -> list[tuple[str, float]]:
    base.mkdir(parents=True, exist_ok=True)
    names = []
    for n, crop in enumerate(crops):
        name = base / f"{n:04d}.png"
        crop.save(name, compress_level=1)
        names.append(str(name))
    listing = base / "list.txt"
    listing.write_text("\n".join(names) + "\n", encoding="utf-8")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [cmd, str(listing), "stdout", "-l", lang, "--psm", "7", *SPEED_FLAGS, "tsv"],
            capture_output=True,
            env=env,
            timeout=min(60 + 5 * len(crops), OCR_DEADLINE),  # a hung tesseract never hangs a run
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [("", 0.0)] * len(crops)  # reported as low confidence, never fatal
    return _parse_tsv(done.stdout.decode("utf-8", "replace"), len(crops))


def _parse_tsv(text: str, count: int) -> list[tuple[str, float]]:
    words: dict[int, list[tuple[int, int, int, float, str]]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        page = int(row["page_num"]) - 1
        words.setdefault(page, []).append(
            (
                int(row["left"]),
                int(row["width"]),
                int(row["height"]),
                float(row["conf"]),
                row["text"].strip(),
            )
        )
    return [_join_words(words.get(page, [])) for page in range(count)]


def _join_words(words: list[tuple[int, int, int, float, str]]) -> tuple[str, float]:
    """Join tesseract's words, adding a space only where the crop shows a real gap.

    Tesseract splits unspaced Hangul runs (무료배송 -> 무 료 배송); geometry tells the truth.
    """
    if not words:
        return "", 0.0
    words.sort()
    height = float(np.median([w[2] for w in words]))
    parts = [words[0][4]]
    for previous, word in zip(words, words[1:], strict=False):
        gap = word[0] - (previous[0] + previous[1])
        parts.append((" " if gap > 0.28 * height else "") + word[4])
    weights = [len(w[4]) for w in words]
    confidence = float(np.average([max(w[3], 0.0) for w in words], weights=weights))
    return "".join(parts), confidence
