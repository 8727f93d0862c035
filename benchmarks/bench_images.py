"""Benchmark image localization against naive baselines measured in the same run.

The set (``image_set.py``) is drawn with eight Korean font families other than the render font,
on photographic backgrounds, with stroked and shadowed text, large serif headlines, lines on band
edges and round product shapes right next to text. Reported:

* detector: recall per kind of line and CPU time, klisting's settings (0.75 scale, 15% tile
  overlap) against the full-scale detector with 25% overlap;
* recognition time apart from the detector, against ``pytesseract.image_to_string`` on the
  whole image (time and line recall);
* false numbers: numbers a single ``kor+eng`` reading would have put into the image, and numbers
  klisting rendered that the ground truth does not state (the bar: 0);
* localization: share of Korean blocks rendered in the target language, residual Korean
  (tesseract reading the ground-truth boxes of the output), changed pixels away from the text,
  and changed pixels of the product shapes (the bar: 0);
* ``fonts.runs`` against the previous implementation that copied a face's coverage per space;
* an 860 x 20,000 page: seconds per megapixel and peak memory (``--tall``; a few minutes).

Run: .venv/bin/python benchmarks/bench_images.py [--tall]
"""

from __future__ import annotations

import difflib
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
import image_set  # noqa: E402

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()


def covered(truth: list[int], boxes) -> bool:
    """A ground-truth line is found when one box covers 80% of it."""
    x0, y0, x1, y1 = truth
    area = max(1, (x1 - x0) * (y1 - y0))
    for bx0, by0, bx1, by1 in boxes:
        w, h = min(x1, bx1) - max(x0, bx0), min(y1, by1) - max(y0, by0)
        if w > 0 and h > 0 and w * h >= 0.8 * area:
            return True
    return False


def overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def bench_detector(items) -> None:
    from klisting.images.detect import DetectSettings, detect_lines

    naive, ours = DetectSettings(scale=1.0, overlap=0.25), DetectSettings()
    for label, settings in (("full scale, 25% overlap", naive), ("klisting 0.75, 15%", ours)):
        found: Counter = Counter()
        start = time.process_time()
        for item, _path in items:
            boxes = detect_lines(np.asarray(item.image), settings)
            for line in item.lines:
                found[line.kind] += covered(line.bbox, boxes)
        seconds = time.process_time() - start
        kinds = Counter(line.kind for item, _ in items for line in item.lines)
        recall = ", ".join(f"{k} {found[k]}/{n}" for k, n in sorted(kinds.items()))
        total = sum(found.values()) / sum(kinds.values())
        print(f"detector {label}: CPU {seconds:.1f} s, recall {total:.3f} ({recall})")
        if settings is naive:
            naive_cpu = seconds
    print(f"  detector CPU ratio klisting/naive: {seconds / naive_cpu:.2f}x")


def bench_ocr(items, work: Path):
    import pytesseract

    from klisting.images.detect import detect_lines
    from klisting.images.pipeline import ocr_image

    start = time.perf_counter()
    for item, _ in items:
        detect_lines(np.asarray(item.image))
    detector = time.perf_counter() - start
    start = time.perf_counter()
    results = [ocr_image(str(path), work)[0] for _, path in items]
    total = time.perf_counter() - start
    start = time.perf_counter()
    base = [pytesseract.image_to_string(Image.open(p), lang="kor+eng") for _, p in items]
    base_time = time.perf_counter() - start
    lines = [line for item, _ in items for line in item.lines]

    def recall(readings: list[list[str]]) -> float:
        hits = sum(
            any(similarity(line.text, text) >= 0.8 for text in found)
            for (item, _), found in zip(items, readings, strict=True)
            for line in item.lines
        )
        return hits / len(lines)

    ours = recall([[line.text for line in r.lines] for r in results])
    theirs = recall([[s for s in b.splitlines() if s.strip()] for b in base])
    print(
        f"OCR: detector {detector:.1f} s + recognition {total - detector:.1f} s = {total:.1f} s"
        f" | baseline image_to_string {base_time:.1f} s | ratio {total / base_time:.2f}x"
    )
    print(f"line recall (similarity >= 0.8): klisting {ours:.3f} | baseline {theirs:.3f}")
    return results


