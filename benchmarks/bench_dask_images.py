"""Image localization of ``klisting run`` on Dask: 1 worker vs 2, job-wide vs per-image batches.

A generated image-heavy catalog (``--images N`` products, one 640 x 420 image each with four
lines of Korean text) is run for two targets with two languages (amazon:us, shopee:tw).

Part 1, translation batches (thread executor, fresh work dirs): the run as it is, where the
driver translates every block of the run in one call per language, against the same run with
the decide step patched back to one translate call per image (what ``klisting run`` did
before). The engine is instant apart from a fixed cost per call (``--call-ms``, default 50:
the round trip of a remote engine or the set-up of an NMT batch), so the difference is the
batching. Reported: translate calls and engine batches in the "localize images" stage, and
that stage's seconds.

Part 2, workers: the same run on a local Dask cluster of 1 worker process, then of 2 (fresh
work dir and a ``file://`` store each time; workers warmed first: imports and the detector
model). The baseline is the 1-worker run; the figure is its "localize images" seconds over
the 2-worker run's. The bundles of every run are compared byte for byte with the first. One
worker's OCR already runs a tesseract process and an onnxruntime thread per core of the
machine (``images/ocr.py``, ``images/detect.py``), so on one machine the second worker adds no
core: the figure says what a second worker costs or gains there, not what a second machine adds.

Run: .venv/bin/python benchmarks/bench_dask_images.py [--images 24] [--call-ms 50]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
LINES = [
    "천연 보습 크림",
    "당일 발송",
    "무료배송 선물 세트",
    "수분 진정 세럼",
    "국내산 현미",
    "저소음 주방 보관",
    "사계절 원단",
    "가벼운 욕실 보관",
    "유기농 세럼",
    "튼튼한 원단",
]
TARGETS = ["amazon:us", "shopee:tw"]
HANGUL = re.compile(r"[\uac00-\ud7af]+")


class SlowCallEngine:
    """Romanizes Hangul; each call costs ``call_ms`` whatever its size (a remote round trip)."""

    id = "bench-per-call"
    version = "1"
    quality = "machine"

    def __init__(self, call_ms: float) -> None:
        self.call_ms = call_ms
        self.calls = 0

    def supports(self, source: str, target: str) -> bool:
        return source == "ko"

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        from klisting.translate.romanize import romanize

        self.calls += 1
        time.sleep(self.call_ms / 1000)
        return [HANGUL.sub(lambda m: romanize(m.group()).title(), s) for s in segments]


def generate(folder: Path, count: int) -> Path:
    """A JSON catalog of ``count`` products, each with its own image of four Korean lines."""
    font = ImageFont.truetype(FONT, 34)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    products = []
    for n in range(count):
        image = Image.new("RGB", (640, 420), (248 - n % 30, 242, 230))
        draw = ImageDraw.Draw(image)
        for row in range(4):
            text = LINES[(n + 3 * row) % len(LINES)]
            draw.text((40, 40 + 95 * row), f"{text} {n % 9 + 1}", font=font, fill=(35, 30, 30))
        image.save(folder / "images" / f"{n}.jpg", "JPEG", quality=90)
        products.append(
            {
                "상품코드": f"B-{n:05d}",
                "상품명": f"{LINES[n % len(LINES)]} {n % 7 + 1}00ml",
                "판매가": str(15000 + 100 * n),
                "재고수량": 10,
                "카테고리": "생활/건강>주방용품",
                "브랜드": "하루담",
                "원산지": "국산",
                "중량": "300g",
                "상세설명": f"<p>{LINES[(n + 1) % len(LINES)]}</p>",
                "대표이미지": f"images/{n}.jpg",
            }
        )
    path = folder / "catalog.json"
    path.write_text(json.dumps({"products": products}, ensure_ascii=False), encoding="utf-8")
    return path


class StageCalls:
    """A progress hook that counts the engine's calls made during "localize images"."""

    def __init__(self, engine: SlowCallEngine) -> None:
        self.engine = engine
        self.start = 0
        self.calls = 0

    def stage(self, name: str, total: int):
        if name == "localize images":
            self.start = self.engine.calls
        return lambda n=1: None

    def done(self, name: str) -> None:
        if name == "localize images":
            self.calls = self.engine.calls - self.start


