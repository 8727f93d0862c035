"""Benchmark image localization against a naive baseline, measured in the same run.

Generates synthetic detail pages and main images with ground truth (Noto Serif CJK KR, stripes,
noise, two-tone panels: different from the tests' fonts and backgrounds), then reports:

* line recall (a ground-truth line is found when an OCR line matches it with similarity >= 0.8)
  for klisting (DBNet tiles + tesseract per line) and for the baseline
  ``pytesseract.image_to_string(whole image, lang="kor+eng")``;
* OCR wall time for the whole set, both ways;
* residual Korean after localization (Hangul tesseract still reads inside the ground-truth boxes
  of the output, as a share of the Hangul in the ground truth);
* share of changed pixels away from the text (outside line boxes and rendered text boxes);
* seconds per megapixel and peak memory (child process RSS) for an 860 x 20,000 page.

Run: .venv/bin/python benchmarks/bench_images.py
"""

from __future__ import annotations

import difflib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-{}.ttc"
KR = 1
HANGUL = re.compile(r"[\uac00-\ud7a3]")
WORDS = [
    "천연",
    "유기농",
    "보습",
    "세럼",
    "크림",
    "수분",
    "진정",
    "고소한",
    "현미",
    "과일",
    "신선한",
    "당일",
    "발송",
    "포장",
    "선물",
    "세트",
    "가벼운",
    "튼튼한",
    "원단",
    "사계절",
    "여름",
    "겨울",
    "주방",
    "욕실",
    "사용",
    "방법",
    "주의",
    "보관",
    "냉장",
    "상온",
]
UNITS = ["500ml", "1.2kg", "30x20x10cm", "250g", "2L", "15cm", "600ml", "9mm", "3kg", "100ml"]


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SERIF.format("Bold" if bold else "Regular"), size, index=KR)


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(2, 5))
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(UNITS))
    return " ".join(words)


