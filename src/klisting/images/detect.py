"""Text-line detection with the DBNet (PP-OCRv4) model shipped in the rapidocr-onnxruntime wheel.

The model file is loaded directly with onnxruntime: the rapidocr package itself is only a
carrier for the .onnx file (its own dependencies pull the GUI build of OpenCV). Tall detail
pages are cut into overlapping tiles about three widths tall, because resizing a 20,000 px page
to the detector's usual input size makes small text vanish; boxes cut by an inner tile edge are
dropped since the overlap guarantees the neighbouring tile sees that line whole.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from klisting.errors import DependencyError

Box = tuple[int, int, int, int]

_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32) * 255.0
_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32) * 255.0
_LOCK = threading.Lock()


@dataclass(frozen=True)
class DetectSettings:
    """Detector knobs; part of the OCR cache key."""

    thresh: float = 0.3
    box_thresh: float = 0.5
    unclip: float = 1.6
    tile_ratio: float = 3.0
    #: a tile's overlap with the next, as a share of its height: enough for the tallest line
    overlap: float = 0.15
    max_short_side: int = 1024
    #: the detector sees each tile at this scale: text on detail pages is large enough that
    #: 0.75 keeps every line (measured in benchmarks/bench_images.py) at about half the CPU
    scale: float = 0.75

    def key(self) -> str:
        """A short stable string for cache keys."""
        return (
            f"det:{self.thresh}:{self.box_thresh}:{self.unclip}:{self.tile_ratio}:"
            f"{self.overlap}:{self.max_short_side}:{self.scale}"
        )


def model_path() -> Path:
    """Path of the DBNet detection model (env KLISTING_DET_MODEL overrides).

    Raises:
        DependencyError: when neither the override nor the rapidocr wheel's model exists.
    """
    override = os.environ.get("KLISTING_DET_MODEL")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise DependencyError(f"KLISTING_DET_MODEL points to {override}, which does not exist")
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec and spec.submodule_search_locations:
        models = Path(next(iter(spec.submodule_search_locations))) / "models"
        found = sorted(models.glob("*det*.onnx"))
        if found:
            return found[0]
    raise DependencyError(
        "the text detector model (DBNet .onnx from rapidocr-onnxruntime) is not installed",
        hint="Run: .venv/bin/pip install --no-deps rapidocr-onnxruntime (or `make install`).",
    )


@lru_cache(maxsize=1)
def _session():
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(model_path()), options, providers=["CPUExecutionProvider"])


def tile_spans(height: int, width: int, settings: DetectSettings) -> list[tuple[int, int]]:
    """Vertical (top, bottom) spans covering the page; a tiny last tile merges into the previous."""
    tile = max(int(width * settings.tile_ratio), 64)
    if height <= tile * 1.15:
        return [(0, height)]
    step = max(int(tile * (1 - settings.overlap)), 32)
    spans = []
    top = 0
    while True:
        bottom = min(top + tile, height)
        spans.append((top, bottom))
        if bottom >= height:
            break
        top += step
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < tile * 0.5:
        spans = spans[:-2] + [(spans[-2][0], height)]
    return spans


def detect_lines(image: np.ndarray, settings: DetectSettings | None = None) -> list[Box]:
    """Find text lines in an RGB ``uint8`` array; returns boxes (x0, y0, x1, y1) in reading order."""
    settings = settings or DetectSettings()
    height, width = image.shape[:2]
    boxes: list[Box] = []
    spans = tile_spans(height, width, settings)
    for index, (top, bottom) in enumerate(spans):
        tile_boxes = _detect_tile(image[top:bottom], settings)
        for x0, y0, x1, y1 in tile_boxes:
            # A box touching an inner tile edge is seen whole by the neighbouring tile.
            if index > 0 and y0 <= 2:
                continue
            if index < len(spans) - 1 and y1 >= bottom - top - 2:
                continue
            boxes.append((x0, y0 + top, x1, y1 + top))
    return merge_into_lines(_dedupe(boxes))


def _detect_tile(tile: np.ndarray, settings: DetectSettings) -> list[Box]:
    height, width = tile.shape[:2]
    # Limit the short side only: shrinking a tall tile by its long side would erase small text.
    scale = min(1.0, settings.max_short_side / min(height, width)) * settings.scale
    new_h = max(32, int(round(height * scale / 32)) * 32)
    new_w = max(32, int(round(width * scale / 32)) * 32)
    resized = cv2.resize(
        tile, (new_w, new_h), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    )
    blob = ((resized.astype(np.float32) - _MEAN) / _STD).transpose(2, 0, 1)[None]
    session = _session()
    with _LOCK:
        prob = session.run(None, {session.get_inputs()[0].name: blob})[0][0, 0]
    return _boxes_from_map(prob, width / new_w, height / new_h, width, height, settings)


def _boxes_from_map(
    prob: np.ndarray, sx: float, sy: float, width: int, height: int, settings: DetectSettings
) -> list[Box]:
    mask = (prob > settings.thresh).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < 3:
            continue
        if (
            float(prob[y : y + h, x : x + w][mask[y : y + h, x : x + w] > 0].mean())
            < settings.box_thresh
        ):
            continue
        # DBNet predicts a shrunk text kernel; grow it back (the "unclip" step).
        distance = (w * h) * settings.unclip / (2 * (w + h))
        x0, y0 = (x - distance) * sx, (y - distance) * sy
        x1, y1 = (x + w + distance) * sx, (y + h + distance) * sy
        boxes.append(
            (
                max(0, int(x0)),
                max(0, int(y0)),
                min(width, int(np.ceil(x1))),
                min(height, int(np.ceil(y1))),
            )
        )
    return boxes


def _dedupe(boxes: list[Box]) -> list[Box]:
    """Drop boxes mostly contained in a larger one (duplicates from overlapping tiles)."""
    ordered = sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    kept: list[Box] = []
    for box in ordered:
        if not any(_overlap_of_smaller(box, other) > 0.7 for other in kept):
            kept.append(box)
    return kept


def _overlap_of_smaller(a: Box, b: Box) -> float:
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return iw * ih / max(smaller, 1)


def merge_into_lines(boxes: list[Box]) -> list[Box]:
    """Join word boxes that share a row and sit close together into one line box."""
    ordered = sorted(boxes, key=lambda b: (b[1], b[0]))
    lines: list[list[int]] = []
    for box in sorted(ordered, key=lambda b: b[0]):
        for line in lines:
            if _same_row(line, box) and box[0] - line[2] < 0.9 * min(
                line[3] - line[1], box[3] - box[1]
            ):
                line[:] = [
                    min(line[0], box[0]),
                    min(line[1], box[1]),
                    max(line[2], box[2]),
                    max(line[3], box[3]),
                ]
                break
        else:
            lines.append(list(box))
    return sorted((tuple(line) for line in lines), key=lambda b: ((b[1] + b[3]) // 2, b[0]))  # type: ignore[misc]


def _same_row(a: list[int] | Box, b: Box) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.6 * min(a[3] - a[1], b[3] - b[1])
