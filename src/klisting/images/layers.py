"""Separate a text line's fill from its outline or drop shadow, for recognition.

A line drawn with an outline or a drop shadow has two ink colours. Reading all ink as text
(what a colour distance from the background does) gives tesseract hollow letters (light fill,
dark outline) or letters fused with their shadow; it then misreads, the readings disagree and
the block stays Korean. Here the crop's ink is split into its two colours (k-means), every
pixel is labelled by the mix of two colours (page, inks) that explains it, and the fill is
told from the other layer by structure, never by a colour or an offset:

* an **outline** encloses the fill: the fill hardly touches the background connected to the
  crop's border, while the outline lies along it;
* a **drop shadow** is the fill shifted and partly hidden under it: some shift of the fill
  covers nearly all of the shadow, while the reverse shift leaves much more of the fill bare.

The fill is then handed over as each pixel's share of fill, so stroke edges stay smooth. When
two inks are shifted copies but neither test decides, both are offered for recognition to
judge (:func:`separate`'s ``candidates``). Plain text (one ink, a few mixed pixels at its
edges) gets nothing, and the caller keeps its usual preparation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

#: ink is what differs from the background by more than this (max over channels)
INK_DISTANCE = 22
#: two inks closer than this (max over channels) are one colour with its anti-aliasing
MIN_SEPARATION = 40
#: the fill's border may touch the outside background on at most this share of its boundary
ENCLOSED = 0.12
#: an outline lies along the outside background on at least this share of its boundary
ALONG_OUTSIDE = 0.25
#: a fill with a drop shadow meets the background on its unshadowed side: at least this share
#: (less is an outline's fill, whose outline some shift also "covers")
SHADOW_FILL_ALONG = 0.3
#: a shadow: some shift of the fill covers this share of it (an anti-aliased rim: at most 0.6)
SHADOW_COVER = 0.7
#: and leaves at most this share of what the reverse shift leaves of the fill uncovered
SHADOW_LEFT = 0.5


@dataclass
class Layers:
    """The crop's pixels labelled 0 background, 1 and 2 the two inks."""

    labels: np.ndarray
    centres: np.ndarray  # 2 x 3, the inks' colours


