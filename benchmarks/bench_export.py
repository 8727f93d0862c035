"""Benchmark the export bundle: write_bundle per-product cost at two catalog sizes, and the
exported/refused lookup against the naive baseline it replaced.

Part 1: write_bundle (gates, listing files, sidecar, schema check, report, zip) for shopify:us
and lazada:sg with N generated products (one small image each); seconds per 1,000 products at
N and 4N: close to constant means linear growth.

Part 2: the baseline measured in the same run: the old ``product in exported`` test, a list
membership with a field-by-field dataclass compare per product, against the positional flags
write_bundle uses now, over the same products (a tenth refused).

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


if __name__ == "__main__":
    main()
