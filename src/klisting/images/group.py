"""Group OCR lines into blocks (paragraphs) with reading order, alignment and font size."""

from __future__ import annotations

import re
from functools import lru_cache
from statistics import median

import numpy as np

from klisting.images.erase import estimate_colors, ink_height, looks_bold
from klisting.images.sidecar import Block, OcrLine

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
MIN_CONFIDENCE = 55.0
#: a line that ends a sentence (다/요 endings, a full stop) ends its paragraph
_SENTENCE_END = re.compile(r"(?:다|요|죠|[.!?。！？])[\s\W]*$")
#: a line narrower than this share of its column cannot have wrapped into the next one
FULL_LINE = 0.85


def has_korean(text: str) -> bool:
    """True when ``text`` contains Hangul."""
    return bool(HANGUL.search(text))


def _same_style(image: np.ndarray, a: OcrLine, b: OcrLine) -> bool:
    """True when two lines have about the same text and background colours (one paragraph)."""
    colour_a, back_a = estimate_colors(image, tuple(a.bbox))  # type: ignore[arg-type]
    colour_b, back_b = estimate_colors(image, tuple(b.bbox))  # type: ignore[arg-type]
    return max(abs(p - q) for p, q in zip(colour_a + back_a, colour_b + back_b, strict=True)) < 60


#: Kiwi tags a finished list item ends with besides a sentence end (``_SENTENCE_END``): a
#: noun, a number or a Latin word ("당도 12브릭스 이상만 선별", "용량 500ml"). Running text that
#: wraps ends its line on a particle or an ending instead ("수분을", "빠르게", "지켜 주어": Kiwi
#: may tag that -어 as final, so its EF tag is not trusted here).
#: Z_CODA is a final consonant Kiwi split off a word it does not know (보냉 -> 보내+어+ㅇ):
#: such a word is a noun, not an ending.
_ITEM_END_TAGS = ("NNG", "NNP", "NNB", "NR", "SN", "SL", "SW", "XSN", "Z_CODA")


@lru_cache(maxsize=4096)
def ends_item(text: str) -> bool:
    """True when a line ends as a finished sentence or list item, so it does not run on into
    the next line (Korean wraps running text after a particle or an ending)."""
    text = text.strip()
    if _SENTENCE_END.search(text):
        return True
    try:
        from klisting.translate.analyzer import kiwi

        tokens = kiwi().tokenize(text)
    except Exception:  # no analyzer: only a sentence ending is known to end a line's item
        return False
    return bool(tokens) and str(tokens[-1].tag).split("-")[0].startswith(_ITEM_END_TAGS)


def _similar_height(a: OcrLine, b: OcrLine) -> bool:
    ha, hb = a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]
    return max(ha, hb) <= 1.3 * min(ha, hb)


def column_widths(lines: list[OcrLine]) -> list[float]:
    """Per line (in the given top-to-bottom order), the width of the widest line of its column:
    the stack of lines of about its height, one under the other, overlapping sideways.

    A paragraph's lines wrap because they are full: only a line about as wide as its column
    can continue on the next line. Centred list lines of different lengths ("수확 후 바로
    발송합니다" over "중량 10kg 로얄과") are each shorter than the column's widest, so they
    stay apart.
    """
    widths = [float(line.bbox[2] - line.bbox[0]) for line in lines]
    column = list(range(len(lines)))  # union-find over lines stacked one under the other
    for i, upper in enumerate(lines):
        for j in range(i + 1, min(len(lines), i + 8)):
            lower = lines[j]
            h = min(upper.bbox[3] - upper.bbox[1], lower.bbox[3] - lower.bbox[1])
            stacked = 0 <= lower.bbox[1] - upper.bbox[3] <= 1.5 * h
            overlap = min(upper.bbox[2], lower.bbox[2]) > max(upper.bbox[0], lower.bbox[0])
            if stacked and overlap and _similar_height(upper, lower):
                a, b = _root(column, i), _root(column, j)
                column[b] = a
    widest: dict[int, float] = {}
    for i in range(len(lines)):
        root = _root(column, i)
        widest[root] = max(widest.get(root, 0.0), widths[i])
    return [widest[_root(column, i)] for i in range(len(lines))]


def _root(parents: list[int], i: int) -> int:
    while parents[i] != i:
        parents[i] = parents[parents[i]]
        i = parents[i]
    return i


def _belongs(block: list[OcrLine], line: OcrLine, column: float = 0.0) -> bool:
    last = block[-1]
    if ends_item(last.text):
        return False  # a finished sentence or list item: the next line starts another block
    if last.bbox[2] - last.bbox[0] < FULL_LINE * column:
        return False  # the line did not fill its column, so it did not wrap
    lx0, ly0, lx1, ly1 = last.bbox
    x0, y0, x1, y1 = line.bbox
    h_last, h = ly1 - ly0, y1 - y0
    if max(h, h_last) > 1.3 * min(h, h_last):
        return False  # a heading and body text are different blocks
    if y0 - ly1 > 0.6 * min(h, h_last) or y0 < ly0:
        return False
    # A line that ends well short of the block's width ends its paragraph (lists stay apart).
    widest = max(m.bbox[2] - m.bbox[0] for m in block)
    if lx1 - lx0 < 0.8 * widest or (len(block) == 1 and x1 - x0 > 1.25 * (lx1 - lx0)):
        return False
    tolerance = 0.8 * h
    aligned = (
        abs(x0 - lx0) < tolerance
        or abs(x1 - lx1) < tolerance
        or abs((x0 + x1) - (lx0 + lx1)) < 2 * tolerance
    )
    return aligned and min(x1, lx1) > max(x0, lx0)