def split_inks(crop: np.ndarray, background: np.ndarray) -> Layers | None:
    """Label every pixel of ``crop`` (H x W x 3) as background or one of two ink colours.

    ``background`` is the background colour per column (W x 3) or one colour (3,). Returns
    None when the ink is one colour (its two k-means centres are close) or too sparse.
    """
    pixels = crop.astype(np.float32)
    back = np.broadcast_to(np.asarray(background, np.float32), pixels.shape[1:])[None]
    distance = np.abs(pixels - back).max(axis=2)
    # A low share of the strongest ink: a white fill inside a black outline on a light page
    # differs from the page far less than the outline does.
    ink = distance > max(INK_DISTANCE, 0.15 * float(np.percentile(distance, 99)))
    samples = pixels[ink]
    if len(samples) < 40:
        return None
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    cv2.setRNGSeed(7)  # the same crop always gives the same layers (cached readings)
    _, _, centres = cv2.kmeans(samples, 2, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    if float(np.abs(centres[0] - centres[1]).max()) < MIN_SEPARATION:
        return None
    return Layers(_mixture_labels(pixels, back, centres), centres)


def _mix(pixels: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel as a mix of colours ``a`` and ``b``: (share of ``b``, 0..1; distance off it)."""
    axis = b - a
    length = np.maximum((axis**2).sum(axis=-1), 1.0)
    share = np.clip(((pixels - a) * axis).sum(axis=2) / length, 0.0, 1.0)
    error = np.linalg.norm(pixels - (a + share[..., None] * axis), axis=2)
    return share, error


def _mixture_labels(pixels: np.ndarray, back: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Label 0 (background), 1 or 2 (the inks) by the mix of two colours that explains a pixel.

    Nearest colour is wrong on stroke edges: a dark-red stroke's edge on a light page is a
    pink that a pink shadow is nearer to, and would be counted as shadow all round the letters.
    """
    first = centres[0].astype(np.float32)[None, None]
    second = centres[1].astype(np.float32)[None, None]
    pairs = [(back, first, 0, 1), (back, second, 0, 2), (first, second, 1, 2)]
    labels = np.zeros(pixels.shape[:2], np.uint8)
    best = np.full(pixels.shape[:2], np.inf, np.float32)
    for a, b, label_a, label_b in pairs:
        share, error = _mix(pixels, a, b)
        closer = error < best
        labels[closer] = np.where(share[closer] >= 0.5, label_b, label_a)
        best[closer] = error[closer]
    return labels


def _outside(labels: np.ndarray) -> np.ndarray:
    """Background pixels connected to the crop's border (glyph counters are not outside)."""
    back = (labels == 0).astype(np.uint8)
    _, parts = cv2.connectedComponents(back, connectivity=4)
    border = np.unique(np.concatenate([parts[0], parts[-1], parts[:, 0], parts[:, -1]]))
    border = border[border > 0]
    return np.isin(parts, border) & (back > 0)


def _boundary_share_outside(mask: np.ndarray, near_outside: np.ndarray) -> float:
    """Share of the mask's boundary pixels that touch the outside background."""
    boundary = mask & ~cv2.erode(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    count = int(boundary.sum())
    return float((boundary & near_outside).sum()) / count if count else 1.0


def _best_cover(source: np.ndarray, target: np.ndarray, reach: int) -> float:
    """The largest share of ``target`` that ``source`` shifted by up to ``reach`` px covers.

    Shifts shorter than 2 px are not tried: one px explains an anti-aliased rim, not a shadow.
    All shifts at once, as a cross-correlation by FFT (a loop over shifts costs 10x more).
    """
    total = int(target.sum())
    if not total:
        return 0.0
    height, width = source.shape
    size = (height + reach, width + reach)  # padding: a shift never wraps onto the other side
    spectrum = np.fft.rfft2(target.astype(np.float32), size) * np.conj(
        np.fft.rfft2(source.astype(np.float32), size)
    )
    overlap = np.fft.irfft2(spectrum, size)  # [dy, dx]: source moved by (dx, dy) meets target
    shifts = np.r_[0 : reach + 1, -reach:0]
    window = overlap[np.ix_(shifts % size[0], shifts % size[1])]
    near = np.maximum(np.abs(shifts)[:, None], np.abs(shifts)[None, :]) < 2
    window[near] = 0
    return float(window.max()) / total


def _without_specks(mask: np.ndarray, height: int) -> np.ndarray:
    """The mask without parts too small to be a stroke (grain the background shares colour with)."""
    _, parts, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    smallest = max(3, (height / 12) ** 2)
    keep = stats[:, cv2.CC_STAT_AREA] >= smallest
    keep[0] = False
    return keep[parts]


def fill_share(
    crop: np.ndarray, background: np.ndarray, layers: Layers, fill: int, mask: np.ndarray
) -> np.ndarray:
    """How much of each pixel is the fill (0..1), next to the background or the other ink.

    A pixel on a stroke's edge mixes the fill with whatever is beside it; counting it by the
    share of fill in that mix (instead of by the nearest colour) keeps thin strokes whole where
    the shadow or the page meets them. Only pixels within a px of the fill's own parts count.
    """
    pixels = crop.astype(np.float32)
    back = np.broadcast_to(np.asarray(background, np.float32), pixels.shape[1:])[None]
    ink = layers.centres[fill].astype(np.float32)[None, None]
    others = [back, layers.centres[1 - fill].astype(np.float32)[None, None]]
    best_share = np.zeros(pixels.shape[:2], np.float32)
    best_error = np.full(pixels.shape[:2], np.inf, np.float32)
    for other in others:
        share, error = _mix(pixels, other, ink)
        closer = error < best_error
        best_share[closer], best_error[closer] = share[closer], error[closer]
    near = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    return np.where(near, best_share, 0.0)


@dataclass
class Separation:
    """What :func:`separate` found in a line crop.

    ``fill`` (each pixel's share of fill, 0..1) is set when the structure says which ink is the
    text (``kind`` "outline" or "shadow"); ``candidates`` holds each ink alone when the crop has two inks of comparable
    extent but neither structure is clear (a shadow as thick as the strokes covers the fill as
    well as the fill covers it): recognition then tells which one reads as text.
    """

    fill: np.ndarray | None = None
    kind: str = ""
    candidates: list[np.ndarray] = field(default_factory=list)


#: an outline or a shadow has at least this share of the fill's pixels (a plain line's edge
#: pixels that no mix of its ink and the page explains are a few percent)
MIN_LAYER = 0.15
#: the smaller ink has at least this share of the larger one's pixels to be a layer of its own
#: (an anti-aliased rim of plain text has less, mostly)
LAYER_SHARE = 0.45


def separate(crop: np.ndarray, background: np.ndarray) -> Separation:
    """Tell the text's fill from an outline or a drop shadow in ``crop`` (see the module)."""
    layers = split_inks(crop, background)
    if layers is None:
        return Separation()
    height = crop.shape[0]
    inks = [layers.labels == 1, layers.labels == 2]
    counts = [int(m.sum()) for m in inks]
    if min(counts) < max(20, MIN_LAYER * max(counts)):
        return Separation()  # one ink and a few mixed pixels at its edge: plain text
    near_outside = cv2.dilate(
        _outside(layers.labels).astype(np.uint8), np.ones((3, 3), np.uint8)
    ).astype(bool)
    along = [_boundary_share_outside(m, near_outside) for m in inks]

    def _share(fill: int) -> np.ndarray:
        return fill_share(crop, background, layers, fill, _without_specks(inks[fill], height))

    for fill, other in ((0, 1), (1, 0)):
        if along[fill] <= ENCLOSED and along[other] >= ALONG_OUTSIDE:
            return Separation(_share(fill), "outline")
    reach = max(3, height // 5)
    cover = [_best_cover(inks[0], inks[1], reach), _best_cover(inks[1], inks[0], reach)]
    for fill, other in ((0, 1), (1, 0)):
        if (
            along[fill] >= SHADOW_FILL_ALONG
            and cover[fill] >= SHADOW_COVER
            and 1 - cover[fill] <= SHADOW_LEFT * (1 - cover[other])
        ):
            return Separation(_share(fill), "shadow")
    if min(counts) >= LAYER_SHARE * max(counts) and max(cover) >= SHADOW_COVER:
        return Separation(candidates=[_share(0), _share(1)])
    return Separation()


def fill_mask(crop: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, str] | None:
    """The fill's share per pixel and "outline" or "shadow", when the structure is clear."""
    found = separate(crop, background)
    return None if found.fill is None else (found.fill, found.kind)