def single_reading_false_numbers(items, results) -> tuple[int, int]:
    """Numbers the first kor+eng reading states that its ground-truth line does not."""
    from klisting.images.facts import numbers

    wrong = total = 0
    for (item, _), result in zip(items, results, strict=True):
        for line in result.lines:
            truth = [t for t in item.lines if overlaps(t.bbox, line.bbox)]
            stated = numbers(line.raw)
            allowed = {n for t in truth for n in numbers(t.text)}
            total += len(stated)
            wrong += sum(n not in allowed for n in stated)
    return wrong, total


def bench_localize(items, results, work: Path) -> None:
    from klisting.images.complete import allowed_numbers
    from klisting.images.facts import numbers
    from klisting.images.ocr import recognise
    from klisting.images.pipeline import localize_image

    wrong, stated = single_reading_false_numbers(items, results)
    statuses: Counter = Counter()
    by_style: dict[str, list[int]] = {"plain": [0, 0], "stroked": [0, 0], "shadowed": [0, 0]}
    false_numbers = rendered_numbers = 0
    hangul_left = hangul_truth = changed = away = product_changed = product_px = 0
    for item, path in items:
        out = work / f"{item.name}.en.png"
        result = localize_image(
            str(path),
            translate=image_set.translate,
            target_lang="en",
            market="us",
            work_dir=work,
            out_path=out,
        )
        sidecar = json.loads(result.sidecar.read_text(encoding="utf-8"))
        for block in sidecar["blocks"]:
            if HANGUL.search(block["source"]):
                statuses[block["status"]] += 1
            if block["status"] != "translated":
                continue
            truth = " ".join(t.text for t in item.lines if overlaps(t.bbox, block["bbox"]))
            allowed = allowed_numbers(truth, "us")
            said = numbers(block["translation"])
            rendered_numbers += len(said)
            false_numbers += sum(n.replace(",", "") not in allowed for n in said)
        for line in item.lines:
            hit = [b for b in sidecar["blocks"] if overlaps(b["bbox"], line.bbox)]
            by_style[line.style][0] += any(b["status"] == "translated" for b in hit)
            by_style[line.style][1] += 1
        after = np.asarray(Image.open(out).convert("RGB"))
        before = np.asarray(item.image)
        read = recognise(after, [tuple(t.bbox) for t in item.lines])
        hangul_left += sum(len(HANGUL.findall(line.text)) for line in read)
        hangul_truth += sum(len(HANGUL.findall(t.text)) for t in item.lines)
        diff = np.abs(after.astype(int) - before.astype(int)).max(axis=2) > 0
        allowed_px = np.zeros(diff.shape, bool)
        boxes = [t.bbox for t in item.lines] + [
            box
            for block in sidecar["blocks"]
            for box in [*block["line_boxes"], block["render_box"] or block["bbox"]]
        ]
        for x0, y0, x1, y1 in boxes:
            allowed_px[max(0, y0 - 6) : y1 + 6, max(0, x0 - 6) : x1 + 6] = True
        changed += int(diff[~allowed_px].sum())
        away += int((~allowed_px).sum())
        product_changed, product_px = _product_pixels(
            item, diff, sidecar, product_changed, product_px
        )
    korean = sum(statuses.values())
    print(
        f"false numbers: a single kor+eng reading {wrong} of {stated} numbers read"
        f" | klisting rendered {false_numbers} of {rendered_numbers} (bar: 0)"
    )
    print(
        f"Korean blocks rendered in the target language: {statuses['translated']}/{korean}"
        f" = {statuses['translated'] / max(1, korean):.1%}; left as they were: "
        + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()) if k != "translated")
    )
    print(
        "ground-truth lines rendered in the target language, by style: "
        + ", ".join(f"{k} {done}/{n}" for k, (done, n) in by_style.items())
    )
    print(
        f"residual Korean after localization: {hangul_left}/{hangul_truth}"
        f" = {hangul_left / max(1, hangul_truth):.1%} (includes the blocks left for review)"
    )
    print(f"changed pixels away from text: {changed} of {away} ({changed / max(1, away):.4%})")
    print(
        f"changed pixels of product shapes (outside rendered text): {product_changed} of"
        f" {product_px} (bar: 0)"
    )