def _alignment(boxes: list[list[int]], width: int) -> str:
    if len(boxes) == 1:
        x0, _, x1, _ = boxes[0]
        return (
            "center"
            if abs((x0 + x1) / 2 - width / 2) < 0.04 * width and x0 > 0.1 * width
            else "left"
        )
    spread = {
        "left": np.std([b[0] for b in boxes]),
        "center": np.std([(b[0] + b[2]) / 2 for b in boxes]),
        "right": np.std([b[2] for b in boxes]),
    }
    return min(spread, key=lambda k: spread[k])


def group_lines(lines: list[OcrLine], image: np.ndarray) -> list[Block]:
    """Blocks in reading order (top to bottom, then left to right)."""
    blocks: list[list[OcrLine]] = []
    ordered = [
        line
        for line in sorted(lines, key=lambda item: (item.bbox[1], item.bbox[0]))
        if line.text.strip()
    ]
    columns = dict(zip(map(id, ordered), column_widths(ordered), strict=True))
    for line in ordered:
        for block in reversed(blocks[-6:]):
            # A line with a doubtful fact stands alone: left as it was, it must not keep the
            # rest of its paragraph in Korean with it.
            doubtful = bool(line.doubts) or any(m.doubts for m in block)
            joins = _belongs(block, line, columns[id(block[-1])])
            if not doubtful and joins and _same_style(image, block[-1], line):
                block.append(line)
                break
        else:
            blocks.append([line])
    width = image.shape[1]
    result = []
    for number, members in enumerate(sorted(blocks, key=lambda b: (b[0].bbox[1], b[0].bbox[0]))):
        boxes = [m.bbox for m in members]
        bbox = [
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ]
        color, background = estimate_colors(image, tuple(members[0].bbox))  # type: ignore[arg-type]
        inks = [ink_height(image, tuple(m.bbox), color, background) for m in members]  # type: ignore[arg-type]
        inks = [h for h in inks if h]
        # Hangul fills about 0.9 of the em square, so the ink height gives the font size.
        text_size = round(float(median(inks)) / 0.9, 1) if inks else None
        result.append(
            Block(
                id=number,
                source=" ".join(m.text.strip() for m in members),
                bbox=bbox,
                line_boxes=boxes,
                confidence=round(min(m.confidence for m in members), 1),
                line_height=float(median(b[3] - b[1] for b in boxes)),
                align=_alignment(boxes, width),
                color=color,
                background=background,
                text_size=text_size,
                bold=looks_bold(image, tuple(members[0].bbox), color, background),  # type: ignore[arg-type]
                doubts=[doubt for m in members for doubt in m.doubts],
            )
        )
    return harmonise_sizes(result)


def harmonise_sizes(blocks: list[Block]) -> list[Block]:
    """One size, line height and weight per list: blocks one under the other with the same
    colour and sizes within a quarter. The ink of "중량 10kg" (the g's tail) reads a size
    larger than its neighbours', a line without descenders gets a tighter box, and digits
    ("사이즈 55 66 77") look bolder than Hangul; each would be drawn unlike the lines around it.
    """
    parents = list(range(len(blocks)))
    for i, a in enumerate(blocks):
        for j in range(i + 1, len(blocks)):
            if _same_list(a, blocks[j]):
                parents[_root(parents, j)] = _root(parents, i)
    lists: dict[int, list[Block]] = {}
    for i, block in enumerate(blocks):
        lists.setdefault(_root(parents, i), []).append(block)
    for members in lists.values():
        if len(members) < 3:
            continue
        size = round(float(median(b.text_size for b in members if b.text_size)), 1)
        height = float(median(b.line_height for b in members))
        bold = sum(b.bold for b in members)
        for block in members:
            block.text_size, block.line_height = size, height
            if bold >= 2 * len(members) / 3 or bold <= len(members) / 3:
                block.bold = bold >= 2 * len(members) / 3
        _align_edges(members)
    return blocks


def _align_edges(members: list[Block]) -> None:
    """Left-aligned list lines start at one x (right-aligned end at one): OCR boxes jitter by
    a few pixels, and the translations would start unevenly."""
    for align, edge in (("left", 0), ("right", 2)):
        lined = [b for b in members if b.align == align]
        if len(lined) < 3:
            continue
        anchor = round(median(b.bbox[edge] for b in lined))
        for block in lined:
            if abs(block.bbox[edge] - anchor) <= 0.25 * block.line_height:
                box = list(block.bbox)
                box[edge] = anchor
                if box[0] < box[2]:
                    block.bbox = box


def _same_list(a: Block, b: Block) -> bool:
    """Two blocks of one list: stacked close together, overlapping sideways, one style."""
    if not (a.text_size and b.text_size) or abs(a.text_size - b.text_size) > 0.25 * a.text_size:
        return False
    if max(abs(p - q) for p, q in zip(a.color, b.color, strict=True)) >= 60:
        return False
    upper, lower = (a, b) if a.bbox[1] <= b.bbox[1] else (b, a)
    gap = lower.bbox[1] - upper.bbox[3]
    overlap = min(a.bbox[2], b.bbox[2]) > max(a.bbox[0], b.bbox[0])
    return overlap and -0.5 * upper.line_height <= gap <= 1.5 * max(a.line_height, b.line_height)
