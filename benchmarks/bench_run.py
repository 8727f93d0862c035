"""Benchmark ``klisting run``: first run vs cached rerun per stage, and text-only scaling.

Part 1: the bundled sample catalog, nine targets, offline defaults (engine "auto", images on):
a first run in a fresh work dir, then a rerun with nothing changed. The baseline is the first
run; the figure is rerun / first per stage and in total.

Part 2: text only (--no-images), three targets, generated catalogs of 100, 1,000 and 10,000
products: seconds per 1,000 products at each size (close to constant = linear growth). On the
100-product catalog, a naive pipeline is measured in the same run as the baseline: one
translation per target (no sharing across targets) and one service call per product. The
scaling part uses an instant engine by default (--scale-engine), so it measures klisting's own
per-product cost; a real engine adds its own per-segment cost on top.

Usage: .venv/bin/python benchmarks/bench_run.py [--sizes 100,1000,10000] [--engine auto] [--skip-sample]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_catalogs" / "catalog.json"
ALL = [
    "shopify:us",
    "amazon:us",
    "shopee:tw",
    "lazada:sg",
    "coupang-tw:tw",
    "alibaba:global",
    "daraz:pk",
    "miravia:es",
    "qoo10:jp",
]
TEXT_TARGETS = ["shopify:us", "shopee:tw", "qoo10:jp"]
WORDS = [
    "수분",
    "진정",
    "토너",
    "세럼",
    "크림",
    "면",
    "티셔츠",
    "머그컵",
    "고춧가루",
    "김",
    "선물",
    "세트",
    "대용량",
    "순한",
    "촉촉한",
    "보습",
    "미백",
    "주름",
    "개선",
    "국내산",
    "유기농",
    "무농약",
    "가방",
    "지갑",
    "운동화",
    "양말",
    "모자",
    "장갑",
    "수건",
    "이불",
    "베개",
    "접시",
    "냄비",
    "프라이팬",
    "도마",
    "칼",
    "컵",
    "텀블러",
]


class InstantEngine:
    """An engine that costs (almost) nothing: isolates klisting's own per-product cost for the scaling part.

    It romanizes Hangul (Latin targets) or maps each syllable to a CJK ideograph (zh, ja); the
    output is not a translation, only text of the right script so the export gates pass.
    """

    id, version, quality = "instant", "1", "machine"

    def supports(self, source: str, target: str) -> bool:
        return source == "ko"

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        import re

        from klisting.translate.romanize import romanize

        hangul = re.compile(r"[\uac00-\ud7af]+")
        if target.startswith(("zh", "ja")):
            return [
                hangul.sub(
                    lambda m: "".join(chr(0x4E00 + (ord(c) - 0xAC00) % 8000) for c in m.group()), s
                )
                for s in segments
            ]
        return [hangul.sub(lambda m: romanize(m.group()), s) for s in segments]


def generate(folder: Path, count: int, seed: int = 7) -> Path:
    """A JSON catalog of ``count`` products with varied Korean titles, descriptions and options."""
    rng = random.Random(seed)
    products = []
    for n in range(count):
        words = " ".join(rng.sample(WORDS, 4))
        products.append(
            {
                "상품코드": f"B-{n:06d}",
                "상품명": f"{words} {rng.randint(1, 20) * 50}ml",
                "판매가": str(rng.randint(50, 900) * 100),
                "재고수량": rng.randint(0, 500),
                "카테고리": "생활/건강>주방용품",
                "브랜드": "하루담",
                "제조사": "(주)코스메랩",
                "원산지": "국산",
                "중량": f"{rng.randint(50, 3000)}g",
                "크기": "10x10x20cm",
                "옵션": "색상:블랙,화이트" if n % 5 == 0 else "",
                "상세설명": f"<p>{' '.join(rng.sample(WORDS, 6))} 상품입니다.</p><ul><li>{' '.join(rng.sample(WORDS, 3))}</li></ul>",
            }
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"catalog-{count}.json"
    path.write_text(json.dumps({"products": products}, ensure_ascii=False), encoding="utf-8")
    return path


def timed_run(
    catalog: Path, targets: list[str], work: Path, out: Path, engine: object, images: bool
) -> tuple[float, dict[str, float], object]:
    from klisting.pipeline.run import RunOptions, run

    options = RunOptions(
        catalog=catalog,
        targets=targets,
        out_dir=out,
        work_dir=work,
        engine=engine,
        images=images,
        jobs=2,
        profile={
            "eu_responsible_person": "EU Rep (benchmark)",
            "eu_responsible_name": "EU Rep (benchmark)",
        },
    )
    start = time.perf_counter()
    result = run(options)
    total = time.perf_counter() - start
    return total, {s.name: s.seconds for s in result.stages}, result


def sample_part(tmp: Path, engine: str) -> None:
    print(f"== sample catalog ({SAMPLE.name}), {len(ALL)} targets, engine {engine}, images on")
    first, first_stages, result = timed_run(SAMPLE, ALL, tmp / "work", tmp / "out", engine, True)
    again, again_stages, _ = timed_run(SAMPLE, ALL, tmp / "work", tmp / "out", engine, True)
    print(f"{'stage':<18}{'first s':>10}{'rerun s':>10}{'rerun/first':>13}")
    for name, seconds in first_stages.items():
        other = again_stages.get(name, 0.0)
        print(
            f"{name:<18}{seconds:>10.2f}{other:>10.2f}{(other / seconds if seconds > 0.005 else float('nan')):>13.3f}"
        )
    print(f"{'total':<18}{first:>10.2f}{again:>10.2f}{again / first:>13.3f}")
    exported = sum(len(b.exported) for b in result.bundles)
    print(
        f"products exported {exported} of {len(result.catalog.products) * len(ALL)}; images localized {result.images_localized}"
    )


def naive_text(catalog: Path, targets: list[str], work: Path, engine: object) -> float:
    """Baseline: translate per target (no sharing) and one service call per product."""
    from klisting.catalog import read_catalog
    from klisting.markets.targets import parse_target
    from klisting.translate.service import TranslationService

    start = time.perf_counter()
    products = read_catalog(catalog).products
    for number, target_id in enumerate(targets):
        target = parse_target(target_id)
        lang = (
            target.platform.language
            if target.platform.language.startswith("zh")
            else target.platform.language.split("-")[0]
        )
        with TranslationService(engine, work_dir=work / f"naive-{number}") as service:
            for product in products:
                service.translate_products(
                    [product],
                    lang,
                    market=target.market,
                    title_max_chars=target.platform.title.max_chars,
                )
    return time.perf_counter() - start


def scaling_part(tmp: Path, sizes: list[int], engine_name: str) -> None:
    engine = InstantEngine() if engine_name == "instant" else engine_name
    print(
        f"== text only, {len(TEXT_TARGETS)} targets ({', '.join(TEXT_TARGETS)}), engine {engine_name}"
    )
    print(f"{'products':>9}{'first s':>10}{'s/1k':>8}{'rerun s':>10}{'rerun/first':>13}")
    base = None
    for size in sizes:
        catalog = generate(tmp, size)
        work, out = tmp / f"w{size}", tmp / f"o{size}"
        first, _, _ = timed_run(catalog, TEXT_TARGETS, work, out, engine, False)
        again, _, _ = timed_run(catalog, TEXT_TARGETS, work, out, engine, False)
        per_k = first / size * 1000
        base = base or per_k
        print(
            f"{size:>9}{first:>10.2f}{per_k:>8.2f}{again:>10.2f}{again / first:>13.3f}   (s/1k vs {sizes[0]}: {per_k / base:.2f}x)"
        )
        if size == sizes[0]:
            naive = naive_text(catalog, TEXT_TARGETS, tmp / "naive", engine)
            fresh, _, _ = timed_run(
                catalog, TEXT_TARGETS, tmp / "w-fresh", tmp / "o-fresh", engine, False
            )
            print(
                f"          naive per-target/per-product translation of {size}: {naive:.2f} s; klisting run {fresh:.2f} s; "
                f"klisting/naive = {fresh / naive:.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--engine", default="auto", help="engine for the sample part")
    parser.add_argument(
        "--scale-engine",
        default="instant",
        help="engine for the scaling part: instant (klisting's own cost) or a real engine",
    )
    parser.add_argument("--skip-sample", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from klisting.translate.service import TranslationService

    tmp = Path(tempfile.mkdtemp(prefix="bench-run-"))
    try:
        with TranslationService(
            args.engine, work_dir=tmp / "warm"
        ) as service:  # load models once, outside the timings
            service.translate_texts(["수분 토너"], "en")
        if not args.skip_sample:
            sample_part(tmp / "sample", args.engine)
        scaling_part(tmp / "scale", [int(s) for s in args.sizes.split(",")], args.scale_engine)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
