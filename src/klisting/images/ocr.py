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
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from klisting.errors import DependencyError
from klisting.images.detect import Box
from klisting.images.facts import needs_check, resolve_word, unresolved
from klisting.images.layers import separate
from klisting.images.sidecar import OcrLine

LANG = "kor+eng"
#: part of the OCR cache key: bump it whenever crops are prepared or read differently, so a
#: cached reading from older code is never reused (v6: outlines and shadows read from the fill)
OCR_VERSION = "ocr-v6"
MIN_HEIGHT = 40
BATCH = 24
#: crops are always dark-on-white, so tesseract's second, inverted attempt is wasted time
SPEED_FLAGS = ["-c", "tessedit_do_invert=0"]


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


def _distance_gray(crop: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Dark-on-white by colour distance from the background (any text colour, one ink)."""
    distance = np.abs(crop - background[None]).max(axis=2).astype(np.float32)
    # A row that is "ink" almost all the way across is a panel edge the margin crossed (text on
    # a banner whose box reaches the banner's border), never text: blank it.
    distance[(distance > 0.5 * max(float(distance.max()), 1.0)).mean(axis=1) > 0.9] = 0
    scale = max(float(np.percentile(distance, 99)), 24.0)
    return 255 - np.clip(distance * (255.0 / scale), 0, 255)


def prepare_crop(image: np.ndarray, box: Box) -> Image.Image:
    """Dark-on-white, padded, upscaled grayscale crop of one line for tesseract."""
    return prepare_variants(image, box)[0]


def prepare_variants(image: np.ndarray, box: Box) -> list[Image.Image]:
    """The crop to read first, then the ones to try when its reading is weak.

    Text with an outline or a drop shadow is read from its fill alone. When a line has two
    inks that are shifted copies of each other but the structure does not say which is on top,
    the first crop is the usual one and each ink alone follows, for recognition to judge.
    """
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    margin = 3
    top, bottom = max(0, y0 - margin), min(height, y1 + margin)
    crop = image[top:bottom, max(0, x0 - margin) : min(width, x1 + margin)].astype(np.int16)
    background = _crop_background(crop)
    found = separate(crop, background)
    if found.fill is not None:
        # An outline or a drop shadow: only the fill's own pixels are text.
        return [_finish(255 * (1 - found.fill))]
    first = _finish(_distance_gray(crop, background))
    return [first, *(_finish(255 * (1 - share)) for share in found.candidates)]


def _finish(gray: np.ndarray) -> Image.Image:
    """The crop as tesseract reads best: at least ``MIN_HEIGHT`` tall, on a white margin."""
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


@dataclass
class Word:
    """One word of a tesseract reading, with its box inside the prepared crop."""

    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def recognise(
    image: np.ndarray,
    boxes: Sequence[Box],
    on_line: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> list[OcrLine]:
    """OCR every box of ``image``; returns one OcrLine per box, in the same order.

    Words carrying a digit or a certification mark are read again by the ``eng`` model on
    their own crop, and a third time (the crop enlarged 1.5x) when the two disagree; a
    fact no two readings agree on is recorded as a doubt on the line (see ``facts``).
    """
    if not boxes:
        return []
    cmd = tesseract_cmd()
    variants = [prepare_variants(image, box) for box in boxes]
    crops = [first for first, *_ in variants]
    workers = workers or os.cpu_count() or 1
    with (
        tempfile.TemporaryDirectory(prefix="klisting-ocr-") as tmp,
        ThreadPoolExecutor(workers) as pool,
    ):
        batch = _Batcher(cmd, pool, Path(tmp), workers)
        readings = batch.run("k", crops, LANG, on_done=on_line)
        _read_layers(batch, variants, crops, readings)
        checks = [
            (line, n)
            for line, words in enumerate(readings)
            for n, w in enumerate(words)
            if needs_check(w.text)
        ]
        word_crops = [_word_crop(crops[line], readings[line][n]) for line, n in checks]
        second = [_text(w) for w in batch.run("e", word_crops, "eng")]
        glue = {check: _glued(readings[check[0]], check[1]) for check in checks}
        disputed = [
            i
            for i, check in enumerate(checks)
            if unresolved(readings[check[0]][check[1]].text, [second[i]], glue[check])
        ]
        # The third reading sees the crop at 1.5x: its errors differ most from the second's.
        third_words = batch.run("w", [_enlarged(word_crops[i]) for i in disputed], "eng")
        third = dict(zip(disputed, (_text(w) for w in third_words), strict=True))
    others: dict[tuple[int, int], list[str]] = {
        check: [second[i], *([third[i]] if i in third else [])] for i, check in enumerate(checks)
    }
    lines = []
    for index, box in enumerate(boxes):
        words, doubts = [], []
        for n, word in enumerate(readings[index]):
            text, left = resolve_word(
                word.text, others.get((index, n), []), glue.get((index, n), (False, False))
            )
            words.append(Word(word.left, word.top, word.width, word.height, word.conf, text))
            doubts += left
        text, confidence = _join_words(words)
        lines.append(
            OcrLine(
                text=text,
                bbox=list(box),
                confidence=round(confidence, 1),
                raw=_join_words(readings[index])[0],
                doubts=doubts,
            )
        )
    return lines


#: a line read with less confidence than this is read again from each of its inks alone
RETRY_BELOW = 90.0


def _read_layers(
    batch: _Batcher,
    variants: list[list[Image.Image]],
    crops: list[Image.Image],
    readings: list[list[Word]],
) -> None:
    """Read a weak line again from each ink alone; keep the reading tesseract is surest of.

    Only lines with two shifted inks have such variants, and only weak readings are retried,
    so plain text costs nothing more. The kept crop is the one the facts are checked on.
    """
    tries = [
        (line, crop)
        for line, (_, *others) in enumerate(variants)
        if others and _join_words(readings[line])[1] < RETRY_BELOW
        for crop in others
    ]
    again = batch.run("l", [crop for _, crop in tries], LANG)
    for (line, crop), words in zip(tries, again, strict=True):
        text, confidence = _join_words(words)
        best_text, best = _join_words(readings[line])
        # A layer that reads as text reads at least as long: a shadow alone loses strokes.
        if confidence > best and len(text.replace(" ", "")) >= 0.8 * len(
            best_text.replace(" ", "")
        ):
            readings[line], crops[line] = words, crop


def _text(words: list[Word]) -> str:
    return " ".join(word.text for word in words)


def _word_crop(crop: Image.Image, word: Word) -> Image.Image:
    """The word's part of a prepared line crop (full line height, a little margin each side)."""
    margin = max(2, crop.height // 12)  # a wider margin takes in the next word's strokes
    piece = crop.crop(
        (
            max(0, word.left - margin),
            0,
            min(crop.width, word.left + word.width + margin),
            crop.height,
        )
    )
    pad = max(10, piece.height // 4)
    canvas = Image.new("L", (piece.width + 2 * pad, piece.height), 255)
    canvas.paste(piece, (pad, 0))
    return canvas


def _enlarged(crop: Image.Image) -> Image.Image:
    return crop.resize(
        (round(crop.width * 1.5), round(crop.height * 1.5)), Image.Resampling.LANCZOS
    )


def _glued(words: list[Word], index: int) -> tuple[bool, bool]:
    """Whether Hangul touches word ``index`` on its left and right (no gap between them)."""

    def touching(a: Word, b: Word) -> bool:
        return b.left - (a.left + a.width) <= 0.28 * max(a.height, b.height)

    word = words[index]
    left = index > 0 and touching(words[index - 1], word) and _is_hangul(words[index - 1].text[-1:])
    right = (
        index + 1 < len(words)
        and touching(word, words[index + 1])
        and _is_hangul(words[index + 1].text[:1])
    )
    return bool(left), bool(right)


def _is_hangul(char: str) -> bool:
    return bool(char) and "\uac00" <= char <= "\ud7a3"


class _Batcher:
    """Runs tesseract over many crops: ``workers`` processes at a time, each reading a list."""

    def __init__(self, cmd: str, pool: ThreadPoolExecutor, tmp: Path, workers: int) -> None:
        self.cmd, self.pool, self.tmp, self.workers = cmd, pool, tmp, workers

    def run(
        self,
        tag: str,
        crops: list[Image.Image],
        lang: str,
        *,
        psm: str = "7",
        on_done: Callable[[int], None] | None = None,
    ) -> list[list[Word]]:
        size = max(1, min(BATCH, -(-len(crops) // self.workers)))
        chunks = [crops[i : i + size] for i in range(0, len(crops), size)]
        jobs = [
            self.pool.submit(_run_batch, self.cmd, chunk, self.tmp / f"{tag}{n}", lang, psm)
            for n, chunk in enumerate(chunks)
        ]
        out: list[list[Word]] = []
        for chunk, job in zip(chunks, jobs, strict=True):
            out += job.result()
            if on_done:
                on_done(len(chunk))
        return out


def _run_batch(
    cmd: str, crops: list[Image.Image], base: Path, lang: str = LANG, psm: str = "7"
) -> list[list[Word]]:
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
            [cmd, str(listing), "stdout", "-l", lang, "--psm", psm, *SPEED_FLAGS, "tsv"],
            capture_output=True,
            env=env,
            timeout=min(60 + 5 * len(crops), OCR_DEADLINE),  # a hung tesseract never hangs a run
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [[] for _ in crops]  # reported as low confidence, never fatal
    return _parse_tsv(done.stdout.decode("utf-8", "replace"), len(crops))


def _parse_tsv(text: str, count: int) -> list[list[Word]]:
    words: dict[int, list[Word]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        page = int(row["page_num"]) - 1
        words.setdefault(page, []).append(
            Word(
                int(row["left"]),
                int(row["top"]),
                int(row["width"]),
                int(row["height"]),
                float(row["conf"]),
                # The Korean model writes Latin in full width (2Ｌ): NFKC makes it 2L.
                unicodedata.normalize("NFKC", row["text"].strip()),
            )
        )
    return [
        sorted(
            (w for w in words.get(page, []) if not _NOISE.fullmatch(w.text)), key=lambda w: w.left
        )
        for page in range(count)
    ]


#: a "word" that is a panel edge or a badge border read as a glyph, never text
_NOISE = re.compile(r"[|\[\]_~`'\"‘’“”]+")


def _join_words(words: list[Word]) -> tuple[str, float]:
    """Join tesseract's words, adding a space only where the crop shows a real gap.

    Tesseract splits unspaced Hangul runs (무료배송 -> 무 료 배송); geometry tells the truth.
    """
    if not words:
        return "", 0.0
    height = float(np.median([w.height for w in words]))
    parts = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        gap = word.left - (previous.left + previous.width)
        parts.append((" " if gap > 0.28 * height else "") + word.text)
    weights = [len(w.text) for w in words]
    confidence = float(np.average([max(w.conf, 0.0) for w in words], weights=weights))
    return "".join(parts), confidence