def timed_run(catalog: Path, root: Path, call_ms: float, executor=None, store=None) -> dict:
    from klisting.pipeline import stages
    from klisting.pipeline.run import RunOptions, run

    engine = SlowCallEngine(call_ms)
    translate_calls: list[int] = []
    real = stages._image_translator

    def counted(service):
        for_group = real(service)

        def group_translator(group):
            def translate(texts):
                translate_calls.append(len(texts))
                return for_group(group)(texts)

            return translate

        return group_translator

    stages._image_translator = counted
    hook = StageCalls(engine)
    options = RunOptions(
        catalog=catalog,
        targets=TARGETS,
        out_dir=root / "out",
        work_dir=root / "work",
        engine=engine,
        store=store,
    )
    try:
        start = time.perf_counter()
        result = run(options, hook, executor=executor)
        total = time.perf_counter() - start
    finally:
        stages._image_translator = real
    localize = sum(s.seconds for s in result.stages if s.name == "localize images")
    return {
        "total": total,
        "localize": localize,
        "translate_calls": len(translate_calls),
        "texts": sum(translate_calls),
        "engine_calls": hook.calls,
        "localized": result.images_localized,
        "bundle": bundle_digest(root / "out"),
    }


def bundle_digest(out: Path) -> str:
    """A digest of every bundle folder and zip (the review sheets beside them are left out:
    openpyxl writes their creation time)."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".xlsx"):
        hasher.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()[:16]


def per_image_decide(pending, reads, translate_for, store, root) -> None:
    """The decide step as ``klisting run`` did it before: one translate call per image."""
    import copy

    from klisting.images.decide import decide_blocks, screen_blocks
    from klisting.images.pipeline import image_name
    from klisting.pipeline import image_localize

    for item in pending:
        read = reads[item.sha256]
        if isinstance(read, str):
            item.error = read
            continue
        read = copy.deepcopy(read)
        screening = screen_blocks(read.blocks, image=image_name(str(item.path)), facts=item.facts)
        texts = translate_for(item.group)(screening.texts) if screening.texts else []
        found = decide_blocks(screening, texts, market=item.group.market)
        item.job = image_localize.render_job(item, read, found, store, root)


def warm() -> None:
    """Imports and the detector model, so the timing is the work (run on every worker)."""
    import numpy as np

    from klisting.images.detect import detect_lines

    detect_lines(np.full((64, 64, 3), 255, dtype=np.uint8))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=24)
    parser.add_argument("--call-ms", type=float, default=50.0)
    args = parser.parse_args()
    from klisting.infra.dask_executor import DaskExecutor
    from klisting.pipeline import image_localize

    tmp = Path(tempfile.mkdtemp(prefix="bench-dask-images-"))
    catalog = generate(tmp / "in", args.images)
    warm()
    print(f"{args.images} images x 2 languages ({', '.join(TARGETS)}), {os.cpu_count()} cores")

    job_wide = timed_run(catalog, tmp / "job-wide", args.call_ms)
    real = image_localize.decide_all
    image_localize.decide_all = per_image_decide
    try:
        per_image = timed_run(catalog, tmp / "per-image", args.call_ms)
    finally:
        image_localize.decide_all = real
    print(f"translation, thread executor, {args.call_ms:.0f} ms per engine call:")
    for label, r in (("per image (before)", per_image), ("job-wide (now)", job_wide)):
        print(
            f"  {label:19} {r['translate_calls']:4} translate calls, {r['engine_calls']:4} engine"
            f" batches, {r['texts']:4} texts; localize images {r['localize']:6.2f} s"
        )
    print(
        f"  batches per-image / job-wide: {per_image['engine_calls'] / max(1, job_wide['engine_calls']):.1f}x;"
        f" same bundle: {per_image['bundle'] == job_wide['bundle']}"
    )

    runs = {}
    for workers in (1, 2):
        with DaskExecutor.start(workers=workers, processes=True) as cluster:
            cluster.client.run(warm)
            root = tmp / f"dask-{workers}"
            runs[workers] = timed_run(
                catalog, root, args.call_ms, executor=cluster, store=f"file://{root}/store"
            )
    one, two = runs[1], runs[2]
    print("Dask worker processes (file:// store):")
    for workers, r in runs.items():
        print(
            f"  {workers} worker{'s' if workers > 1 else ' '}  localize images {r['localize']:6.2f} s,"
            f" whole run {r['total']:6.2f} s, same bundle as threads: {r['bundle'] == job_wide['bundle']}"
        )
    print(
        f"  speed-up 2 workers / 1: localize images {one['localize'] / two['localize']:.2f}x,"
        f" whole run {one['total'] / two['total']:.2f}x (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