def _product_pixels(item, diff, sidecar, changed: int, total: int) -> tuple[int, int]:
    mask = Image.new("L", item.image.size, 0)
    draw = ImageDraw.Draw(mask)
    for box in item.products:
        draw.ellipse(box, fill=255)
    for block in sidecar["blocks"]:
        if block["render_box"]:
            draw.rectangle(block["render_box"], fill=0)  # new text may be drawn there
    inside = np.asarray(mask) > 0
    return changed + int(diff[inside].sum()), total + int(inside.sum())


def bench_runs() -> None:
    from klisting.images import fonts

    def old_runs(text, chain):
        result = []
        for char in text:
            if (
                result
                and fonts._ignorable(char)
                and ord(char) in fonts.coverage(result[-1][1]) | {0x20}
            ):
                result[-1] = (result[-1][0] + char, result[-1][1])
                continue
            face = next((f for f in chain if ord(char) in fonts.coverage(f)), chain[0])
            if result and result[-1][1] == face:
                result[-1] = (result[-1][0] + char, face)
            else:
                result.append((char, face))
        return result

    chain = fonts.chain_for("zh-Hant")
    texts = [f"容量 {n} ml 免運費 Made in Korea 韓國製造 {n % 7}" for n in range(400)]
    start = time.perf_counter()
    old = [old_runs(t, chain) for t in texts]
    naive = time.perf_counter() - start
    uncached = fonts._runs.__wrapped__  # the algorithm alone, without the run cache
    start = time.perf_counter()
    new = [uncached(t, tuple(chain)) for t in texts]
    ours = time.perf_counter() - start
    assert old == new
    print(
        f"fonts.runs on {len(texts)} texts: {ours * 1000:.0f} ms vs {naive * 1000:.0f} ms"
        f" copying coverage per space: {naive / ours:.1f}x faster (before its cache)"
    )


def tall_child(path: str) -> None:
    """Run in a child process: localize one tall page and print time and peak RSS."""
    from klisting.images.pipeline import localize_image

    start = time.perf_counter()
    work = Path(path).parent / "tallwork"
    localize_image(
        path,
        translate=image_set.translate,
        target_lang="en",
        market="us",
        work_dir=work,
        out_path=work / "out.jpg",
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def run_tall(workdir: Path) -> None:
    item = image_set.detail_page(99, height=20000)
    path = workdir / "tall.png"
    item.image.save(path)
    done = subprocess.run(
        [sys.executable, __file__, "--tall-child", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    mp = 860 * 20000 / 1e6
    print(
        f"860x20000 page ({len(item.lines)} lines): localize {figures['seconds']:.1f} s"
        f" = {figures['seconds'] / mp:.2f} s/MP, peak RSS {figures['peak_mb']:.0f} MiB"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        work = Path(tmp)
        items = image_set.generate(work)
        lines = [line for item, _ in items for line in item.lines]
        megapixels = sum(item.image.width * item.image.height for item, _ in items) / 1e6
        print(
            f"set: {len(items)} images, {megapixels:.1f} MP, {len(lines)} lines in"
            f" {len(image_set.FONTS)} font families; kinds "
            + ", ".join(f"{k} {n}" for k, n in sorted(Counter(x.kind for x in lines).items()))
            + "; styles "
            + ", ".join(f"{k} {n}" for k, n in sorted(Counter(x.style for x in lines).items()))
        )
        bench_detector(items)
        results = bench_ocr(items, work)
        bench_localize(items, results, work)
        bench_runs()
        if "--tall" in sys.argv:
            run_tall(work)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--tall-child":
        tall_child(sys.argv[2])
    else:
        main()