def band(
    kind: str, width: int, height: int, rng: random.Random
) -> tuple[np.ndarray, tuple[int, int, int]]:
    """Background band and text colour (stripes, noise, two-tone, dark, pastel)."""
    base = np.array([rng.randint(200, 245) for _ in range(3)], np.float32)
    if kind == "dark":
        return np.full((height, width, 3), [rng.randint(15, 70) for _ in range(3)], np.float32), (
            255,
            240,
            200,
        )
    pixels = np.broadcast_to(base, (height, width, 3)).copy()
    if kind == "stripes":
        yy, xx = np.mgrid[0:height, 0:width]
        pixels += (((xx + yy) // 24) % 2)[..., None] * 8.0
    elif kind == "noise":
        pixels += np.random.default_rng(rng.randint(0, 999)).normal(0, 5, (height, width, 1))
    elif kind == "two-tone":
        pixels[:, width // 2 :] -= 18
    return np.clip(pixels, 0, 255), rng.choice([(20, 20, 20), (120, 30, 30), (20, 50, 110)])


def page(width: int, height: int, seed: int) -> tuple[Image.Image, list[dict]]:
    """A detail page of sections with headings and body lines."""
    rng = random.Random(seed)
    pixels = np.zeros((height, width, 3), np.float32)
    kinds = ["stripes", "noise", "two-tone", "dark", "pastel"]
    sections, y, n = [], 0, 0
    while y < height:
        h = min(rng.randint(700, 1100), height - y)
        pixels[y : y + h], colour = band(kinds[n % len(kinds)], width, h, rng)
        sections.append((y, h, colour))
        y, n = y + h, n + 1
    image = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    truth = []
    for top, h, colour in sections:
        cursor = top + 50
        size = rng.choice([20, 23, 26, 30, 36])
        while cursor + size * 2 < top + h - 30:
            text = sentence(rng)
            f = font(size, rng.random() < 0.3)
            x = rng.choice([50, (width - f.getbbox(text)[2]) // 2])
            draw.text((x, cursor), text, font=f, fill=colour)
            truth.append({"text": text, "bbox": list(draw.textbbox((x, cursor), text, font=f))})
            cursor += int(size * rng.uniform(1.9, 2.6))
    return image, truth


def main_image(seed: int) -> tuple[Image.Image, list[dict]]:
    rng = random.Random(seed)
    pixels, _ = band("noise", 800, 800, rng)
    image = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 220, 550, 620), fill=tuple(rng.randint(60, 200) for _ in range(3)))
    truth = []
    for text, xy, fill, size in [
        (rng.choice(["무료배송", "국내산", "1+1", "당일발송"]), (60, 60), (200, 30, 40), 40),
        (sentence(rng), (60, 690), (20, 20, 20), 34),
    ]:
        draw.text(xy, text, font=font(size, True), fill=fill)
        truth.append({"text": text, "bbox": list(draw.textbbox(xy, text, font=font(size, True)))})
    return image, truth


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()


def recall(truth: list[dict], texts: list[str]) -> float:
    found = sum(any(similarity(t["text"], line) >= 0.8 for line in texts) for t in truth)
    return found / max(1, len(truth))


def fake_translate(texts: list[str]) -> list[str]:
    return [f"Line {n} translated text" for n, _ in enumerate(texts)]


def run_set(workdir: Path) -> None:
    import pytesseract

    from klisting.images.ocr import recognise
    from klisting.images.pipeline import localize_image, ocr_image

    items = [page(860, 4000 + 500 * k, 10 + k) for k in range(3)] + [
        main_image(20 + k) for k in range(2)
    ]
    paths = []
    for n, (image, _truth) in enumerate(items):
        path = workdir / f"img{n}.png"
        image.save(path)
        paths.append(path)
    total_lines = sum(len(t) for _, t in items)
    print(
        f"set: {len(items)} images, {total_lines} ground-truth lines, {sum(i.width * i.height for i, _ in items) / 1e6:.1f} MP"
    )

    start = time.perf_counter()
    ours = [ocr_image(str(p), None)[0] for p in paths]
    ours_time = time.perf_counter() - start
    start = time.perf_counter()
    base = [pytesseract.image_to_string(Image.open(p), lang="kor+eng") for p in paths]
    base_time = time.perf_counter() - start
    truth_all = [t for _, truth in items for t in truth]
    ours_recall = (
        sum(
            recall(t, [line.text for line in o.lines]) * len(t)
            for (_, t), o in zip(items, ours, strict=True)
        )
        / total_lines
    )
    base_recall = (
        sum(
            recall(t, [s for s in b.splitlines() if s.strip()]) * len(t)
            for (_, t), b in zip(items, base, strict=True)
        )
        / total_lines
    )
    print(f"line recall: klisting {ours_recall:.3f} | baseline {base_recall:.3f}")
    print(
        f"OCR time: klisting {ours_time:.1f} s | baseline {base_time:.1f} s | ratio {ours_time / base_time:.2f}x"
    )

    hangul_truth = sum(len(HANGUL.findall(t["text"])) for t in truth_all)
    hangul_left, changed, away, low = 0, 0, 0, 0
    for n, (path, (image, truth)) in enumerate(zip(paths, items, strict=True)):
        out = workdir / f"out{n}.png"
        result = localize_image(
            str(path),
            translate=fake_translate,
            target_lang="en",
            market="us",
            work_dir=workdir / "work",
            out_path=out,
        )
        after = np.asarray(Image.open(out).convert("RGB"))
        lines = recognise(after, [tuple(t["bbox"]) for t in truth])
        hangul_left += sum(len(HANGUL.findall(line.text)) for line in lines)
        sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
        low += result.low_confidence
        allowed = np.zeros(after.shape[:2], bool)
        boxes = [t["bbox"] for t in truth] + [
            b
            for block in sidecar["blocks"]
            for b in [*block["line_boxes"], block["render_box"] or block["bbox"]]
        ]
        for x0, y0, x1, y1 in boxes:
            allowed[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = True
        diff = np.abs(after.astype(int) - np.asarray(image).astype(int)).max(axis=2) > 0
        changed += int(diff[~allowed].sum())
        away += int((~allowed).sum())
    print(
        f"residual Korean after localization: {hangul_left}/{hangul_truth} = {hangul_left / hangul_truth:.1%}"
    )
    print(f"changed pixels away from text: {changed} of {away} ({changed / away:.4%})")


def tall_child(path: str) -> None:
    """Run in a child process: localize one tall page and print time and peak RSS."""
    from klisting.images.pipeline import localize_image

    start = time.perf_counter()
    work = Path(path).parent / "tallwork"
    localize_image(
        path,
        translate=fake_translate,
        target_lang="en",
        market="us",
        work_dir=work,
        out_path=work / "out.jpg",
    )
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def run_tall(workdir: Path) -> None:
    import pytesseract

    image, truth = page(860, 20000, 99)
    path = workdir / "tall.png"
    image.save(path)
    done = subprocess.run(
        [sys.executable, __file__, "--tall", str(path)], capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    mp = 860 * 20000 / 1e6
    print(
        f"860x20000 page ({len(truth)} lines): localize {figures['seconds']:.1f} s = {figures['seconds'] / mp:.2f} s/MP, peak RSS {figures['peak_mb']:.0f} MiB"
    )
    if "--tall-baseline" not in sys.argv:  # about 3 minutes on 2 cores; off by default
        print("  (baseline on the tall page skipped; pass --tall-baseline to measure it)")
        return
    start = time.perf_counter()
    text = pytesseract.image_to_string(Image.open(path), lang="kor+eng")
    seconds = time.perf_counter() - start
    print(
        f"  baseline image_to_string on the same page: {seconds:.1f} s = {seconds / mp:.2f} s/MP, recall {recall(truth, text.splitlines()):.3f}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--tall":
        tall_child(sys.argv[2])
    else:
        with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
            run_set(Path(tmp))
            run_tall(Path(tmp))
