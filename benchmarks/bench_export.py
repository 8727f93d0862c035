"""Benchmark the export bundle: write_bundle per-product cost at two catalog sizes, and the
exported/refused lookup against the naive baseline it replaced.

Part 1: write_bundle (gates, listing files, sidecar, schema check, report, zip) for shopify:us
and lazada:sg with N generated products (one small image each); seconds per 1,000 products at
N and 4N: close to constant means linear growth.

Part 2: the baseline measured in the same run: the old ``product in exported`` test, a list
membership with a field-by-field dataclass compare per product, against the positional flags
write_bundle uses now, over the same products (a tenth refused).

Part 3: report.html's pictures for a tall detail page with 20 text blocks shown by 9 bundles:
the naive way (decode the page once per block crop and per thumbnail, in every bundle) against
``export.report_assets`` (one decode per page for the run, bytes written per bundle).

Usage: .venv/bin/python benchmarks/bench_export.py [--size 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from klisting.export.bundle import write_bundle  # noqa: E402
from klisting.export.context import ListingSettings  # noqa: E402
from klisting.export.model import ExportImage, LocalizedProduct  # noqa: E402
from klisting.markets.targets import parse_target  # noqa: E402
from klisting.model import Money  # noqa: E402


def products(count: int, folder: Path, currency: str) -> list[LocalizedProduct]:
    folder.mkdir(parents=True, exist_ok=True)
    image = folder / "img.jpg"
    Image.new("RGB", (400, 400), (240, 240, 240)).save(image, "JPEG")
    out = []
    for n in range(count):
        sku = f"SKU-{n:06d}"
        out.append(
            LocalizedProduct(
                sku=sku, title=f"Hydrating Toner {n} 500ml", description="<p>Soothing toner.</p>",
                brand="Harudam", origin="KR", category="화장품>토너", price=Money(Decimal("14.99"), currency),
                stock=10, weight_g=Decimal(620), dimensions_cm=(Decimal(7), Decimal(7), Decimal(21)),
                images=[ExportImage(path=image, name=f"{sku}-01.jpg", source="x.jpg", width=400,
                                    height=400, bytes=image.stat().st_size)],
                row=n + 2,
            )
        )  # fmt: skip
    return out


def bundle_seconds(target_id: str, count: int, work: Path) -> float:
    target = parse_target(target_id)
    items = products(count, work, target.platform.currency)
    source = work / "catalog.csv"
    source.write_text("sku\n", encoding="utf-8")
    settings = ListingSettings(image_base_url="https://cdn.example.com/shop")
    start = time.perf_counter()
    write_bundle(
        target, items, work / "out", source=source, settings={"images": True}, listing=settings
    )
    return time.perf_counter() - start


def lookup_seconds(count: int, work: Path) -> tuple[float, float]:
    items = products(count, work, "USD")
    exported = [p for n, p in enumerate(items) if n % 10]
    refused = [p for n, p in enumerate(items) if not n % 10]
    start = time.perf_counter()
    naive = [product in exported for product in [*exported, *refused]]
    naive_s = time.perf_counter() - start
    start = time.perf_counter()
    flags = [flag for flag, _ in [*((True, p) for p in exported), *((False, p) for p in refused)]]
    keyed_s = time.perf_counter() - start
    assert naive == flags
    return naive_s, keyed_s


def report_asset_seconds(work: Path, bundles: int = 9, blocks: int = 20) -> tuple[float, float]:
    from klisting.export import report_assets

    work.mkdir(parents=True, exist_ok=True)
    page = work / "detail.jpg"
    Image.effect_noise((860, 4400), 40).convert("RGB").save(page, "JPEG", quality=90)
    boxes = [f"40,{y},820,{y + 60}" for y in range(100, 100 + blocks * 200, 200)]

    def naive(folder: Path) -> None:  # what bundle.py did before: a full decode per picture
        for n, bbox in enumerate(boxes):
            x0, y0, x1, y1 = (int(v) for v in bbox.split(","))
            with Image.open(page) as image:
                image.convert("RGB").crop((x0 - 8, y0 - 8, x1 + 8, y1 + 8)).save(
                    folder / f"c{n}.jpg", "JPEG", quality=80
                )
        with Image.open(page) as image:
            image = image.convert("RGB")
            image.thumbnail((420, 420 * 80))
            image.save(folder / "before.jpg", "JPEG", quality=70, optimize=True)

    def memoised(folder: Path) -> None:
        report_assets.write_block_crops(
            page, {b: folder / f"c{n}.jpg" for n, b in enumerate(boxes)}
        )
        report_assets.write_thumbnail(page, folder / "before.jpg")

    timings = []
    for name, write in (("naive", naive), ("memoised", memoised)):
        start = time.perf_counter()
        for bundle in range(bundles):
            folder = work / f"{name}-{bundle}"
            folder.mkdir(parents=True)
            write(folder)
        timings.append(time.perf_counter() - start)
    for n in range(blocks):  # the same pictures either way
        assert (work / "naive-0" / f"c{n}.jpg").read_bytes() == (
            work / "memoised-8" / f"c{n}.jpg"
        ).read_bytes()
    return timings[0], timings[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=500)
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory() as tmp:
        for target_id in ("shopify:us", "lazada:sg"):
            small = bundle_seconds(target_id, size, Path(tmp) / f"{target_id}-s".replace(":", "-"))
            large = bundle_seconds(
                target_id, size * 4, Path(tmp) / f"{target_id}-l".replace(":", "-")
            )
            per_small, per_large = small / size * 1000, large / (size * 4) * 1000
            print(f"{target_id}: {size} products {small:.2f} s ({per_small:.2f} s/1000), "
                  f"{size * 4} products {large:.2f} s ({per_large:.2f} s/1000): per-product cost "
                  f"x{per_large / per_small:.2f}")  # fmt: skip
        folder = Path(tmp) / "lookup"
        naive_s, keyed_s = lookup_seconds(size * 4, folder)
        print(f"exported/refused lookup over {size * 4} products: naive list membership "
              f"{naive_s:.3f} s, positional {keyed_s:.5f} s: {naive_s / max(keyed_s, 1e-9):.0f}x")  # fmt: skip
        naive_s, memo_s = report_asset_seconds(Path(tmp) / "assets")
        print(f"report pictures, 860x4400 page, 20 blocks, 9 bundles: naive {naive_s:.2f} s, "
              f"memoised {memo_s:.2f} s: {naive_s / memo_s:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
